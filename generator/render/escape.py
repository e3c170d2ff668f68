"""Plain text into Markdown pages: shown exactly as written, never interpreted.

Every character that means something to HTML, Markdown or the Markdown extensions the site
uses (emphasis, links, lists, tables, attribute lists, emoji shortcodes, keys, marks...) is
written as a numeric character reference. Python-Markdown leaves references alone and the
browser shows the character, so ``{{ 7*7 }} <b>x</b>`` reaches the reader exactly so.
"""

from __future__ import annotations

import re

from markupsafe import Markup

# Letters, digits, spaces and harmless punctuation pass; everything else is a reference.
_SPECIAL = set("\\`*_{}[]()#+-.!|<>&\"':;~=^$@%/?")
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}


def escape_inline(value: object) -> Markup:
    """One line of text, safe anywhere in Markdown (paragraph, list item, table cell, heading)."""
    if isinstance(value, Markup):
        return value
    # Runs of whitespace become one space (a line break would end a table row), but edges
    # stay: a template's literal separators such as "; " reach finalize as values too.
    text = re.sub(r"\s+", " ", str(value))
    return Markup(text.translate(_TABLE))


def escape_paragraphs(value: object) -> Markup:
    """A block of text: blank lines separate paragraphs (the contract's rule); other line breaks
    only wrap the text as it was typed, so a paragraph's lines are joined."""
    if isinstance(value, Markup):
        return value
    blocks = [b for b in str(value).replace("\r\n", "\n").split("\n\n") if b.strip()]
    paragraphs = []
    for block in blocks:
        paragraphs.append(escape_inline(" ".join(block.split())))
    return Markup("\n\n").join(paragraphs)


def finalize(value: object) -> object:
    """Jinja ``finalize``: every expression printed in a template is escaped unless trusted."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    if isinstance(value, (int, float)):
        return value
    return escape_inline(value)


def link(url: object, label: object | None = None) -> Markup:
    """An ``<a>`` to a validated http(s) address; the label is escaped like any text."""
    from html import escape

    href = escape(str(url), quote=True)
    return Markup(f'<a href="{href}">{escape_inline(label if label is not None else url)}</a>')
