"""Reading as a document (issue 14, items 13-16): worksheets sized by the methodology, the
guide's contents grouped by section, Spanish agreement of option labels, an ally's resources
as one list. The printed documents are read back with pdfplumber, as a person reads them."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pdfplumber
import pytest
from bs4 import BeautifulSoup

from generator.contract.models import Stage, Relationship, Outcome
from generator.render.pages import make_environment


@pytest.fixture(scope="module")
def hojas(example_site) -> list:
    """The worksheet set's pages: (text, tables) of each."""
    with pdfplumber.open(example_site / "impresos" / "hojas-de-trabajo.pdf") as pdf:
        return [(p.extract_text() or "", p.extract_tables(), p.rects) for p in pdf.pages]


def _filas_de(hojas, encabezado: str) -> list[list]:
    """Data rows of every table (across page breaks) whose first header cell is ``encabezado``."""
    filas = []
    for _, tablas, _ in hojas:
        for tabla in tablas:
            if tabla and tabla[0] and (tabla[0][0] or "").strip() == encabezado:
                filas += tabla[1:]
    return filas


def test_5rs_matrix_has_a_row_per_actor_with_room_for_three_roles(hojas, metodologia):
    medidas = metodologia.programme.hojas_de_trabajo.medidas
    assert (medidas.actores, medidas.roles_por_actor) == (10, 3)  # what session 2 asks for
    filas = _filas_de(hojas, "#")
    assert [f[0].strip() for f in filas] == [str(n) for n in range(1, 11)]
    for fila in filas:
        assert re.findall(r"\d\.", fila[3]) == ["1.", "2.", "3."]


def test_blank_ring_map_worksheet_has_both_halves_and_no_actor(example_site, hojas):
    texto = "\n".join(t for t, _, _ in hojas)
    assert "Mapa de anillos para llenar a mano" in texto
    # The figure's words come out of pdfplumber without their spaces.
    pagina = "".join(next(t for t, _, _ in hojas if "Mapa de anillos para llenar a mano" in t).split())
    assert "Resultadonegativo" in pagina and "Resultadopositivo" in pagina
    for ring in ("Fuerte", "Colaborativa", "Débil", "Conflictiva"):
        assert ring in pagina
    svg = (example_site / "figuras" / "mapa-sistema-en-blanco.svg").read_text(encoding="utf-8")
    # No actor of the example's matrix is drawn on the blank sheet.
    assert "Congreso" not in svg and "Universidad Regional" not in svg


def _renglones_bajo(pagina_pdf, texto_inicio: str, texto_fin: str | None) -> int:
    """Writing lines (0.8 cm rules) between two texts of one page."""
    words = pagina_pdf.extract_words()

    def y_de(frase: str) -> float:
        primera = frase.split()[0]
        for i, w in enumerate(words):
            if w["text"] == primera and " ".join(x["text"] for x in words[i:i + len(frase.split())]) == frase:
                return w["top"]
        raise AssertionError(f"{frase!r} not on the page")

    desde = y_de(texto_inicio)
    hasta = y_de(texto_fin) if texto_fin else pagina_pdf.height
    return len({(round(r["x0"]), round(r["top"])) for r in pagina_pdf.rects
                if 20 < r["height"] < 25 and r["width"] > 100 and desde < r["top"] < hasta})


def test_pitch_parts_give_their_word_budget_as_writing_lines(example_site, metodologia):
    por_renglon = metodologia.programme.hojas_de_trabajo.medidas.palabras_por_renglon
    with pdfplumber.open(example_site / "impresos" / "hojas-de-trabajo.pdf") as pdf:
        pagina = next(p for p in pdf.pages if "Tarjeta del discurso de elevador" in (p.extract_text() or ""))
        texto = pagina.extract_text()
        presupuestos = [int(n) for n in re.findall(r"Hasta (\d+) palabras", texto)]
        assert len(presupuestos) >= 2
        lineas = _renglones_bajo(pagina, f"Hasta {presupuestos[1]} palabras:", "3. Por qué aliarse")
    # The 40-second part: about 100 words, ten lines of handwriting, not one.
    assert presupuestos[1] >= 90
    assert lineas == math.ceil(presupuestos[1] / por_renglon)


def test_outcome_mapping_sheet_has_two_indicators_per_term_for_each_strategy(hojas, metodologia):
    medidas = metodologia.programme.hojas_de_trabajo.medidas
    tablas = [t for _, ts, _ in hojas for t in ts if t and t[0] == ["Plazo", "Indicador"]]
    assert len(tablas) == medidas.estrategias == 3
    for tabla in tablas:
        plazos = [f[0] for f in tabla[1:]]
        assert plazos == ["Corto plazo", "", "Mediano plazo", "", "Largo plazo", ""]
        assert [f[1].strip()[:2] for f in tabla[1:]] == ["1.", "2."] * 3


def test_worksheets_give_room_to_write_instead_of_chips(hojas):
    texto = "\n".join(t for t, _, _ in hojas)
    assert "por completar" not in texto
    # The Critical Route sheet: a question's answer cell holds ruled lines.
    pagina = next(i for i, (t, _, _) in enumerate(hojas) if "Ruta Crítica de un aliado" in t)
    filas = _filas_de(hojas[pagina:pagina + 3], "Recurso")
    assert len(filas) == 8 and all(f[1] == f[2] == "☐" for f in filas)


def test_guide_contents_are_grouped_by_section_with_its_page(example_site):
    with pdfplumber.open(example_site / "impresos" / "guia-facilitacion.pdf") as pdf:
        paginas = [p.extract_text() or "" for p in pdf.pages]
    lineas = [re.sub(r"\s*\.{2,}\s*", " ... ", l) for l in "\n".join(paginas[1:4]).splitlines()]
    secciones = ["Sesiones", "Productos de la organización", "Hojas de trabajo", "Metodología", "Conceptos"]
    donde = {}
    for i, linea in enumerate(lineas):
        m = re.fullmatch(r"(.+?) \.\.\. (\d+)", linea.strip())
        if m and m.group(1) in secciones and m.group(1) not in donde:
            donde[m.group(1)] = (i, int(m.group(2)))
    assert list(donde) == secciones
    for nombre, (i, pagina) in donde.items():
        # The section's page is its first entry's page, and that page starts with the entry.
        primera = re.fullmatch(r"(.+?) \.\.\. (\d+)", lineas[i + 1].strip())
        assert primera and int(primera.group(2)) == pagina
        assert primera.group(1)[:20] in " ".join(paginas[pagina - 1].split())
    # "Mapeo de resultados" is listed three times, once in each of three sections.
    mapeo = [i for i, l in enumerate(lineas) if l.startswith("Mapeo de resultados ...")]
    grupos = {max((n for n, (j, _) in donde.items() if j < i), key=lambda n: donde[n][0]) for i in mapeo}
    assert grupos == {"Productos de la organización", "Hojas de trabajo", "Conceptos"}


def test_option_labels_agree_with_a_feminine_noun(metodologia):
    env = make_environment(metodologia)
    template_name = env.from_string('la etapa {{ e | etiqueta("f") }}; el seguimiento {{ e | etiqueta }}')
    assert template_name.render(e=Stage.intermedio) == "la etapa intermedia; el seguimiento intermedio"
    assert env.from_string('{{ e | etiqueta("f") }}').render(e=Stage.final) == "final"
    assert env.from_string('{{ e | etiqueta("f") }}').render(e=Outcome.positivo) == "positiva"
    assert env.from_string('{{ e | etiqueta("f") }}').render(e=Relationship.debil) == "débil"


def test_follow_up_map_heading_agrees(example_site):
    texto = " ".join(BeautifulSoup((example_site / "productos" / "mapa-sistema.html").read_text(encoding="utf-8"),
                                   "html.parser").get_text(" ").split())
    assert "El mapa en la etapa intermedia junto a la línea base" in texto
    assert "etapa intermedio" not in texto


def _tabla_de_recursos(pagina: Path) -> list[list[str]]:
    soup = BeautifulSoup(pagina.read_text(encoding="utf-8"), "html.parser")
    encabezado = soup.find(id="1-recursos-y-activos") or soup.find(string=re.compile("Recursos y activos")).parent
    tabla = encabezado.find_next("table")
    return [[" ".join(c.get_text(" ").split()) for c in tr.find_all(["th", "td"])] for tr in tabla.find_all("tr")]


def test_ally_resources_are_one_list_with_the_shared_one_on_its_own_row(example_site):
    filas = _tabla_de_recursos(example_site / "productos" / "aliados" / "universidad-regional-del-norte.html")
    assert filas[0] == ["Recurso", "Lo tiene RCT", "Lo tiene Universidad Regional del Norte"]
    nombres = [f[0].removeprefix("★ ") for f in filas[1:]]
    assert len(nombres) == len(set(nombres)) == 5 + 3 - 1  # the shared one once
    compartidas = [f for f in filas[1:] if f[0].startswith("★")]
    assert compartidas == [["★ Laboratorio de datos", "Sí", "Sí"]]
    assert ["Revista académica", "—", "Sí"] in filas and ["Laboratorio de datos", "Sí", "—"] not in filas


# ------------------------------------------------------------------ materials (item 13)


def _filas_de_materiales(sitio: Path) -> dict[str, list[list[str]]]:
    """The programme materials page's tables, by the heading above each."""
    soup = BeautifulSoup((sitio / "sesiones" / "materiales.html").read_text(encoding="utf-8"), "html.parser")
    tablas = {}
    for tabla in soup.find("article").find_all("table"):
        titulo = " ".join(tabla.find_previous("h2").get_text(" ").replace("¶", "").split())
        tablas[titulo] = [[" ".join(c.get_text(" ").split()) for c in tr.find_all(["td", "th"])]
                          for tr in tabla.find_all("tr")[1:]]
    return tablas


def test_programme_materials_merge_by_id_and_show_computed_quantities(example_site):
    tablas = _filas_de_materiales(example_site)
    assert list(tablas) == ["Para comprar o reunir", "Para llevar o preparar", "Sesiones en línea"]
    nombres = [f[1] for f in tablas["Para comprar o reunir"] + tablas["Para llevar o preparar"]]
    assert len(nombres) == len(set(nombres))
    # The near-duplicates the issue found are one row each.
    for comienzo in ("Etiquetas adheribles", "Cámara o teléfono", "Rotafolios colocados", "Material descriptivo",
                     "Plumones", "Hojas de rotafolio"):
        assert len([n for n in nombres if n.startswith(comienzo)]) == 1, comienzo
    assert not [n for n in nombres if n.startswith("Rotafolio ") and "preimpreso" not in n
                and not n.startswith("Rotafolios colocados")]
    # What is counted has its quantity for the example's 4 participants (1 group): no "—".
    contados = {f[1]: f for f in tablas["Para comprar o reunir"]}
    assert all(re.fullmatch(r"\d+", f[2]) for f in contados.values()), contados
    assert contados["Plumones"][2] == "4"  # 1 per participant
    assert contados["Etiquetas adheribles para nombres (gafetes)"][2] == "4"
    assert "—" not in " ".join(" ".join(f) for f in tablas["Para comprar o reunir"])


def test_uses_of_one_id_merge_under_the_catalogue_name_with_its_quantity(metodologia):
    from generator.methodology.models import CartaDescriptiva
    from generator.plan.clock import materials_list

    carta = CartaDescriptiva.model_validate({
        "clave": 1, "titulo": "Prueba", "componente": "creacion_capacidades", "horas_nominales": 1,
        "niveles_recomendados": ["basico"], "objetivo": "x", "temario": ["x"], "perfil_participantes": ["x"],
        "productos_esperados": ["x"],
        "materiales_generales": [{"id": "rotafolio", "nombre": "Rotafolios", "en_linea": "pizarra"}],
        "actividades": [
            {"id": "a", "titulo": "A", "minutos": 30, "materiales": [
                {"id": "rotafolio", "nombre": "Rotafolio con los pasos", "cantidad": 2, "en_linea": "pizarra"},
                {"id": "plumones", "nombre": "Plumones de colores", "en_linea": "pizarra"}]},
            {"id": "b", "titulo": "B", "minutos": 30, "materiales": [
                {"id": "plumones", "nombre": "Plumones", "en_linea": "pizarra"}]}]})
    lista = {m.nombre: m for m in materials_list(carta, 12, metodologia.programme.ajustes, None,
                                                   metodologia.programme.materiales)}
    assert set(lista) == {"Hojas de rotafolio", "Plumones"}
    assert lista["Hojas de rotafolio"].cantidad == 3 * 1 + 2  # 1 per group (3 groups of 5) + 2 given
    assert lista["Plumones"].cantidad == 12  # 1 per participant, counted once
    # Online, what the shared board replaces is named once per id, as the catalogue names it.
    en_linea = {m.nombre: m for m in materials_list(carta, 12, metodologia.programme.ajustes,
                                                      metodologia.programme.webinar, metodologia.programme.materiales)}
    assert en_linea["Pizarra"].replaces == ("Hojas de rotafolio", "Plumones")


def test_every_content_material_id_is_in_the_catalogue(tmp_path, metodologia):
    import shutil

    from generator.exceptions import ContentError
    from generator.methodology import load_methodology

    copia = tmp_path / "content"
    shutil.copytree(metodologia.root, copia)
    carta = copia / "sesiones" / "sesion-1.yaml"
    carta.write_text(carta.read_text(encoding="utf-8").replace("id: plumones", "id: plumones-finos", 1),
                     encoding="utf-8")
    with pytest.raises(ContentError, match="plumones-finos"):
        load_methodology(copia)
