"""The ``handbook`` command as a facilitator runs it: exit codes, Spanish messages, no tracebacks."""

from __future__ import annotations

import html
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from generator.commands.new import new_organization
from generator.paths import PROJECT_DIR
from generator.contract.validation import validate_file

from conftest import EXAMPLE, MINIMAL


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
        # The preview serves the manual under /<slug>/, as it is published (its 404 page links from there).
        url = f"http://127.0.0.1:{port}/{example_copy.stem}/index.html"
        deadline = time.monotonic() + 180  # generous: a loaded machine is slow, success exits at once
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
        deadline = time.monotonic() + 180  # generous: a loaded machine is slow, success exits at once
        while time.monotonic() < deadline and "Red Ciudadana Renovada" not in page:
            time.sleep(0.5)
            try:
                page = _get(url)
            except OSError:  # the server is busy rebuilding on a loaded machine: ask again
                continue
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


# ------------------------------------------------------------------ validate ok implies build ok


def test_names_of_any_length_build(write_org, tmp_path):
    # Page file names come from actor names: a 300-character name overflowed the file name
    # and the build failed with an internal error after validate said the file was fine.
    largo, comun = "A" * 300, "Coordinadora " + "B" * 87
    assert len(comun) == 100
    actores = [largo, comun + " del Norte", comun + " del Sur"]
    path = write_org(MINIMAL + "mapa_sistema:\n  actores:\n" + "".join(f"    - nombre: {a}\n" for a in actores)
                     + "aliados_potenciales:\n" + "".join(f"  - actor: {a}\n" for a in actores))
    assert handbook("validate", str(path)).returncode == 0
    done = handbook("build", str(path), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "error interno" not in done.stderr
    paginas = sorted((tmp_path / "out" / "colectivo" / "productos" / "aliados").iterdir())
    assert len(paginas) == 3 and all(len(p.name) < 80 for p in paginas)
    titulos = {re.search(r"<h1[^>]*>(.*?)</h1>", p.read_text(encoding="utf-8"), re.S)[1] for p in paginas}
    assert {html.unescape(re.sub(r"<[^>]+>", "", t)).rstrip("¶") for t in titulos} == set(actores)


def test_a_date_the_build_cannot_hold_is_refused_by_validate(write_org, tmp_path):
    path = write_org(MINIMAL + "calendario:\n  - sesion: 1\n    fecha: 2207-03-01\n")
    for args in (["validate", str(path)], ["build", str(path), "--out", str(tmp_path / "out")]):
        done = handbook(*args)
        assert done.returncode == 1
        assert "Traceback" not in done.stderr and "error interno" not in done.stderr
        assert f"{path}:7:12: error: calendario[0].fecha: la fecha '2207-03-01' está fuera del rango" in done.stderr


# ------------------------------------------------------------------ no traceback, ever


@pytest.mark.parametrize("verb, out", [
    ("portal", "/proc/x"), ("portal", "{file_name}/x"), ("portal", "/sys/kernel"),
    ("schema", "/proc/x/schema.json"), ("schema", "{file_name}/schema.json"), ("schema", "/sys/kernel/schema.json"),
    ("schema", "{carpeta}"),
], ids=["portal-proc", "portal-under-a-file", "portal-read-only", "schema-proc", "schema-under-a-file",
        "schema-read-only", "schema-into-a-folder"])
def test_writing_where_it_cannot_is_one_spanish_line(tmp_path, verb, out):
    # /sys/kernel: a folder nobody may write into, not even root (chmod does not stop root).
    file_name = tmp_path / "archivo"
    file_name.write_text("x")
    out = out.format(file_name=file_name, carpeta=tmp_path)
    done = handbook(verb, "--out", out)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    # The portal's folder is an output folder like build's (generator.site.publishing).
    que = {"portal": ("no se puede crear la carpeta de salida", "no se puede escribir en la carpeta de salida"),
           "schema": ("no se pudo escribir el esquema en",)}[verb]
    assert len(lines) == 1 and any(lines[0].startswith(f"handbook: {q} '{out}': ") for q in que), lines
    assert any(m in lines[0] for m in ("no existe", "es un archivo", "no hay permiso", "solo lectura",
                                       "es una carpeta", "no admite archivos nuevos")), lines[0]


def test_a_folder_given_as_the_file_is_called_a_folder(org_dir):
    done = handbook("validate", str(org_dir))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"'{org_dir}' es una carpeta, no un archivo" in done.stderr
    assert "no existe" not in done.stderr


def test_without_files_every_yaml_and_every_workbook_without_one_is_taken(tmp_path):
    """A team that only keeps a workbook runs ``handbook validate`` (or ``build``) with no file."""
    from generator.contract.models import OrganizationData
    from generator.workbook.write import write_workbook

    datos = tmp_path / "org_data"
    datos.mkdir()
    (datos / "colectivo.yaml").write_text(MINIMAL, encoding="utf-8")
    data = OrganizationData.model_validate(yaml.safe_load(MINIMAL))
    write_workbook(data, datos / "libro.xlsx")
    write_workbook(data, datos / "colectivo.xlsx")  # the .yaml of the same name is the source of truth
    (datos / "~$libro.xlsx").write_bytes(b"\x00lock")  # what Excel leaves beside an open workbook
    done = handbook("validate", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "org_data/colectivo.yaml" in done.stdout and "org_data/libro.xlsx" in done.stdout, done.stdout
    assert "colectivo.xlsx" not in done.stdout + done.stderr and "~$" not in done.stdout + done.stderr


def test_ctrl_c_says_it_was_cancelled(monkeypatch, capsys):
    from generator import cli
    from generator.commands import validate

    def interrumpido(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(validate, "run", interrumpido)
    assert cli.main(["validate"]) == 130
    assert capsys.readouterr().err == "handbook: cancelado; el manual anterior queda intacto\n"


@pytest.mark.parametrize("error, expected", [
    (RuntimeError("se rompió \x1b[2J" + "x" * 500),
     "handbook: error interno del generador: RuntimeError: se rompió \\x1b[2J"),
    (PermissionError(13, "Permission denied", "/algún/lugar"),
     "handbook: no se pudo completar la orden: '/algún/lugar': no hay permiso de acceso"),
])
def test_an_unexpected_error_is_one_spanish_line_unless_debugging(monkeypatch, capsys, error, expected):
    from generator import cli
    from generator.commands import validate

    def falla(args):
        raise error

    monkeypatch.setattr(validate, "run", falla)
    monkeypatch.delenv("HANDBOOK_DEBUG", raising=False)
    assert cli.main(["validate"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(expected) and err.count("\n") == 1 and len(err) < 400
    assert "\x1b" not in err and "Traceback" not in err
    monkeypatch.setenv("HANDBOOK_DEBUG", "1")
    with pytest.raises(type(error)):
        cli.main(["validate"])


# ------------------------------------------------------------------ serve: every way it ends


def _serve(file_name: Path, port: int, tmp: Path, log: Path) -> subprocess.Popen:
    """``handbook serve`` with a temporary directory of the test's own, its output in ``log``."""
    (tmp / "tmp").mkdir(exist_ok=True)
    return subprocess.Popen([sys.executable, "-m", "generator", "serve", str(file_name), "--puerto", str(port)],
                            cwd=PROJECT_DIR, stdout=log.open("w"), stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1", "TMPDIR": str(tmp / "tmp")})


def _wait_for(log: Path, text: str, process: subprocess.Popen, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        output = log.read_text(encoding="utf-8")
        if text in output:
            return output
        if process.poll() is not None:
            break
        time.sleep(0.2)
    raise AssertionError(f"no apareció {text!r}:\n{log.read_text(encoding='utf-8')}")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_serve_stops_cleanly_and_removes_its_temporary_site(example_copy, tmp_path, signum):
    log = tmp_path / "serve.log"
    process = _serve(example_copy, _free_port(), tmp_path, log)
    try:
        _wait_for(log, "vista previa en http://", process)
        assert [p.name[:15] for p in (tmp_path / "tmp").iterdir()] == ["handbook-serve-"]
        process.send_signal(signum)
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()
    output = log.read_text(encoding="utf-8")
    assert output.rstrip().endswith("vista previa terminada") and "Traceback" not in output
    assert list((tmp_path / "tmp").iterdir()) == []


def test_serve_on_a_port_in_use_says_so_and_cleans_up(example_copy, tmp_path):
    with socket.socket() as ocupado:
        ocupado.bind(("127.0.0.1", 0))
        ocupado.listen()
        port = ocupado.getsockname()[1]
        log = tmp_path / "serve.log"
        process = _serve(example_copy, port, tmp_path, log)
        assert process.wait(timeout=120) == 1
    output = log.read_text(encoding="utf-8")
    assert "Traceback" not in output
    assert f"handbook: no se pudo abrir la vista previa en el puerto {port}: el puerto ya está en uso" in output
    assert "vista previa en http://" not in output
    assert list((tmp_path / "tmp").iterdir()) == []


@pytest.mark.parametrize("port", ["99999", "0", "ocho"])
def test_serve_refuses_a_port_that_cannot_exist(example_copy, port):
    done = handbook("serve", str(example_copy), "--puerto", port)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"'{port}' no es un puerto válido (un número de 1 a 65535)" in done.stderr


def test_serve_of_an_invalid_file_reports_it_and_cleans_up(write_org, tmp_path):
    path = write_org("organizacion:\n  nombre: X\nnivel: basico\n")
    log = tmp_path / "serve.log"
    process = _serve(path, _free_port(), tmp_path, log)
    assert process.wait(timeout=120) == 1
    output = log.read_text(encoding="utf-8")
    assert f"{path}:2:3: error: organizacion.mision: falta la clave obligatoria 'mision'" in output
    assert "Traceback" not in output and "vista previa en http://" not in output
    assert list((tmp_path / "tmp").iterdir()) == []


def test_serve_keeps_the_previous_version_when_the_file_stops_validating(example_copy, tmp_path):
    port = _free_port()
    log = tmp_path / "serve.log"
    process = _serve(example_copy, port, tmp_path, log)
    try:
        _wait_for(log, "vista previa en http://", process)
        original = example_copy.read_text(encoding="utf-8")
        # A typo in a year (2207) used to pass validation and break the rebuild with a traceback.
        roto = original.replace("fecha: 2027-", "fecha: 2207-", 1)
        assert roto != original
        example_copy.write_text(roto, encoding="utf-8")
        output = _wait_for(log, "se conserva la versión anterior del manual", process)
        assert f"{example_copy}:" in output and "está fuera del rango admitido" in output
        assert "Traceback" not in output and "error interno" not in output
        assert "Red Ciudadana por la Transparencia" in _get(f"http://127.0.0.1:{port}/{example_copy.stem}/index.html")
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()
    assert list((tmp_path / "tmp").iterdir()) == []


def test_serve_announces_its_address_only_once_changes_are_watched(tmp_path, monkeypatch):
    """A change saved as soon as the address shows must be seen: the watcher's first snapshot
    comes before the announcement (the other way round, CI once lost an edit)."""
    import threading

    from generator.commands import serve

    watched = tmp_path / "org.yaml"
    watched.write_text("x", encoding="utf-8")
    server = serve._Server(builder=lambda: None, host="127.0.0.1", port=_free_port(), root=str(tmp_path))
    server.watch(str(watched))
    order: list[str] = []
    start_observer = server.observer.start
    monkeypatch.setattr(server.observer, "start", lambda: (start_observer(), order.append("watching")))

    class Output:
        def write(self, text: str) -> int:
            if "vista previa en" in text:
                order.append("announced")
            return len(text)

        def flush(self) -> None:
            pass

    monkeypatch.setattr(sys, "stdout", Output())
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while "announced" not in order and time.monotonic() < deadline:
        time.sleep(0.05)
    server.shutdown(wait=True)
    thread.join(timeout=30)
    assert order == ["watching", "announced"]


def test_validate_counts_warnings_in_spanish(write_org):
    una = write_org(MINIMAL + "calendario:\n  - sesion: 2\n    fecha: 2027-02-04\n"
                              "  - sesion: 1\n    fecha: 2027-02-11\n")
    done = handbook("validate", str(una))
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert done.stdout.strip().endswith("válido (1 aviso)"), done.stdout


# ------------------------------------------------------------------ click speaks Spanish


ENGLISH = re.compile(r"\b(Usage|Options|Commands|Try|Show|Error|Missing|No such|Invalid|requires|"
                     r"does not|is not|Got unexpected|Did you mean|argument|option)\b")


@pytest.mark.parametrize("args, expected", [
    (["--help"], "uso: handbook [OPCIONES] ORDEN [ARGUMENTOS]..."),
    (["build", "-h"], "-h, --help    muestra esta ayuda y termina"),
    (["serve", "--help"], "Opciones:\n"),
    (["--help"], "Órdenes:\n  validate"),
], ids=["usage", "help-option", "options-heading", "commands-heading"])
def test_help_is_spanish_throughout(capsys, args, expected):
    from generator import cli

    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert expected in out
    assert not ENGLISH.search(out), out


@pytest.mark.parametrize("args, message", [
    (["new"], "error: falta el argumento 'SLUG'."),
    (["validate", "--plam"], "error: no existe la opción '--plam'. ¿Quisiste decir '--plan'?"),
    (["publicar"], "error: no existe la orden 'publicar'."),
    (["build", "--jobs", "muchos"], "error: valor no válido para '--jobs' / '-j': necesita un número entero "
                                    "mayor que 0, no 'muchos'"),
    (["build", "--jobs", "0"], "mayor que 0, no '0'"),
    (["build", "--out"], "error: la opción '--out' necesita un valor."),
    (["build", "--pdf=sí"], "error: la opción '--pdf' no lleva valor."),
    (["new", "uno", "dos"], "error: sobra el argumento (dos)"),
    (["serve", "x.yaml", "--port", "ocho"], "error: valor no válido para '--puerto' / '--port': 'ocho' no es"),
], ids=["missing-argument", "unknown-option", "unknown-command", "bad-int", "jobs-zero", "option-without-value",
        "flag-with-value", "extra-argument", "bad-port"])
def test_usage_errors_are_spanish_with_usage_and_hint(capsys, args, message):
    from generator import cli

    assert cli.main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines[0].startswith("uso: handbook") and lines[1].startswith("Escribe 'handbook")
    assert lines[1].endswith("--help' para ver la ayuda.")
    assert message in captured.err
    assert not ENGLISH.search(captured.err), captured.err


def test_the_catalogue_is_clicks_own_messages_and_click_is_left_as_it_was():
    import ast
    import gettext

    import click

    from generator.commands._spanish import CATALOGUE, PLURALS, spanish_click

    # Each key must still be a message of the installed click: a reworded one would go English.
    singles, plurals = set(), set()
    for source in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                texts = tuple(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
                if node.func.id == "_" and texts:
                    singles.add(texts[0])
                elif node.func.id == "ngettext" and len(texts) == 2:
                    plurals.add(texts)
    assert set(CATALOGUE) <= singles and set(PLURALS) <= plurals
    # The Spanish keeps click's fields.
    for english, spanish in [*CATALOGUE.items(), *zip(PLURALS, PLURALS.values())]:
        fields = set(re.findall(r"\{(\w+)", " ".join(english) if isinstance(english, tuple) else english))
        assert set(re.findall(r"\{(\w+)", " ".join(spanish) if isinstance(spanish, tuple) else spanish)) <= fields

    import click.core
    with spanish_click():
        assert click.core._("Usage:") == "uso:"
    assert click.core._ is gettext.gettext and click.core.ngettext is gettext.ngettext
