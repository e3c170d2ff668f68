"""The organization data contract (``shared/ORG_DATA.md``) as pydantic v2 models.

Scalars reach these models as the text the facilitator typed (see ``generator.contract.source``), so
every type here parses text. Messages are Spanish; enumerations are matched without regard
to accents and case and keep their accents for display (``ETIQUETAS``).
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

from generator.exceptions import mostrar
from generator.contract.logo import LogoNoValido, ubicar

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


def sin_acentos(texto: str) -> str:
    """Lower-case, accent-free, space-collapsed form used to compare names and options."""
    decomposed = unicodedata.normalize("NFKD", texto)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


# ---------------------------------------------------------------- enumerations


class Opcion(str, Enum):
    """An enumerated value of the contract; ``etiqueta`` is how the handbook shows it."""

    @property
    def etiqueta(self) -> str:
        return ETIQUETAS.get(self.value, self.value.replace("_", " "))

    @property
    def feminine_label(self) -> str:
        """The label agreeing with a feminine noun ("la etapa intermedia")."""
        return FEMININE_LABELS.get(self.value, self.etiqueta)

    def __str__(self) -> str:  # pragma: no cover - convenience
        return self.etiqueta


class Nivel(Opcion):
    basico = "basico"
    intermedio = "intermedio"
    avanzado = "avanzado"


class Modalidad(Opcion):
    presencial = "presencial"
    webinar = "webinar"


class Papel(Opcion):
    carta = "carta"
    a4 = "a4"


class Sector(Opcion):
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


class Relacion(Opcion):
    fuerte = "fuerte"
    colaborativa = "colaborativa"
    debil = "debil"
    conflictiva = "conflictiva"


class Resultado(Opcion):
    positivo = "positivo"
    negativo = "negativo"


class Etapa(Opcion):
    intermedio = "intermedio"
    final = "final"


ETIQUETAS = {
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


def _opcion(enum: type[Opcion]):
    valores = {sin_acentos(m.value.replace("_", " ")): m for m in enum}

    def parse(value: Any) -> Any:
        if isinstance(value, enum) or value is None:
            return value
        if not isinstance(value, str):
            raise PydanticCustomError("opcion_tipo", "se esperaba una de estas opciones: {opciones}",
                                      {"opciones": ", ".join(m.etiqueta for m in enum)})
        clave = sin_acentos(value.replace("_", " ").replace("-", " "))
        if clave in valores:
            return valores[clave]
        opciones = ", ".join(m.etiqueta for m in enum)
        parecida = difflib.get_close_matches(clave, list(valores), n=1, cutoff=0.6)
        sugerencia = f"; ¿quisiste decir '{valores[parecida[0]].etiqueta}'?" if parecida else ""
        raise PydanticCustomError(
            "opcion_invalida", "'{valor}' no es una opción válida ({opciones}){sugerencia}",
            {"valor": mostrar(value), "opciones": opciones, "sugerencia": sugerencia})

    return BeforeValidator(parse)


def O(enum: type[Opcion]):  # noqa: N802 - reads as a type in the models below
    return Annotated[enum, _opcion(enum)]


# ---------------------------------------------------------------- scalar types


def _texto(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if value is None:
        raise PydanticCustomError("texto_vacio", "falta el valor (se esperaba un texto)")
    clase = "una lista" if isinstance(value, list) else "una sección" if isinstance(value, dict) else "otro tipo"
    raise PydanticCustomError("texto_tipo", "se esperaba un texto, no {clase}", {"clase": clase})


Texto = Annotated[str, BeforeValidator(_texto)]

_FECHA_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: The dates a handbook can hold. Outputs store the edition date as seconds since 1970 in 32
#: bits (the site's gzip sitemap, the calendar's stamp), so 1970-2106 at most; a programme is
#: held this century, and a year outside it is a typo (2207 for 2027).
FECHA_MINIMA = date(2000, 1, 1)
FECHA_MAXIMA = date(2099, 12, 31)


def _fecha(value: Any) -> Any:
    if isinstance(value, date) or value is None:
        return value
    texto = str(value).strip()
    if not _FECHA_RE.match(texto):
        raise PydanticCustomError("fecha_formato", "'{valor}' no es una fecha con el formato AAAA-MM-DD",
                                  {"valor": mostrar(texto)})
    try:
        fecha = date.fromisoformat(texto)
    except ValueError:
        raise PydanticCustomError("fecha_inexistente", "la fecha '{valor}' no existe en el calendario",
                                  {"valor": mostrar(texto)}) from None
    if not FECHA_MINIMA <= fecha <= FECHA_MAXIMA:
        raise PydanticCustomError(
            "fecha_fuera_de_rango",
            "la fecha '{valor}' está fuera del rango admitido (de {minima} a {maxima}); ¿un error al teclear el año?",
            {"valor": texto, "minima": FECHA_MINIMA.year, "maxima": FECHA_MAXIMA.year})
    return fecha


Fecha = Annotated[date, BeforeValidator(_fecha)]

_HORA_RE = re.compile(r"^(\d{1,2}):(\d{2})$")


def _hora(value: Any) -> Any:
    texto = str(value).strip() if value is not None else ""
    match = _HORA_RE.match(texto)
    if not match:
        raise PydanticCustomError("hora_formato", "'{valor}' no es una hora con el formato HH:MM (24 horas)",
                                  {"valor": mostrar(texto)})
    horas, minutos = int(match[1]), int(match[2])
    if horas > 23 or minutos > 59:
        raise PydanticCustomError("hora_inexistente", "la hora '{valor}' no existe (de 00:00 a 23:59)",
                                  {"valor": mostrar(texto)})
    return f"{horas:02d}:{minutos:02d}"


Hora = Annotated[str, BeforeValidator(_hora), WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}:\d{2}$"})]


def _url(value: Any) -> Any:
    texto = _texto(value)
    parsed = urlparse(texto)
    if parsed.scheme.lower() not in ("http", "https"):
        raise PydanticCustomError("url_esquema", "'{valor}' debe ser una dirección que empiece con http:// o https://",
                                  {"valor": mostrar(texto)})
    if not parsed.netloc or any(c.isspace() for c in texto):
        raise PydanticCustomError("url_formato", "'{valor}' no es una dirección web válida", {"valor": mostrar(texto)})
    return texto


Url = Annotated[str, BeforeValidator(_url), WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]

_CORREO_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _correo(value: Any) -> Any:
    texto = _texto(value)
    if not _CORREO_RE.match(texto):
        raise PydanticCustomError("correo_formato", "'{valor}' no es un correo electrónico válido", {"valor": mostrar(texto)})
    return texto


Correo = Annotated[str, BeforeValidator(_correo), WithJsonSchema({"type": "string", "format": "email"})]

_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def _color(value: Any) -> Any:
    texto = _texto(value)
    if not _COLOR_RE.match(texto):
        raise PydanticCustomError("color_formato", "'{valor}' no es un color con el formato #RRGGBB", {"valor": mostrar(texto)})
    return texto.lower()


Color = Annotated[str, BeforeValidator(_color), WithJsonSchema({"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"})]


def _sesion(value: Any) -> Any:
    texto = sin_acentos(str(value)) if value is not None else ""
    if texto == "mapeo":
        return "mapeo"
    if texto.isdigit() and 1 <= int(texto) <= 6:
        return int(texto)
    raise PydanticCustomError("sesion_invalida", "'{valor}' no es una sesión (1 a 6, o mapeo)", {"valor": mostrar(value)})


ClaveSesion = Annotated[
    int | Literal["mapeo"],
    BeforeValidator(_sesion),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 1, "maximum": 6}, {"const": "mapeo"}]}),
]


def _numero_sesion(value: Any) -> Any:
    texto = str(value).strip() if value is not None else ""
    if texto.isdigit() and 1 <= int(texto) <= 6:
        return int(texto)
    raise PydanticCustomError("sesion_invalida", "'{valor}' no es una sesión (de 1 a 6)", {"valor": mostrar(value)})


NumeroSesion = Annotated[int, BeforeValidator(_numero_sesion), Field(ge=1, le=6)]


# ---------------------------------------------------------------- models


#: Each participant has three votes to rank the priority strategies (session 6).
VOTOS_POR_PARTICIPANTE = 3


class Modelo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Colores(Modelo):
    primario: Color | None = None
    acento: Color | None = None


class Organizacion(Modelo):
    nombre: Annotated[Texto, Field(min_length=1, max_length=200)]
    siglas: Texto | None = None
    mision: Texto
    vision: Texto | None = None
    semblanza: Texto | None = None
    especialidad: Texto | None = None
    ciudad: Texto | None = None
    sitio_web: Url | None = None
    logo: Texto | None = None
    colores: Colores | None = None

    @field_validator("logo")
    @classmethod
    def _logo_junto_al_archivo(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Where the logo may be; what it holds is checked by ``generator.contract.logo.revisar``."""
        base = (info.context or {}).get("org_dir")
        if value is None or base is None:
            return value
        try:
            ubicar(Path(base), value)
        except LogoNoValido as exc:
            raise PydanticCustomError("logo", "{mensaje}", {"mensaje": str(exc)}) from None
        return value


class Impresion(Modelo):
    papel: O(Papel) = Papel.carta


class PersonaFacilitadora(Modelo):
    nombre: Texto
    rol: Texto | None = None
    correo: Correo | None = None


class Consultor(Modelo):
    nombre: Texto
    especialidad: Texto | None = None


class Participante(Modelo):
    nombre: Texto
    puesto: Texto | None = None


class EntradaCalendario(Modelo):
    sesion: ClaveSesion
    fecha: Fecha | None = None
    inicio: Hora = "09:00"
    lugar: Texto | None = None
    modalidad: O(Modalidad) | None = None
    enlace: Url | None = None
    fechas: list[Fecha] = []


class Actor(Modelo):
    nombre: Texto
    sector: O(Sector) | None = None
    roles: list[Texto] = []
    recursos: list[Texto] = []
    relacion: O(Relacion) | None = None
    reglas: Texto | None = None
    resultado: O(Resultado) | None = None


class Cambio(Modelo):
    actor: Texto
    relacion: O(Relacion) | None = None
    resultado: O(Resultado) | None = None
    nota: Texto | None = None


class Seguimiento(Modelo):
    etapa: O(Etapa)
    fecha: Fecha | None = None
    cambios: list[Cambio] = []


class MapaSistema(Modelo):
    resultado_buscado: Texto | None = None
    actores: list[Actor] = []
    aciertos: list[Texto] = []
    errores_comunes: list[Texto] = []
    seguimientos: list[Seguimiento] = []


class DebidaDiligencia(Modelo):
    imagen_corporativa: Texto | None = None
    medio_ambiente: Texto | None = None
    solidez_financiera: Texto | None = None
    reputacion: Texto | None = None


class Implementacion(Modelo):
    networking: Texto | None = None
    difusion: Texto | None = None
    presentacion: Texto | None = None
    mou: Texto | None = None
    comunicacion: Texto | None = None


class AliadoPotencial(Modelo):
    actor: Texto
    recursos: list[Texto] | None = None
    interes_para_aliado: Texto | None = None
    que_ofrecemos: Texto | None = None
    concesiones: Texto | None = None
    beneficios_esperados: Texto | None = None
    debida_diligencia: DebidaDiligencia | None = None
    implementacion: Implementacion | None = None
    evaluacion: Texto | None = None
    sostenibilidad: Texto | None = None


class DiscursoElevador(Modelo):
    vocero: Texto | None = None
    problema: Texto | None = None
    accion: Texto | None = None
    resultado: Texto | None = None
    por_que_aliarse: Texto | None = None


Puntaje = Annotated[int, Field(ge=1, le=10)]


class EcuacionConfianza(Modelo):
    credibilidad: Puntaje | None = None
    confiabilidad: Puntaje | None = None
    intimidad: Puntaje | None = None
    orientacion_a_si_mismo: Puntaje | None = None


class Estrategia(Modelo):
    estrategia: Texto
    por_que: Texto | None = None


class LineaAccion(Modelo):
    nombre: Texto
    funcionan: list[Estrategia] = []
    no_funcionan: list[Estrategia] = []
    por_integrar: list[Texto] = []


class AliadoEstrategia(Modelo):
    aliado: Texto
    objetivo: Texto | None = None
    corto_plazo: list[Texto] = []
    mediano_plazo: list[Texto] = []
    largo_plazo: list[Texto] = []


class EstrategiaPrioritaria(Modelo):
    estrategia: Texto
    votos: Annotated[int, Field(ge=0)] = 0
    aliados: list[AliadoEstrategia] = []


class PlanAlianzas(Modelo):
    lineas_accion: list[LineaAccion] = []
    estrategias_prioritarias: list[EstrategiaPrioritaria] = []
    conclusiones: Texto | None = None


class Subactividad(Modelo):
    nombre: Texto
    inicio: Fecha | None = None
    fin: Fecha | None = None


class Actividad(Modelo):
    nombre: Texto
    inicio: Fecha | None = None
    fin: Fecha | None = None
    responsables: Texto | None = None
    equipo_org: Texto | None = None
    producto: Texto | None = None
    subactividades: list[Subactividad] = []


class PlanTrabajo(Modelo):
    actividades: list[Actividad] = []


def _bool(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    texto = sin_acentos(str(value))
    if texto in ("true", "si", "yes", "verdadero", "1", "on"):
        return True
    if texto in ("false", "no", "falso", "0", "off"):
        return False
    raise PydanticCustomError("bool_invalido", "'{valor}' no es sí ni no (escribe true o false)", {"valor": mostrar(value)})


SiNo = Annotated[bool, BeforeValidator(_bool)]


class DatosOrganizacion(Modelo):
    """One organization's whole file."""

    model_config = ConfigDict(
        extra="forbid", frozen=True,
        json_schema_extra={"title": "Datos de una organización (manual de alianzas estratégicas)"},
    )

    organizacion: Organizacion
    nivel: O(Nivel)
    modalidad: O(Modalidad) = Modalidad.presencial
    tiene_mapa_sistema: SiNo = False
    sesiones_incluidas: list[NumeroSesion] | None = None
    impresion: Impresion = Impresion()
    equipo_facilitador: list[PersonaFacilitadora] = []
    consultores: list[Consultor] = []
    participantes: list[Participante] = []
    calendario: list[EntradaCalendario] = []
    mapa_sistema: MapaSistema | None = None
    recursos_propios: list[Texto] = []
    aliados_potenciales: list[AliadoPotencial] = []
    discurso_elevador: DiscursoElevador | None = None
    ecuacion_confianza: EcuacionConfianza | None = None
    plan_alianzas: PlanAlianzas | None = None
    plan_trabajo: PlanTrabajo | None = None
    valoracion_url: Url | None = None
