"""Where the project's own folders are (the layout fixed by the product brief)."""

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
CONTENT_DIR = PROJECT_DIR / "content"
OVERRIDES_DIR = PROJECT_DIR / "overrides"
ORG_DATA_DIR = PROJECT_DIR / "org_data"
BASE_MKDOCS_YML = PROJECT_DIR / "mkdocs.yml"
BUILD_DIR = PROJECT_DIR / "build"
SCHEMA_FILE = ORG_DATA_DIR / "schema.json"
