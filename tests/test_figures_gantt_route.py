from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from generator.figures.gantt import Bar, gantt
from generator.figures.critical_route import ruta_critica

NS = "{http://www.w3.org/2000/svg}"
D = dt.date
HOSTIL = '<b>x</b> & "q" {{ 7*7 }}'
ROTULOS = {"titulo": "Plan de trabajo", "actividad": "Actividad", "hitos": "Sesiones",
           "meses": "ene,feb,mar,abr,may,jun,jul,ago,sep,oct,nov,dic"}
ETAPAS = ["Identificación de recursos y bienes intercambiables", "Construcción de alianzas",
          "Debida diligencia", "Implementación de la Alianza Estratégica",
          "Evaluación del desempeño y métodos de reporte", "Sustentabilidad de la alianza"]
PLAN = [
    Bar("Sesiones de creación de capacidades", D(2027, 2, 4), D(2027, 2, 25)),
    Bar("Sesión 1 y taller de mapeo", D(2027, 2, 4), D(2027, 2, 11), nivel=1),
    Bar("Sesiones 2 y 3", D(2027, 2, 18), D(2027, 2, 25), nivel=1),
    Bar("Sesiones de trabajo", D(2027, 3, 4), D(2027, 3, 11),
          detail="Ruta Crítica aplicada y Plan de Alianzas Estratégicas"),
    Bar("Reporte anual de resultados de las alianzas", D(2027, 3, 15), D(2028, 2, 28)),
]


def raiz(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def con_clase(root: ET.Element, etiqueta: str, clase: str) -> list[ET.Element]:
    return [e for e in root.iter(NS + etiqueta) if clase in (e.get("class") or "").split()]


def leer(e: ET.Element) -> str:
    return " ".join(" ".join(e.itertext()).split())


def eje(root: ET.Element) -> tuple[D, float, float]:
    (g,) = con_clase(root, "g", "eje")
    return D.fromisoformat(g.get("data-inicio")), float(g.get("data-px-dia")), float(g.get("data-x0"))


def forma(etapa: ET.Element) -> tuple[float, float]:
    """Top-left corner of a stage's chevron."""
    puntos = [tuple(map(float, p.split(","))) for p in etapa.find(NS + "polygon").get("points").split()]
    return min(x for x, _ in puntos), min(y for _, y in puntos)


# Gantt


def test_gantt_bars_match_dates():
    root = raiz(gantt(PLAN, ROTULOS).svg)
    inicio, px_dia, x0 = eje(root)
    assert inicio == D(2027, 2, 1)
    barras = con_clase(root, "rect", "barra")
    assert len(barras) == len(PLAN)
    for rect in barras:
        a, b = D.fromisoformat(rect.get("data-inicio")), D.fromisoformat(rect.get("data-fin"))
        assert float(rect.get("x")) == pytest.approx(x0 + (a - inicio).days * px_dia, abs=0.006)
        assert float(rect.get("width")) == pytest.approx(((b - a).days + 1) * px_dia, abs=0.006)


def test_gantt_rows_in_input_order():
    barras = con_clase(raiz(gantt(PLAN, ROTULOS).svg), "rect", "barra")
    assert [r.get("data-nombre") for r in barras] == [b.nombre for b in PLAN]
    ys = [float(r.get("y")) for r in barras]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)


def test_gantt_sub_activities_indented_and_thinner():
    root = raiz(gantt(PLAN, ROTULOS).svg)
    nombres = con_clase(root, "text", "nombre")
    barras = con_clase(root, "rect", "barra")
    assert [leer(t) for t in nombres][1] == "Sesión 1 y taller de mapeo"
    x_nombre = [float(t.get("x")) for t in nombres]
    alto = [float(r.get("height")) for r in barras]
    for i, b in enumerate(PLAN):
        if b.nivel == 1:
            assert x_nombre[i] > x_nombre[0]
            assert alto[i] < alto[0]
        else:
            assert x_nombre[i] == x_nombre[0] and alto[i] == alto[0]


def test_gantt_month_labels_cover_span_across_year_boundary():
    root = raiz(gantt([Bar("Proyecto", D(2026, 11, 20), D(2027, 2, 3))], ROTULOS).svg)
    assert [leer(t) for t in con_clase(root, "text", "mes")] == ["nov", "dic", "ene", "feb"]
    assert [leer(t) for t in con_clase(root, "text", "anio")] == ["2026", "2027"]
    assert eje(root)[0] == D(2026, 11, 1)


def test_gantt_month_names_come_from_rotulos():
    rotulos = {**ROTULOS, "meses": "Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec"}
    figura = gantt([Bar("Tarea", D(2027, 1, 5), D(2027, 2, 3))], rotulos)
    assert [leer(t) for t in con_clase(raiz(figura.svg), "text", "mes")] == ["Jan", "Feb"]
    assert figura.alternative == "Tarea: 5 Jan 2027 – 3 Feb 2027"


def test_gantt_one_day_bar_has_positive_width():
    root = raiz(gantt([Bar("Cierre", D(2027, 3, 9), D(2027, 3, 9))], ROTULOS).svg)
    (rect,) = con_clase(root, "rect", "barra")
    assert float(rect.get("width")) == pytest.approx(eje(root)[1], abs=0.006)
    assert float(rect.get("width")) > 0


@pytest.mark.parametrize("fin", [D(2027, 1, 10), D(2027, 6, 30), D(2027, 12, 31), D(2028, 12, 31)])
def test_gantt_width_stays_reasonable(fin):
    root = raiz(gantt([Bar("Proyecto", D(2027, 1, 5), fin)], ROTULOS).svg)
    inicio, px_dia, _ = eje(root)
    dias = (D(fin.year + fin.month // 12, fin.month % 12 + 1, 1) - inicio).days
    assert 300 <= dias * px_dia <= 900
    if dias <= 366:
        assert px_dia >= 2


def test_gantt_milestones_only_when_given():
    sin = raiz(gantt(PLAN, {k: v for k, v in ROTULOS.items() if k != "hitos"}).svg)
    assert not con_clase(sin, "path", "hito")
    assert "Sesiones" not in [leer(t) for t in sin.iter(NS + "text")]
    con = raiz(gantt(PLAN, ROTULOS, hitos=[(D(2027, 2, 4), "S1"), (D(2027, 3, 11), "S6")]).svg)
    assert len(con_clase(con, "path", "hito")) == 2
    assert [leer(t) for t in con_clase(con, "text", "hito-etiqueta")] == ["S1", "S6"]
    assert "Sesiones" in [leer(t) for t in con.iter(NS + "text")]


def test_gantt_hostile_text_is_literal():
    rotulos = {**ROTULOS, "titulo": HOSTIL, "actividad": HOSTIL}
    figura = gantt([Bar(HOSTIL, D(2027, 2, 4), D(2027, 2, 25), detail=HOSTIL)], rotulos,
                   hitos=[(D(2027, 2, 4), HOSTIL)])
    root = raiz(figura.svg)
    assert root.find(NS + "title").text == HOSTIL
    assert con_clase(root, "rect", "barra")[0].get("data-nombre") == HOSTIL
    assert [leer(t) for t in root.iter(NS + "text")].count(HOSTIL) >= 3
    assert not list(root.iter("b")) and not list(root.iter(NS + "b"))
    assert HOSTIL in figura.alternative


def test_gantt_rejects_empty_and_reversed_bars():
    with pytest.raises(ValueError):
        gantt([], ROTULOS)
    with pytest.raises(ValueError):
        gantt([Bar("Al revés", D(2027, 3, 2), D(2027, 3, 1))], ROTULOS)


def test_gantt_is_deterministic_and_describes_every_bar():
    una, otra = (gantt(PLAN, ROTULOS, color="#0b6e4f", hitos=[(D(2027, 2, 4), "S1")]) for _ in range(2))
    assert una == otra
    assert "Sesiones de trabajo: 4 mar 2027 – 11 mar 2027" in una.alternative
    assert "Reporte anual de resultados de las alianzas: 15 mar 2027 – 28 feb 2028" in una.alternative


# Critical Route


def test_ruta_six_stages_left_to_right_in_two_rows():
    figura = ruta_critica(ETAPAS, {"titulo": "Ruta Crítica"})
    etapas = con_clase(raiz(figura.svg), "g", "etapa")
    assert [e.get("data-numero") for e in etapas] == ["1", "2", "3", "4", "5", "6"]
    esquinas = [forma(e) for e in etapas]
    fila1, fila2 = esquinas[:3], esquinas[3:]
    assert len({y for _, y in fila1}) == 1 and len({y for _, y in fila2}) == 1
    assert fila2[0][1] > fila1[0][1]
    for fila in (fila1, fila2):
        xs = [x for x, _ in fila]
        assert xs == sorted(xs) and len(set(xs)) == 3
    assert figura.ancho <= 900


def test_ruta_up_to_four_stages_in_one_row():
    etapas = con_clase(raiz(ruta_critica(ETAPAS[:4], {"titulo": "R"}).svg), "g", "etapa")
    assert len({forma(e)[1] for e in etapas}) == 1


def test_ruta_names_are_legible():
    root = raiz(ruta_critica(ETAPAS, {"titulo": "R"}).svg)
    assert all(float(t.get("font-size")) >= 12 for t in root.iter(NS + "text"))
    assert "Debida diligencia" in [leer(t) for t in root.iter(NS + "text")]


def test_ruta_destacada_marks_only_that_stage():
    root = raiz(ruta_critica(ETAPAS, {"titulo": "R"}, destacada=3).svg)
    assert [e.get("data-numero") for e in con_clase(root, "g", "destacada")] == ["3"]
    assert not con_clase(raiz(ruta_critica(ETAPAS, {"titulo": "R"}).svg), "g", "destacada")
    with pytest.raises(ValueError):
        ruta_critica(ETAPAS, {"titulo": "R"}, destacada=7)


def test_ruta_hostile_text_is_literal():
    figura = ruta_critica([HOSTIL, "Otra"], {"titulo": HOSTIL})
    root = raiz(figura.svg)
    assert root.find(NS + "title").text == HOSTIL
    assert HOSTIL in [leer(t) for t in root.iter(NS + "text")]
    assert not list(root.iter("b")) and not list(root.iter(NS + "b"))


def test_ruta_alternativa_lists_all_stages():
    assert ruta_critica(ETAPAS, {"titulo": "R"}).alternative == (
        "1. Identificación de recursos y bienes intercambiables; 2. Construcción de alianzas; "
        "3. Debida diligencia; 4. Implementación de la Alianza Estratégica; "
        "5. Evaluación del desempeño y métodos de reporte; 6. Sustentabilidad de la alianza")


@pytest.mark.parametrize("cuantas", [1, 9])
def test_ruta_rejects_too_few_or_too_many_stages(cuantas):
    with pytest.raises(ValueError):
        ruta_critica([f"Etapa {i}" for i in range(cuantas)], {"titulo": "R"})
