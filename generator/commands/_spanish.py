"""Click's own messages in Spanish: a small catalogue and the scope it applies in.

Click formats every message a user can trigger (usage errors, help headings, the help
option's text) through ``gettext``, imported into each of its modules as ``_`` and
``ngettext``. Python's gettext picks the language from the environment and reads compiled
``.mo`` files; the handbook is Spanish whatever the machine's locale, so instead of touching
the environment, ``spanish_click()`` points those two names at this catalogue while the
command runs, and puts click's own back on the way out. Messages missing from the catalogue
stay as click wrote them (tests/test_cli.py checks that each key is still one of click's).
"""

from __future__ import annotations

import gettext
import sys
from collections.abc import Iterator
from contextlib import contextmanager

#: msgid → Spanish, as click spells each message (``{...}`` fields are click's).
CATALOGUE: dict[str, str] = {
    "Usage:": "uso:",
    "Options": "Opciones",
    "Commands": "Órdenes",
    "Positional arguments": "Argumentos",
    "Show this message and exit.": "muestra esta ayuda y termina",
    "Show the version and exit.": "muestra la versión y termina",
    "Try '{command} {option}' for help.": "Escribe '{command} {option}' para ver la ayuda.",
    "Error: {message}": "error: {message}",
    "Aborted!": "cancelado",
    "Missing command.": "falta la orden.",
    "No such command {name!r}.": "no existe la orden {name!r}.",
    "No such option {name!r}.": "no existe la opción {name!r}.",
    "Missing argument": "falta el argumento",
    "Missing option": "falta la opción",
    "Missing parameter": "falta un dato",
    "Missing {param_type}": "falta {param_type}",
    "Missing parameter: {param_name}": "falta el dato {param_name}",
    "Invalid value for {param_hint}: {message}": "valor no válido para {param_hint}: {message}",
    "Invalid value: {message}": "valor no válido: {message}",
    "Option {name!r} does not take a value.": "la opción {name!r} no lleva valor.",
    "Argument {name!r} takes {nargs} values.": "el argumento {name!r} lleva {nargs} valores.",
    # click passes the type's English name ("integer") as {number_type}: left out.
    "{value!r} is not a valid {number_type}.": "{value!r} no es un número válido.",
    "{value} is not in the range {range}.": "{value} está fuera del rango {range}.",
    "Choose from:\n\t{choices}": "elige entre:\n\t{choices}",
}

#: (singular msgid, plural msgid) → (Spanish singular, Spanish plural).
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("sobra el argumento ({args})", "sobran los argumentos ({args})"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("la opción {name!r} necesita un valor.", "la opción {name!r} necesita {nargs} valores."),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("¿Quisiste decir {possibility}?", "(¿quisiste decir una de estas: {possibilities}?)"),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} no es {choice}.", "{value!r} no es ninguna de estas opciones: {choices}."),
}


def translate(message: str) -> str:
    return CATALOGUE.get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    spanish = PLURALS.get((singular, plural))
    if spanish is None:
        return singular if n == 1 else plural
    return spanish[0] if n == 1 else spanish[1]


def _click_modules() -> list:
    import click  # noqa: F401  (loads the modules listed below)

    return [m for name, m in list(sys.modules.items())
            if m is not None and (name == "click" or name.startswith("click."))]


@contextmanager
def spanish_click() -> Iterator[None]:
    """Click speaks Spanish inside the block; restored however it ends."""
    replaced: list[tuple[object, str, object]] = []
    try:
        for module in _click_modules():
            for name, original, ours in (("_", gettext.gettext, translate),
                                         ("ngettext", gettext.ngettext, translate_plural)):
                if getattr(module, name, None) is original:
                    replaced.append((module, name, original))
                    setattr(module, name, ours)
        yield
    finally:
        for module, name, original in reversed(replaced):
            setattr(module, name, original)
