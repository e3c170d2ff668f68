"""The participant rule of ``content/vista-participantes.yaml`` applied to the plain Markdown pages
(concepts and methodology): the sections and paragraphs it names as facilitation are wrapped in
``<div class="hb-facilitador" markdown>``, the one mark the participant view of the site and the
participant PDFs leave out (as they leave out the pages' facilitator notes)."""

from __future__ import annotations

from generator.methodology.models import PageView

OPEN = '<div class="hb-facilitador" markdown>\n\n'
CLOSE = "\n</div>\n\n"


def mark_facilitation(markdown: str, rule: PageView) -> str:
    """``markdown`` with the facilitation sections (a ``## `` heading down to the next one of the
    same or a higher level) and paragraphs (their bold lead) wrapped for facilitation only."""
    lines = markdown.splitlines()
    out: list[str] = []
    in_section = False
    fenced = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        heading = None if fenced else _heading(line)
        if heading is not None and heading[0] <= 2 and in_section:
            out.append(CLOSE.rstrip("\n"))
            out.append("")
            in_section = False
        if heading is not None and heading[0] == 2 and heading[1].startswith(tuple(rule.secciones_de_facilitacion)):
            out.append(OPEN.rstrip("\n"))
            out.append("")
            in_section = True
            out.append(line)
            i += 1
            continue
        if (not fenced and not in_section and (i == 0 or not lines[i - 1].strip())
                and any(line.startswith(f"**{lead}") for lead in rule.parrafos_de_facilitacion)):
            paragraph = []
            while i < len(lines) and lines[i].strip():
                paragraph.append(lines[i])
                i += 1
            out.extend([OPEN.rstrip("\n"), "", *paragraph, "", "</div>"])
            continue
        out.append(line)
        i += 1
    if in_section:
        out.extend(["", "</div>"])
    return "\n".join(out) + "\n"


def _heading(line: str) -> tuple[int, str] | None:
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3 or not stripped.startswith("#"):
        return None
    level = len(stripped) - len(stripped.lstrip("#"))
    rest = stripped[level:]
    if level > 6 or (rest and not rest.startswith(" ")):
        return None
    return level, rest.strip()
