"""Schema of the methodology files in ``content/`` (see ``content/README.md``).

These files are written by the team, not by facilitators, so a problem here is a
``ContentError`` for developers; still validated strictly so that a typo cannot hide a step.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

CONCEPTOS = (
    "conceptos-basicos", "principios", "sistema-local", "sistema-actual-ideal", "ruta-critica",
    "debida-diligencia", "mou", "estrategia-comunicacion", "influencia-confianza",
    "cierre-alianza", "casos-exito", "discurso-elevador", "networking", "mapeo-resultados",
)


class _Estricto(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Material(_Estricto):
    nombre: str
    cantidad: int | None = Field(default=None, ge=1)
    por: Literal["sesion", "grupo", "participante"] = "sesion"
    en_linea: str | None = None


class ItemAgenda(_Estricto):
    """One row of a carta descriptiva: an activity, a break or a meal."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    tipo: Literal["actividad", "receso", "comida"] = "actividad"
    titulo: str
    minutos: int | None = Field(default=None, ge=1)
    formato: Literal["exposicion", "trabajo_grupal", "plenaria", "individual"] | None = None
    descripcion: str | None = None
    pasos: list[str] = []
    preguntas: list[str] = []
    materiales: list[Material] = []
    productos: list[str] = []
    conceptos: list[Literal[CONCEPTOS]] = []  # type: ignore[valid-type]
    notas: list[str] = []

    @model_validator(mode="after")
    def _solo_el_receso_sin_duracion(self) -> "ItemAgenda":
        if self.minutos is None and self.tipo != "receso":
            raise ValueError(f"'{self.id}': only a coffee break may omit its minutes")
        return self


class Abreviable(_Estricto):
    actividad: str
    por_que: str


class CartaDescriptiva(_Estricto):
    """A session's carta descriptiva (``content/sesiones/<clave>.yaml``)."""

    clave: int | Literal["mapeo"]
    titulo: str
    componente: Literal["creacion_capacidades", "sesiones_trabajo"]
    horas_nominales: float | None = None
    niveles_recomendados: list[Literal["basico", "intermedio", "avanzado"]] = []
    objetivo: str
    temario: list[str] = []
    perfil_participantes: list[str] = []
    productos_esperados: list[str] = []
    materiales_generales: list[Material] = []
    abreviable: list[Abreviable] = []
    actividades: list[ItemAgenda]

    @model_validator(mode="after")
    def _referencias(self) -> "CartaDescriptiva":
        ids = [a.id for a in self.actividades]
        repetidos = {i for i in ids if ids.count(i) > 1}
        if repetidos:
            raise ValueError(f"repeated activity ids: {sorted(repetidos)}")
        for parte in self.abreviable:
            if parte.actividad not in ids:
                raise ValueError(f"abreviable names no activity: {parte.actividad!r}")
        return self

    @property
    def slug(self) -> str:
        return "mapeo" if self.clave == "mapeo" else f"sesion-{self.clave}"


class Ajustes(_Estricto):
    inicio_por_omision: str = "09:00"
    minutos_receso_sin_duracion: int = 15
    minutos_max_bloque_webinar: int = 120
    personas_por_grupo: int = 5
    minutos_tolerancia_duracion: int = 15


class NivelPrograma(_Estricto):
    sesiones: list[int]
    plan_alianzas: bool = False


class Programa(_Estricto):
    """``content/programa.yaml``: how sessions combine into a programme."""

    ajustes: Ajustes
    niveles: dict[Literal["basico", "intermedio", "avanzado"], NivelPrograma]
    orden_sesiones: list[int | Literal["mapeo"]]
    paginas: dict[Literal["metodologia", "conceptos"], list[str]]
