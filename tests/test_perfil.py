"""The public profile (``--public``) leaves internal data out of every output; the full profile
says on every page that it is internal."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from generator.paths import ORG_DATA_DIR
from generator.perfil import perfil_publico
from generator.pipeline import build_organization
from generator.validation import validate_file

EJEMPLO = ORG_DATA_DIR / "red-ciudadana.yaml"


def secretos() -> list[str]:
    """Every internal value of the example file, as the outputs would print it."""
    d = yaml.safe_load(EJEMPLO.read_text(encoding="utf-8"))
    valores = [p["nombre"] for p in d["participantes"]]
    valores += [p["correo"] for p in d["equipo_facilitador"] if p.get("correo")]
    valores += [e["enlace"] for e in d["calendario"] if e.get("enlace")]
    valores += [a["reglas"] for a in d["mapa_sistema"]["actores"] if a.get("reglas")]
    valores += [c["nota"] for s in d["mapa_sistema"]["seguimientos"] for c in s["cambios"] if c.get("nota")]
    for aliado in d["aliados_potenciales"]:
        valores += [v for v in (aliado.get("concesiones"), *(aliado.get("debida_diligencia") or {}).values()) if v]
    valores.append(d["discurso_elevador"]["vocero"])
    assert len(valores) >= 20
    return [" ".join(str(v).split()) for v in valores]


def textos(raiz: Path):
    """Every output file's text: pages, search index, figures, calendar, PDFs and DOCX."""
    for archivo in sorted(raiz.rglob("*")):
        if not archivo.is_file():
            continue
        if archivo.suffix == ".pdf":
            texto = " ".join(p.extract_text() or "" for p in PdfReader(archivo).pages)
        elif archivo.suffix == ".docx":
            with zipfile.ZipFile(archivo) as z:
                texto = " ".join(re.sub(r"<[^>]+>", "", z.read(n).decode("utf-8"))
                                 for n in z.namelist() if n.endswith(".xml"))
        elif archivo.suffix in (".html", ".json", ".svg", ".ics", ".xml", ".txt"):
            texto = archivo.read_text(encoding="utf-8").replace("\r\n ", "")  # .ics folds long lines
        else:
            continue
        yield archivo, " ".join(texto.replace("\\n", " ").split())


def fugas(raiz: Path) -> dict[str, list[str]]:
    encontrados: dict[str, list[str]] = {}
    lista = secretos()
    for archivo, texto in textos(raiz):
        for secreto in lista:
            if secreto in texto:
                encontrados.setdefault(secreto, []).append(archivo.relative_to(raiz).as_posix())
    return encontrados


@pytest.fixture(scope="module")
def sitio_publico(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("publico")
    return build_organization(EJEMPLO, out, build_root=tmp_path_factory.mktemp("build"), pdf=True,
                              publico=True).site_dir


def test_the_full_profile_carries_every_internal_value(example_site):
    """The check below can fail: in the team's own handbook every internal value is there."""
    assert set(fugas(example_site)) == set(secretos())


def test_the_public_profile_leaves_every_internal_value_out_of_every_output(sitio_publico):
    assert fugas(sitio_publico) == {}
    tipos = {a.suffix for a, _ in textos(sitio_publico)}
    assert {".html", ".json", ".svg", ".ics", ".pdf", ".docx"} <= tipos


def test_public_pages_say_what_was_left_out_and_keep_the_rest(sitio_publico):
    mapeo = (sitio_publico / "productos" / "mapeo-resultados.html").read_text(encoding="utf-8")
    assert "Votos" not in mapeo and "Índice anual de apertura con respaldo empresarial" in mapeo
    confianza = (sitio_publico / "productos" / "ecuacion-confianza.html").read_text(encoding="utf-8")
    assert "Confianza = (" not in confianza.replace("Confianza = (Credibilidad", "")
    aliado = (sitio_publico / "productos" / "aliados" / "camara-de-comercio-de-monterrey.html").read_text(
        encoding="utf-8")
    assert "no aparece en la versión pública" in aliado and "Desayuno con el comité" in aliado
    mapa = (sitio_publico / "productos" / "mapa-sistema.html").read_text(encoding="utf-8")
    assert "<th>Reglas</th>" not in mapa and "Cabildo de Monterrey" in mapa
    inicio = (sitio_publico / "index.html").read_text(encoding="utf-8")
    assert "el enlace se comparte con el grupo" in inicio and "falta el enlace" not in inicio
    sesion3 = (sitio_publico / "sesiones" / "sesion-3.html").read_text(encoding="utf-8")
    assert "Falta el enlace" not in sesion3


def test_the_full_profile_says_it_is_internal_on_every_page_and_the_public_one_does_not(
        example_site, sitio_publico):
    for pagina in example_site.rglob("*.html"):
        if pagina.name != "404.html":
            assert 'class="hb-interno"' in pagina.read_text(encoding="utf-8"), pagina
    assert not any('class="hb-interno"' in p.read_text(encoding="utf-8") for p in sitio_publico.rglob("*.html"))
    interna = PdfReader(example_site / "impresos" / "guia-facilitacion.pdf")
    assert all("Documento interno" in (p.extract_text() or "") for p in interna.pages[1:])
    publica = PdfReader(sitio_publico / "impresos" / "guia-facilitacion.pdf")
    assert not any("Documento interno" in (p.extract_text() or "") for p in publica.pages)


def test_redaction_happens_on_the_data(metodologia):
    org = validate_file(EJEMPLO, metodologia).data
    publico = perfil_publico(org)
    assert org.participantes and publico.participantes == []
    assert all(p.correo is None for p in publico.equipo_facilitador)
    assert all(e.enlace is None for e in publico.calendario)
    assert all(a.reglas is None for a in publico.mapa_sistema.actores)
    assert all(a.debida_diligencia is None and a.concesiones is None for a in publico.aliados_potenciales)
    assert all(e.votos == 0 for e in publico.plan_alianzas.estrategias_prioritarias)
    assert publico.ecuacion_confianza is None and publico.discurso_elevador.vocero is None
    # What the public may read stays.
    assert publico.mapa_sistema.actores[0].nombre == org.mapa_sistema.actores[0].nombre
    assert publico.aliados_potenciales[0].que_ofrecemos == org.aliados_potenciales[0].que_ofrecemos
