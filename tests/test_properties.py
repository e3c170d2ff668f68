"""Property-based tests (Hypothesis): any organization file either validates and builds or gets
located Spanish errors, never a traceback or a hang; any text round-trips to the page exactly."""

from __future__ import annotations

import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.exceptions import HandbookError, InvalidOrganization
from generator.pipeline import build_organization
from generator.contract.validation import validate_file
from tests.htmltext import article_html, visible_text

CLAVES = ["organizacion", "nivel", "modalidad", "tiene_mapa_sistema", "sesiones_incluidas", "impresion",
          "equipo_facilitador", "participantes", "calendario", "mapa_sistema", "recursos_propios",
          "aliados_potenciales", "discurso_elevador", "ecuacion_confianza", "plan_alianzas", "plan_trabajo",
          "otra_cosa"]
ESCALARES = st.one_of(st.none(), st.booleans(), st.integers(-5, 20), st.floats(allow_nan=False, width=16),
                      st.text(max_size=30), st.sampled_from(["basico", "avanzado", "webinar", "09:00", "2027-02-30",
                                                             "#12ab34", "fuerte", "positivo", "gobierno"]))
VALORES = st.recursive(ESCALARES, lambda hijos: st.one_of(
    st.lists(hijos, max_size=4),
    st.dictionaries(st.sampled_from(["nombre", "mision", "fecha", "sesion", "actores", "relacion", "votos",
                                     "estrategia", "inicio", "x"]), hijos, max_size=4)), max_leaves=12)
ORGANIZACION = st.fixed_dictionaries(
    {"organizacion": st.one_of(
        st.fixed_dictionaries({"nombre": st.text(min_size=1, max_size=40), "mision": st.text(min_size=1, max_size=40)}),
        VALORES),
     "nivel": st.one_of(st.sampled_from(["basico", "intermedio", "avanzado"]), ESCALARES)},
    optional={clave: VALORES for clave in CLAVES if clave not in ("organizacion", "nivel")})
# Text a person could type into a field: any printable character, spaces inside.
TEXTO = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), min_size=1, max_size=60)\
    .map(lambda t: " ".join(t.split())).filter(bool)


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(datos=ORGANIZACION, metodo=st.sampled_from(["dump", "texto"]))
def test_any_file_validates_or_gets_located_errors(tmp_path_factory, metodologia, datos, metodo):
    file_name = tmp_path_factory.mktemp("org") / "colectivo.yaml"
    if metodo == "dump":
        file_name.write_text(yaml.safe_dump(datos, allow_unicode=True), encoding="utf-8")
    else:  # the dump cut anywhere: broken YAML too
        texto = yaml.safe_dump(datos, allow_unicode=True)
        file_name.write_text(texto[: len(texto) * 2 // 3], encoding="utf-8")
    try:
        validate_file(file_name, metodologia)
    except InvalidOrganization as exc:
        errores = [d for d in exc.diagnostics if d.is_error]
        assert errores
        for d in errores:
            assert d.line >= 1 and d.column >= 1 and d.message
            assert re.match(rf"{re.escape(str(file_name))}:\d+:\d+: error: ", d.format())


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nombre=TEXTO, mision=TEXTO, ciudad=TEXTO)
def test_any_text_round_trips_to_the_page(tmp_path_factory, metodologia, nombre, mision, ciudad):
    carpeta = tmp_path_factory.mktemp("org")
    file_name = carpeta / "colectivo.yaml"
    file_name.write_text(yaml.safe_dump({"organizacion": {"nombre": nombre[:200], "mision": mision, "ciudad": ciudad},
                                       "nivel": "basico"}, allow_unicode=True), encoding="utf-8")
    try:
        sitio = build_organization(file_name, carpeta / "site", build_root=carpeta / "build",
                                   metodologia=metodologia).site_dir
    except HandbookError as exc:  # e.g. a name of only symbols: refused, with its place in the file
        assert re.search(r":\d+:\d+: error: ", str(exc)), str(exc)
        return
    texto = " ".join(visible_text(article_html(sitio / "index.html")).split())
    for valor in (nombre[:200], mision, ciudad):
        assert valor in texto, (valor, texto[:300])
