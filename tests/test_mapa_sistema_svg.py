"""The ring map of the local system (generator.figures.system_map): placement, safety, text."""

from __future__ import annotations

import math
import random
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest

from generator.contract.models import Actor, Relacion, Sector
from generator.figures.system_map import COLORES, mapa_anillos

NS = "{http://www.w3.org/2000/svg}"
ROTULOS = {
    "titulo": "Mapa del sistema", "positivo": "Resultado positivo", "negativo": "Resultado negativo",
    "sin_resultado": "Resultado sin registrar", "sin_relacion": "Sin relación registrada",
    "recursos": "Recursos", "reglas": "Reglas", "leyenda_sectores": "Sectores", "anillos": "Relación",
}
ORG = "Red Ciudadana por la Transparencia, A.C."
ANILLOS = [r.value for r in Relacion] + ["sin_relacion"]
SECTORES = [s.value for s in Sector]
HOSTIL = '{{ 7*7 }} <b>x</b> & "q"'


def actor(nombre: str, **campos) -> Actor:
    return Actor.model_validate({"nombre": nombre, **campos})


@dataclass
class Tarjeta:
    nombre: str
    anillo: str
    lado: str
    x: float
    y: float
    ancho: float
    alto: float
    rect: ET.Element
    grupo: ET.Element

    @property
    def centro(self) -> tuple[float, float]:
        return self.x + self.ancho / 2, self.y + self.alto / 2


@dataclass
class Mapa:
    raiz: ET.Element
    tarjetas: list[Tarjeta]
    fichas: list[Tarjeta]  # the key below the rings (anillo and lado are None)
    anillos: dict[str, tuple[float, float]]  # key -> (inner radius, outer radius)
    centro: tuple[float, float, float]  # cx, cy, r
    caja: tuple[float, float, float, float]  # viewBox


def leer(svg: str) -> Mapa:
    """Cards, rings, centre and viewBox, read from the SVG's attributes."""
    raiz = ET.fromstring(svg)
    grupos: dict[str, list[Tarjeta]] = {"actor": [], "ficha": []}
    for g in raiz.iter(f"{NS}g"):
        if g.get("class") in grupos:
            rect = g.find(f"{NS}rect")
            assert rect is not None and "transform" not in g.attrib and "transform" not in rect.attrib
            grupos[g.get("class")].append(
                Tarjeta(g.get("data-actor"), g.get("data-anillo"), g.get("data-lado"),
                        *(float(rect.get(a)) for a in ("x", "y", "width", "height")), rect, g))
    anillos, centro = {}, None
    for c in raiz.iter(f"{NS}circle"):
        if c.get("class") == "anillo":
            anillos[c.get("data-anillo")] = (float(c.get("data-r-interior")), float(c.get("data-r-exterior")))
        elif c.get("class") == "centro":
            centro = (float(c.get("cx")), float(c.get("cy")), float(c.get("r")))
    assert centro is not None
    caja = tuple(float(v) for v in raiz.get("viewBox").split())
    return Mapa(raiz, grupos["actor"], grupos["ficha"], anillos, centro, caja)


def comprobar_geometria(mapa: Mapa) -> None:
    """No overlaps (gap >= 4), off the centre, inside the viewBox, each card in its ring band and side."""
    cx, cy, r = mapa.centro
    x0, y0, ancho, alto = mapa.caja
    assert x0 == 0 and y0 == 0
    for t in mapa.tarjetas:
        assert 0 <= t.x and t.x + t.ancho <= ancho and 0 <= t.y and t.y + t.alto <= alto, t.nombre
        cercano = math.hypot(max(t.x - cx, 0, cx - t.x - t.ancho), max(t.y - cy, 0, cy - t.y - t.alto))
        assert cercano > r, t.nombre
        tx, ty = t.centro
        r_in, r_ex = mapa.anillos[t.anillo]
        assert r_in < math.hypot(tx - cx, ty - cy) < r_ex, (t.nombre, t.anillo)
        if t.lado == "positivo":
            assert tx > cx, t.nombre
        elif t.lado == "negativo":
            assert tx < cx, t.nombre
        else:
            assert t.lado == "sin_resultado" and ty > cy, t.nombre
    for grupo in (mapa.tarjetas, mapa.fichas):
        for i, a in enumerate(grupo):
            for b in grupo[i + 1:]:
                separadas = (a.x + a.ancho + 4 <= b.x or b.x + b.ancho + 4 <= a.x
                             or a.y + a.alto + 4 <= b.y or b.y + b.alto + 4 <= a.y)
                assert separadas, (a.nombre, b.nombre)
    # The key: one card per actor, in the same order, below the outer ring and inside the figure.
    assert [f.nombre for f in mapa.fichas] == [t.nombre for t in mapa.tarjetas]
    radio = max((ex for _, ex in mapa.anillos.values()), default=r)
    for f in mapa.fichas:
        assert f.y > cy + radio and 0 <= f.x and f.x + f.ancho <= ancho and f.y + f.alto <= alto, f.nombre
    radios = [mapa.anillos[k] for k in ANILLOS if k in mapa.anillos]
    assert all(ex <= sig_in for (_, ex), (sig_in, _) in zip(radios, radios[1:]))
    assert radios[0][0] >= r


def nombre(t: Tarjeta) -> ET.Element:
    return next(e for e in t.grupo.iter(f"{NS}text") if e.get("class") == "nombre")


def numero(t: Tarjeta) -> str:
    return next(textos(e) for e in t.grupo.iter(f"{NS}text") if e.get("class") == "numero")


def textos(elemento: Mapa | ET.Element) -> str:
    """All the text drawn (in a map or inside one element), one space between lines."""
    raiz = elemento.raiz if isinstance(elemento, Mapa) else elemento
    return " ".join(" ".join(t.itertext()) for t in raiz.iter(f"{NS}text"))


def leyenda(mapa: Mapa, clase: str, atributo: str) -> list[str]:
    return [g.get(atributo) for g in mapa.raiz.iter(f"{NS}g") if g.get("class") == clase]


def al_azar(semilla: int, n: int, **fijos) -> list[Actor]:
    """``n`` actors with long names (60+ characters), many resources and rules; ``fijos`` overrides fields."""
    rng = random.Random(semilla)
    palabras = ("Consejo Instituto Municipal Red Fundación Cámara Comité Vecinal Universidad Periódico "
                "Asociación Colectivo Coordinadora Observatorio").split()
    actores = []
    for i in range(n):
        nombre = f"{i} " + " ".join(rng.choice(palabras) for _ in range(rng.randint(6, 10)))
        campos = {
            "sector": rng.choice(SECTORES + [None]),
            "relacion": rng.choice([r.value for r in Relacion] + [None]),
            "resultado": rng.choice(["positivo", "negativo", None]),
            "recursos": [rng.choice(palabras).lower() + " " + rng.choice(palabras).lower()
                         for _ in range(rng.randint(0, 8))],
            "reglas": rng.choice([None, "Asambleas mensuales abiertas; deciden por mayoría y publican sus actas "
                                        "en el portal del municipio cada trimestre."]),
        }
        campos.update(fijos)
        actores.append(actor(nombre.ljust(60, "x"), **campos))
    return actores


VARIADO = [
    actor("Cabildo de Monterrey", sector="gobierno", relacion="debil", resultado="negativo",
          recursos=["Información presupuestal", "Audiencias públicas"], reglas="Solicitudes por escrito."),
    actor("Instituto Estatal de Transparencia", sector="gobierno", relacion="fuerte", resultado="positivo",
          recursos=["Capacitación"]),
    actor("Universidad Regional del Norte", sector="academia", relacion="colaborativa", resultado="positivo",
          reglas="Todo proyecto pasa por el comité académico."),
    actor("Cámara de Comercio", sector="privado", relacion="debil", resultado="positivo"),
    actor("Periódico El Vigía", sector="medios", relacion="colaborativa", resultado="negativo"),
    actor("Constructora del Norte", sector="privado", relacion="conflictiva", resultado="negativo"),
    actor("Comités vecinales", sector="comunitario", relacion="fuerte", resultado="negativo"),
    actor("Fundación Regia", sector="sociedad_civil", relacion="conflictiva", resultado="positivo"),
]


def test_cada_actor_en_su_anillo_y_lado_y_la_leyenda_lista_los_sectores_presentes():
    figura = mapa_anillos(ORG, VARIADO, ROTULOS)
    mapa = leer(figura.svg)
    comprobar_geometria(mapa)
    esperado = [(a.nombre, a.relacion.value, a.resultado.value) for a in VARIADO]
    assert [(t.nombre, t.anillo, t.lado) for t in mapa.tarjetas] == esperado
    assert list(mapa.anillos) == ["conflictiva", "debil", "colaborativa", "fuerte"]  # drawn from the outside in
    assert leyenda(mapa, "leyenda-sector", "data-sector") == [
        "gobierno", "sociedad_civil", "privado", "academia", "medios", "comunitario"]
    assert leyenda(mapa, "leyenda-anillo", "data-anillo") == ["fuerte", "colaborativa", "debil", "conflictiva"]
    todo = textos(mapa)
    for rotulo in ("Fuerte", "Colaborativa", "Débil", "Conflictiva", "Resultado positivo", "Resultado negativo",
                   ORG.split()[0], "Recursos: Información presupuestal, Audiencias públicas"):
        assert rotulo in todo
    assert "Resultado sin registrar" not in todo and "Sin relación registrada" not in todo
    fuentes = [float(t.get("font-size")) for t in mapa.raiz.iter(f"{NS}text")]
    assert min(fuentes) >= 10
    assert figura.ancho == mapa.caja[2] and figura.alto == mapa.caja[3]


def test_cuarenta_actores_al_azar_con_textos_largos_no_se_enciman():
    actores = al_azar(2024, 40)
    mapa = leer(mapa_anillos(ORG, actores, ROTULOS).svg)
    assert len(mapa.tarjetas) == 40
    comprobar_geometria(mapa)
    # Long names are cut to three lines ending in "…" in the rings; the key has room for more.
    lineas = [len(list(nombre(t))) for t in mapa.tarjetas]
    assert max(lineas) == 3
    assert max(len(list(nombre(f))) for f in mapa.fichas) > 3
    assert "…" in textos(mapa)
    # Every card shows its number, and the key card with the same number is the same actor's.
    numeros = [t.grupo.get("data-numero") for t in mapa.tarjetas]
    assert numeros == [str(i) for i in range(1, 41)]
    assert [f.grupo.get("data-numero") for f in mapa.fichas] == numeros
    for t in mapa.tarjetas[:3] + mapa.fichas[:3]:
        assert numero(t) == t.grupo.get("data-numero")


@pytest.mark.parametrize("relacion, resultado", [("fuerte", "positivo"), ("conflictiva", "negativo"), (None, None)])
def test_cuarenta_actores_en_el_mismo_anillo_y_lado_no_se_enciman(relacion, resultado):
    actores = al_azar(7, 40, relacion=relacion, resultado=resultado)
    mapa = leer(mapa_anillos(ORG, actores, ROTULOS).svg)
    assert len(mapa.tarjetas) == 40
    assert {(t.anillo, t.lado) for t in mapa.tarjetas} == {(relacion or "sin_relacion", resultado or "sin_resultado")}
    comprobar_geometria(mapa)


def test_datos_faltantes_van_al_anillo_sin_relacion_a_la_cuna_inferior_y_al_color_otro():
    actores = [
        actor("Sin relación", sector="medios", resultado="positivo"),
        actor("Sin resultado", sector="academia", relacion="fuerte"),
        actor("Sin sector", relacion="debil", resultado="negativo"),
        actor("Sector otro", sector="otro", relacion="debil", resultado="positivo"),
    ]
    mapa = leer(mapa_anillos(ORG, actores, ROTULOS).svg)
    comprobar_geometria(mapa)
    por_nombre = {t.nombre: t for t in mapa.tarjetas}
    assert (por_nombre["Sin relación"].anillo, por_nombre["Sin relación"].lado) == ("sin_relacion", "positivo")
    assert (por_nombre["Sin resultado"].anillo, por_nombre["Sin resultado"].lado) == ("fuerte", "sin_resultado")
    assert por_nombre["Sin sector"].rect.get("fill") == por_nombre["Sector otro"].rect.get("fill") == \
        COLORES[Sector.otro][0]
    assert list(mapa.anillos) == ["sin_relacion", "conflictiva", "debil", "colaborativa", "fuerte"]
    assert leyenda(mapa, "leyenda-sector", "data-sector") == ["academia", "medios", "otro"]
    todo = textos(mapa)
    assert "Resultado sin registrar" in todo and "Sin relación registrada" in todo

    # Each missing datum brings its ring or wedge only when some actor needs it.
    solo_sin_resultado = leer(mapa_anillos(ORG, actores[1:2], ROTULOS).svg)
    assert "sin_relacion" not in solo_sin_resultado.anillos
    assert "Resultado sin registrar" in textos(solo_sin_resultado)
    assert "Sin relación registrada" not in textos(solo_sin_resultado)
    solo_sin_relacion = leer(mapa_anillos(ORG, actores[:1], ROTULOS).svg)
    assert "sin_relacion" in solo_sin_relacion.anillos
    assert "Resultado sin registrar" not in textos(solo_sin_relacion)


def test_mapa_sin_actores():
    mapa = leer(mapa_anillos(ORG, [], ROTULOS).svg)
    assert mapa.tarjetas == [] and list(mapa.anillos) == ["conflictiva", "debil", "colaborativa", "fuerte"]
    assert leyenda(mapa, "leyenda-sector", "data-sector") == []


def test_texto_hostil_aparece_literal_y_resaltar_solo_cambia_el_borde():
    actores = [
        actor(HOSTIL, sector="gobierno", relacion="fuerte", resultado="positivo", recursos=[HOSTIL], reglas=HOSTIL),
        actor("<script>&\"'", sector="medios", relacion="fuerte", resultado="positivo"),
        actor("Otro actor", sector="medios", relacion="debil", resultado="negativo"),
    ]
    rotulos = {**ROTULOS, "titulo": HOSTIL}
    figura = mapa_anillos(HOSTIL, actores, rotulos)
    mapa = leer(figura.svg)  # parses
    assert [t.nombre for t in mapa.tarjetas] == [HOSTIL, "<script>&\"'", "Otro actor"]
    assert not list(mapa.raiz.iter(f"{NS}b")) and not list(mapa.raiz.iter(f"{NS}script"))
    assert textos(mapa.tarjetas[1].grupo) == "2 <script>&\"'"
    assert textos(mapa.fichas[0].grupo).split() == f"1 {HOSTIL} Recursos: {HOSTIL} Reglas: {HOSTIL}".split()
    assert "49" not in textos(mapa)
    assert mapa.raiz.find(f"{NS}title").text == HOSTIL

    resaltado = leer(mapa_anillos(HOSTIL, actores, rotulos, resaltar={"<script>&\"'"}).svg)
    elementos = list(mapa.raiz.iter())
    cambiados = [(a, b) for a, b in zip(elementos, resaltado.raiz.iter()) if a.attrib != b.attrib or a.text != b.text]
    assert len(elementos) == len(list(resaltado.raiz.iter()))
    assert [a for a, _ in cambiados] == [mapa.tarjetas[1].rect]
    antes, despues = cambiados[0]
    assert {k for k in antes.attrib.keys() | despues.attrib.keys() if antes.get(k) != despues.get(k)} <= {
        "stroke", "stroke-width", "stroke-dasharray"}
    assert float(despues.get("stroke-width")) > float(antes.get("stroke-width"))
    assert despues.get("stroke-dasharray")


def test_la_alternativa_nombra_a_cada_actor_y_la_salida_es_determinista():
    actores = al_azar(11, 25)
    figura = mapa_anillos(ORG, actores, ROTULOS)
    assert figura.alternativa.startswith(f"Mapa del sistema: {ORG} ") and ".." not in figura.alternativa
    for a in actores:
        assert a.nombre in figura.alternativa
    assert "<" not in figura.alternativa
    assert mapa_anillos(ORG, list(actores), ROTULOS) == figura

    pequeno = mapa_anillos(ORG, VARIADO[:3], ROTULOS).alternativa
    assert "Fuerte, resultado positivo: Instituto Estatal de Transparencia (gobierno)." in pequeno
    assert "Débil, resultado negativo: Cabildo de Monterrey (gobierno)." in pequeno
    # Within a ring and side, actors keep their input order.
    primeros = [a.nombre for a in actores if a.relacion and a.relacion.value == "fuerte"
                and a.resultado and a.resultado.value == "positivo"]
    assert f"Fuerte, resultado positivo: {primeros[0]}" in figura.alternativa
    posiciones = [figura.alternativa.index(n) for n in primeros]
    assert posiciones == sorted(posiciones)
