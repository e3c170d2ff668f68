from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from generator.methodology import load_methodology
from generator.paths import ORG_DATA_DIR

EXAMPLE = ORG_DATA_DIR / "red-ciudadana.yaml"

MINIMAL = """\
organizacion:
  nombre: Colectivo Ejemplo, A.C.
  mision: Promover la participación ciudadana en la vigilancia del gasto público municipal.
nivel: basico
"""


@pytest.fixture(scope="session")
def metodologia():
    return load_methodology()


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example organization's handbook with its printed documents, built once for every test."""
    from generator.pipeline import build_organization

    out = tmp_path_factory.mktemp("site")
    result = build_organization(EXAMPLE, out, build_root=tmp_path_factory.mktemp("build"), pdf=True)
    assert result.warnings == []
    return result.site_dir


@pytest.fixture
def org_dir(tmp_path: Path) -> Path:
    """An ``org_data/`` folder of the test's own."""
    d = tmp_path / "org_data"
    d.mkdir()
    return d


@pytest.fixture
def write_org(org_dir: Path):
    """Write an organization file (dedented) into the test's org_data/ and return its path."""

    def write(text: str, slug: str = "colectivo") -> Path:
        path = org_dir / f"{slug}.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def example_copy(org_dir: Path) -> Path:
    """The example organization (and its logo) copied into the test's org_data/."""
    for f in ORG_DATA_DIR.iterdir():
        if f.suffix in (".yaml", ".svg", ".png", ".jpg"):
            shutil.copy(f, org_dir / f.name)
    return org_dir / EXAMPLE.name

HEAD_TEXT = """\
organizacion:
  nombre: Colectivo
  mision: Vigilar el gasto.
"""
