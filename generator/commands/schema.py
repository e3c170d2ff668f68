"""``handbook schema``: write the JSON Schema of the contract, for editors' completion."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import click

from generator.commands._options import COMMAND, PATH
from generator.contract.models import OrganizationData
from generator.exceptions import HandbookError, system_reason, without_controls
from generator.paths import SCHEMA_FILE


def json_schema() -> dict:
    schema = OrganizationData.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def write_schema(path: Path = SCHEMA_FILE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


@click.command(
    "schema", **COMMAND, short_help="escribe el esquema JSON del formato (para autocompletar en VS Code)",
    help="Escribe org_data/schema.json: con la extensión YAML de VS Code, el editor "
         "completa y revisa las claves mientras se escribe.")
@click.option("--out", metavar="ARCHIVO", type=PATH, default=SCHEMA_FILE,
              help="dónde escribirlo (por omisión: org_data/schema.json)")
def command(**options) -> int:
    return run(SimpleNamespace(**options))


def run(args) -> int:
    try:
        destino = write_schema(args.out)
    except OSError as exc:
        raise HandbookError(f"no se pudo escribir el esquema en '{without_controls(str(args.out))}': "
                            f"{system_reason(exc, args.out)}") from None
    print(f"esquema escrito en {destino}")
    return 0
