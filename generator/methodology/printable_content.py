"""Schema of the printables' kit files: ``content/kits/rotafolios.yaml`` (flip charts),
``content/kits/imprimibles.yaml`` (cards, sheets, post-its, badges, evaluation forms) and
``content/kits/documentos.yaml`` (DOCX templates).

What each session's kit holds is data: adding a printable to a session is an entry in one of
these files. The outputs that draw them are ``generator/outputs/flipcharts.py``,
``printables.py`` and ``document_templates.py``. Keys stay Spanish (content files).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from generator.exceptions import ContentError
from generator.methodology.reading import read_yaml


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


SessionKey = str  # "sesion-1" … "sesion-6", "mapeo": checked against the cartas on load
Sessions = Union[Literal["todas"], list[SessionKey]]
#: what of the organization's file a chart or a template may show
ChartData = Literal["mision", "resultado_buscado", "actores", "aciertos", "errores_comunes"]


# ------------------------------------------------------------------ flip charts


class ChartSize(_Strict):
    ancho_mm: float = Field(gt=0)
    alto_mm: float = Field(gt=0)
    etiqueta: str


class Tiling(_Strict):
    traslape_mm: float = Field(ge=5, le=40)
    margen_mm: float = Field(ge=0, le=20)
    etiqueta_clave: str
    instrucciones: str
    hoja: str
    de: str
    fila: str
    columna: str


class ChartHeader(_Strict):
    etiqueta: str
    datos: ChartData | None = None


class FlipChart(_Strict):
    clave: str = Field(pattern=r"^[a-z0-9-]+$")
    sesiones: list[SessionKey] = Field(min_length=1)
    tipo: Literal["lista", "tabla", "anillos"]
    titulo: str
    indicacion: str | None = None
    elementos: list[str] = []
    datos: ChartData | None = None
    lineas: int = Field(default=0, ge=0, le=30)
    columnas: list[str] = []
    filas: int = Field(default=0, ge=0, le=20)
    encabezados: list[ChartHeader] = []
    anillos: list[str] = []
    mitades: list[str] = []
    centro: Literal["datos"] | None = None
    por_aliado: bool = False
    temas: list[str] = []

    @model_validator(mode="after")
    def _complete(self) -> "FlipChart":
        if self.tipo == "tabla" and not self.columnas:
            raise ValueError(f"{self.clave}: una tabla necesita columnas")
        if self.tipo == "anillos" and (not self.anillos or len(self.mitades) != 2):
            raise ValueError(f"{self.clave}: el mapa necesita anillos y dos mitades")
        return self


class FlipChartsFile(_Strict):
    tamano: ChartSize
    mosaico: Tiling
    rotafolios: list[FlipChart]


# ------------------------------------------------------------------ printables


class Copies(_Strict):
    por: Literal["participante", "grupo", "sesion"]
    cantidad: int = Field(default=1, ge=1)


class _Printable(_Strict):
    clave: str = Field(pattern=r"^[a-z0-9-]+$")
    sesiones: Sessions
    titulo: str
    instrucciones: str
    copias: Copies


class ConceptCard(_Strict):
    termino: str
    definicion: str


class ConceptCards(_Printable):
    tipo: Literal["tarjetas_conceptos"]
    frente: str
    reverso: str
    reverso_titulo: str
    conceptos: list[ConceptCard] = Field(min_length=1)


class QuestionSheet(_Printable):
    tipo: Literal["planilla"]
    actividad: str
    equipo: str


class ActorNotes(_Printable):
    tipo: Literal["postits_actores"]
    recursos: str
    reglas: str
    sin_dato: str
    tamano_mm: float = Field(gt=30, le=150)


class NameBadges(_Printable):
    tipo: Literal["gafetes"]
    facilitacion: str
    participante: str


class EvaluationForm(_Printable):
    tipo: Literal["valoracion"]
    escala: list[str] = Field(min_length=2)
    preguntas: list[str]
    abiertas: list[str]
    qr: str


Printable = Annotated[Union[ConceptCards, QuestionSheet, ActorNotes, NameBadges, EvaluationForm],
                      Field(discriminator="tipo")]


class PrintablesFile(_Strict):
    personas_por_grupo: int = Field(ge=2, le=12)
    tamano_carta: str
    tamano_a4: str
    imprimibles: list[Printable]


# ------------------------------------------------------------------ document templates


class TemplateSection(_Strict):
    titulo: str
    guia: str


class DocumentTemplate(_Strict):
    clave: str = Field(pattern=r"^[a-z0-9-]+$")
    sesion: SessionKey
    titulo: str
    introduccion: str
    por_aliado: bool
    partes_etiqueta: str | None = None
    secciones: list[TemplateSection] = Field(min_length=1)
    etiquetas: dict[str, str] = {}


class DocumentsFile(_Strict):
    documentos: list[DocumentTemplate]


# ------------------------------------------------------------------ loading


class PrintablesContent(BaseModel):
    """Everything ``content/kits`` says about flip charts, printables and document templates."""

    model_config = ConfigDict(frozen=True)

    charts: FlipChartsFile
    printables: PrintablesFile
    documents: DocumentsFile


def _read(path: Path, model):
    try:
        return model.model_validate(read_yaml(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ContentError(f"{path}: contenido de la metodología no válido:\n{exc}") from None


def load_printables(kits: Path, session_keys: set[str], activities: dict[str, set[str]]) -> PrintablesContent:
    """Load and check the three files of ``kits``; ``session_keys`` are the cartas' slugs and
    ``activities`` each carta's activity ids (a question sheet names one)."""
    content = PrintablesContent(
        charts=_read(kits / "rotafolios.yaml", FlipChartsFile),
        printables=_read(kits / "imprimibles.yaml", PrintablesFile),
        documents=_read(kits / "documentos.yaml", DocumentsFile))
    named: list[tuple[str, str]] = []
    named += [(f"rotafolios.yaml: {c.clave}", s) for c in content.charts.rotafolios for s in c.sesiones]
    named += [(f"imprimibles.yaml: {p.clave}", s) for p in content.printables.imprimibles
              if p.sesiones != "todas" for s in p.sesiones]
    named += [(f"documentos.yaml: {d.clave}", d.sesion) for d in content.documents.documentos]
    unknown = [f"{where} nombra la sesión '{s}', que no existe" for where, s in named if s not in session_keys]
    for p in content.printables.imprimibles:
        if isinstance(p, QuestionSheet):
            for s in p.sesiones if p.sesiones != "todas" else session_keys:
                if p.actividad not in activities.get(s, set()):
                    unknown.append(f"imprimibles.yaml: {p.clave}: la sesión '{s}' no tiene la actividad '{p.actividad}'")
    if unknown:
        raise ContentError(f"{kits}: " + "; ".join(unknown))
    return content
