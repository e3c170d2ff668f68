"""The fingerprint of everything one organization's handbook is built from.

A handbook is rebuilt only when its fingerprint changes: the organization's data as parsed and
validated (so a YAML comment or a reformatting changes nothing) and its logo, the methodology
(``content/``), the theme (``overrides/``, ``mkdocs.yml``), the generator's own code and
version with those of the libraries that shape the output, and the build options, with
``SOURCE_DATE_EPOCH`` (it dates the outputs). Paths are hashed relative to their root, so the
fingerprint does not depend on where the project or the output lives.

The fingerprint and what the portal lists are kept in ``<out>/.huellas/<slug>.json``, with the
hash of the file's bytes (``bytes``): when those are the same too, the no-op check needs no
parsing at all (``unchanged_unvalidated``).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import tempfile
from contextlib import contextmanager
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from generator import __version__
from generator.paths import BASE_MKDOCS_YML, CONTENT_DIR, OVERRIDES_DIR, PACKAGE_DIR
from generator.contract.validation import ValidOrganization

WORK_FOLDER = ".huellas"
GENERATOR_DIR = PACKAGE_DIR
LIBRARIES = ("mkdocs", "mkdocs-material", "jinja2", "markdown", "pymdown-extensions", "weasyprint",
               "python-docx", "beautifulsoup4", "icalendar", "pydantic")


def tree_hash(raiz: Path, patron: str = "*") -> str:
    """One hash of every file under ``raiz`` (names relative to it, and contents), in sorted order."""
    h = hashlib.sha256()
    for file_name in sorted(p for p in raiz.rglob(patron) if p.is_file() and "__pycache__" not in p.parts):
        h.update(file_name.relative_to(raiz).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(file_name.read_bytes()).digest())
    return h.hexdigest()


#: The libraries whose versions change a laid-out PDF.
PDF_LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "tinyhtml5", "cssselect2", "fonttools", "pillow", "pyphen")


@lru_cache(maxsize=8)
def library_versions(names: tuple[str, ...]) -> tuple[str, ...]:
    """``name=version`` of each installed library of ``names`` (``name=-`` when it is not installed)."""
    versions = []
    for name in names:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return tuple(versions)


@lru_cache(maxsize=4)
def project_fingerprint(contenido: Path = CONTENT_DIR) -> str:
    """What every handbook shares: methodology (``contenido``), theme, generator and libraries;
    computed once per process."""
    partes = [f"generator={__version__}", *library_versions(LIBRARIES), tree_hash(contenido), tree_hash(OVERRIDES_DIR),
              hashlib.sha256(BASE_MKDOCS_YML.read_bytes()).hexdigest(), tree_hash(GENERATOR_DIR, "*.py")]
    return hashlib.sha256("\n".join(partes).encode()).hexdigest()


def with_environment(opciones: dict[str, object]) -> dict[str, object]:
    """The build options with what the environment adds to the output: ``SOURCE_DATE_EPOCH``."""
    return {**opciones, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "")}


def data_fingerprint(valid: ValidOrganization) -> str:
    """The organization's parsed data (not the file's bytes) and its logo's bytes."""
    h = hashlib.sha256(json.dumps(valid.data.model_dump(mode="json"), sort_keys=True, ensure_ascii=False).encode())
    if valid.data.organizacion.logo:
        h.update(b"\0logo\0" + (valid.file.parent / valid.data.organizacion.logo).resolve().read_bytes())
    return h.hexdigest()


def fingerprint_of(valid: ValidOrganization, opciones: dict[str, object], contenido: Path = CONTENT_DIR) -> str:
    """The fingerprint of this organization's handbook: project, parsed data, options, environment."""
    h = hashlib.sha256()
    h.update(project_fingerprint(contenido).encode())
    h.update(data_fingerprint(valid).encode())
    h.update(json.dumps(with_environment(opciones), sort_keys=True).encode())
    return h.hexdigest()


def bytes_fingerprint(file_name: Path, logo: str | None, opciones: dict[str, object], contenido: Path) -> str:
    """The fast check's fingerprint: the file's bytes instead of its parsed data."""
    h = hashlib.sha256()
    h.update(project_fingerprint(contenido).encode())
    h.update(file_name.read_bytes())
    if logo:
        h.update((file_name.parent / logo).resolve().read_bytes())
    h.update(json.dumps(with_environment(opciones), sort_keys=True).encode())
    return h.hexdigest()


def unchanged_unvalidated(file_name: Path, out_dir: Path, opciones: dict[str, object],
                            contenido: Path = CONTENT_DIR) -> bool:
    """The no-op check, without parsing the file: when its bytes are the same as at the last
    build, so is the logo it names (recorded then), and only the inputs' bytes need hashing.
    A file whose bytes changed goes on to ``unchanged`` with its parsed data's fingerprint."""
    try:
        guardada = json.loads(fingerprint_file(out_dir, file_name.stem).read_text(encoding="utf-8"))
        bytes_ = bytes_fingerprint(file_name, guardada.get("logo"), opciones, contenido)
    except (OSError, ValueError):
        return False
    return guardada.get("bytes") == bytes_ and (out_dir / file_name.stem / "index.html").is_file()


def fingerprint_file(out_dir: Path, slug: str) -> Path:
    return out_dir / WORK_FOLDER / f"{slug}.json"


def unchanged(out_dir: Path, slug: str, huella: str) -> bool:
    """Whether ``out_dir/<slug>`` was built from exactly these inputs and is still there."""
    try:
        guardada = json.loads(fingerprint_file(out_dir, slug).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return guardada.get("huella") == huella and (out_dir / slug / "index.html").is_file()


def save_fingerprint(out_dir: Path, valid: ValidOrganization, huella: str, opciones: dict[str, object],
                   contenido: Path = CONTENT_DIR) -> None:
    """Record the fingerprint with what the portal lists about the organization."""
    org = valid.data
    datos = {"slug": valid.slug, "huella": huella, "nombre": org.organizacion.nombre,
             "bytes": bytes_fingerprint(valid.file, org.organizacion.logo, opciones, contenido),
             "nivel": org.nivel.etiqueta, "ciudad": org.organizacion.ciudad, "logo": org.organizacion.logo}
    destino = fingerprint_file(out_dir, valid.slug)
    destino.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(destino, json.dumps(datos, ensure_ascii=False, sort_keys=True, indent=1) + "\n")


def write_atomically(destino: Path, contenido: str | bytes) -> None:
    """Write ``contenido`` (text as UTF-8) through a temporary file of its own and a rename:
    readers and concurrent writers only ever see a whole file, and an interrupted build leaves
    no half file under the real name."""
    datos = contenido.encode("utf-8") if isinstance(contenido, str) else contenido
    with tempfile.NamedTemporaryFile("wb", dir=destino.parent, prefix=f".{destino.name}.",
                                     delete=False) as temporal:
        temporal.write(datos)
    os.chmod(temporal.name, 0o644)
    os.replace(temporal.name, destino)


@contextmanager
def org_lock(ruta: Path):
    """Hold the lock file ``ruta`` (``flock``): a second build of the same organization into the
    same folder, or through the same build folder, waits instead of mixing files with the first."""
    ruta.parent.mkdir(parents=True, exist_ok=True)
    with open(ruta, "a") as file_name:
        fcntl.flock(file_name, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(file_name, fcntl.LOCK_UN)


def published_organizations(out_dir: Path) -> list[dict]:
    """What the fingerprints of ``out_dir`` say about every organization built there, by slug."""
    registros = []
    for file_name in sorted((out_dir / WORK_FOLDER).glob("*.json")):
        try:
            datos = json.loads(file_name.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if (out_dir / datos.get("slug", "") / "index.html").is_file():
            registros.append(datos)
    return registros
