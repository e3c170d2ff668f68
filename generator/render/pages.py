"""Stage 3: render the planned pages into a MkDocs docs folder.

Templates live in ``content/plantillas``. The organization's data reaches them as values:
the environment's ``finalize`` escapes every printed value (see ``generator.render.escape``), and no
value is ever compiled as a template, so text such as ``{{ 7*7 }}`` stays text.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import jinja2

from markupsafe import Markup

from generator.render import escape as text
from generator.plan.clock import duracion
from generator.plan.kits import kit_page
from generator.render.calendar import FILE_NAME, calendar_ics
from generator.render.participant_view import mark_facilitation
from generator.colour import legible_on_white, palette, text_on
from generator.contract.models import LABELS, FEMININE_LABELS
from generator.dates import long_date, short_date
from generator.exceptions import ContentError
from generator.figures import FILE_NAMES as ARCHIVOS_DE_FIGURAS
from generator.figures.svg import Figure
from generator.methodology import Methodology
from generator.structure import Handbook


def _label(value, gender: str = "m") -> str:
    """An option's Spanish label; ``gender="f"`` when it qualifies a feminine noun
    (``{{ etapa | etiqueta("f") }}`` gives "intermedia")."""
    if value is None:
        return ""
    if gender == "f":
        return FEMININE_LABELS.get(getattr(value, "value", str(value)), None) or _label(value)
    return getattr(value, "etiqueta", None) or LABELS.get(str(value), str(value))


def make_environment(metodologia: Methodology, *, texto_plano: bool = False) -> jinja2.Environment:
    """The templates' environment; ``texto_plano`` for plain-text outputs (the calendar),
    where values are printed as they are: still data, never compiled as templates.

    Made once per methodology and kept on it: a worker building many handbooks compiles each
    template once, and a methodology loaded again (``serve`` reloads it on every save) takes
    its environments with it when it goes. It holds no organization's data (that goes in each
    render's context).
    """
    if texto_plano not in metodologia.environments:
        metodologia.environments[texto_plano] = _new_environment(metodologia, texto_plano)
    return metodologia.environments[texto_plano]


def _new_environment(metodologia: Methodology, texto_plano: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(metodologia.root / "plantillas"),
        autoescape=False,  # the output is Markdown; ``finalize`` does the escaping
        finalize=(lambda v: "" if v is None else v) if texto_plano else text.finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["parrafos"] = text.escape_paragraphs
    env.filters["texto"] = text.escape_inline
    env.filters["enlace"] = text.link
    env.filters["fecha_larga"] = long_date
    env.filters["fecha_corta"] = short_date
    env.filters["etiqueta"] = _label
    env.filters["duracion"] = duracion
    env.filters["atributo"] = lambda v: Markup(html.escape(str(v), quote=True))
    env.globals["ajustes"] = metodologia.programme.ajustes
    env.globals["webinar"] = metodologia.programme.webinar
    env.globals["programa"] = metodologia.programme
    env.globals["vista"] = metodologia.vista_participantes
    env.globals["figuras_archivo"] = ARCHIVOS_DE_FIGURAS
    env.globals["kit_rotulos"] = metodologia.slides.kit
    env.globals["kit_page"] = kit_page
    return env


def render_handbook(handbook: Handbook, metodologia: Methodology, docs_dir: Path,
                    figuras: dict[str, Figure]) -> list[Path]:
    """Write every page of ``handbook`` (its figures and assets) under ``docs_dir``; returns the pages."""
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    docs_dir.mkdir(parents=True)
    if figuras:
        (docs_dir / "figuras").mkdir()
        for nombre, figura in figuras.items():
            (docs_dir / "figuras" / nombre).write_text(figura.svg, encoding="utf-8")
    env = make_environment(metodologia)
    written = []
    for pagina in handbook.paginas:
        target = docs_dir / pagina.ruta
        target.parent.mkdir(parents=True, exist_ok=True)
        if pagina.fuente is not None:
            fuente = pagina.fuente.read_text(encoding="utf-8")
            if pagina.ruta.startswith("conceptos/"):
                fuente = mark_facilitation(fuente, metodologia.vista_participantes.conceptos)
            target.write_text(fuente, encoding="utf-8")
        else:
            # A page may bring its own ``org``: the blank worksheets do.
            context = {"org": handbook.org, "manual": handbook, "pagina": pagina, "figuras": figuras,
                        **pagina.context}
            contenido = _render(env, pagina.template_name, **context)
            target.write_text(contenido, encoding="utf-8")
        written.append(target)
    texto = make_environment(metodologia, texto_plano=True)
    ics = calendar_ics(handbook, lambda s, day=None: _render(texto, "evento-calendario.txt.j2",
                                                             org=handbook.org, sesion=s, dia=day))
    if ics is not None:
        (docs_dir / FILE_NAME).write_bytes(ics)
    assets = docs_dir / "assets"
    assets.mkdir(exist_ok=True)
    if handbook.logo is not None:
        (docs_dir / handbook.logo_asset).write_bytes(handbook.logo_bytes)
    (assets / "organizacion.css").write_text(_palette_css(handbook), encoding="utf-8")
    return written


def _render(env: jinja2.Environment, nombre: str, **context) -> str:
    """Render one template; a mistake in it is the team's, reported with its file and line."""
    try:
        return env.get_template(nombre).render(**context)
    except jinja2.TemplateError as exc:
        lineno = getattr(exc, "lineno", None)
        lugar = f"{nombre}:{lineno}" if lineno else nombre
        raise ContentError(f"content/plantillas/{lugar}: error en la plantilla: {exc}") from None


def _palette_css(handbook: Handbook) -> str:
    primary, accent = palette(handbook.org.organizacion.colores)
    return (
        "/* The organization's colours (generated from its YAML file). */\n"
        ":root {\n"
        f"  --md-primary-fg-color: {primary};\n"
        f"  --md-primary-fg-color--light: {primary};\n"
        f"  --md-primary-fg-color--dark: {primary};\n"
        f"  --md-primary-bg-color: {text_on(primary)};\n"
        f"  --md-accent-fg-color: {accent};\n"
        f"  --hb-primary: {primary};\n"
        f"  --hb-accent: {accent};\n"
        # Text in the organization's colours (titles, links) is darkened until it reads on white.
        f"  --hb-primary-texto: {legible_on_white(primary)};\n"
        f"  --hb-accent-texto: {legible_on_white(accent)};\n"
        f"  --md-typeset-a-color: {legible_on_white(primary)};\n"
        "}\n"
    )
