"""Stage 1a: YAML into data with positions, safely and within limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.contract.source import MAX_FILE_BYTES, load_document


def test_values_keep_their_line_and_column(write_org):
    doc = load_document(write_org("""\
        organizacion:
          nombre: Colectivo
          mision: Algo
        nivel: basico
        calendario:
          - sesion: 1
            inicio: "09:30"
        """))
    assert doc.diagnostics == []
    assert doc.position(("organizacion", "nombre")) == (2, 11)
    assert doc.position(("calendario", 0, "inicio")) == (7, 13)
    assert doc.position(("calendario", 0, "inicio"), key=True) == (7, 5)


def test_scalars_stay_the_text_that_was_typed(write_org):
    doc = load_document(write_org("""\
        a: 9:30
        b: no
        c: 010
        d: 2027-02-30
        e:
        f: ~
        g: ''
        """))
    # YAML 1.1 would give 570, False, 8 and an exception for the impossible date.
    assert doc.data == {"a": "9:30", "b": "no", "c": "010", "d": "2027-02-30", "e": None, "f": None, "g": ""}


def test_duplicate_keys_are_errors_at_the_second_key(write_org):
    doc = load_document(write_org("""\
        nivel: basico
        organizacion:
          nombre: A
          nombre: B
        nivel: avanzado
        """))
    found = [(d.line, d.column, d.path) for d in doc.diagnostics]
    assert found == [(4, 3, "organizacion.nombre"), (5, 1, "nivel")]
    assert "repetida (ya aparece en la línea 3)" in doc.diagnostics[0].message


@pytest.mark.parametrize("text, line, column, fragment", [
    ("organizacion:\n  nombre: a\n mision: b\n", 3, 2, "sangría"),
    ("nivel: basico\nmision: dice: algo\n", 2, 13, "':'"),
    ("nivel: [basico\n", 2, 1, "corchete"),
    ("nivel: basico\n\tmision: x\n", 2, 1, "tabulador"),
    ("a: *nada\n", 1, 4, "alias"),
])
def test_syntax_errors_are_located_and_in_spanish(write_org, text, line, column, fragment):
    doc = load_document(write_org(text))
    assert doc.data is None
    (diag,) = doc.diagnostics
    assert (diag.line, diag.column) == (line, column)
    assert fragment in diag.message


def test_alias_bomb_is_refused_quickly(write_org):
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    path = write_org("\n".join(lines) + "\n")
    doc = load_document(path)  # how long this takes: benchmarks/loading.py
    assert doc.data is None
    assert "se expande a más de" in doc.diagnostics[0].message


def test_huge_file_is_refused_without_reading_it(org_dir, monkeypatch):
    path = org_dir / "enorme.yaml"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    assert path.stat().st_size > MAX_FILE_BYTES

    def never(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", never)
    monkeypatch.setattr(Path, "read_text", never)
    doc = load_document(path)  # how long this takes: benchmarks/loading.py
    (diag,) = doc.diagnostics
    assert (diag.line, diag.column) == (1, 1)
    assert "50.0 MB" in diag.message and "máximo" in diag.message


def test_non_utf8_file_is_located(org_dir):
    path = org_dir / "latin1.yaml"
    path.write_bytes("nivel: basico\nmision: educaci\xf3n\n".encode("latin-1"))
    (diag,) = load_document(path).diagnostics
    assert (diag.line, diag.column) == (2, 16)
    assert "UTF-8" in diag.message


def test_empty_and_non_mapping_documents(write_org):
    assert "vacío" in load_document(write_org("# nada\n", "vacio")).diagnostics[0].message
    assert "sección de claves" in load_document(write_org("- a\n- b\n", "lista")).diagnostics[0].message


def test_tags_are_never_constructed(write_org):
    doc = load_document(write_org("a: !!python/object/apply:os.system ['echo hola']\n"))
    # The document is data only: the tag is ignored, nothing runs.
    assert doc.data == {"a": ["echo hola"]}


@pytest.mark.parametrize("raw, line, column, shown", [
    (b"organizacion:\n  nombre: X\x00Y\n  mision: Y\nnivel: basico\n", 2, 12, "un carácter de control (\\x00)"),
    (b'organizacion:\n  nombre: "X\x1b[31mROJO"\n', 2, 13, "un carácter de control (\\x1b)"),
    (b"nivel: basico\n\n\n\n\x07clave: 1\n", 5, 1, "un carácter de control (\\x07)"),
    ("nivel: b\u00e1sico \u00d1and\u00fa \ufffe\n".encode(), 1, 21, "un carácter no permitido (\\ufffe)"),
    (b"\xef\xbb\xbfnivel: \x01\n", 1, 8, "un carácter de control (\\x01)"),  # after a BOM
], ids=["nul", "escape-in-quotes", "bell-at-line-start", "noncharacter", "after-bom"])
def test_characters_yaml_refuses_are_located_in_spanish(org_dir, raw, line, column, shown):
    # YAML refuses them anywhere, even quoted; it used to be reported at 1:1, half in English.
    path = org_dir / "colectivo.yaml"
    path.write_bytes(raw)
    doc = load_document(path)
    assert doc.data is None
    (diag,) = doc.diagnostics
    assert (diag.line, diag.column) == (line, column)
    assert shown in diag.message
    assert "YAML no admite" in diag.message
    assert "special characters" not in diag.message and "\x00" not in diag.format()


def test_unreadable_file_is_a_diagnostic_in_spanish(org_dir):
    # A folder where the file should be: stat works, reading does not.
    path = org_dir / "colectivo.yaml"
    path.mkdir()
    (diag,) = load_document(path).diagnostics
    assert (diag.line, diag.column) == (1, 1)
    assert diag.message == "no se puede leer el archivo: es una carpeta, no un archivo"
