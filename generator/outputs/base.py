"""The one small interface every printed output implements, and what they all share.

An output is one kind of document a facilitator or participant takes away: a participant
chapter, the facilitator's guide, the plan as PDF or DOCX, the worksheet set. Each is a class
with

* ``name``: its key in the registry (``generator.outputs.OUTPUTS``) and in each planned
  ``PlannedDocument.salida``;
* ``extension``: the file kind it writes; the download link's words for that kind come from
  ``content/programa.yaml`` (``impresion.descargar``), its icon from ``icon``;
* ``participant_facing``: whether what is for the facilitator only is left out;
* ``plan()``: which documents it makes for this handbook and the pages each gathers;
* ``write()``: writes one of them into the built site.

Adding an output is one module with one such class and one line in ``OUTPUTS``.

Printing runs documents in parallel and reuses unchanged ones (``generator.outputs.printing``):
each document becomes a ``PrintTask`` through ``task()``, its fingerprint and the picklable work
that writes it. The default ``task()`` is sound for any output: its fingerprint is everything
the organization's handbook is built from (``PrintJob.huella``) plus the document itself, and
its work runs ``write()`` in a worker process. An output may narrow the fingerprint to what
its document is really made from, as ``PdfOutput`` does (the exact HTML, files and style sheets
WeasyPrint is given), so that a change elsewhere leaves it alone.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from generator.batch.fingerprint import PDF_LIBRARIES, library_versions
from generator.colour import palette
from generator.dates import cover_date, long_date
from generator.plan.edition import edition_date
from generator.contract.models import OrganizationData
from generator.methodology import Methodology
from generator.structure import PlannedDocument, Handbook, PlannedSession
from generator.structure.handbook import Page

if TYPE_CHECKING:  # WeasyPrint is slow to import: only a build with --pdf pays for it
    from generator.outputs.html_pdf import SitePages

#: Where every printed document lands inside the site.
FOLDER = "impresos"


@dataclass(frozen=True)
class PlannedHandbook:
    """What an output's ``plan`` may look at: the sessions and pages planned for this handbook."""

    sesiones: list[PlannedSession]
    paginas: list[Page]
    metodologia: Methodology
    org: OrganizationData | None = None  # the (possibly redacted) data: what kit documents are made of
    #: for an output that ``gathers``: every document the other outputs planned
    documentos: tuple[PlannedDocument, ...] = ()

    @property
    def doc_paths(self) -> list[str]:
        return [p.ruta for p in self.paginas]

    def worksheets(self) -> list[tuple[object, str]]:
        """Every blank worksheet with its docs path."""
        return [(h, f"hojas/{h.producto.replace('_', '-')}.md")
                for h in self.metodologia.programme.hojas_de_trabajo.hojas]


@dataclass(frozen=True)
class PrintTask:
    """One planned document ready to be made: ``work(*arguments)`` writes ``sitio/archivo``.

    ``work`` is a module-level function and ``arguments`` plain data, so the task can run in
    another process. Two tasks with the same ``huella`` write the same bytes. ``cost`` orders
    the work (largest first, so the longest layout does not start last).

    A document made from ``pieces`` (the guide's parts, ``generator.outputs.pdf_parts``) runs
    once they are made: each piece is a task of its own that writes the file ``destino``, named
    by its fingerprint in the folder of pieces (``PrintJob.piezas``), so an unchanged piece is
    found there and not made again. ``after`` lists the keys of the tasks this one waits for."""

    file_name: str
    huella: str
    work: Callable[..., None]
    arguments: tuple
    cost: int = 0
    pieces: tuple["PrintTask", ...] = ()
    destino: str = ""  # a piece's file
    after: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.destino or self.file_name


@dataclass(frozen=True)
class PrintJob:
    """What every document of one organization shares while printing into the built ``sitio``:
    its page box, cover date, logo, the site's parsed pages and the fingerprint of everything the
    handbook is built from (``huella``)."""

    handbook: Handbook
    metodologia: Methodology
    sitio: Path
    paginas: "SitePages"
    pagina: Any  # weasyprint.CSS: the whole print style sheet with the page box (html_pdf.css_de_pagina)
    fecha: str
    logo: Path | None
    pagina_css: str = ""  # its source, for fingerprints and other processes
    huella: str = ""
    piezas: Path | None = None  # where pieces of documents are kept between builds (PrintTask.pieces)

    @classmethod
    def for_site(cls, handbook: Handbook, metodologia: Methodology, sitio: Path,
                 piezas: Path | None = None) -> "PrintJob":
        from generator.outputs.html_pdf import SitePages, _stylesheet, page_css

        org = handbook.org.organizacion
        primario, acento = palette(org.colores)
        edicion = edition_date(handbook.org)
        aviso = "" if handbook.public else metodologia.programme.impresion.interno_pdf
        pagina_css = page_css(handbook.org.impresion.papel.value, org.siglas or org.nombre, primario, acento,
                                   aviso)
        logo = sitio / handbook.logo_asset if handbook.logo_asset else None
        return cls(
            handbook=handbook, metodologia=metodologia, sitio=sitio,
            paginas=SitePages(sitio, Counter(r for d in handbook.documentos for r in d.paginas)),
            pagina=_stylesheet(pagina_css), fecha=cover_date(edicion.date()) if edicion else "", logo=logo,
            pagina_css=pagina_css, huella=handbook_fingerprint(handbook, metodologia), piezas=piezas)


def handbook_fingerprint(handbook: Handbook, metodologia: Methodology) -> str:
    """Everything one organization's printed documents may depend on: the project (methodology,
    theme, generator, libraries), the parsed data, the profile, the logo and ``SOURCE_DATE_EPOCH``."""
    from generator.batch.fingerprint import project_fingerprint

    h = hashlib.sha256(project_fingerprint(metodologia.root).encode())
    h.update(json.dumps({"org": handbook.org.model_dump(mode="json"), "publico": handbook.public,
                         "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "")},
                        sort_keys=True, ensure_ascii=False).encode())
    if handbook.logo_bytes is not None:  # the checked logo, as every output uses it
        h.update(handbook.logo_bytes)
    return h.hexdigest()


#: The libraries that turn prepared data into a file: layout, PDF assembly, images, QR codes.
PRODUCING_LIBRARIES = (*PDF_LIBRARIES, "pypdf", "segno", "resvg-py", "python-pptx")


def _producing_versions() -> str:
    return "\n".join(library_versions(PRODUCING_LIBRARIES))


def prepared_fingerprint(job: PrintJob, name: str, documento: PlannedDocument, prepared: object) -> str:
    """The fingerprint of a ``PreparedOutput``'s document: the project (methodology, theme,
    generator, libraries), the libraries that produce files, ``SOURCE_DATE_EPOCH``, the planned
    document and what was prepared."""
    from generator.batch.fingerprint import project_fingerprint

    h = hashlib.sha256(project_fingerprint(job.metodologia.root).encode())
    h.update(_producing_versions().encode())
    h.update(f"\0{os.environ.get('SOURCE_DATE_EPOCH', '')}\0{name}\0".encode())
    h.update(json.dumps(asdict(documento), sort_keys=True, default=str).encode())
    h.update(repr(prepared).encode())
    return h.hexdigest()


def produce_in_worker(name: str, prepared: object, destino: str, sitio: str) -> None:
    """The work of a ``PreparedOutput``'s task: ``produce()`` from the prepared data alone."""
    from generator.outputs import OUTPUTS_BY_NAME

    OUTPUTS_BY_NAME[name].produce(prepared, Path(destino), Path(sitio))


def write_in_worker(name: str, documento: PlannedDocument, handbook: Handbook, raiz: Path, sitio: Path) -> None:
    """The default work of a ``PrintTask``: ``write()`` of output ``name``, in whatever process
    runs it (the methodology and the job are made again there, once per process and site)."""
    from generator.outputs import OUTPUTS_BY_NAME
    from generator.outputs.printing import job_in_worker

    OUTPUTS_BY_NAME[name].write(documento, job_in_worker(handbook, raiz, sitio))


class Output(ABC):
    """One kind of printed document (see the module docstring)."""

    name: ClassVar[str]
    extension: ClassVar[str]
    icon: ClassVar[str]
    participant_facing: ClassVar[bool] = False
    #: planned and written after every other output, from their documents (a session kit's ZIP)
    gathers: ClassVar[bool] = False

    @abstractmethod
    def plan(self, planned: PlannedHandbook) -> list[PlannedDocument]:
        """The documents of this kind for ``handbook``, each with the pages it gathers."""

    @abstractmethod
    def write(self, documento: PlannedDocument, job: PrintJob) -> None:
        """Write ``documento`` to ``job.sitio / documento.archivo``."""

    def task(self, documento: PlannedDocument, job: PrintJob) -> PrintTask:
        """``documento`` as a ``PrintTask``: by default fingerprinted by everything the handbook is
        built from, and written by ``write()`` wherever the task runs."""
        huella = hashlib.sha256(f"{job.huella}\0{self.name}\0".encode()
                                + json.dumps(asdict(documento), sort_keys=True, default=str).encode()).hexdigest()
        return PrintTask(documento.file_name, huella, write_in_worker,
                         (self.name, documento, job.handbook, job.metodologia.root, job.sitio))

    def document(self, file_name: str, titulo: str, paginas: list[str], subtitle: str | None = None,
                 **when_and_where) -> PlannedDocument:
        """A planned document of this output, written as ``impresos/<archivo>.<extension>``
        (``session_date`` and ``place`` for a session's own document)."""
        return PlannedDocument(f"{FOLDER}/{file_name}.{self.extension}", titulo, self.name, paginas, subtitle=subtitle,
                         **when_and_where)

    @staticmethod
    def cover_lines(documento: PlannedDocument, job: PrintJob) -> list[str]:
        """The date lines of the cover: a session's date and place, or the edition date."""
        if documento.session_date or documento.place:
            fecha = long_date(documento.session_date) if documento.session_date else ""
            return [line for line in (fecha[:1].upper() + fecha[1:], documento.place) if line]
        if not job.fecha:
            return []
        return [job.metodologia.programme.impresion.edicion.format(fecha=job.fecha)]


class PreparedOutput(Output):
    """An output made in two steps, so that its fingerprint is what its document is made from.

    ``prepare()`` gathers, cheaply and in the main process, everything the document shows as
    plain data (texts, drawn SVG, sizes: its ``repr`` is stable); ``produce()``, the costly
    part, makes the file from that data alone and may read nothing else (the site folder only
    bounds what WeasyPrint may fetch). A change of the organization's file that leaves the
    prepared data alike leaves the document alone (``generator.outputs.printing``)."""

    @abstractmethod
    def prepare(self, documento: PlannedDocument, job: PrintJob) -> tuple:
        """Everything ``documento`` is made from, as plain data."""

    @abstractmethod
    def produce(self, prepared: tuple, destino: Path, sitio: Path) -> None:
        """Write the file ``destino`` from ``prepared`` alone."""

    def write(self, documento: PlannedDocument, job: PrintJob) -> None:
        self.produce(self.prepare(documento, job), job.sitio / documento.file_name, job.sitio)

    def task(self, documento: PlannedDocument, job: PrintJob) -> PrintTask:
        prepared = self.prepare(documento, job)
        return PrintTask(documento.file_name, prepared_fingerprint(job, self.name, documento, prepared),
                         produce_in_worker, (self.name, prepared, str(job.sitio / documento.file_name),
                                             str(job.sitio)), cost=len(repr(prepared)))


class PdfOutput(Output):
    """A document printed with WeasyPrint from the site's pages: a cover, then the pages."""

    extension = "pdf"
    icon = "material/file-pdf-box"

    def write(self, documento: PlannedDocument, job: PrintJob) -> None:
        from generator.outputs.html_pdf import write_pdf

        write_pdf(self.html_body(documento, job), self._title(documento, job),
                     job.sitio / documento.file_name, job.sitio, job.pagina)

    def task(self, documento: PlannedDocument, job: PrintJob) -> PrintTask:
        """The exact HTML WeasyPrint is given, assembled here; fingerprinted with the files it
        names, the style sheets and the libraries that lay it out (``html_pdf.pdf_fingerprint``)."""
        from generator.outputs.html_pdf import documento_html, pdf_fingerprint, imprimir_html

        html = documento_html(self.html_body(documento, job), self._title(documento, job))
        return PrintTask(documento.file_name, pdf_fingerprint(html, job.pagina_css, job.sitio), imprimir_html,
                         (html, str(job.sitio / documento.file_name), str(job.sitio), job.pagina_css), cost=len(html))

    @staticmethod
    def _title(documento: PlannedDocument, job: PrintJob) -> str:
        return f"{documento.titulo} — {job.handbook.org.organizacion.nombre}"

    def html_body(self, documento: PlannedDocument, job: PrintJob) -> str:
        """The HTML body WeasyPrint prints for ``documento``: the cover, then ``body``."""
        from generator.outputs.html_pdf import sections_of

        secciones = sections_of(documento, job.paginas, participantes=self.participant_facing)
        partes = [self.cover_html(documento, job), *self.body(secciones, job)]
        return f'<div class="hb-documento hb-documento--{self.name}">{"".join(partes)}</div>'

    def cover_html(self, documento: PlannedDocument, job: PrintJob) -> str:
        from generator.outputs.html_pdf import cover

        return cover(job.handbook.org.organizacion.nombre, documento.titulo, documento.subtitle,
                     self.cover_lines(documento, job), job.logo)

    def body(self, secciones: list, job: PrintJob) -> list[str]:
        """What follows the cover: by default the gathered pages as they are."""
        return [str(s) for s in secciones]
