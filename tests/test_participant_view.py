"""What participants hold (issue 14, items 1–5): the participant rule of
``content/vista-participantes.yaml`` in the site and the participant PDFs, the dates on the
covers, the plan only where it belongs, no command-line or contract words in what people read,
and the plan's DOCX with its pictures. Built for the example and for a basic-level webinar
organization (``tests/fixtures/colectivo-basico-webinar.yaml``); PDFs read back with pdftotext."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest
from bs4 import BeautifulSoup
from pydantic import ValidationError

from generator.dates import long_date
from generator.methodology.models import PageView, ParticipantView
from generator.pipeline import build_organization
from generator.render.participant_view import mark_facilitation

FIXTURES = Path(__file__).parent / "fixtures"
BASICO_WEBINAR = FIXTURES / "colectivo-basico-webinar.yaml"


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    """What a reader sees in ``path`` (pdftotext, poppler), whitespace collapsed."""
    pages = ([f"-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
    out = subprocess.run(["pdftotext", *pages, str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(out.split())


def words(text: str, n: int = 8) -> str:
    """The first ``n`` words of ``text``: enough to recognise it wherever the PDF wraps it."""
    return " ".join(text.split()[:n])


@pytest.fixture(scope="module")
def basic_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("basico")
    return build_organization(BASICO_WEBINAR, out, build_root=tmp_path_factory.mktemp("build"), pdf=True).site_dir


@pytest.fixture(scope="module", params=["example", "basic"])
def site(request, example_site, basic_site) -> Path:
    return example_site if request.param == "example" else basic_site


def participant_pdfs(site: Path) -> list[Path]:
    return sorted(p for p in (site / "impresos").glob("*.pdf")
                  if p.stem.startswith(("sesion-", "mapeo", "hojas-de-trabajo")))


# ------------------------------------------------------------------ the rule, as data


def test_the_rule_names_every_part_once():
    partes = ["datos", "objetivo"]
    with pytest.raises(ValidationError, match="every part once"):
        ParticipantView.model_validate({"sesion": {"participantes": partes, "facilitacion": partes},
                                        "conceptos": {}, "sitio": {}})


def test_concept_sections_and_paragraphs_named_by_the_rule_are_wrapped():
    regla = PageView(secciones_de_facilitacion=["Cómo se usa"], parrafos_de_facilitacion=["Lo que deja"])
    md = ("# Concepto\n\nTexto.\n\n**Lo que deja para la facilitación.** Un consejo\nen dos líneas.\n\n"
          "Otro párrafo.\n\n## Cómo se usan en la Sesión 1\n\n1. Presentar el caso.\n\n"
          "### Detalle\n\nMás.\n\n## Otra sección\n\nVisible.\n")
    out = mark_facilitation(md, regla)
    online_blocks = re.findall(r'<div class="hb-facilitador" markdown>(.*?)</div>', out, re.S)
    assert len(online_blocks) == 2
    assert "Un consejo\nen dos líneas." in online_blocks[0] and "Otro párrafo" not in online_blocks[0]
    assert "1. Presentar el caso." in online_blocks[1] and "### Detalle" in online_blocks[1]
    assert "Visible." not in "".join(online_blocks) and "Texto." not in "".join(online_blocks)


# ------------------------------------------------------------------ item 1: participant PDFs and view


def facilitator_texts(metodologia) -> list[str]:
    """Every text the rule keeps for facilitation: steps, notes and materials of every activity."""
    textos = []
    for carta in metodologia.cartas.values():
        for item in carta.actividades:
            textos += item.pasos + item.notas
    return textos


def test_no_facilitator_text_in_any_participant_pdf(site, metodologia):
    textos = [words(t) for t in facilitator_texts(metodologia)]
    pdfs = participant_pdfs(site)
    assert len(pdfs) >= 6
    for pdf in pdfs:
        texto = pdf_text(pdf)
        fuera = [t for t in textos if t in texto]
        assert fuera == [], f"{pdf.name}: {fuera[:3]}"
        for frase in ("Pasos", "Materiales:", "Lo que deja para la facilitación", "Cómo se usan en la Sesión",
                      "Cómo se trabajan en la Sesión", "la metodología anuncia", "Nota para la persona facilitadora",
                      "Lista de materiales", "Recursos en línea", "Falta el enlace"):
            assert frase not in texto, f"{pdf.name}: {frase}"


def test_participant_chapter_keeps_what_participants_work_with(example_site, metodologia):
    texto = pdf_text(example_site / "impresos" / "sesion-1.pdf")
    carta = metodologia.carta(1)
    assert words(carta.objetivo) in " ".join(texto.split())
    preguntas = [p for item in carta.actividades for p in item.preguntas]
    assert preguntas and all(words(p, 6) in texto for p in preguntas)
    assert all(item.titulo in texto for item in carta.actividades if item.tipo == "actividad")
    assert all(words(p, 5) in texto for p in carta.productos_esperados)


def test_the_guide_keeps_the_facilitation(example_site, metodologia):
    texto = pdf_text(example_site / "impresos" / "guia-facilitacion.pdf")
    assert all(words(p) in texto for p in metodologia.carta(1).actividades[0].pasos)
    assert "Cómo se usan en la Sesión 1" in texto and "Lo que deja para la facilitación" in texto


def test_participant_view_of_the_site_hides_the_same_parts(example_site, metodologia):
    """The view switch hides ``.hb-facilitador``: every step, the internal notice and the guide's
    download button carry it; the questions do not."""
    pagina = BeautifulSoup((example_site / "sesiones" / "sesion-1.html").read_text(encoding="utf-8"), "html.parser")
    ocultos = " ".join(e.get_text(" ") for e in pagina.select(".hb-facilitador"))
    ocultos = " ".join(ocultos.split())
    carta = metodologia.carta(1)
    assert all(words(p) in ocultos for item in carta.actividades for p in item.pasos)
    assert not any(words(p, 6) in ocultos for item in carta.actividades for p in item.preguntas)
    assert pagina.select_one(".hb-interno.hb-facilitador") is not None
    guia = [a for a in pagina.select("a.hb-descarga") if "guia-facilitacion" in a["href"]]
    capitulo = [a for a in pagina.select("a.hb-descarga") if "sesion-1.pdf" in a["href"]]
    assert guia and "hb-facilitador" in guia[0]["class"]
    assert capitulo and "hb-facilitador" not in capitulo[0]["class"]
    concepto = BeautifulSoup((example_site / "conceptos" / "casos-exito.html").read_text(encoding="utf-8"),
                             "html.parser")
    titulos = [h.get_text(" ", strip=True) for h in concepto.select(".hb-facilitador h2")]
    assert any(t.startswith("Cómo se usan en la Sesión 1") for t in titulos)


# ------------------------------------------------------------------ item 2: dates on the covers


def test_each_chapter_carries_its_sessions_date_and_place(example_site):
    from generator.contract.validation import validate_file

    from conftest import EXAMPLE

    org = validate_file(EXAMPLE).data
    for entrada in org.calendario:
        slug = "mapeo" if entrada.sesion == "mapeo" else f"sesion-{entrada.sesion}"
        pdf = example_site / "impresos" / f"{slug}.pdf"
        if not pdf.exists():
            continue
        cover = pdf_text(pdf, 1, 1)
        assert long_date(entrada.fecha)[1:] in cover, slug
        assert (" ".join(entrada.lugar.split()) if entrada.lugar else "Sesión en línea") in cover, slug
    # The last session's date is on its own chapter only.
    ultima = max(e.fecha for e in org.calendario)
    assert long_date(ultima)[1:] not in pdf_text(example_site / "impresos" / "sesion-1.pdf", 1, 1)


def test_guide_and_plan_carry_the_edition_date(example_site):
    for nombre in ("guia-facilitacion.pdf", "plan-alianzas.pdf"):
        assert "Edición del" in pdf_text(example_site / "impresos" / nombre, 1, 1)


def test_online_chapter_says_so_on_its_cover(basic_site):
    cover = pdf_text(basic_site / "impresos" / "sesion-1.pdf", 1, 1)
    assert "1 de marzo de 2027" in cover and "Sesión en línea" in cover


# ------------------------------------------------------------------ item 3: the plan where it belongs


def test_a_basic_organization_without_plan_data_gets_no_plan(basic_site):
    assert not (basic_site / "productos" / "plan-alianzas.html").exists()
    assert not list((basic_site / "impresos").glob("plan-alianzas.*"))
    inicio = " ".join(BeautifulSoup((basic_site / "index.html").read_text(encoding="utf-8"),
                                    "html.parser").get_text(" ").split())
    assert "el siguiente paso es mapeo de resultados y, a partir de él, el Plan de Alianzas Estratégicas" in inicio
    assert "Plan de Alianzas" not in " ".join(a.get_text() for a in BeautifulSoup(
        (basic_site / "index.html").read_text(encoding="utf-8"), "html.parser").select("nav a"))


def test_a_basic_organization_with_plan_data_keeps_its_plan(write_org, tmp_path):
    texto = BASICO_WEBINAR.read_text(encoding="utf-8") + (
        "plan_alianzas:\n  conclusiones: Seguiremos trabajando con los comités.\n")
    file_name = write_org(texto, slug="con-plan")
    sitio = build_organization(file_name, tmp_path / "out", build_root=tmp_path / "build").site_dir
    assert (sitio / "productos" / "plan-alianzas.html").exists()


# ------------------------------------------------------------------ item 4: no command-line words


CLI_OR_CONTRACT = re.compile(r"handbook |--public|--pdf|validate|campo `|campo <code>|por completar: [a-z]+_"
                             r"|\b[a-z]+_[a-z_]+(\.[a-z_]+|\[\d+\])+")


def test_no_command_line_or_contract_words_in_what_people_read(site):
    for pagina in site.rglob("*.html"):
        texto = BeautifulSoup(pagina.read_text(encoding="utf-8"), "html.parser")
        for oculto in texto.select("script, style"):
            oculto.decompose()
        encontrado = CLI_OR_CONTRACT.search(texto.get_text(" "))
        assert encontrado is None, f"{pagina.relative_to(site)}: {encontrado.group(0)}"
    for pdf in (site / "impresos").glob("*.pdf"):
        encontrado = CLI_OR_CONTRACT.search(pdf_text(pdf))
        assert encontrado is None, f"{pdf.name}: {encontrado.group(0)}"


# ------------------------------------------------------------------ item 5: the plan's DOCX


def test_plan_docx_has_logo_map_and_gantt_as_pictures_and_joined_paragraphs(example_site):
    documento = docx.Document(str(example_site / "impresos" / "plan-alianzas.docx"))
    descripciones = [s._inline.docPr.get("descr") for s in documento.inline_shapes]
    assert any(d.startswith("Logo de") for d in descripciones)
    assert "Mapa del sistema" in " ".join(descripciones) and "Plan de trabajo" in " ".join(descripciones)
    imagenes = [p for p in documento.part.package.parts if p.content_type == "image/png"]
    assert len(imagenes) >= 3 and all(i.blob.startswith(b"\x89PNG") for i in imagenes)
    textos = [p.text for p in documento.paragraphs]
    # The semblanza's two paragraphs, each one Word paragraph with its wrapped lines joined.
    assert any(t.startswith("La Red Ciudadana por la Transparencia nació en 2014 cuando un grupo de vecinas y "
                            "vecinos de Monterrey") for t in textos)
    assert any(t.startswith("Hoy acompaña a comités ciudadanos de cinco municipios, capacita a jóvenes en "
                            "solicitudes") for t in textos)
    assert not any("\n" in t or "\v" in t for t in textos if t.startswith(("La Red Ciudadana", "Hoy acompaña")))
