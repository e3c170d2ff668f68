"""Printing one organization's documents: in parallel, and only the ones that changed.

Every planned document becomes a ``PrintTask`` (``Output.task``): its fingerprint and the work
that writes it. A document whose fingerprint is the one recorded at the last build, and whose
previous file is still there with the recorded content, is copied from the previous output byte
for byte; the others are laid out, each in a process of the pool when one is given (``--jobs``),
the largest first. Nothing here knows the outputs: a newly registered output is printed in
parallel and reused like the others.

What was printed is recorded in ``<out>/.huellas/impresos/<slug>.json`` (outside the site, so it
is never published): for each file, its fingerprint and the SHA-256 of its bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from generator.exceptions import SiteBuildError
from generator.methodology import Methodology
from generator.outputs.base import PrintJob, PrintTask
from generator.structure import Handbook

#: The folder of ``<out>/.huellas`` where what was printed is recorded.
PRINT_RECORDS = "impresos"

#: Runs tasks, each writing its file, as they come (they may still be being made): in this
#: process (``run_here``), or in the batch's shared pool (``generator.batch.pool``). A task comes
#: after the tasks it waits for (``PrintTask.after``).
Runner = Callable[[Iterable[PrintTask]], None]


def run_here(tasks: Iterable[PrintTask]) -> None:
    # Every task made first: making them parses the built pages, and while those are alive the
    # layouts run slower (``print_documents`` drops them once every task is made).
    for task in list(tasks):
        run_task(task)


def run_task(task: PrintTask) -> None:
    """Run one task; any failure becomes a ``SiteBuildError`` naming its file."""
    try:
        task.work(*task.arguments)
    except SiteBuildError:
        raise
    except Exception as exc:  # WeasyPrint, python-docx or the disk: reported, never a traceback
        raise SiteBuildError(f"No se pudo generar {task.file_name}: {exc}") from None


_JOBS: dict[tuple, PrintJob] = {}  # per worker process: the job of the site it is printing
#: The methodologies this process holds, by their folder: a worker forked after one was loaded
#: (the batch's parent loads it before its pool starts) does not read content/ again.
_METHODOLOGIES: dict[Path, Methodology] = {}


def remember_methodology(metodologia: Methodology) -> None:
    """Let tasks run in this process (or in one forked from it later) use ``metodologia``."""
    _METHODOLOGIES[Path(metodologia.root).resolve()] = metodologia


def job_in_worker(handbook: Handbook, raiz: Path, sitio: Path) -> PrintJob:
    """The ``PrintJob`` for ``sitio`` in this process, made once (``Output.task``'s default work)."""
    from generator.methodology import load_methodology

    clave = (str(sitio), handbook.slug)
    if clave not in _JOBS:
        _JOBS.clear()
        metodologia = _METHODOLOGIES.get(Path(raiz).resolve()) or load_methodology(raiz)
        _JOBS[clave] = PrintJob.for_site(handbook, metodologia, sitio)
    return _JOBS[clave]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_record(path: Path | None) -> dict[str, dict[str, str]]:
    try:
        registro = json.loads(path.read_text(encoding="utf-8")) if path is not None else {}
    except (OSError, ValueError):
        return {}
    return registro if isinstance(registro, dict) else {}


def with_pieces(task: PrintTask) -> list[PrintTask]:
    """``task`` after the pieces it needs that are not made yet (in a runner's order)."""
    nuevas = [p for p in task.pieces if not Path(p.destino).is_file()]
    return [*nuevas, replace(task, after=tuple(p.key for p in nuevas))]


def print_documents(handbook: Handbook, metodologia: Methodology, sitio: Path, *, previous: Path | None = None,
                    record: Path | None = None, pieces: Path | None = None,
                    runner: Runner = run_here) -> tuple[list[Path], list[Path]]:
    """Write every document of ``handbook.documentos`` into the built site ``sitio``.

    ``previous`` is the last output of this organization (its site folder) and ``record`` the
    file recording what was printed there; documents whose fingerprint is unchanged are copied
    from it. ``pieces`` is the folder where pieces of documents are kept between builds (a
    temporary one when not given). Returns the files laid out and the files reused.
    """
    if pieces is None:
        with tempfile.TemporaryDirectory(prefix="handbook-piezas-") as temporal:
            return print_documents(handbook, metodologia, sitio, previous=previous, record=record,
                                   pieces=Path(temporal), runner=runner)
    remember_methodology(metodologia)
    pieces.mkdir(parents=True, exist_ok=True)
    job = PrintJob.for_site(handbook, metodologia, sitio, pieces)
    from generator.outputs import OUTPUTS_BY_NAME

    anterior = read_record(record) if previous is not None else {}
    tasks: list[PrintTask] = []
    pendientes, reusados = [], []

    def to_do(documentos):
        """Each document's task as soon as it is made, unless its previous file is reused."""
        for documento in documentos:
            try:
                task = OUTPUTS_BY_NAME[documento.tipo].task(documento, job)
            except SiteBuildError:
                raise
            except Exception as exc:
                raise SiteBuildError(f"No se pudo generar {documento.file_name}: {exc}") from None
            tasks.append(task)
            destino = sitio / task.file_name
            destino.parent.mkdir(parents=True, exist_ok=True)
            if _reuse(task, anterior.get(task.file_name), previous, destino):
                reusados.append(destino)
            else:
                pendientes.append(task)
                yield from with_pieces(task)
        # The parsed pages are not needed once every document's HTML is made; kept alive, their
        # many small objects slow the garbage collector all through the layouts that follow.
        job.paginas.forget()

    # The documents of most pages first (the guide): the pool lays them out while this process
    # makes the others' tasks. An output that gathers others' files (a session kit's ZIP) runs
    # once they are all written.
    propios = [d for d in handbook.documentos if not OUTPUTS_BY_NAME[d.tipo].gathers]
    runner(to_do(sorted(propios, key=lambda d: -len(d.paginas))))
    runner(to_do([d for d in handbook.documentos if OUTPUTS_BY_NAME[d.tipo].gathers]))
    _forget_other_pieces(pieces, {Path(p.destino).name for t in tasks for p in t.pieces})
    if record is not None:
        from generator.batch.fingerprint import write_atomically

        record.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(record, json.dumps(
            {t.file_name: {"huella": t.huella, "sha256": sha256_of(sitio / t.file_name)} for t in tasks},
            sort_keys=True, indent=1) + "\n")
    return [sitio / t.file_name for t in pendientes], reusados


def _forget_other_pieces(folder: Path, kept: set[str]) -> None:
    """Delete the pieces no document of this build is made from, and what an interrupted
    build left half written; only files named as the pieces are (``<fingerprint>.pdf``)."""
    for file in folder.iterdir():
        if (_PIECE.fullmatch(file.name) and file.name not in kept) or _HALF_WRITTEN.fullmatch(file.name):
            file.unlink(missing_ok=True)


_PIECE = re.compile(r"[0-9a-f]{64}\.pdf")
_HALF_WRITTEN = re.compile(r"\.[\w-]*[0-9a-f]{64}\.pdf\.[\w.]+")  # a temporary file of write_atomically


def _reuse(task: PrintTask, recorded: dict | None, previous: Path | None, destino: Path) -> bool:
    """Copy the previous file when it was made from the same fingerprint and is still what was made."""
    if previous is None or not isinstance(recorded, dict) or recorded.get("huella") != task.huella:
        return False
    origen = previous / task.file_name
    try:
        contenido = origen.read_bytes()
    except OSError:
        return False
    if hashlib.sha256(contenido).hexdigest() != recorded.get("sha256"):
        return False
    destino.write_bytes(contenido)
    return True
