"""Schema of ``content/kits/diapositivas.yaml``: what each session's slide deck holds.

The deck itself is drawn by ``generator.outputs.decks``; the session kit's pages (checklist,
"Preparar las sesiones") take their words from ``kit``.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from generator.methodology.models import CONCEPTS, ActivityFormat, _Strict  # noqa: F401 (Formato documents the keys)

#: figures a deck may show: keys of generator.figures.ARCHIVOS drawn per organization
FIGURE_NAMES = ("ruta_critica", "ruta_critica_diapositiva", "mapa_sistema", "mapa_diapositiva", "cinco_erres", "discurso_elevador", "mapeo_resultados")


class Sizes(_Strict):
    titulo: int = Field(ge=28, le=60)
    cuerpo: int = Field(ge=20, le=40)  # the floor: a body that reads from the back of a room
    pie: int = Field(ge=10, le=20)


class Labels(_Strict):
    titulo_documento: str
    objetivo: str
    temario: str
    agenda: str
    proposito: str
    horario: str
    preguntas: str
    productos: str
    conceptos: str
    en_linea: str
    bloques_en_linea: str
    materiales_en_linea: str
    cierre: str
    gracias: str
    continua: str
    fecha_por_definir: str
    en_videollamada: str
    receso: str
    comida: str
    notas_pasos: str
    notas_notas: str
    tamano_impresion: str
    clave_mapa: str  # the slides after the slide map: its numbered key


class FigureSlide(_Strict):
    figura: str
    despues_de: str  # the activity id it follows
    titulo: str

    @model_validator(mode="after")
    def _known_figure(self) -> "FigureSlide":
        if self.figura not in FIGURE_NAMES:
            raise ValueError(f"figura {self.figura!r}: use one of {list(FIGURE_NAMES)}")
        return self


class ExtraSlide(_Strict):
    despues_de: str
    titulo: str
    puntos: list[str] = Field(min_length=1)


class SessionDeck(_Strict):
    figuras: list[FigureSlide] = []
    diapositivas: list[ExtraSlide] = []


class KitLabels(_Strict):
    enlace: str
    titulo_pagina: str
    preparar: str
    zip: str
    aviso_sesion: str
    introduccion: str
    introduccion_kit: str
    columnas: list[str] = Field(min_length=3, max_length=3)
    columnas_indice: list[str] = Field(min_length=4, max_length=4)
    sin_copias: str
    descargar_zip: str
    volver: str


class Slides(_Strict):
    """``content/kits/diapositivas.yaml``."""

    tamano: Sizes
    fuente: str
    rotulos: Labels
    en_linea_por_formato: dict[ActivityFormat, str]  # type: ignore[valid-type]
    conceptos: dict[str, str]
    sesiones: dict[str, SessionDeck] = {}
    kit: KitLabels

    @model_validator(mode="after")
    def _every_concept(self) -> "Slides":
        missing = sorted(set(CONCEPTS) - set(self.conceptos))
        unknown = sorted(set(self.conceptos) - set(CONCEPTS))
        if missing or unknown:
            raise ValueError(f"conceptos: missing {missing}, unknown {unknown}")
        return self

    def check_against(self, cartas: dict) -> None:
        """Every session key and activity id named here exists in ``content/sesiones``."""
        slugs = {c.slug: c for c in cartas.values()}
        for clave, deck in self.sesiones.items():
            if clave not in slugs:
                raise ValueError(f"sesiones.{clave}: no such session in content/sesiones")
            ids = {a.id for a in slugs[clave].actividades}
            for slide in [*deck.figuras, *deck.diapositivas]:
                if slide.despues_de not in ids:
                    raise ValueError(f"sesiones.{clave}: despues_de names no activity: {slide.despues_de!r}")
