"""The organization data contract (``shared/ORG_DATA.md``) as pydantic v2 models.

Scalars reach these models as the text the facilitator typed (see ``generator.contract.source``), so
every type here parses text. Messages are Spanish; enumerations are matched without regard
to accents and case and keep their accents for display (``LABELS``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlparse

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

from generator.exceptions import quote_value
from generator.contract.logo import InvalidLogo, locate

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


def without_accents(texto: str) -> str:
    """Lower-case, accent-free, space-collapsed form used to compare names and options."""
    decomposed = unicodedata.normalize("NFKD", texto)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


# ---------------------------------------------------------------- enumerations


class Choice(str, Enum):
    """An enumerated value of the contract; ``etiqueta`` is how the handbook shows it."""

    @property
    def etiqueta(self) -> str:
        return LABELS.get(self.value, self.value.replace("_", " "))

    @property
    def feminine_label(self) -> str:
        """The label agreeing with a feminine noun ("la etapa intermedia")."""
        return FEMININE_LABELS.get(self.value, self.etiqueta)

    def __str__(self) -> str:  # pragma: no cover - convenience
        return self.etiqueta


class Level(Choice):
    basico = "basico"
    intermedio = "intermedio"
    avanzado = "avanzado"


class Modality(Choice):
    presencial = "presencial"
    webinar = "webinar"


class Paper(Choice):
    carta = "carta"
    a4 = "a4"


class Sector(Choice):
    gobierno = "gobierno"
    sociedad_civil = "sociedad_civil"
    privado = "privado"
    academia = "academia"
    internacional = "internacional"
    medios = "medios"
    religioso = "religioso"
    comunitario = "comunitario"
    informal = "informal"
    otro = "otro"


class Relationship(Choice):
    fuerte = "fuerte"
    colaborativa = "colaborativa"
    debil = "debil"
    conflictiva = "conflictiva"


class Outcome(Choice):
    positivo = "positivo"
    negativo = "negativo"


class Stage(Choice):
    intermedio = "intermedio"
    final = "final"


LABELS = {
    "basico": "básico",
    "debil": "débil",
    "sociedad_civil": "sociedad civil",
    "a4": "A4",
    "privado": "sector privado",
}

#: Labels that change with a feminine noun ("la etapa intermedia", "una relación positiva");
#: a value not listed here reads the same in both genders ("final", "fuerte", "débil").
FEMININE_LABELS = {
    "basico": "básica",
    "intermedio": "intermedia",
    "avanzado": "avanzada",
    "positivo": "positiva",
    "negativo": "negativa",
}


def _choice(enum: type[Choice]):
    valores = {without_accents(m.value.replace("_", " ")): m for m in enum}

    def parse(value: Any) -> Any:
        if isinstance(value, enum) or value is None:
            return value
        if not isinstance(value, str):
            raise PydanticCustomError("opcion_tipo", "se esperaba una de estas opciones: {opciones}",
                                      {"opciones": ", ".join(m.etiqueta for m in enum)})
        clave = without_accents(value.replace("_", " ").replace("-", " "))
        if clave in valores:
            return valores[clave]
        opciones = ", ".join(m.etiqueta for m in enum)
        parecida = difflib.get_close_matches(clave, list(valores), n=1, cutoff=0.6)
        sugerencia = f"; ¿quisiste decir '{valores[parecida[0]].etiqueta}'?" if parecida else ""
        raise PydanticCustomError(
            "opcion_invalida", "'{valor}' no es una opción válida ({opciones}){sugerencia}",
            {"valor": quote_value(value), "opciones": opciones, "sugerencia": sugerencia})

    return BeforeValidator(parse)


def O(enum: type[Choice]):  # noqa: N802 - reads as a type in the models below
    return Annotated[enum, _choice(enum)]


# ---------------------------------------------------------------- scalar types


def _text(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if value is None:
        raise PydanticCustomError("texto_vacio", "falta el valor (se esperaba un texto)")
    clase = "una lista" if isinstance(value, list) else "una sección" if isinstance(value, dict) else "otro tipo"
    raise PydanticCustomError("texto_tipo", "se esperaba un texto, no {clase}", {"clase": clase})


Text = Annotated[str, BeforeValidator(_text)]

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: The dates a handbook can hold. Outputs store the edition date as seconds since 1970 in 32
#: bits (the site's gzip sitemap, the calendar's stamp), so 1970-2106 at most; a programme is
#: held this century, and a year outside it is a typo (2207 for 2027).
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2099, 12, 31)


def _date(value: Any) -> Any:
    if isinstance(value, date) or value is None:
        return value
    texto = str(value).strip()
    if not _DATE_RE.match(texto):
        raise PydanticCustomError("fecha_formato", "'{valor}' no es una fecha con el formato AAAA-MM-DD",
                                  {"valor": quote_value(texto)})
    try:
        fecha = date.fromisoformat(texto)
    except ValueError:
        raise PydanticCustomError("fecha_inexistente", "la fecha '{valor}' no existe en el calendario",
                                  {"valor": quote_value(texto)}) from None
    if not EARLIEST_DATE <= fecha <= LATEST_DATE:
        raise PydanticCustomError(
            "fecha_fuera_de_rango",
            "la fecha '{valor}' está fuera del rango admitido (de {minima} a {maxima}); ¿un error al teclear el año?",
            {"valor": texto, "minima": EARLIEST_DATE.year, "maxima": LATEST_DATE.year})
    return fecha


DateValue = Annotated[date, BeforeValidator(_date)]

_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})$")


def _clock_time(value: Any) -> Any:
    texto = str(value).strip() if value is not None else ""
    match = _TIME_RE.match(texto)
    if not match:
        raise PydanticCustomError("hora_formato", "'{valor}' no es una hora con el formato HH:MM (24 horas)",
                                  {"valor": quote_value(texto)})
    horas, minutos = int(match[1]), int(match[2])
    if horas > 23 or minutos > 59:
        raise PydanticCustomError("hora_inexistente", "la hora '{valor}' no existe (de 00:00 a 23:59)",
                                  {"valor": quote_value(texto)})
    return f"{horas:02d}:{minutos:02d}"


ClockTime = Annotated[str, BeforeValidator(_clock_time), WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}:\d{2}$"})]


def _url(value: Any) -> Any:
    texto = _text(value)
    parsed = urlparse(texto)
    if parsed.scheme.lower() not in ("http", "https"):
        raise PydanticCustomError("url_esquema", "'{valor}' debe ser una dirección que empiece con http:// o https://",
                                  {"valor": quote_value(texto)})
    if not parsed.netloc or any(c.isspace() for c in texto):
        raise PydanticCustomError("url_formato", "'{valor}' no es una dirección web válida", {"valor": quote_value(texto)})
    return texto


Url = Annotated[str, BeforeValidator(_url), WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _email(value: Any) -> Any:
    texto = _text(value)
    if not _EMAIL_RE.match(texto):
        raise PydanticCustomError("correo_formato", "'{valor}' no es un correo electrónico válido", {"valor": quote_value(texto)})
    return texto


Email = Annotated[str, BeforeValidator(_email), WithJsonSchema({"type": "string", "format": "email"})]

_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def _color(value: Any) -> Any:
    texto = _text(value)
    if not _COLOR_RE.match(texto):
        raise PydanticCustomError("color_formato", "'{valor}' no es un color con el formato #RRGGBB", {"valor": quote_value(texto)})
    return texto.lower()


Color = Annotated[str, BeforeValidator(_color), WithJsonSchema({"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"})]


def _session(value: Any) -> Any:
    texto = without_accents(str(value)) if value is not None else ""
    if texto == "mapeo":
        return "mapeo"
    if texto.isdigit() and 1 <= int(texto) <= 6:
        return int(texto)
    raise PydanticCustomError("sesion_invalida", "'{valor}' no es una sesión (1 a 6, o mapeo)", {"valor": quote_value(value)})


SessionKey = Annotated[
    int | Literal["mapeo"],
    BeforeValidator(_session),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 1, "maximum": 6}, {"const": "mapeo"}]}),
]


def _session_number(value: Any) -> Any:
    texto = str(value).strip() if value is not None else ""
    if texto.isdigit() and 1 <= int(texto) <= 6:
        return int(texto)
    raise PydanticCustomError("sesion_invalida", "'{valor}' no es una sesión (de 1 a 6)", {"valor": quote_value(value)})


SessionNumber = Annotated[int, BeforeValidator(_session_number), Field(ge=1, le=6)]


# ---------------------------------------------------------------- models


#: Each participant has three votes to rank the priority strategies (session 6).
VOTES_PER_PARTICIPANT = 3


class ContractModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Colours(ContractModel):
    primario: Color | None = None
    acento: Color | None = None


class Organization(ContractModel):
    nombre: Annotated[Text, Field(min_length=1, max_length=200)]
    siglas: Text | None = None
    mision: Text
    vision: Text | None = None
    semblanza: Text | None = None
    especialidad: Text | None = None
    ciudad: Text | None = None
    sitio_web: Url | None = None
    logo: Text | None = None
    colores: Colours | None = None

    @field_validator("logo")
    @classmethod
    def _logo_beside_file(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Where the logo may be; what it holds is checked by ``generator.contract.logo.review``."""
        base = (info.context or {}).get("org_dir")
        if value is None or base is None:
            return value
        try:
            locate(Path(base), value)
        except InvalidLogo as exc:
            raise PydanticCustomError("logo", "{mensaje}", {"mensaje": str(exc)}) from None
        return value


class PrintSettings(ContractModel):
    papel: O(Paper) = Paper.carta


class Facilitator(ContractModel):
    nombre: Text
    rol: Text | None = None
    correo: Email | None = None


class Consultant(ContractModel):
    nombre: Text
    especialidad: Text | None = None


class Participant(ContractModel):
    nombre: Text
    puesto: Text | None = None


class CalendarEntry(ContractModel):
    sesion: SessionKey
    fecha: DateValue | None = None
    inicio: ClockTime = "09:00"
    lugar: Text | None = None
    modalidad: O(Modality) | None = None
    enlace: Url | None = None
    fechas: list[DateValue] = []


class Actor(ContractModel):
    nombre: Text
    sector: O(Sector) | None = None
    roles: list[Text] = []
    recursos: list[Text] = []
    relacion: O(Relationship) | None = None
    reglas: Text | None = None
    resultado: O(Outcome) | None = None


class Change(ContractModel):
    actor: Text
    relacion: O(Relationship) | None = None
    resultado: O(Outcome) | None = None
    nota: Text | None = None


class FollowUp(ContractModel):
    etapa: O(Stage)
    fecha: DateValue | None = None
    cambios: list[Change] = []


class SystemMap(ContractModel):
    resultado_buscado: Text | None = None
    actores: list[Actor] = []
    aciertos: list[Text] = []
    errores_comunes: list[Text] = []
    seguimientos: list[FollowUp] = []


class DueDiligence(ContractModel):
    imagen_corporativa: Text | None = None
    medio_ambiente: Text | None = None
    solidez_financiera: Text | None = None
    reputacion: Text | None = None


class Implementation(ContractModel):
    networking: Text | None = None
    difusion: Text | None = None
    presentacion: Text | None = None
    mou: Text | None = None
    comunicacion: Text | None = None


class PotentialAlly(ContractModel):
    actor: Text
    recursos: list[Text] | None = None
    interes_para_aliado: Text | None = None
    que_ofrecemos: Text | None = None
    concesiones: Text | None = None
    beneficios_esperados: Text | None = None
    debida_diligencia: DueDiligence | None = None
    implementacion: Implementation | None = None
    evaluacion: Text | None = None
    sostenibilidad: Text | None = None


class ElevatorPitch(ContractModel):
    vocero: Text | None = None
    problema: Text | None = None
    accion: Text | None = None
    resultado: Text | None = None
    por_que_aliarse: Text | None = None


Score = Annotated[int, Field(ge=1, le=10)]


class TrustEquation(ContractModel):
    credibilidad: Score | None = None
    confiabilidad: Score | None = None
    intimidad: Score | None = None
    orientacion_a_si_mismo: Score | None = None


class Strategy(ContractModel):
    estrategia: Text
    por_que: Text | None = None


class ActionLine(ContractModel):
    nombre: Text
    funcionan: list[Strategy] = []
    no_funcionan: list[Strategy] = []
    por_integrar: list[Text] = []


class StrategyAlly(ContractModel):
    aliado: Text
    objetivo: Text | None = None
    corto_plazo: list[Text] = []
    mediano_plazo: list[Text] = []
    largo_plazo: list[Text] = []


class PriorityStrategy(ContractModel):
    estrategia: Text
    votos: Annotated[int, Field(ge=0)] = 0
    aliados: list[StrategyAlly] = []


class AlliancePlan(ContractModel):
    lineas_accion: list[ActionLine] = []
    estrategias_prioritarias: list[PriorityStrategy] = []
    conclusiones: Text | None = None


class SubActivity(ContractModel):
    nombre: Text
    inicio: DateValue | None = None
    fin: DateValue | None = None


class Activity(ContractModel):
    nombre: Text
    inicio: DateValue | None = None
    fin: DateValue | None = None
    responsables: Text | None = None
    equipo_org: Text | None = None
    producto: Text | None = None
    subactividades: list[SubActivity] = []


class WorkPlan(ContractModel):
    actividades: list[Activity] = []


def _bool(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    texto = without_accents(str(value))
    if texto in ("true", "si", "yes", "verdadero", "1", "on"):
        return True
    if texto in ("false", "no", "falso", "0", "off"):
        return False
    raise PydanticCustomError("bool_invalido", "'{valor}' no es sí ni no (escribe true o false)", {"valor": quote_value(value)})


YesNo = Annotated[bool, BeforeValidator(_bool)]


class OrganizationData(ContractModel):
    """One organization's whole file."""

    model_config = ConfigDict(
        extra="forbid", frozen=True,
        json_schema_extra={"title": "Datos de una organización (manual de alianzas estratégicas)"},
    )

    organizacion: Organization
    nivel: O(Level)
    modalidad: O(Modality) = Modality.presencial
    tiene_mapa_sistema: YesNo = False
    sesiones_incluidas: list[SessionNumber] | None = None
    impresion: PrintSettings = PrintSettings()
    equipo_facilitador: list[Facilitator] = []
    consultores: list[Consultant] = []
    participantes: list[Participant] = []
    calendario: list[CalendarEntry] = []
    mapa_sistema: SystemMap | None = None
    recursos_propios: list[Text] = []
    aliados_potenciales: list[PotentialAlly] = []
    discurso_elevador: ElevatorPitch | None = None
    ecuacion_confianza: TrustEquation | None = None
    plan_alianzas: AlliancePlan | None = None
    plan_trabajo: WorkPlan | None = None
    valoracion_url: Url | None = None
