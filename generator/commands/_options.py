"""What every verb's click command shares."""

from __future__ import annotations

from pathlib import Path

import click


class UsageInErrors:
    """Every usage error shows the command's usage line: click's option parser raises some
    (an option missing its value, a flag given one) without the context that prints it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            if exc.ctx is None:
                exc.ctx, exc.cmd = ctx, ctx.command
            raise


class Verb(UsageInErrors, click.Command):
    pass


#: keyword arguments of each verb's ``click.command``
COMMAND = {"cls": Verb, "options_metavar": "[OPCIONES]",
           "context_settings": {"help_option_names": ["-h", "--help"]}}

#: a path given as it is: the verb itself checks it and says what is wrong, in Spanish
PATH = click.Path(path_type=Path, readable=False)

#: the organization files a verb takes (none: every one in org_data/)
FILES = click.argument("archivos", nargs=-1, metavar="[ARCHIVO]...")
