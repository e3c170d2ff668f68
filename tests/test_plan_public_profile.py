"""The public profile (``--public``) leaves internal data out of every output (the list in
``content/perfil-publico.yaml``) and warns about the e-mail addresses and phone numbers its free
text would publish; the full profile says on every page that it is internal."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from generator.methodology.models import InternalField
from generator.contract.paths import Step, resolve
from generator.exceptions import ContentError
from generator.methodology import load_methodology
from generator.paths import CONTENT_DIR, ORG_DATA_DIR, PROJECT_DIR
from generator.plan.public_profile import publication_warnings, emails, public_profile, phone_numbers, texts_with_path
from generator.pipeline import build_organization
from generator.contract.validation import validate_file

from htmltext import article_html, visible_text

EJEMPLO = ORG_DATA_DIR / "red-ciudadana.yaml"


def valores_en(modelo, pasos: list[Step]) -> list:
    """What a contract path (its steps) reaches in ``modelo``: one value per item it goes through."""
    if modelo is None:
        return []
    paso, resto = pasos[0], pasos[1:]
    valor = getattr(modelo, paso.field_path)
    if not resto:
        return [valor]
    return [v for item in (valor if paso.each else [valor]) for v in valores_en(item, resto)]


def secretos() -> list[str]:
    """Every text the public profile leaves out of the example (content/perfil-publico.yaml), as
    the outputs would print it; the numbers it leaves out (votes, the trust self-assessment)
    are checked on their pages below."""
    metodologia = load_methodology()
    org = validate_file(EJEMPLO, metodologia).data
    valores = [texto for dato in metodologia.public_profile.quita
               for valor in valores_en(org, resolve(dato.ruta)[0])
               for _, texto in texts_with_path(valor)]
    assert len(valores) >= 30
    return list(dict.fromkeys(" ".join(v.split()) for v in valores))


def textos(raiz: Path):
    """Every output file's text: pages, search index, figures, calendar, PDFs and DOCX."""
    for file_name in sorted(raiz.rglob("*")):
        if not file_name.is_file():
            continue
        if file_name.suffix == ".pdf":
            texto = " ".join(p.extract_text() or "" for p in PdfReader(file_name).pages)
        elif file_name.suffix == ".docx":
            with zipfile.ZipFile(file_name) as z:
                texto = " ".join(re.sub(r"<[^>]+>", "", z.read(n).decode("utf-8"))
                                 for n in z.namelist() if n.endswith(".xml"))
        elif file_name.suffix in (".html", ".json", ".svg", ".ics", ".xml", ".txt"):
            texto = file_name.read_text(encoding="utf-8").replace("\r\n ", "")  # .ics folds long lines
        else:
            continue
        yield file_name, " ".join(texto.replace("\\n", " ").split())


def fugas(raiz: Path) -> dict[str, list[str]]:
    encontrados: dict[str, list[str]] = {}
    lista = secretos()
    for file_name, texto in textos(raiz):
        for secreto in lista:
            if secreto in texto:
                encontrados.setdefault(secreto, []).append(file_name.relative_to(raiz).as_posix())
    return encontrados


@pytest.fixture(scope="module")
def sitio_publico(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("publico")
    return build_organization(EJEMPLO, out, build_root=tmp_path_factory.mktemp("build"), pdf=True,
                              public=True).site_dir


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
    # The people: the home page keeps its sections and says they are internal.
    inicio = visible_text(article_html(sitio_publico / "index.html"))
    assert re.search(r"Equipo facilitador¶?\s+Información interna de la organización", inicio), inicio
    assert re.search(r"Equipo de la organización que participa¶?\s+Información interna", inicio), inicio
    # The work plan: no columns of who does what, and the page says why.
    plan = article_html(sitio_publico / "productos" / "plan-trabajo.html")
    assert "<th>Responsables</th>" not in plan and "<th>Producto</th>" in plan
    assert "Mapa del sistema y Ruta Crítica" in plan and "no aparece en la versión pública" in plan
    # Nothing left out shows as Python's None, on a page or in a figure.
    for file_name in [*sitio_publico.rglob("*.html"), *sitio_publico.rglob("*.svg")]:
        assert not re.search(r"\bNone\b", visible_text(file_name.read_text(encoding="utf-8"))), file_name


# The banner may also carry the facilitator-only class when the whole site is internal.
INTERNAL_BANNER = re.compile(r'class="hb-interno[" ]')


def test_the_full_profile_says_it_is_internal_on_every_page_and_the_public_one_does_not(
        example_site, sitio_publico):
    for pagina in example_site.rglob("*.html"):
        if pagina.name != "404.html":
            assert INTERNAL_BANNER.search(pagina.read_text(encoding="utf-8")), pagina
    assert not any(INTERNAL_BANNER.search(p.read_text(encoding="utf-8")) for p in sitio_publico.rglob("*.html"))
    interna = PdfReader(example_site / "impresos" / "guia-facilitacion.pdf")
    assert all("Documento interno" in (p.extract_text() or "") for p in interna.pages[1:])
    publica = PdfReader(sitio_publico / "impresos" / "guia-facilitacion.pdf")
    assert not any("Documento interno" in (p.extract_text() or "") for p in publica.pages)


def test_redaction_happens_on_the_data(metodologia):
    org = validate_file(EJEMPLO, metodologia).data
    public = public_profile(org)
    assert org.participantes and public.participantes == []
    assert all(p.correo is None for p in public.equipo_facilitador)
    assert all(e.enlace is None for e in public.calendario)
    assert all(a.reglas is None for a in public.mapa_sistema.actores)
    assert all(a.debida_diligencia is None and a.concesiones is None for a in public.aliados_potenciales)
    assert all(e.votos == 0 for e in public.plan_alianzas.estrategias_prioritarias)
    assert public.ecuacion_confianza is None and public.discurso_elevador.vocero is None
    assert org.equipo_facilitador and public.equipo_facilitador == []
    assert org.consultores and public.consultores == []
    assert all(a.responsables is None and a.equipo_org is None for a in public.plan_trabajo.actividades)
    # What the public may read stays.
    assert public.mapa_sistema.actores[0].nombre == org.mapa_sistema.actores[0].nombre
    assert public.aliados_potenciales[0].que_ofrecemos == org.aliados_potenciales[0].que_ofrecemos
    assert public.plan_trabajo.actividades[0].producto == org.plan_trabajo.actividades[0].producto


# ------------------------------------------------------------------ the list, in content/


def test_every_path_the_public_profile_leaves_out_is_in_the_contract_and_in_the_example(metodologia):
    """A typo in content/perfil-publico.yaml would leave a field in: every path must name a
    field the contract has and may leave empty, and the example must fill it (so the leak
    test above covers every entry)."""
    crudo = yaml.safe_load((CONTENT_DIR / "perfil-publico.yaml").read_text(encoding="utf-8"))["quita"]
    assert [d["ruta"] for d in crudo] == [d.ruta for d in metodologia.public_profile.quita]
    org = validate_file(EJEMPLO, metodologia).data
    for dato in metodologia.public_profile.quita:
        pasos, field_path = resolve(dato.ruta)
        assert not field_path.is_required(), dato.ruta
        assert any(v not in (None, [], 0) for v in valores_en(org, pasos)), f"the example leaves {dato.ruta} empty"


@pytest.mark.parametrize("ruta", ["mapa_sistema.actores[].regla", "calendario.enlace", "participantes[]",
                                  "equipo_facilitador[].nombre", "Participantes", "organizacion.nombre.siglas"])
def test_a_wrong_path_in_the_list_stops_the_methodology_from_loading(tmp_path, ruta):
    raiz = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, raiz)
    (raiz / "perfil-publico.yaml").write_text(yaml.safe_dump({"quita": [{"ruta": ruta, "que": "algo"}]}),
                                              encoding="utf-8")
    with pytest.raises(ContentError, match=re.escape(repr(ruta))):
        load_methodology(raiz)


def test_a_field_added_to_the_list_is_left_out_with_no_change_in_code(metodologia):
    org = validate_file(EJEMPLO, metodologia).data
    quita = [InternalField(ruta=r, que="prueba") for r in (
        "organizacion.semblanza", "mapa_sistema.actores[].recursos",
        "plan_alianzas.estrategias_prioritarias[].aliados[].objetivo")]
    public = public_profile(org, quita)
    assert org.organizacion.semblanza and public.organizacion.semblanza is None
    assert any(a.recursos for a in org.mapa_sistema.actores)
    assert all(a.recursos == [] for a in public.mapa_sistema.actores)
    aliados = [a for e in public.plan_alianzas.estrategias_prioritarias for a in e.aliados]
    assert aliados and all(a.objetivo is None for a in aliados) and all(a.aliado for a in aliados)
    # Only what is listed: the rest is the organization's data as validated.
    assert public.participantes == org.participantes and public.organizacion.mision == org.organizacion.mision


def test_the_readme_says_what_the_public_profile_leaves_out_and_warns_about(metodologia):
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    publicar = " ".join(readme.split("\n## Publicar\n", 1)[1].split("\n## ", 1)[0].split())
    for dato in metodologia.public_profile.quita:
        assert f"- {dato.que}" in publicar, dato.que
    assert "content/perfil-publico.yaml" in publicar
    assert re.search(r"avisa.*correo.*teléfono", publicar)


# ------------------------------------------------------------------ what free text would publish


@pytest.mark.parametrize("texto, esperados", [
    ("Escríbenos a contacto@red-ciudadana.org.mx.", ["contacto@red-ciudadana.org.mx"]),
    ("ana.garza+rct@example.org, o bien <julian_e@correo.example.com>",
     ["ana.garza+rct@example.org", "julian_e@correo.example.com"]),
    ("María.Núñez@ejemplo.mx", ["María.Núñez@ejemplo.mx"]),
    ("@rct_mty en redes; usuario@servidor sin dominio; a@b.c; 2 @ 3.50", []),
])
def test_e_mail_addresses_are_found_in_any_text(texto, esperados):
    assert emails(texto) == esperados


@pytest.mark.parametrize("texto, esperado", [
    ("Tel. 81 1234 5678", "81 1234 5678"),
    ("llame al 81-1234-5678 de 9:00 a 14:00", "81-1234-5678"),
    ("(81) 1234-5678", "(81) 1234-5678"),
    ("WhatsApp 8112345678", "8112345678"),
    ("tel. 55.1234.5678", "55.1234.5678"),
    ("informes: 81 12 34 56 78", "81 12 34 56 78"),
    ("+52 81 1234 5678", "+52 81 1234 5678"),
    ("+52 (55) 1234-5678", "+52 (55) 1234-5678"),
    ("+52 1 55 1234 5678", "+52 1 55 1234 5678"),
    ("celular 044 55 1234 5678", "044 55 1234 5678"),
    ("sin costo 01 800 123 4567", "01 800 123 4567"),
    ("+1 (212) 555-0123", "+1 (212) 555-0123"),
    ("+34 612 34 56 78", "+34 612 34 56 78"),
    ("+44 20 7946 0958", "+44 20 7946 0958"),
])
def test_mexican_and_international_phone_numbers_are_found(texto, esperado):
    assert phone_numbers(texto) == [esperado]


@pytest.mark.parametrize("texto", [
    "la sesión es el 2027-02-04 a las 09:00",
    "del 15/03/2024 al 20/03/2024",
    "31 de diciembre de 2024",
    "fundada en 1998; informes 2019, 2020, 2021, 2022, 2023 y 2024",
    "periodo 2019-2024",
    "de 9:00 a 13:00 horas, 13:00-14:30 comida",
    "Calle 5 de Mayo 1234, col. Centro, C.P. 64000, Monterrey",
    "CP 06700",
    "un fondo de $1,500,000 y otro de $12,345,678.90",
    "1,234,567,890 pesos",
    "8 112 345 678 pesos",
    "atendimos a 3,500 personas en 120 colonias",
    "folio 2024-0001, expediente 20240315",
    "RFC RCT0903151A2",
])
def test_dates_years_times_postal_codes_and_amounts_are_not_phone_numbers(texto):
    assert phone_numbers(texto) == []


CON_DATOS = """\
organizacion:
  nombre: Colectivo
  mision: Vigilar el gasto.
  semblanza: Escríbenos a contacto@colectivo.org.mx o llama al (81) 1234-5678 desde 2019.
nivel: basico
equipo_facilitador:
  - nombre: Ana Pérez
    correo: ana@colectivo.org
calendario:
  - sesion: 1
    fecha: 2027-02-04
    lugar: "Av. Juárez 100, C.P. 64000; informes +52 55 1234 5678"
mapa_sistema:
  actores:
    - nombre: Cabildo
      reglas: Se acuerda con la regidora, 81 8765 4321, regidora@example.org
      recursos: [Presupuesto 2024-2025 de $1,500,000]
"""


def test_the_public_profile_warns_about_each_e_mail_and_phone_it_would_publish_at_its_place(write_org,
                                                                                              metodologia):
    file_name = write_org(CON_DATOS)
    valid = validate_file(file_name, metodologia)
    avisos = [a.format() for a in publication_warnings(valid, metodologia.public_profile.quita)]
    # The facilitator's e-mail and the relation's rules are left out, so they are not warned about.
    assert avisos == [
        f"{file_name}:4:14: aviso: organizacion.semblanza: se publicará el correo 'contacto@colectivo.org.mx'; "
        "si es personal, quítalo del texto",
        f"{file_name}:4:14: aviso: organizacion.semblanza: se publicará el teléfono '(81) 1234-5678'; "
        "si es personal, quítalo del texto",
        f"{file_name}:12:12: aviso: calendario[0].lugar: se publicará el teléfono '+52 55 1234 5678'; "
        "si es personal, quítalo del texto",
    ]


def test_a_long_value_is_quoted_cut(write_org, metodologia):
    correo = "una.direccion.de.correo.muy.larga.que.no.cabe.en.un.mensaje@organizacion-de-ejemplo.org.mx"
    file_name = write_org(f"organizacion:\n  nombre: C\n  mision: Vigilar.\n  semblanza: {correo}\nnivel: basico\n")
    [aviso] = publication_warnings(validate_file(file_name, metodologia), metodologia.public_profile.quita)
    cita = re.search(r"'(.*)'", aviso.message)[1]
    assert len(cita) == 60 and cita.endswith("…") and correo.startswith(cita[:-1])


def test_build_public_prints_the_warnings_and_the_internal_build_does_not(write_org, tmp_path):
    file_name = write_org(CON_DATOS)

    def build(*opciones: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "generator", "build", str(file_name), "--jobs", "1",
                               *opciones], capture_output=True, text=True, cwd=PROJECT_DIR, timeout=300)

    publica = build("--out", str(tmp_path / "publico"), "--public")
    assert publica.returncode == 0, publica.stderr
    assert f"{file_name}:4:14: aviso: organizacion.semblanza: se publicará el correo 'contacto@colectivo.org.mx'" \
        in publica.stderr
    assert f"{file_name}:12:12: aviso: calendario[0].lugar: se publicará el teléfono '+52 55 1234 5678'" \
        in publica.stderr
    interna = build("--out", str(tmp_path / "interno"))
    assert interna.returncode == 0, interna.stderr
    assert "se publicará" not in interna.stderr + interna.stdout
