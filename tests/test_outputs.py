"""Printed outputs as a registry (generator.outputs): each output is one class behind one
interface, and adding one is one module and one registration."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import material

from conftest import EXAMPLE, MINIMAL
from generator import outputs
from generator.outputs.base import Output, PlannedHandbook, PrintJob
from generator.pipeline import build_organization
from generator.plan.handbook import plan_handbook
from generator.contract.validation import validate_file
from generator.structure import PlannedDocument

MATERIAL_ICONS = Path(material.__file__).parent / "templates" / ".icons"


def test_every_registered_output_has_a_name_a_label_and_an_icon(metodologia):
    nombres = [o.name for o in outputs.OUTPUTS]
    assert len(nombres) == len(set(nombres)) and outputs.OUTPUTS_BY_NAME == dict(zip(nombres, outputs.OUTPUTS))
    for output in outputs.OUTPUTS:
        assert isinstance(output, Output)
        assert metodologia.programme.impresion.descargar[output.extension].strip(), output.name
        assert (MATERIAL_ICONS / f"{output.icon}.svg").is_file(), output.icon


def test_the_planned_documents_are_each_outputs_own_in_registration_order(metodologia):
    handbook = plan_handbook(validate_file(EXAMPLE, metodologia), metodologia, pdf=True)
    paginas = [p for p in handbook.paginas if not p.ruta.startswith("kits/")]  # planned from the documents
    planned = PlannedHandbook(handbook.sesiones, paginas, metodologia, handbook.org)
    primeros = [d for o in outputs.OUTPUTS if not o.gathers for d in o.plan(planned)]
    reunidos = PlannedHandbook(handbook.sesiones, paginas, metodologia, handbook.org, tuple(primeros))
    assert handbook.documentos == primeros + [d for o in outputs.OUTPUTS if o.gathers for d in o.plan(reunidos)]
    assert [d.tipo for d in handbook.documentos[-len(handbook.sesiones):]] == ["kit"] * len(handbook.sesiones)
    for documento in handbook.documentos:
        output = outputs.OUTPUTS_BY_NAME[documento.tipo]
        assert documento.file_name.startswith(f"{outputs.FOLDER}/") and documento.file_name.endswith(f".{output.extension}")


class _Ficha(Output):
    """A new output, as a developer would add one: one class, one registration."""

    name = "ficha"
    extension = "docx"
    icon = "material/file-word-box"

    def plan(self, planned: PlannedHandbook) -> list[PlannedDocument]:
        return [self.document("ficha", "Ficha de la organización", ["index.md"])]

    def write(self, documento: PlannedDocument, job: PrintJob) -> None:
        (job.sitio / documento.file_name).write_text(job.handbook.org.organizacion.nombre, encoding="utf-8")


def test_a_new_output_is_one_class_and_one_registration(write_org, tmp_path, metodologia, monkeypatch):
    ficha = _Ficha()
    monkeypatch.setattr(outputs, "OUTPUTS", (ficha,))  # only it, so the test prints nothing else
    monkeypatch.setitem(outputs.OUTPUTS_BY_NAME, ficha.name, ficha)
    file_name = write_org(MINIMAL)
    sitio = build_organization(file_name, tmp_path / "site", build_root=tmp_path / "build", metodologia=metodologia,
                               pdf=True).site_dir
    assert (sitio / "impresos" / "ficha.docx").read_text(encoding="utf-8") == "Colectivo Ejemplo, A.C."
    inicio = (sitio / "index.html").read_text(encoding="utf-8")
    (enlace,) = re.findall(r'<a class="md-button hb-descarga"[^>]*>.*?</a>', inicio, re.S)
    assert 'href="./impresos/ficha.docx"' in enlace
    assert "<svg" in enlace  # the output's icon
    etiqueta = metodologia.programme.impresion.descargar["docx"]
    assert f"{etiqueta}: Ficha de la organización" in enlace
    assert sorted(p.name for p in (sitio / "impresos").iterdir()) == ["ficha.docx"]


class _Carteles(Output):
    """A kit file of another kind, as the printables add theirs: it only sets the kit fields."""

    name = "carteles"
    extension = "pdf"
    icon = "material/file-pdf-box"

    def plan(self, planned: PlannedHandbook) -> list[PlannedDocument]:
        return [PlannedDocument(f"{outputs.FOLDER}/{s.slug}-cartel.pdf", f"Cartel <b>{{{{ 7*7 }}}}</b> {s.etiqueta}", self.name,
                          [], kit_session=s.slug, copies=3, print_size="Tabloide") for s in planned.sesiones]

    def write(self, documento: PlannedDocument, job: PrintJob) -> None:
        (job.sitio / documento.file_name).write_bytes(documento.titulo.encode())


def test_a_new_kit_file_joins_its_sessions_zip_and_checklist_without_code_changes(write_org, tmp_path, metodologia,
                                                                                  monkeypatch):
    from bs4 import BeautifulSoup

    from generator.outputs.kits import SessionKitZip

    registro = (SessionKitZip(), _Carteles())  # the gathering output listed first: still planned last
    monkeypatch.setattr(outputs, "OUTPUTS", registro)
    for output in registro:
        monkeypatch.setitem(outputs.OUTPUTS_BY_NAME, output.name, output)
    sitio = build_organization(write_org(MINIMAL), tmp_path / "site", build_root=tmp_path / "build",
                               metodologia=metodologia, pdf=True).site_dir
    with zipfile.ZipFile(sitio / "impresos" / "sesion-1-kit.zip") as file_name:
        assert file_name.namelist() == ["sesion-1-cartel.pdf"]
        assert file_name.read("sesion-1-cartel.pdf") == "Cartel <b>{{ 7*7 }}</b> Sesión 1".encode()
    lista = BeautifulSoup((sitio / "kits" / "sesion-1.html").read_text(encoding="utf-8"), "html.parser")
    filas = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in lista.select("article table tr")[1:]]
    assert filas == [["Cartel <b>{{ 7*7 }}</b> Sesión 1", "3", "Tabloide"]]
    assert lista.select_one("article table a")["href"] == "../impresos/sesion-1-cartel.pdf"
    preparar = (sitio / "kits" / "index.html").read_text(encoding="utf-8")
    assert 'href="../impresos/sesion-1-kit.zip"' in preparar
