"""The ``handbook`` command: a thin layer over the library, one module per verb.

Built with click; help texts and messages are Spanish (the users are facilitators), click's
own included (generator.commands._spanish). Exit status: 0 success, 1 invalid input or failed
build, 2 usage error, 130 cancelled with Ctrl+C. No traceback reaches the user: not for a
problem in their files, and not for a bug either (one line, unless ``HANDBOOK_DEBUG=1``).
"""

from __future__ import annotations

import sys

import click

from generator import __version__
from generator.commands import build, import_workbook, kumu, new, portal, schema, serve, validate, workbook
from generator.commands._options import UsageInErrors
from generator.commands._spanish import spanish_click
from generator.exceptions import HandbookError, debugging, describe_unexpected

COMMANDS = {"validate": validate, "build": build, "serve": serve, "new": new, "workbook": workbook,
            "import": import_workbook, "kumu": kumu, "schema": schema, "portal": portal}


class _Handbook(UsageInErrors, click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # in the order above (the usual first), not alphabetical


@click.group(
    "handbook", cls=_Handbook, invoke_without_command=True, no_args_is_help=False,
    options_metavar="[OPCIONES]", subcommand_metavar="ORDEN [ARGUMENTOS]...",
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Genera el manual de facilitación de alianzas estratégicas de cada organización "
         "a partir de su archivo de datos (org_data/<organización>.yaml).")
@click.version_option(__version__, "--version", prog_name="handbook", message="%(prog)s %(version)s",
                      help="muestra la versión y termina")
@click.pass_context
def handbook(ctx: click.Context) -> None:
    if ctx.invoked_subcommand is None:
        # Done here rather than with no_args_is_help, whose stream and status changed in click 8.2.
        click.echo(ctx.get_help(), err=True)
        ctx.exit(2)


for _module in COMMANDS.values():
    handbook.add_command(_module.command)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    with spanish_click():
        try:
            # Not click's standalone mode: it would print its own Ctrl+C and error lines.
            with handbook.make_context("handbook", args) as ctx:
                return handbook.invoke(ctx) or 0
        except click.exceptions.Exit as exc:  # --help, --version
            return exc.exit_code
        except click.ClickException as exc:  # a usage error: usage, hint and message on stderr
            exc.show()
            return exc.exit_code
        except HandbookError as exc:
            print(f"handbook: {exc}", file=sys.stderr)
            return exc.exit_code
        except KeyboardInterrupt:
            salto = "\n" if sys.stderr.isatty() else ""  # after the terminal's ^C
            print(f"{salto}handbook: cancelado; el manual anterior queda intacto", file=sys.stderr)
            return 130
        except Exception as exc:  # the last line of defence: one Spanish line, never a traceback
            if debugging():
                raise
            print(f"handbook: {describe_unexpected(exc)}", file=sys.stderr)
            return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
