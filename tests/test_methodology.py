"""The methodology in content/: valid data, complete, and in our own words."""

from __future__ import annotations

import subprocess
import sys

from generator.paths import CONTENT_DIR, PROJECT_DIR

CHECKER = PROJECT_DIR.parent / "shared" / "tools" / "check_copied.py"


def test_every_carta_descriptiva_loads(metodologia):
    assert set(metodologia.cartas) == {1, 2, 3, 4, 5, 6, "mapeo"}
    horas = {c: metodologia.carta(c).horas_nominales for c in range(1, 7)}
    assert horas == {1: 8, 2: 8, 3: 4, 4: 4, 5: 8, 6: 4}
    for carta in metodologia.cartas.values():
        assert carta.actividades and carta.objetivo.strip()


def test_levels_default_sessions(metodologia):
    assert metodologia.level_sessions("basico") == [1, 2, 3, 4, 5]
    assert metodologia.level_sessions("intermedio") == [1, 2, 3, 5]
    assert metodologia.level_sessions("avanzado") == [1, 2, 3, 6]
    assert metodologia.programme.niveles["avanzado"].plan_alianzas is True


def test_content_is_not_copied_from_the_reference_documents():
    assert CHECKER.is_file(), f"missing {CHECKER}"
    done = subprocess.run([sys.executable, str(CHECKER), str(CONTENT_DIR)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_every_facilitator_note_is_marked_for_the_participant_view():
    """The participant view and participant PDFs drop ``.hb-facilitador``: every note needs it."""
    import re

    notas = 0
    for file_name in sorted(CONTENT_DIR.rglob("*")):
        if file_name.suffix not in (".md", ".j2") or file_name.name == "README.md":
            continue
        for linea in file_name.read_text(encoding="utf-8").splitlines():
            if re.match(r"\s*!!!.*Nota para la persona facilitadora", linea):
                notas += 1
                assert " hb-facilitador " in linea, (file_name, linea)
    assert notas >= 10
