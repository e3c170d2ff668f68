"""Build many organizations at once: in parallel, incrementally, each failure on its own.

Workers are processes that run the whole pipeline in-process (MkDocs' Python API): the
imports and the methodology are paid once per worker, not once per organization. Every
organization is independent (its own ``build/<slug>`` and ``<out>/<slug>``), so they never
share a file while building. One organization's failure is reported and the others go on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from generator.exceptions import HandbookError, describir_inesperado
from generator.batch.fingerprint import sin_cambios_sin_validar
from generator.methodology import Metodologia, load_methodology
from generator.paths import BUILD_DIR
from generator.pipeline import build_organization

GENERADO, SIN_CAMBIOS, FALLIDO = "generado", "sin cambios", "falló"


@dataclass(frozen=True)
class ResultadoLote:
    archivo: Path
    estado: str  # GENERADO, SIN_CAMBIOS or FALLIDO
    segundos: float
    slug: str | None = None
    site_dir: Path | None = None
    mensajes: list[str] = field(default_factory=list)  # the error, or the warnings


_metodologia: Metodologia | None = None  # one per worker process


def _iniciar_trabajador() -> None:
    global _metodologia
    _metodologia = load_methodology()


def construir_una(archivo: Path, out_dir: Path, *, pdf: bool, force: bool, publico: bool = False,
                  build_root: Path = BUILD_DIR, metodologia: Metodologia | None = None) -> ResultadoLote:
    """One organization, never raising: what happened is in the result."""
    inicio = time.perf_counter()
    try:
        resultado = build_organization(archivo, out_dir, build_root=build_root, pdf=pdf, force=force,
                                       publico=publico,
                                       metodologia=metodologia or _metodologia or load_methodology())
    except HandbookError as exc:
        return ResultadoLote(archivo, FALLIDO, time.perf_counter() - inicio, mensajes=[str(exc)])
    except Exception as exc:  # a bug must not stop the other organizations; it is still reported
        return ResultadoLote(archivo, FALLIDO, time.perf_counter() - inicio,
                             mensajes=[f"{archivo}: {describir_inesperado(exc)}"])
    return ResultadoLote(archivo, GENERADO if resultado.generado else SIN_CAMBIOS, time.perf_counter() - inicio,
                         resultado.slug, resultado.site_dir, [w.format() for w in resultado.warnings])


def construir_lote(archivos: Iterable[Path], out_dir: Path, *, jobs: int | None = None, pdf: bool = False,
                   force: bool = False, publico: bool = False, build_root: Path = BUILD_DIR,
                   al_terminar: Callable[[ResultadoLote], None] | None = None) -> list[ResultadoLote]:
    """Build every file into ``out_dir``; results come back in the files' order.

    ``jobs`` workers (default: the machine's cores); with one, everything runs in this process.
    ``al_terminar`` is told of each organization as soon as it is done (for progress).
    """
    archivos = list(archivos)
    orden = {a: i for i, a in enumerate(archivos)}
    avisar = al_terminar or (lambda _: None)
    resultados: dict[Path, ResultadoLote] = {}
    # Two files with one name would build into the same folder: the later ones are refused.
    vistos: dict[str, Path] = {}
    for archivo in list(archivos):
        if archivo.stem in vistos:
            resultados[archivo] = ResultadoLote(archivo, FALLIDO, 0.0, mensajes=[
                f"{archivo}: tiene el mismo nombre que {vistos[archivo.stem]}; los dos irían a la misma carpeta"])
            avisar(resultados[archivo])
            archivos.remove(archivo)
        else:
            vistos[archivo.stem] = archivo
    # Unchanged organizations are settled here, before any worker starts: a rebuild where
    # nothing changed costs a few file hashes per organization.
    if not force:
        for archivo in list(archivos):
            inicio = time.perf_counter()
            if sin_cambios_sin_validar(archivo, out_dir, {"pdf": pdf, "publico": publico}):
                resultados[archivo] = ResultadoLote(archivo, SIN_CAMBIOS, time.perf_counter() - inicio,
                                                    archivo.stem, out_dir / archivo.stem)
                avisar(resultados[archivo])
                archivos.remove(archivo)
    if not archivos:
        return sorted(resultados.values(), key=lambda r: orden[r.archivo])
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(archivos)))
    if jobs == 1:
        metodologia = load_methodology()
        for archivo in archivos:
            resultados[archivo] = construir_una(archivo, out_dir, pdf=pdf, force=force, publico=publico,
                                                build_root=build_root, metodologia=metodologia)
            avisar(resultados[archivo])
    else:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_iniciar_trabajador) as pool:
            futuros = {pool.submit(construir_una, archivo, out_dir, pdf=pdf, force=force, publico=publico,
                                   build_root=build_root):
                       archivo for archivo in archivos}
            for futuro in as_completed(futuros):
                resultados[futuros[futuro]] = futuro.result()
                avisar(resultados[futuros[futuro]])
    return sorted(resultados.values(), key=lambda r: orden[r.archivo])
