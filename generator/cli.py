"""The ``handbook`` command: a thin layer over the library, one module per verb.

Help texts and messages are Spanish (the users are facilitators). Exit status: 0 success,
1 invalid input or failed build, 2 usage error, 130 cancelled with Ctrl+C. No traceback
reaches the user: not for a problem in their files, and not for a bug either (one line,
unless ``HANDBOOK_DEBUG=1``).
"""

from __future__ import annotations

import argparse
import sys

from generator import __version__
from generator.commands import build, new, portal, schema, serve, validate
from generator.exceptions import HandbookError, depurando, describir_inesperado

COMMANDS = {"validate": validate, "build": build, "serve": serve, "new": new, "schema": schema, "portal": portal}


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # '' is argparse asking for no prefix (it builds a subcommand's prog that way).
        super().add_usage(usage, actions, groups, "uso: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with Spanish framing (its own messages are English)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumentos"
        self._optionals.title = "opciones"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="muestra esta ayuda y termina")

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error de uso: {_spanish(message)}\n")


def _spanish(message: str) -> str:
    replacements = [
        ("the following arguments are required", "faltan los argumentos"),
        ("unrecognized arguments", "argumentos desconocidos"),
        ("invalid choice", "opción no válida"),
        ("choose from", "elige entre"),
        ("expected one argument", "se esperaba un valor"),
        ("argument ", "argumento "),
        ("invalid int value", "número no válido"),
    ]
    for english, spanish in replacements:
        message = message.replace(english, spanish)
    return message


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="handbook",
        description="Genera el manual de facilitación de alianzas estratégicas de cada organización "
                    "a partir de su archivo de datos (org_data/<organización>.yaml).",
    )
    parser.add_argument("--version", action="version", version=f"handbook {__version__}",
                        help="muestra la versión y termina")
    sub = parser.add_subparsers(dest="command", metavar="ORDEN", title="órdenes", parser_class=_Parser)
    for name, module in COMMANDS.items():
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return COMMANDS[args.command].run(args)
    except HandbookError as exc:
        print(f"handbook: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        salto = "\n" if sys.stderr.isatty() else ""  # after the terminal's ^C or a progress bar
        print(f"{salto}handbook: cancelado; el manual anterior queda intacto", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: one Spanish line, never a traceback
        if depurando():
            raise
        print(f"handbook: {describir_inesperado(exc)}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
