"""The ``handbook`` command as a facilitator runs it: exit codes, Spanish messages, no tracebacks."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from generator.commands.new import new_organization
from generator.paths import PROJECT_DIR
from generator.validation import validate_file

from conftest import EXAMPLE


def handbook(*args: str, cwd: Path = PROJECT_DIR) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


def test_validate_valid_file_exits_0():
    done = handbook("validate", str(EXAMPLE))
    assert done.returncode == 0, done.stderr
    assert "válido" in done.stdout


def test_validate_reports_every_problem_located_and_exits_1(write_org):
    path = write_org("organizacion:\n  nombre: X\nnivel: experto\nnivell: basico\n")
    done = handbook("validate", str(path))
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines == [
        f"{path}:2:3: error: organizacion.mision: falta la clave obligatoria 'mision'",
        f"{path}:3:8: error: nivel: 'experto' no es una opción válida (básico, intermedio, avanzado)",
        f"{path}:4:1: error: nivell: clave desconocida 'nivell'; ¿quisiste decir 'nivel'?",
    ]



def test_warnings_are_printed_and_the_file_is_valid(write_org):
    path = write_org("organizacion:\n  nombre: X\n  mision: Y\nnivel: basico\nmapa_sistema:\n  actores:\n"
                     "    - nombre: A\n      roles: [a, b, c, d]\n")
    done = handbook("validate", str(path))
    assert done.returncode == 0
    assert f"{path}:8:14: aviso: mapa_sistema.actores[0].roles: 4 roles" in done.stderr


@pytest.mark.parametrize("args", [["validate", "no-existe.yaml"], ["bogus"], ["build", "--out"], [], ["new", "Mal Nombre"]])
def test_usage_errors_exit_2_in_spanish(args):
    done = handbook(*args)
    assert done.returncode == 2, done
    assert "Traceback" not in done.stderr
    assert any(w in done.stderr for w in ("uso:", "no existe", "identificador")), done.stderr


def test_help_is_spanish():
    done = handbook("build", "--help")
    assert done.returncode == 0
    assert "uso: handbook build" in done.stdout and "carpeta de salida" in done.stdout


def test_build_writes_one_site_per_organization(example_copy, tmp_path):
    out = tmp_path / "sitios"
    done = handbook("build", str(example_copy), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "manual generado en" in done.stdout
    assert (out / "red-ciudadana" / "index.html").is_file()


def test_build_failure_exits_1_and_names_the_file(write_org, tmp_path):
    path = write_org("organizacion:\n  nombre: X\nnivel: basico\n")
    done = handbook("build", str(path), "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "no se generó el manual" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out" / "colectivo").exists()


def test_schema_command_writes_json_schema(tmp_path):
    target = tmp_path / "schema.json"
    done = handbook("schema", "--out", str(target))
    assert done.returncode == 0, done.stderr
    schema = json.loads(target.read_text(encoding="utf-8"))
    assert schema["required"] == ["organizacion", "nivel"]
    assert schema["additionalProperties"] is False
    assert {"mapa_sistema", "aliados_potenciales", "plan_trabajo"} <= set(schema["properties"])
    # The committed schema is the current one.
    assert json.loads((PROJECT_DIR / "org_data" / "schema.json").read_text(encoding="utf-8")) == schema


def test_new_writes_a_commented_file_that_validates_and_references_the_schema(org_dir):
    path = new_organization("colectivo-nuevo", org_dir)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema.json")
    assert (org_dir / "schema.json").is_file()
    assert text.count("\n#") > 40  # every section explained
    valid = validate_file(path)
    assert valid.warnings == [] and valid.data.nivel.value == "basico"
    with pytest.raises(Exception, match="ya existe"):
        new_organization("colectivo-nuevo", org_dir)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_serve_rebuilds_when_the_yaml_changes(example_copy):
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", str(example_copy), "--puerto", str(port)],
                               cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        url = f"http://127.0.0.1:{port}/index.html"
        deadline = time.monotonic() + 60
        page = ""
        while time.monotonic() < deadline:
            try:
                page = _get(url)
                break
            except OSError:
                time.sleep(0.3)
        assert "Red Ciudadana por la Transparencia" in page
        example_copy.write_text(example_copy.read_text(encoding="utf-8").replace(
            "Red Ciudadana por la Transparencia, A.C.", "Red Ciudadana Renovada, A.C."), encoding="utf-8")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "Red Ciudadana Renovada" not in page:
            time.sleep(0.5)
            page = _get(url)
        assert "Red Ciudadana Renovada" in page
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_yaml_syntax_error_is_located_without_traceback(write_org):
    path = write_org("organizacion:\n  nombre: [X\nnivel: basico\n")
    done = handbook("validate", str(path))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{path}:3:")


def test_validate_plan_lists_what_the_plan_still_lacks(write_org):
    done = handbook("validate", "--plan", str(EXAMPLE))
    assert done.returncode == 0, done.stderr
    assert "el Plan de Alianzas Estratégicas está completo" in done.stdout
    path = write_org("organizacion:\n  nombre: X\n  mision: Y\nnivel: avanzado\n"
                     "plan_alianzas:\n  conclusiones: Listo.\n")
    done = handbook("validate", "--plan", str(path))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = [l for l in done.stdout.splitlines() if ": por completar: " in l]
    assert [l.split(": por completar: ")[1].split(":")[0] for l in lines] == [
        "organizacion.vision", "organizacion.especialidad", "organizacion.logo", "participantes",
        "plan_alianzas.lineas_accion", "plan_alianzas.estrategias_prioritarias"]
    assert done.stdout.strip().endswith("le faltan 6 datos")
