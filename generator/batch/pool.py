"""Build many organizations at once: in parallel, incrementally, each failure on its own.

Workers are processes that run the whole pipeline in-process (MkDocs' Python API): the
imports and the methodology are paid once per worker, not once per organization. Every
organization is independent (its own ``build/<slug>`` and ``<out>/<slug>``), so they never
share a file while building. One organization's failure is reported and the others go on.

With ``--pdf`` the pool is shared by the printed documents too: a worker that has built an
organization's site puts its documents' layouts (``generator.outputs.printing.PrintTask``) on
one queue of the batch and takes layouts from it, its own or another organization's, until its
own are all done; workers with no organization left keep taking layouts until the batch ends.
So every worker is busy until the last document, even for one organization on two cores.
"""

from __future__ import annotations

import itertools
import os
import queue
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing.managers import SyncManager
from pathlib import Path

from generator.exceptions import HandbookError, describe_unexpected
from generator.batch.fingerprint import fingerprint_file, unchanged_unvalidated
from generator.methodology import Methodology, load_methodology
from generator.paths import BUILD_DIR
from generator.pipeline import build_organization, settle_unchanged

GENERADO, SIN_CAMBIOS, FALLIDO = "generado", "sin cambios", "falló"


@dataclass(frozen=True)
class BatchResult:
    file_name: Path
    state: str  # GENERADO, SIN_CAMBIOS or FALLIDO
    segundos: float
    slug: str | None = None
    site_dir: Path | None = None
    messages: list[str] = field(default_factory=list)  # the error, or the warnings


_methodology: Methodology | None = None  # one per worker process


def _start_worker() -> None:
    global _methodology
    if _methodology is None:  # inherited when the worker was forked after the parent loaded it
        _methodology = load_methodology()


def _lay_out(task) -> str | None:
    """Lay out one document; the error's message, never raising."""
    from generator.outputs.printing import run_task

    try:
        run_task(task)
    except HandbookError as exc:
        return str(exc)
    except Exception as exc:
        return f"No se pudo generar {task.file_name}: {describe_unexpected(exc)}"
    return None


def _on_the_queue(layouts, respuestas):
    """A runner (generator.outputs.printing) that shares the batch's queue of layouts: this
    organization's tasks go on it as they are made, each once the tasks it waits for (``after``)
    are done, and this worker lays out whatever is on it until they are done."""
    def runner(tasks) -> None:
        from generator.exceptions import SiteBuildError

        por_clave: dict[str, object] = {}
        esperan: dict[str, set[str]] = {}
        hechas: set[str] = set()
        fallidas: set[str] = set()  # failed, or waiting on one that failed: never run
        faltan: set[str] = set()
        errores: list[str] = []

        def answered(clave: str, error: str | None) -> None:
            faltan.discard(clave)
            if error is not None:
                errores.append(error)
                fallidas.update({clave} | _waiting_on(clave, esperan))
                faltan.difference_update(fallidas)
                return
            hechas.add(clave)
            for otra in sorted((k for k in faltan if clave in esperan[k]), key=lambda k: -por_clave[k].cost):
                esperan[otra].discard(clave)
                if not esperan[otra]:
                    _put(layouts, por_clave[otra], respuestas)

        for task in tasks:  # made one by one here, while the other workers lay out the first ones
            if set(task.after) & fallidas:
                fallidas.add(task.key)
                continue
            por_clave[task.key] = task
            esperan[task.key] = set(task.after) - hechas
            faltan.add(task.key)
            if not esperan[task.key]:
                _put(layouts, task, respuestas)
            while True:
                try:
                    answered(*respuestas.get_nowait())
                except queue.Empty:
                    break
        while faltan:
            try:
                answered(*respuestas.get_nowait())
                continue
            except queue.Empty:
                pass
            try:
                task, destino = _take(layouts, block=False)
            except queue.Empty:
                try:
                    answered(*respuestas.get(timeout=0.05))
                except queue.Empty:
                    pass
            else:
                destino.put((task.key, _lay_out(task)))
        if errores:
            raise SiteBuildError(errores[0])
    return runner


_ORDER = itertools.count()


def _put(layouts, task, respuestas) -> None:
    """Queue ``task``, the costliest first: a document whose pieces are done goes ahead of the
    small ones queued meanwhile (it ends a long chain of work)."""
    layouts.put((-task.cost, os.getpid(), next(_ORDER), (task, respuestas)))


def _take(layouts, *, block: bool):
    """The costliest task queued, with its organization's answer queue; ``queue.Empty`` if none."""
    return (layouts.get(timeout=0.05) if block else layouts.get_nowait())[-1]


def _waiting_on(clave: str, esperan: dict[str, set[str]]) -> set[str]:
    """Every task that waits, directly or not, for the task ``clave``."""
    encontradas, nuevas = set(), {clave}
    while nuevas:
        nuevas = {k for k, antes in esperan.items() if antes & nuevas} - encontradas
        encontradas |= nuevas
    return encontradas


def _help(layouts, finished) -> None:
    """A worker with no organization left: lays out documents until the batch ends.

    It imports WeasyPrint first, while the organizations' sites are being built, so it is ready
    when their layouts come. The parent does not import it before the workers start: a rebuild
    where nothing changed would pay for it (most of such a rebuild) and never use it."""
    import generator.outputs.html_pdf  # noqa: F401
    while not finished.is_set():
        try:
            task, destino = _take(layouts, block=True)
        except queue.Empty:
            continue
        destino.put((task.key, _lay_out(task)))


def build_one(file_name: Path, out_dir: Path, *, pdf: bool, force: bool, public: bool = False,
                  build_root: Path = BUILD_DIR, metodologia: Methodology | None = None,
                  compartida: tuple | None = None) -> BatchResult:
    """One organization, never raising: what happened is in the result. ``compartida`` is the
    batch's queue of layouts and this organization's answer queue (see the module docstring)."""
    inicio = time.perf_counter()
    try:
        resultado = build_organization(file_name, out_dir, build_root=build_root, pdf=pdf, force=force,
                                       public=public,
                                       metodologia=metodologia or _methodology or load_methodology(),
                                       runner=_on_the_queue(*compartida) if compartida else None)
    except HandbookError as exc:
        return BatchResult(file_name, FALLIDO, time.perf_counter() - inicio, messages=[str(exc)])
    except Exception as exc:  # a bug must not stop the other organizations; it is still reported
        return BatchResult(file_name, FALLIDO, time.perf_counter() - inicio,
                             messages=[f"{file_name}: {describe_unexpected(exc)}"])
    return BatchResult(file_name, GENERADO if resultado.generated else SIN_CAMBIOS, time.perf_counter() - inicio,
                         resultado.slug, resultado.site_dir, [w.format() for w in resultado.warnings])


def build_batch(archivos: Iterable[Path], out_dir: Path, *, jobs: int | None = None, pdf: bool = False,
                   force: bool = False, public: bool = False, build_root: Path = BUILD_DIR,
                   al_terminar: Callable[[BatchResult], None] | None = None) -> list[BatchResult]:
    """Build every file into ``out_dir``; results come back in the files' order.

    ``jobs`` workers (default: the machine's cores); with one, everything runs in this process.
    ``al_terminar`` is told of each organization as soon as it is done (for progress).
    """
    archivos = list(archivos)
    orden = {a: i for i, a in enumerate(archivos)}
    avisar = al_terminar or (lambda _: None)
    resultados: dict[Path, BatchResult] = {}
    # Two files with one name would build into the same folder: the later ones are refused.
    vistos: dict[str, Path] = {}
    for file_name in list(archivos):
        if file_name.stem in vistos:
            resultados[file_name] = BatchResult(file_name, FALLIDO, 0.0, messages=[
                f"{file_name}: tiene el mismo nombre que {vistos[file_name.stem]}; los dos irían a la misma carpeta"])
            avisar(resultados[file_name])
            archivos.remove(file_name)
        else:
            vistos[file_name.stem] = file_name
    # Unchanged organizations are settled here, before any worker starts: a rebuild where
    # nothing changed costs a few file hashes per organization.
    if not force:
        for file_name in list(archivos):
            inicio = time.perf_counter()
            if unchanged_unvalidated(file_name, out_dir, {"pdf": pdf, "publico": public}):
                resultados[file_name] = BatchResult(file_name, SIN_CAMBIOS, time.perf_counter() - inicio,
                                                    file_name.stem, out_dir / file_name.stem)
                avisar(resultados[file_name])
                archivos.remove(file_name)
    if not archivos:
        return sorted(resultados.values(), key=lambda r: orden[r.file_name])
    global _methodology
    if _methodology is None:  # loaded once here: forked workers inherit it
        _methodology = load_methodology()
    if not force:
        _settle_edited_but_unchanged(archivos, out_dir, resultados, avisar, pdf=pdf, public=public,
                                     build_root=build_root)
        if not archivos:
            return sorted(resultados.values(), key=lambda r: orden[r.file_name])
    # With --pdf one organization's documents keep several workers busy.
    jobs = max(1, jobs or os.cpu_count() or 1) if pdf else max(1, min(jobs or os.cpu_count() or 1, len(archivos)))
    if jobs == 1:
        for file_name in archivos:
            resultados[file_name] = build_one(file_name, out_dir, pdf=pdf, force=force, public=public,
                                                build_root=build_root, metodologia=_methodology)
            avisar(resultados[file_name])
    else:
        if pdf:
            from generator.outputs.printing import remember_methodology

            remember_methodology(_methodology)  # the workers' print tasks use it too
        with _SharedQueue(pdf) as compartida, ProcessPoolExecutor(max_workers=jobs,
                                                               initializer=_start_worker) as pool:
            futuros = {pool.submit(build_one, file_name, out_dir, pdf=pdf, force=force, public=public,
                                   build_root=build_root, compartida=compartida.for_one_organization()):
                       file_name for file_name in archivos}
            ayudantes = [pool.submit(_help, *compartida.for_helpers()) for _ in range(jobs) if pdf]
            try:
                for futuro in as_completed(futuros):
                    resultados[futuros[futuro]] = futuro.result()
                    avisar(resultados[futuros[futuro]])
            finally:  # the helpers stop however the batch ends, so the pool can close
                compartida.finish()
            for ayudante in ayudantes:
                ayudante.result()
    return sorted(resultados.values(), key=lambda r: orden[r.file_name])


def _settle_edited_but_unchanged(archivos: list[Path], out_dir: Path, resultados: dict, avisar, *, pdf: bool,
                                 public: bool, build_root: Path) -> None:
    """Settle here the built organizations whose file changed but not their data (a comment, a
    reformatting): one validation each, instead of starting the workers for nothing."""
    for file_name in list(archivos):
        if not fingerprint_file(out_dir, file_name.stem).is_file():
            continue  # never built: it will be
        inicio = time.perf_counter()
        try:
            settled = settle_unchanged(file_name, out_dir, build_root=build_root, metodologia=_methodology,
                                       pdf=pdf, public=public)
        except Exception:  # whatever it is, the worker that builds it reports it
            settled = None
        if settled is not None:
            resultados[file_name] = BatchResult(file_name, SIN_CAMBIOS, time.perf_counter() - inicio, settled.slug,
                                                settled.site_dir, [w.format() for w in settled.warnings])
            avisar(resultados[file_name])
            archivos.remove(file_name)


class _Manager(SyncManager):
    """A multiprocessing manager that also serves priority queues."""


_Manager.register("PriorityQueue", queue.PriorityQueue)


class _SharedQueue:
    """The queue of layouts a batch's workers share (``--pdf``), through a multiprocessing manager."""

    def __init__(self, pdf: bool) -> None:
        self.pdf = pdf
        self.manager = None

    def __enter__(self) -> "_SharedQueue":
        if self.pdf:
            self.manager = _Manager()
            self.manager.start()
            self.layouts = self.manager.PriorityQueue()
            self.finished = self.manager.Event()
        return self

    def for_one_organization(self) -> tuple | None:
        return (self.layouts, self.manager.Queue()) if self.manager is not None else None

    def for_helpers(self) -> tuple:
        return self.layouts, self.finished

    def finish(self) -> None:
        if self.manager is not None:
            self.finished.set()

    def __exit__(self, *exc) -> None:
        if self.manager is not None:
            self.finished.set()
            self.manager.shutdown()
