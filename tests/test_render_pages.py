"""Stage 3: organization text reaches pages as text, whatever it contains."""

from __future__ import annotations

import markdown
import pytest

from generator.render.escape import escape_inline, escape_paragraphs, link

from htmltext import tags, visible_text

HOSTILE = [
    "{{ 7*7 }} <b>x</b>",
    "{% include 'x' %} {# comentario #}",
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "**negrita** _cursiva_ `código` ~~tachado~~ ==marca== ^^ins^^ ++ctrl+alt++",
    "[enlace](javascript:alert(1)) <http://ejemplo.org> ![img](x.png)",
    "# no es título",
    "- no es lista",
    "1. no es lista numerada",
    "> no es cita",
    "| no | es | tabla |",
    "{: .clase #id } :smile: $x$ &amp; &#42; \\*",
    "Cámara de Comercio, A.C. — año 2027; ¿por qué? ¡sí! ñ",
    "emoji 🤝 y texto ‏שלום‏ de derecha a izquierda",
    "*[HTML]: Hyper Text",
    "línea con dos espacios al final  ",
]

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details",
              "pymdownx.superfences", "abbr", "footnotes", "pymdownx.emoji", "pymdownx.mark",
              "pymdownx.tilde", "pymdownx.caret", "pymdownx.keys", "pymdownx.magiclink", "pymdownx.arithmatex"]


def render(md_text: str) -> str:
    return markdown.markdown(md_text, extensions=EXTENSIONS)


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_text_round_trips_through_markdown(text):
    html = render(f"Antes {escape_inline(text)} después")
    assert visible_text(html) == " ".join(f"Antes {text} después".split())
    assert [t for t, _ in tags(html)] == ["p"]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_in_table_cells_and_list_items(text):
    html = render(f"| a | b |\n|---|---|\n| {escape_inline(text)} | x |\n\n- {escape_inline(text)}\n")
    assert visible_text(html).count(" ".join(text.split())) == 2
    assert {t for t, _ in tags(html)} <= {"table", "thead", "tbody", "tr", "th", "td", "ul", "li"}


def test_paragraphs_split_on_blank_lines_and_join_wrapped_lines():
    html = render(escape_paragraphs("Primer párrafo\nsigue aquí.\n\n# Segundo *párrafo*\n"))
    assert [t for t, _ in tags(html)] == ["p", "p"]
    assert visible_text(html) == "Primer párrafo sigue aquí. # Segundo *párrafo*"


def test_link_escapes_its_address_and_label():
    html = render(str(link('https://ejemplo.org/?a=1&b="x"', "<b>sitio</b>")))
    (anchor,) = [a for t, a in tags(html) if t == "a"]
    assert anchor["href"] == 'https://ejemplo.org/?a=1&b="x"'
    assert visible_text(html) == "<b>sitio</b>"


def test_separators_printed_by_templates_keep_their_spaces():
    from generator.render.escape import finalize

    # "; " and " · " reach finalize like any value; collapsing must not eat the edges.
    assert str(finalize("; ")) == "&#59; " and str(finalize(" · ")) == " · "
    assert str(escape_inline("a \n\t b")) == "a b"


def test_template_environments_go_with_their_methodology():
    # `serve` loads the methodology again on every save: its environments must not pile up.
    import gc
    import weakref

    from generator.methodology import load_methodology
    from generator.paths import CONTENT_DIR
    from generator.render.pages import make_environment

    gone = []
    for _ in range(3):
        metodologia = load_methodology.__wrapped__(CONTENT_DIR)  # a fresh one, as after cache_clear()
        env = make_environment(metodologia)
        assert make_environment(metodologia) is env  # made once per methodology
        assert make_environment(metodologia, texto_plano=True) is not env
        gone.append((weakref.ref(metodologia), weakref.ref(env)))
        del metodologia, env
    gc.collect()
    assert all(m() is None and e() is None for m, e in gone)
