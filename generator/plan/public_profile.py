"""The public profile (``handbook build --public``): the organization's data without what stays
inside the organization.

What is left out is data, not code: the contract paths of ``content/perfil-publico.yaml``
(``Methodology.public_profile``). Each named field goes back to the value the file would have
without it (empty list, ``None``, 0 votes). Redaction happens on the data, before anything is
planned, so no output can carry what was left out: pages, search index, figures, PDFs, DOCX
and calendar are all made from this copy.

What survives is published as typed, free text included; a name, e-mail address or phone
number written into a ``semblanza`` or a ``lugar`` goes out with it. Names cannot be told
from other words, but e-mail addresses and phone numbers can: ``publication_warnings`` walks
the redacted data and warns, at its place in the file, about each one about to be published.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Sequence
from enum import Enum

import phonenumbers
from pydantic import BaseModel

from generator.methodology.models import InternalField
from generator.contract.models import OrganizationData
from generator.contract.paths import Step, resolve
from generator.exceptions import Diagnostic
from generator.contract.source import Path_, format_path
from generator.methodology import load_methodology


def public_profile(org: OrganizationData, quita: Sequence[InternalField] | None = None) -> OrganizationData:
    """``org`` without the fields of ``quita`` (by default, the methodology's list)."""
    if quita is None:
        quita = load_methodology().public_profile.quita
    for dato in quita:
        org = _remove(org, resolve(dato.ruta)[0])
    return org


def _remove(modelo: BaseModel, pasos: list[Step]) -> BaseModel:
    paso, resto = pasos[0], pasos[1:]
    if not resto:
        field_path = type(modelo).model_fields[paso.field_path]
        return modelo.model_copy(update={paso.field_path: copy.deepcopy(field_path.get_default(call_default_factory=True))})
    valor = getattr(modelo, paso.field_path)
    if valor is None:
        return modelo
    nuevo = [_remove(v, resto) for v in valor] if paso.each else _remove(valor, resto)
    return modelo.model_copy(update={paso.field_path: nuevo})


# ------------------------------------------------------------------ what free text would publish

#: An e-mail address anywhere in a text (the contract's own ``Email`` checks a whole value).
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
#: Dialling prefixes that ``phonenumbers`` no longer accepts but people still write: the "1"
#: of old Mexican mobile numbers after +52, and 01 / 044 / 045 before the ten digits. They are
#: blanked (same length, so positions hold) before matching.
_OLD_PREFIX_RE = re.compile(r"(?<=\+52)[\s.-]*1(?=[\s.-]*\d)|(?<!\S)0(?:1|44|45)(?=[\s.-]+\d)")
#: Digits grouped by thousands with spaces ("8 112 345 678 pesos") are an amount, not a number
#: anyone dials.
_THOUSANDS_RE = re.compile(r"^\d{1,3}(?: \d{3})+$")
#: How much of a value a message quotes.
QUOTE_LENGTH = 60


def emails(texto: str) -> list[str]:
    """E-mail addresses in ``texto``, in order, each once."""
    return list(dict.fromkeys(m.group() for m in EMAIL_RE.finditer(texto)))


def phone_numbers(texto: str) -> list[str]:
    """Phone numbers in ``texto`` as written, in order, each once.

    Google's libphonenumber (``phonenumbers``) finds them: Mexican numbers (ten digits, with
    or without separators, +52, the old prefixes) and any international one written with its
    ``+`` country code; with ``Leniency.VALID`` only numbers that exist in their numbering
    plan match, which keeps dates, years, times, postal codes and amounts out.
    """
    prefijos = list(_OLD_PREFIX_RE.finditer(texto))
    limpio = _OLD_PREFIX_RE.sub(lambda m: " " * len(m.group()), texto)
    encontrados = []
    for m in phonenumbers.PhoneNumberMatcher(limpio, "MX", leniency=phonenumbers.Leniency.VALID):
        if _THOUSANDS_RE.match(m.raw_string):
            continue
        inicio = m.start  # quoted as written: with the prefix blanked just before it
        for p in prefijos:
            if p.end() <= inicio and not texto[p.end():inicio].strip(" .-"):
                inicio = p.start()
        encontrados.append(texto[inicio:m.end].strip())
    return list(dict.fromkeys(encontrados))


def texts_with_path(valor: object, ruta: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every text of ``valor`` with its path in the file; options (enumerations) are not text."""
    if isinstance(valor, BaseModel):
        for field_path in type(valor).model_fields:
            yield from texts_with_path(getattr(valor, field_path), ruta + (field_path,))
    elif isinstance(valor, list):
        for i, item in enumerate(valor):
            yield from texts_with_path(item, ruta + (i,))
    elif isinstance(valor, str) and not isinstance(valor, Enum):
        yield ruta, valor


def _quote(texto: str) -> str:
    texto = " ".join(texto.split())
    return texto if len(texto) <= QUOTE_LENGTH else texto[:QUOTE_LENGTH - 1] + "…"


def publication_warnings(valid, quita: Sequence[InternalField]) -> list[Diagnostic]:
    """One warning per e-mail address or phone number in a text the public profile publishes.

    ``valid`` is a ``ValidOrganization``; the place is the value's in the file.
    """
    avisos = []
    for ruta, texto in texts_with_path(public_profile(valid.data, quita)):
        hallados = [("el correo", c) for c in emails(texto)] + [("el teléfono", t) for t in phone_numbers(texto)]
        for que, valor in hallados:
            linea, columna = valid.position_of(ruta)
            place = valid.documento.place(linea, columna) if valid.documento else ""
            avisos.append(Diagnostic(valid.file, linea, columna, format_path(ruta),
                                     f"se publicará {que} '{_quote(valor)}'; si es personal, quítalo del texto",
                                     "aviso", place))
    return avisos
