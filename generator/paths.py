"""Where the generator's own files are, and where a command works.

The generator's own files (``content/``, ``overrides/``, ``mkdocs.yml``) are read through
``importlib.resources``: an installed package carries them in ``generator/_data/`` (``setup.py``
copies them there when the wheel is built); a source checkout, installed in editable mode, has
no ``_data`` and uses the repository's top-level folders (the layout fixed by the product brief).
MkDocs and Jinja need real file paths, so they are resolved to paths once, here.

What a command reads and writes for the user lives under the folder it runs in, never inside the
package: ``./org_data`` (the organizations) and ``./build`` (the build's working folder).
"""

from importlib.resources import files
from pathlib import Path

_package = files("generator")
if not isinstance(_package, Path):  # e.g. imported from a zip file: MkDocs needs real folders
    raise RuntimeError(f"the generator must be installed as plain files, not from {_package}")

PACKAGE_DIR = _package.resolve()
_BUNDLED = PACKAGE_DIR / "_data"
INSTALLED = _BUNDLED.is_dir()

# Everything the generator owns lives under PROJECT_DIR: the repository of a checkout, the
# package folder of an installation. The output-folder checks refuse it and what it holds.
PROJECT_DIR = PACKAGE_DIR if INSTALLED else PACKAGE_DIR.parent
DATA_DIR = _BUNDLED if INSTALLED else PROJECT_DIR
CONTENT_DIR = DATA_DIR / "content"
OVERRIDES_DIR = DATA_DIR / "overrides"
BASE_MKDOCS_YML = DATA_DIR / "mkdocs.yml"

# The checkout's example organizations (tests, benchmarks, ``make handbook``); an installed
# package has none.
ORG_DATA_DIR = PROJECT_DIR / "org_data"

# Relative on purpose: resolved against the folder each command runs in.
USER_ORG_DATA_DIR = Path("org_data")
SCHEMA_FILE = USER_ORG_DATA_DIR / "schema.json"
BUILD_DIR = Path("build")
