"""The printables of each session's kit (``content/kits/imprimibles.yaml``), each its own PDF
so the facilitator prints only what is needed: concept cards (front and back, to cut), the
question sheets of a group exercise, one 76 × 76 mm post-it per actor of the organization's map,
name badges, and one evaluation form per session (with a QR code to the online form when the
file gives ``valoracion_url``).

Everything the organization wrote is escaped for HTML; nothing of it is markup. Badges are
only made for the people the file names, so a public build (whose data has them removed)
has none.
"""

from __future__ import annotations

from pathlib import Path

from generator.figures.measure import wrap
from generator.methodology.printable_content import (ActorNotes, ConceptCards, EvaluationForm, NameBadges,
                                                      QuestionSheet)
from generator.outputs.base import PlannedHandbook, PreparedOutput, PrintJob
from generator.outputs.kit_common import (copies_for, esc, kit_document, paper_label, paper_of, print_html,
                                          session_by_slug, sessions_of)
from generator.structure import PlannedDocument

CARDS_PER_ROW, CARD_ROWS = 2, 4
BADGES_PER_ROW, BADGE_ROWS = 2, 4


def _page(org) -> str:
    return paper_of(org)[0]


class Printables(PreparedOutput):
    name = "imprimibles"
    extension = "pdf"
    icon = "material/file-pdf-box"

    def plan(self, planned: PlannedHandbook) -> list[PlannedDocument]:
        content = planned.metodologia.printables
        if content is None:
            return []
        settings = content.printables
        org = planned.org
        paper = paper_label(settings, org)
        documentos = []
        for printable in settings.imprimibles:
            if isinstance(printable, NameBadges) and org is not None and not (org.participantes or org.equipo_facilitador):
                continue  # nobody named (or the public profile): no badges
            if isinstance(printable, ActorNotes) and not (org and org.mapa_sistema and org.mapa_sistema.actores):
                continue
            for sesion in sessions_of(planned, printable.sesiones):
                size = (f"Nota adhesiva {printable.tamano_mm:g} × {printable.tamano_mm:g} mm"
                        if isinstance(printable, ActorNotes) else paper)
                copies = copies_for(printable.copias.por, printable.copias.cantidad, org, settings.personas_por_grupo)
                documentos.append(kit_document(self, sesion.slug, printable.clave, printable.titulo, sesion.etiqueta,
                                               copies=copies, print_size=size))
        return documentos

    def prepare(self, documento: PlannedDocument, job: PrintJob) -> tuple[str, str, str]:
        """The sheet's HTML body, its title and its CSS."""
        settings = job.metodologia.printables.printables
        clave = documento.file_name.rsplit("/", 1)[-1].removesuffix(".pdf")
        printable = next(p for p in settings.imprimibles if p.clave == clave)
        sesion = session_by_slug(job.handbook.sesiones, documento.kit_session)
        org = job.handbook.org
        writer = {ConceptCards: self._cards, QuestionSheet: self._sheet, ActorNotes: self._notes,
                  NameBadges: self._badges, EvaluationForm: self._evaluation}[type(printable)]
        body, css = writer(printable, sesion, org, job)
        return body, f"{documento.titulo} — {org.organizacion.nombre}", css

    def produce(self, prepared: tuple[str, str, str], destino: Path, sitio: Path) -> None:
        body, title, css = prepared
        print_html(body, title, css, destino, sitio)

    # ------------------------------------------------------------------ each kind

    def _header(self, printable, sesion, org, side: str | None = None) -> str:
        title = f"{printable.titulo} · {side}" if side else printable.titulo
        return (f'<header><p class="org">{esc(org.organizacion.nombre)} · {esc(sesion.etiqueta)}</p>'
                f"<h1>{esc(title)}</h1><p class=\"hint\">{esc(printable.instrucciones)}</p></header>")

    def _cards(self, printable: ConceptCards, sesion, org, job) -> tuple[str, str]:
        per_sheet = CARDS_PER_ROW * CARD_ROWS
        pages = []
        concepts = printable.conceptos
        for start in range(0, len(concepts), per_sheet):
            chunk = concepts[start:start + per_sheet]
            fronts, backs = [], []
            for row in range(CARD_ROWS):
                cells = chunk[row * CARDS_PER_ROW:(row + 1) * CARDS_PER_ROW]
                cells += [None] * (CARDS_PER_ROW - len(cells))
                fronts += [self._card_front(printable, c) for c in cells]
                # Back side: each row mirrored, so a long-edge duplex print puts the definition
                # behind its own concept.
                backs += [self._card_back(printable, c) for c in reversed(cells)]
            pages.append(f'<section class="sheet">{self._header(printable, sesion, org)}'
                         f'<div class="grid">{"".join(fronts)}</div></section>')
            pages.append(f'<section class="sheet back">{self._header(printable, sesion, org, printable.reverso_titulo)}'
                         f'<div class="grid">{"".join(backs)}</div></section>')
        css = (f"@page {{ size: {_page(org)}; margin: 10mm; }}\n"
               "body { margin: 0; } .sheet { page-break-after: always; } .sheet:last-child { page-break-after: auto; }\n"
               "header { height: 20mm; overflow: hidden; }\n"
               "header h1 { font-size: 14pt; margin: 0 0 1mm; } header p { margin: 0 0 1mm; font-size: 9pt; }\n"
               ".org { color: #555; } .hint { color: #333; }\n"
               ".grid { display: flex; flex-wrap: wrap; }\n"
               ".card { box-sizing: border-box; width: 50%; height: 58mm; border: 0.4mm dashed #777; padding: 5mm;"
               " display: flex; flex-direction: column; justify-content: center; }\n"
               ".back .card { justify-content: flex-start; }\n"
               ".term { font-size: 20pt; font-weight: bold; text-align: center; }\n"
               ".label { font-size: 8pt; color: #666; text-transform: uppercase; text-align: center; }\n"
               ".definition { font-size: 11pt; line-height: 1.3; margin: 0 0 2mm; }\n"
               ".write { font-size: 8.5pt; color: #555; margin: 0; }\n"
               ".lines { border-bottom: 0.3mm solid #aaa; height: 6mm; }\n")
        return "".join(pages), css

    def _card_front(self, printable: ConceptCards, concept) -> str:
        if concept is None:
            return '<div class="card"></div>'
        return (f'<div class="card"><p class="label">{esc(printable.frente)}</p>'
                f'<p class="term">{esc(concept.termino)}</p></div>')

    def _card_back(self, printable: ConceptCards, concept) -> str:
        if concept is None:
            return '<div class="card"></div>'
        return (f'<div class="card"><p class="definition"><b>{esc(concept.termino)}.</b> {esc(concept.definicion)}</p>'
                f'<p class="write">{esc(printable.reverso)}</p>' + '<div class="lines"></div>' * 3 + "</div>")

    def _sheet(self, printable: QuestionSheet, sesion, org, job) -> tuple[str, str]:
        item = next(a for a in sesion.carta.actividades if a.id == printable.actividad)
        boxes = "".join(f'<div class="box"><p class="question">{esc(q)}</p></div>' for q in item.preguntas)
        body = (f'<section>{self._header(printable, sesion, org)}<h2>{esc(item.titulo)}</h2>'
                f'<p class="team">{esc(printable.equipo)} ______________________________</p>'
                f'<div class="boxes" style="--n: {len(item.preguntas)}">{boxes}</div></section>')
        height = 190 if _page(org) == "letter" else 205
        css = (f"@page {{ size: {_page(org)}; margin: 12mm; }}\n"
               "header h1 { font-size: 16pt; margin: 0 0 1mm; } header p { margin: 0 0 1mm; font-size: 10pt; }\n"
               ".org { color: #555; } h2 { font-size: 13pt; margin: 2mm 0; } .team { font-size: 12pt; }\n"
               f".box {{ border: 0.5mm solid #222; border-radius: 2mm; padding: 3mm 4mm; margin-bottom: 3mm;"
               f" height: {height / max(len(item.preguntas), 1) - 7:.0f}mm; }}\n"
               ".question { font-size: 13pt; font-weight: bold; margin: 0; }\n")
        return body, css

    def _notes(self, printable: ActorNotes, sesion, org, job) -> tuple[str, str]:
        side = printable.tamano_mm
        width_pt = (side - 10) * 72 / 25.4  # inside the 5 mm margins
        notes = []
        for actor in org.mapa_sistema.actores:
            # A note holds what fits: each text cut to its lines with "…" (the handbook has it whole).
            name = " ".join(wrap(actor.nombre, width_pt, 14, 3, bold=True))
            lines = [self._fitted(printable.recursos, ", ".join(actor.recursos) or printable.sin_dato, width_pt, 4),
                     self._fitted(printable.reglas, actor.reglas or printable.sin_dato, width_pt, 5)]
            notes.append(f'<section class="note"><p class="actor">{esc(name)}</p>'
                         + "".join(f"<p><b>{esc(label)}:</b> {esc(text)}</p>" for label, text in lines)
                         + "</section>")
        side = printable.tamano_mm
        css = (f"@page {{ size: {side:g}mm {side:g}mm; margin: 5mm; }}\n"
               ".note { page-break-after: always; font-size: 10pt; line-height: 1.25; }\n"
               ".note:last-child { page-break-after: auto; }\n"
               ".note p { margin: 0 0 1.5mm; } .actor { font-size: 14pt; font-weight: bold; line-height: 1.15; }\n")
        return "".join(notes), css

    @staticmethod
    def _fitted(label: str, text: str, width_pt: float, max_lines: int) -> tuple[str, str]:
        joined = " ".join(wrap(f"{label}: {text}", width_pt, 10, max_lines))
        return label, joined.removeprefix(f"{label}:").strip()

    def _badges(self, printable: NameBadges, sesion, org, job) -> tuple[str, str]:
        people = ([(p.nombre, p.rol, printable.facilitacion) for p in org.equipo_facilitador]
                  + [(p.nombre, p.puesto, printable.participante) for p in org.participantes])
        badges = "".join(
            f'<div class="badge"><p class="org">{esc(org.organizacion.siglas or org.organizacion.nombre)}</p>'
            f'<p class="name">{esc(name)}</p>'
            + (f'<p class="role">{esc(role)}</p>' if role else "")
            + f'<p class="kind">{esc(kind)}</p></div>'
            for name, role, kind in people)
        body = f'<section>{self._header(printable, sesion, org)}<div class="grid">{badges}</div></section>'
        css = (f"@page {{ size: {_page(org)}; margin: 10mm; }}\n"
               "header h1 { font-size: 13pt; margin: 0 0 1mm; } header p { margin: 0 0 1mm; font-size: 9pt; }\n"
               "header .org { color: #555; }\n"
               ".grid { display: flex; flex-wrap: wrap; }\n"
               ".badge { box-sizing: border-box; width: 50%; height: 58mm; border: 0.4mm dashed #777; padding: 5mm;"
               " text-align: center; break-inside: avoid; }\n"
               ".badge p { margin: 0; } .badge .org { font-size: 10pt; color: #555; }\n"
               ".name { font-size: 22pt; font-weight: bold; margin: 7mm 0 2mm !important; line-height: 1.1; }\n"
               ".role { font-size: 11pt; } .kind { font-size: 9pt; color: #555; margin-top: 3mm !important;"
               " text-transform: uppercase; letter-spacing: 0.5pt; }\n")
        return body, css

    def _evaluation(self, printable: EvaluationForm, sesion, org, job) -> tuple[str, str]:
        when = []
        if sesion.fecha:
            from generator.dates import cover_date
            when.append(cover_date(sesion.fecha))
        if sesion.lugar:
            when.append(sesion.lugar)
        scale_head = "".join(f"<th>{esc(level)}</th>" for level in printable.escala)
        rows = "".join(f'<tr><td class="q">{esc(q)}</td>' + '<td><span class="box"></span></td>' * len(printable.escala)
                       + "</tr>" for q in printable.preguntas)
        open_questions = "".join(f'<div class="open"><p>{esc(q)}</p>' + '<div class="line"></div>' * 3 + "</div>"
                                 for q in printable.abiertas)
        qr = ""
        if org.valoracion_url:
            import segno

            code = segno.make(str(org.valoracion_url), error="m")
            qr = (f'<div class="qr"><img src="{code.svg_data_uri(scale=4, border=2)}" alt="">'
                  f"<p>{esc(printable.qr)}<br><span class=\"url\">{esc(org.valoracion_url)}</span></p></div>")
        body = (f'<section><header><p class="org">{esc(org.organizacion.nombre)}</p>'
                f"<h1>{esc(printable.titulo)}</h1><h2>{esc(sesion.titulo)}</h2>"
                + (f'<p class="when">{esc(" · ".join(when))}</p>' if when else "")
                + f'<p class="hint">{esc(printable.instrucciones)}</p></header>'
                f'<table><thead><tr><th></th>{scale_head}</tr></thead><tbody>{rows}</tbody></table>'
                f"{open_questions}{qr}</section>")
        css = (f"@page {{ size: {_page(org)}; margin: 14mm; }}\n"
               "body { font-size: 11pt; } h1 { font-size: 18pt; margin: 0; } h2 { font-size: 13pt; margin: 1mm 0; }\n"
               ".org, .when { color: #555; margin: 0 0 1mm; } .hint { margin: 2mm 0 4mm; }\n"
               "table { width: 100%; border-collapse: collapse; margin-bottom: 5mm; }\n"
               "th, td { border-bottom: 0.3mm solid #999; padding: 2mm 1mm; text-align: center; font-size: 10pt; }\n"
               "td.q { text-align: left; width: 45%; font-size: 11pt; }\n"
               ".box { display: inline-block; width: 5mm; height: 5mm; border: 0.4mm solid #222; }\n"
               ".open p { font-weight: bold; margin: 3mm 0 0; } .line { border-bottom: 0.3mm solid #999; height: 9mm; }\n"
               ".qr { display: flex; align-items: center; margin-top: 5mm; } .qr img { width: 28mm; height: 28mm; }\n"
               ".qr p { margin-left: 4mm; } .url { font-size: 9pt; color: #333; }\n")
        return body, css
