"""org_data/REFERENCIA.md, the users' Spanish reference of the organization file, against the contract.

The contract is the JSON Schema generated from the pydantic models (``handbook schema``). Every
key path in it (``mapa_sistema.actores[].relacion``: keys joined by dots, ``[]`` for every item
of a list of sections, as ``generator.contract.paths`` reads them) must have its own table row,
and that row must state what the schema says: required or not, the type in plain words, every
option of an enumeration, the default and the numeric limits. A key added to the contract
without its row, or a row left for a key that no longer exists, fails here.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml
from PIL import Image

from generator.commands.schema import json_schema
from generator.contract import models as org
from generator.contract.source import MAX_DEPTH, MAX_FILE_BYTES
from generator.contract.logo import MAX_SIDE, MAX_BYTES
from generator.paths import CONTENT_DIR, ORG_DATA_DIR, PROJECT_DIR
from generator.contract.validation import validate_file

REFERENCIA = ORG_DATA_DIR / "REFERENCIA.md"
CHECKER = PROJECT_DIR.parent / "shared" / "tools" / "check_copied.py"
COLUMNAS = ["Clave", "Qué es", "Tipo", "Obligatoria", "Valores, límites y valor por omisión"]
PUBLICA = "No aparece en la versión pública"


# ------------------------------------------------------------------ the contract's side


def _resolved(node: dict, defs: dict) -> dict:
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    return node


def _branches(node: dict, defs: dict) -> list[dict]:
    """What a value may be: ``node`` itself or each ``anyOf`` alternative, without null."""
    node = _resolved(node, defs)
    if "anyOf" in node:
        return [b for alt in node["anyOf"] for b in _branches(alt, defs)]
    return [] if node.get("type") == "null" else [node]


def contract_keys(schema: dict) -> dict[str, tuple[dict, list[dict], bool]]:
    """Every key path of ``schema``: its property node, its alternatives and whether required."""
    defs = schema["$defs"]
    out: dict[str, tuple[dict, list[dict], bool]] = {}

    def visit(obj: dict, prefix: str) -> None:
        for key, prop in obj["properties"].items():
            path = prefix + key
            branches = _branches(prop, defs)
            out[path] = (prop, branches, key in obj.get("required", []))
            for branch in branches:
                if "properties" in branch:
                    visit(branch, path + ".")
                if branch.get("type") == "array":
                    for item in _branches(branch["items"], defs):
                        if "properties" in item:
                            visit(item, path + "[].")

    visit(schema, "")
    return out


SCHEMA = json_schema()
DEFS = SCHEMA["$defs"]
CONTRACT = contract_keys(SCHEMA)


def _scalars(branches: list[dict], defs: dict) -> list[dict]:
    """The alternatives of a value, and of its items when it is a list."""
    out = []
    for branch in branches:
        out.append(branch)
        if branch.get("type") == "array":
            out.extend(_branches(branch["items"], defs))
    return out


def options(branches: list[dict]) -> list[str]:
    found = []
    for node in _scalars(branches, DEFS):
        found += [str(v) for v in node.get("enum", [])]
        if "const" in node:
            found.append(str(node["const"]))
    return found


def limits(branches: list[dict]) -> set[int]:
    keys = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "ge", "le")
    return {node[k] for node in _scalars(branches, DEFS) for k in keys if k in node}


def type_words(branches: list[dict]) -> set[str]:
    """The plain words the Tipo cell must hold for a value of these alternatives."""
    words: set[str] = set()
    for node in branches:
        if node.get("type") == "array":
            item = _branches(node["items"], DEFS)[0]
            words.add({"object": "lista de secciones", "string": "lista de textos",
                       "integer": "lista de números"}[item.get("type", "string")])
        elif "properties" in node:
            words.add("sección")
        elif "enum" in node:
            words.add("opción")
        elif "const" in node:
            words.add(str(node["const"]))
        elif node.get("type") == "boolean":
            words.add("sí/no")
        elif node.get("type") == "integer":
            words.add("número")
        elif node.get("format") == "date":
            words.add("fecha AAAA-MM-DD")
        elif node.get("format") == "email":
            words.add("correo")
        elif node.get("format") == "uri":
            words.add("dirección web")
        elif node.get("pattern", "").startswith("^#"):
            words.add("#RRGGBB")
        elif ":" in node.get("pattern", ""):
            words.add("hora HH:MM")
        else:
            words.add("texto")
    return words


def default_shown(prop: dict) -> str | None:
    """The default as the reference writes it, for scalar defaults that are not 'nothing'."""
    value = prop.get("default")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int)):
        return str(value)
    return None


# ------------------------------------------------------------------ the reference's side


def reference_rows(text: str) -> dict[str, dict[str, str]]:
    """The key rows of the reference's tables, by key path; a key documented twice fails."""
    rows: dict[str, dict[str, str]] = {}
    header: list[str] | None = None
    for line in text.splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        if header is None:
            header = cells
            assert header == COLUMNAS, f"a table with other columns: {line}"
            continue
        key = re.fullmatch(r"`([a-z_.\[\]]+)`", cells[0])
        if key is None:
            continue  # the separator row
        assert key[1] not in rows, f"{key[1]} is documented twice"
        rows[key[1]] = dict(zip(COLUMNAS, cells, strict=True))
    return rows


@pytest.fixture(scope="module")
def text() -> str:
    return REFERENCIA.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rows(text) -> dict[str, dict[str, str]]:
    return reference_rows(text)


def _has_word(cell: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", cell) is not None


# ------------------------------------------------------------------ tests


def test_every_key_of_the_contract_has_a_row_and_every_row_a_key(rows):
    assert len(CONTRACT) > 100  # the walk reached the nested sections
    assert sorted(set(CONTRACT) - set(rows)) == [], "keys of the contract missing from REFERENCIA.md"
    assert sorted(set(rows) - set(CONTRACT)) == [], "rows of REFERENCIA.md for keys the contract lacks"


@pytest.mark.parametrize("path", sorted(CONTRACT))
def test_the_row_states_what_the_contract_says(rows, path):
    prop, branches, required = CONTRACT[path]
    row = rows.get(path)
    assert row is not None, f"{path} has no row"
    assert len(row["Qué es"]) > 10, row
    assert row["Obligatoria"] == ("sí" if required else "no"), row
    for word in type_words(branches):
        assert word in row["Tipo"], (word, row)
    valores = row["Valores, límites y valor por omisión"]
    for option in options(branches):
        assert f"`{option}`" in valores, (option, row)
        etiqueta = org.LABELS.get(option, option.replace("_", " "))
        if etiqueta != option:
            assert f"«{etiqueta}»" in valores, (etiqueta, row)
    for limit in limits(branches):
        assert _has_word(valores, str(limit)), (limit, row)
    if (default := default_shown(prop)) is not None:
        assert f"Por omisión: `{default}`" in valores, (default, row)
    if any(node.get("format") == "date" for node in branches):
        desde, hasta = org.EARLIEST_DATE.year, org.LATEST_DATE.year
        assert f"Entre {desde} y {hasta}" in valores, row


def test_the_rules_everywhere_name_the_limits_the_code_applies(text, rows):
    reglas = text.split("\n## ", 3)[2]  # the section of rules that apply to the whole file
    assert reglas.startswith("Reglas que valen para todo el archivo")
    assert f"entre el año {org.EARLIEST_DATE.year} y el {org.LATEST_DATE.year}" in reglas
    assert f"hasta {MAX_FILE_BYTES // 1024 // 1024} MB, y hasta {MAX_DEPTH} niveles" in reglas
    largo_del_nombre = 1 + int(re.search(r"\{0,(\d+)\}", org.SLUG_RE.pattern)[1])
    assert f"(hasta {largo_del_nombre} caracteres)" in reglas
    logo = rows["organizacion.logo"]["Valores, límites y valor por omisión"]
    assert f"PNG, JPG o SVG de hasta {MAX_BYTES // 1024 // 1024} MB" in logo
    assert f"hasta {MAX_SIDE} píxeles por lado" in logo
    assert "carpeta del archivo de la organización" in logo
    votos = rows["plan_alianzas.estrategias_prioritarias[].votos"]["Valores, límites y valor por omisión"]
    assert f"Cada participante tiene {org.VOTES_PER_PARTICIPANT} votos" in \
        rows["participantes"]["Valores, límites y valor por omisión"]
    assert votos.startswith("0 o más")


def test_the_keys_the_public_version_leaves_out_say_so(rows):
    quitadas = {q["ruta"] for q in yaml.safe_load((CONTENT_DIR / "perfil-publico.yaml").read_text())["quita"]}
    dicen = {path for path, row in rows.items() if PUBLICA in row["Valores, límites y valor por omisión"]}
    assert dicen == quitadas


def test_the_examples_make_a_valid_file(text, tmp_path):
    """The minimal file validates as it is, and with every section's example it still does."""
    online_blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)]
    assert len(online_blocks) >= 10
    minimum, *secciones = online_blocks
    assert set(minimum) == {"organizacion", "nivel"}
    (tmp_path / "minimo.yaml").write_text(yaml.safe_dump(minimum, allow_unicode=True), encoding="utf-8")
    assert validate_file(tmp_path / "minimo.yaml").warnings == []

    completo = dict(minimum)
    for seccion in secciones:
        completo.update(seccion)
    assert set(completo) == set(SCHEMA["properties"]), "a section without its example"
    Image.new("RGB", (8, 8), "#1f4e79").save(tmp_path / completo["organizacion"]["logo"])
    (tmp_path / "completo.yaml").write_text(yaml.safe_dump(completo, allow_unicode=True, sort_keys=False),
                                            encoding="utf-8")
    valid = validate_file(tmp_path / "completo.yaml")
    assert valid.data.mapa_sistema.actores[0].relacion is org.Relationship.debil
    assert valid.data.calendario[0].inicio == "09:00"


def test_the_reference_is_written_in_our_own_words():
    done = subprocess.run([sys.executable, str(CHECKER), str(REFERENCIA)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_users_are_pointed_to_the_reference():
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    usuario = readme.split("## Developer guide")[0]
    assert "org_data/REFERENCIA.md" in usuario
    assert "ORG_DATA.md" not in usuario
    inicial = (CONTENT_DIR / "plantillas" / "nueva-organizacion.yaml").read_text(encoding="utf-8")
    assert "REFERENCIA.md" in inicial
    assert "ORG_DATA.md" not in inicial
