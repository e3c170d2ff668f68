"""Where handbooks are published, and how a new one replaces the old without losing anything.

Three guarantees, each against a way the user's own files could be lost:

* **Only obviously sane output folders.** ``--out`` may not be the filesystem root, the home
  folder, the project (or a folder holding it), the project's own folders, or the folder of the
  organization files (``check_output_dir``).
* **Only our own folders are replaced.** Every site the build makes carries a small stamp file
  (``STAMP``) naming its organization. ``DIR/<slug>`` is replaced only when it carries that stamp
  (or, for sites built before stamps existed, when ``DIR/.huellas/<slug>.json`` records it);
  anything else there is the user's and the build stops with a Spanish message.
* **Old or new, at every instant.** The new site is built in a staging folder beside the
  destination and swapped in with one atomic exchange of the two names (Linux ``renameat2`` with
  ``RENAME_EXCHANGE``). Where the filesystem cannot exchange, two renames are used, and the next
  build of the organization first puts back the previous site if a build died between them
  (``recover``). Either way the next build removes whatever staging folders a killed build left.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from generator.exceptions import OutputFolderError, WrongOutputFolder, system_reason, without_controls
from generator.batch.fingerprint import WORK_FOLDER as FINGERPRINTS
from generator.paths import CONTENT_DIR, ORG_DATA_DIR, OVERRIDES_DIR, PACKAGE_DIR, PROJECT_DIR

STAMP = ".manual-handbook.json"
STAGING, RETIRED = "nuevo", "anterior"


# ------------------------------------------------------------------ the output folder


def check_output_dir(out_dir: Path, organization_files: Iterable[Path] = ()) -> Path:
    """Create ``out_dir`` if needed and make sure the build may write in it; returns it resolved.

    Raises ``OutputFolderError`` (Spanish, no traceback) for a folder the build must not use
    or cannot write in; nothing is written then.
    """
    shown = without_controls(str(out_dir))
    target = out_dir.expanduser().resolve()
    for reason in _refusals(target, organization_files):
        raise WrongOutputFolder(f"no se usa '{shown}' como carpeta de salida: {reason}. "
                                "Indica con --out una carpeta propia para los manuales, por ejemplo 'site'.")
    if target.exists() and not target.is_dir():
        raise WrongOutputFolder(f"la carpeta de salida '{shown}' es un archivo, no una carpeta")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputFolderError(f"no se puede crear la carpeta de salida '{shown}': {explain(exc)}") from None
    try:
        # Root passes every permission check; only a real write tells a read-only disk apart.
        with tempfile.NamedTemporaryFile(dir=target, prefix=".prueba-escritura-"):
            pass
    except OSError as exc:
        motivo = "no admite archivos nuevos" if exc.errno == errno.ENOENT else explain(exc)
        raise OutputFolderError(f"no se puede escribir en la carpeta de salida '{shown}': {motivo}") from None
    return target


def _refusals(target: Path, organization_files: Iterable[Path]) -> list[str]:
    home = Path.home().resolve()
    reasons = []
    if target == Path(target.anchor):
        reasons.append("es la raíz del disco")
    if target == home:
        reasons.append("es tu carpeta personal")
    if target == PROJECT_DIR or target in PROJECT_DIR.parents:
        reasons.append("contiene el proyecto del generador")
    # An installed package holds content/ and overrides/ inside PACKAGE_DIR; a checkout beside it.
    for own in (CONTENT_DIR, OVERRIDES_DIR, PACKAGE_DIR, ORG_DATA_DIR):
        if target.is_relative_to(own):
            reasons.append(f"es parte de la carpeta '{own.name}' del generador")
    if any(target == Path(f).resolve().parent for f in organization_files):
        reasons.append("es la carpeta de los archivos de las organizaciones")
    return reasons[:1]


def explain(exc: OSError) -> str:
    """An ``OSError`` in Spanish words, without the path (the message names it)."""
    return system_reason(exc, exc.filename)


# ------------------------------------------------------------------ ownership


def stamp(site: Path, slug: str) -> None:
    """Mark ``site`` as a folder this build made for ``slug``."""
    (site / STAMP).write_text(json.dumps({"generador": "handbook-alianzas", "organizacion": slug}) + "\n",
                              encoding="utf-8")


def stamped_for(folder: Path, slug: str) -> bool:
    if folder.is_symlink() or not folder.is_dir():
        return False
    try:
        return json.loads((folder / STAMP).read_text(encoding="utf-8")).get("organizacion") == slug
    except (OSError, ValueError, AttributeError):
        return False


def claim_destination(destination: Path) -> None:
    """Make sure ``destination`` is absent or a site of ours; raise ``OutputFolderError`` otherwise.

    A site built before stamps existed is recognized by its fingerprint record and stamped now,
    so that an interrupted swap of it can be cleaned up later.
    """
    slug = destination.name
    if not destination.exists() and not destination.is_symlink():
        return
    if stamped_for(destination, slug):
        return
    recorded = destination.parent / FINGERPRINTS / f"{slug}.json"
    if (not destination.is_symlink() and destination.is_dir() and recorded.is_file()
            and (destination / "index.html").is_file()):
        stamp(destination, slug)
        return
    raise OutputFolderError(
        f"'{destination}' ya existe y no es un manual generado por handbook: no se modifica ni se borra. "
        f"Muévelo a otro lugar o elige otra carpeta de salida con --out.")


# ------------------------------------------------------------------ staging and the swap


def new_staging(destination: Path) -> Path:
    """An empty, stamped folder beside ``destination`` to build the new site in."""
    staging = Path(tempfile.mkdtemp(prefix=f".{destination.name}.{STAGING}-", dir=destination.parent))
    stamp(staging, destination.name)
    return staging


def leftovers(destination: Path) -> list[Path]:
    """Staging and retired folders of ``destination`` that an interrupted build left."""
    slug = destination.name
    return sorted(p for kind in (STAGING, RETIRED) for p in destination.parent.glob(f".{slug}.{kind}-*")
                  if stamped_for(p, slug) or _empty_folder(p))


def _empty_folder(folder: Path) -> bool:
    """An empty folder by a leftover's name: a removal cut just after its stamp went."""
    return folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir())


def recover(destination: Path) -> None:
    """Finish what an interrupted build of ``destination`` left: put the previous site back if
    it was moved away and not replaced, then remove every leftover of ours."""
    restos = leftovers(destination)
    if not destination.exists() and not destination.is_symlink():
        previous = [p for p in restos if f".{RETIRED}-" in p.name and (p / "index.html").is_file()]
        if previous:
            newest = max(previous, key=lambda p: p.stat().st_mtime)
            os.replace(newest, destination)
            restos.remove(newest)
    for resto in restos:
        remove_owned(resto)


def remove_owned(folder: Path) -> None:
    """Remove a stamped folder of ours, its stamp last: a removal cut short by a kill leaves a
    folder that ``leftovers`` still recognizes, so the next build finishes it."""
    for entry in folder.iterdir():
        if entry.name == STAMP:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
    (folder / STAMP).unlink(missing_ok=True)
    try:
        folder.rmdir()
    except OSError:
        pass  # something could not be removed; it stays for the user to see


def swap_in(staging: Path, destination: Path) -> None:
    """Put ``staging`` at ``destination``; whatever was there is removed afterwards."""
    os.chmod(staging, 0o755)
    if not destination.exists():
        os.replace(staging, destination)
        return
    if exchange(staging, destination):
        remove_owned(staging)  # it now holds the previous site
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{destination.name}.{RETIRED}-", dir=destination.parent))
    retired.rmdir()
    os.replace(destination, retired)
    # A build killed here leaves no site at the destination; ``recover`` puts this one back.
    try:
        os.replace(staging, destination)
    except BaseException:
        os.replace(retired, destination)
        raise
    remove_owned(retired)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(a: Path, b: Path) -> bool:
    """Swap the names ``a`` and ``b`` in one atomic step; ``False`` where this system or
    filesystem cannot (the caller falls back to two renames)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))
