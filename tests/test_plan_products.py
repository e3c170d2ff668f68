"""The organization's products computed from its data (generator/plan/products.py)."""

from __future__ import annotations

from datetime import date

import pytest

from generator.plan import products as productos
from generator.contract.validation import validate_file

from conftest import EXAMPLE, HEAD_TEXT


@pytest.fixture(scope="module")
def ejemplo(metodologia):
    return validate_file(EXAMPLE, metodologia).data


def test_elevator_pitch_counts_words_against_each_part_seconds(ejemplo, metodologia):
    contenido = metodologia.productos.discurso_elevador
    partes = {p.parte.clave: p for p in productos.discurso_elevador(ejemplo, contenido)}
    assert list(partes) == ["presentacion", "impacto", "por_que_aliarse"]
    assert partes["presentacion"].texto == "Soy Ana Sofía Garza, de Red Ciudadana por la Transparencia, A.C."
    assert partes["presentacion"].words == 11
    # 150 words a minute: 5 s → 12 words, 40 s → 100, 15 s → 37.
    assert [p.max_words for p in partes.values()] == [12, 100, 37]
    assert partes["impacto"].texto.startswith("En Monterrey, 8 de cada 10") and "14 millones" in partes["impacto"].texto
    assert partes["impacto"].words == 51 and not partes["impacto"].exceeds
    assert partes["impacto"].segundos == 21


def test_elevator_pitch_too_long_and_absent(write_org, metodologia):
    contenido = metodologia.productos.discurso_elevador
    largo = " ".join(["palabra"] * 40)
    valid = validate_file(write_org(HEAD_TEXT + f"nivel: basico\ndiscurso_elevador:\n  por_que_aliarse: {largo}\n"),
                          metodologia)
    partes = {p.parte.clave: p for p in productos.discurso_elevador(valid.data, contenido)}
    assert partes["por_que_aliarse"].exceeds and partes["por_que_aliarse"].words == 40
    assert partes["presentacion"].texto is None and partes["impacto"].texto is None
    vacio = validate_file(write_org(HEAD_TEXT + "nivel: basico\n", slug="vacio"), metodologia)
    assert [p.texto for p in productos.discurso_elevador(vacio.data, contenido)] == [None, None, None]


def test_trust_equation_value_and_reading(ejemplo):
    c = productos.confianza(ejemplo.ecuacion_confianza)
    assert c.valor == pytest.approx((8 + 7 + 6) / 4)
    assert (c.strongest, c.weakest) == ("credibilidad", "intimidad")
    assert c.value_with_less_self_orientation == pytest.approx(21 / 3)
    assert productos.Trust(10, 10, 10, 1).valor == c.maximum
    assert productos.Trust(1, 1, 1, 10).valor == pytest.approx(c.minimum)
    assert productos.Trust(5, 5, 5, 1).value_with_less_self_orientation is None
    assert productos.confianza(None) is None


def test_follow_ups_compare_with_the_baseline_and_accumulate(ejemplo):
    etapas = productos.seguimientos(ejemplo)
    assert [e.follow_up.etapa.value for e in etapas] == ["intermedio"]
    cambios = {c.actor.nombre: c for c in etapas[0].cambios}
    cabildo = cambios["Cabildo de Monterrey"]
    assert (cabildo.actor.relacion.value, cabildo.relationship_after.value) == ("debil", "colaborativa")
    assert cabildo.changes_relationship and cabildo.changes_outcome
    camara = cambios["Cámara de Comercio de Monterrey"]
    assert camara.changes_relationship and not camara.changes_outcome  # resultado not given: unchanged
    state = {a.nombre: a for a in etapas[0].actores}
    assert state["Cabildo de Monterrey"].relacion.value == "colaborativa"
    assert state["Periódico El Vigía"] == next(a for a in ejemplo.mapa_sistema.actores if a.nombre == "Periódico El Vigía")
    assert len(state) == len(ejemplo.mapa_sistema.actores)


def test_allies_take_the_map_resources_by_default_and_mark_shared_ones(ejemplo):
    camara, universidad = productos.allies_on_route(ejemplo)
    assert camara.slug == "camara-de-comercio-de-monterrey"
    assert camara.recursos == ["Red de empresas afiliadas", "Fondos de responsabilidad social"]  # from the map
    assert universidad.recursos == ["Servicio social", "Laboratorio de datos", "Revista académica"]
    assert universidad.is_shared("laboratorio de DATOS") and not universidad.is_shared("Servicio social")
    assert productos.slug_of("Fundación «Ñandú» & Co.") == "fundacion-nandu-co"


def test_votes_rank_strategies_and_check_three_per_person(ejemplo, write_org, metodologia):
    votos = productos.votacion(ejemplo)
    assert [e.votos for e in votos.ranking] == [6, 4]
    assert (votos.total, votos.limit, votos.exceeds) == (10, 12, False)
    valid = validate_file(write_org(HEAD_TEXT + """\
nivel: avanzado
participantes: [{nombre: A}]
plan_alianzas:
  estrategias_prioritarias:
    - {estrategia: Uno, votos: 1}
    - {estrategia: Dos, votos: 2}
    - {estrategia: Tres, votos: 2}
"""), metodologia)
    votos = productos.votacion(valid.data)
    assert [e.estrategia for e in votos.ranking] == ["Dos", "Tres", "Uno"]  # ties keep the file's order
    assert votos.exceeds and votos.limit == 3


def test_plan_completeness_lists_what_is_missing(ejemplo, write_org, metodologia):
    textos = metodologia.productos.faltantes_plan
    assert productos.plan_missing_items(ejemplo, textos) == []
    valid = validate_file(write_org(HEAD_TEXT + """\
nivel: avanzado
plan_alianzas:
  lineas_accion:
    - nombre: Incidencia
      funcionan: [{estrategia: Mesas técnicas}]
  estrategias_prioritarias:
    - estrategia: Mesas técnicas
      aliados: [{aliado: Cabildo, corto_plazo: [Reunión]}]
"""), metodologia)
    faltan = productos.plan_missing_items(valid.data, textos)
    doc_paths = [f.ruta for f in faltan]
    assert doc_paths == [
        "organizacion.vision", "organizacion.especialidad", "organizacion.logo", "participantes",
        "plan_alianzas.lineas_accion[0].funcionan", "plan_alianzas.lineas_accion[0].no_funcionan",
        "plan_alianzas.lineas_accion[0].por_integrar",
        "plan_alianzas.estrategias_prioritarias[0].aliados[0].objetivo",
        "plan_alianzas.estrategias_prioritarias[0].aliados[0].mediano_plazo",
        "plan_alianzas.estrategias_prioritarias[0].aliados[0].largo_plazo",
        "plan_alianzas.conclusiones",
    ]
    # In content's words, with what each item is about.
    assert faltan[4].que == textos.por_que.format(nombre="Incidencia") != textos.por_que
    assert faltan[8].que == "«Cabildo»: las actividades a mediano plazo"


def test_plan_missing_texts_refuse_a_placeholder_they_do_not_have(metodologia):
    from pydantic import ValidationError

    from generator.methodology.models import PlanMissingTexts

    textos = metodologia.productos.faltantes_plan.model_dump()
    with pytest.raises(ValidationError, match="actividades"):
        PlanMissingTexts.model_validate({**textos, "actividades": "«{nombre}»: las actividades"})
    with pytest.raises(ValidationError, match="objetivo"):
        PlanMissingTexts.model_validate({**textos, "objetivo": "«{aliado}»: el objetivo"})


def test_work_plan_is_the_organization_s_own_when_given(ejemplo, metodologia):
    tareas, derivado = productos.work_plan(ejemplo, {}, metodologia.productos.componentes, {})
    assert not derivado
    assert [(t.nombre, t.nivel) for t in tareas][:3] == [
        ("Sesiones de creación de capacidades", 0), ("Sesión 1 y taller de mapeo", 1), ("Sesiones 2 y 3", 1)]
    assert tareas[0].responsables == "Mariana Quiroga y Julián Esparza"


def test_work_plan_derived_from_the_calendar_and_component_shares(write_org, metodologia):
    valid = validate_file(write_org(HEAD_TEXT + "nivel: basico\n"), metodologia)
    componentes = metodologia.productos.componentes
    fechas = {1: date(2027, 3, 1), 2: date(2027, 3, 8), 3: date(2027, 3, 15), 4: date(2027, 3, 22),
              5: date(2027, 3, 29)}
    etiquetas = {k: f"Sesión {k}" for k in fechas}
    tareas, derivado = productos.work_plan(valid.data, fechas, componentes, etiquetas)
    assert derivado
    principales = [t for t in tareas if t.nivel == 0]
    assert [t.nombre for t in principales] == [c.nombre for c in componentes]
    recuperacion, capacidades, trabajo, cierre = principales
    assert (capacidades.inicio, capacidades.fin) == (date(2027, 3, 1), date(2027, 3, 15))
    assert (trabajo.inicio, trabajo.fin) == (date(2027, 3, 22), date(2027, 3, 29))
    # The sessions span 29 days for 70 % of the time: 15 % is about 6 days on each side.
    assert (recuperacion.inicio, recuperacion.fin) == (date(2027, 2, 23), date(2027, 2, 28))
    assert (cierre.inicio, cierre.fin) == (date(2027, 3, 30), date(2027, 4, 4))
    assert [t.nombre for t in tareas if t.nivel == 1] == [f"Sesión {k}" for k in fechas]
    assert productos.work_plan(valid.data, {}, componentes, {}) == ([], True)


@pytest.mark.parametrize("nombre", ["A" * 300, "Ñandú " * 200, "名前" * 300, "한국어" * 300])
def test_a_name_of_any_length_gives_a_bounded_file_name(nombre):
    slug = productos.slug_of(nombre)
    assert len(slug) <= productos.MAX_SLUG
    assert len(f"{slug}.html".encode()) < 255
    assert slug == productos.slug_of(nombre)  # the same name, the same page


def test_long_names_that_differ_after_the_cut_keep_their_own_pages():
    comun = "Coordinadora Regional de Organizaciones de la Sociedad Civil por la Transparencia y la Ren"
    assert len(comun) > 60
    a, b = productos.slug_of(comun + "dición de Cuentas del Norte"), productos.slug_of(comun + "dición de Cuentas del Sur")
    assert a != b and len(a) == len(b) == productos.MAX_SLUG
    assert a.startswith("coordinadora-regional-de-organizaciones-de-la-soc")
    # Short names are unchanged.
    assert productos.slug_of("Cámara de Comercio de Monterrey") == "camara-de-comercio-de-monterrey"
