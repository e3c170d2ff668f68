"""Schema of the methodology files in ``content/`` (see ``content/README.md``).

These files are written by the team, not by facilitators, so a problem here is a
``ContentError`` for developers; still validated strictly so that a typo cannot hide a step.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from generator.contract.paths import resolver

CONCEPTOS = (
    "conceptos-basicos", "principios", "sistema-local", "sistema-actual-ideal", "ruta-critica",
    "debida-diligencia", "mou", "estrategia-comunicacion", "influencia-confianza",
    "cierre-alianza", "casos-exito", "discurso-elevador", "networking", "mapeo-resultados",
)


class _Estricto(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Por = Literal["sesion", "grupo", "participante"]
Formato = Literal["exposicion", "trabajo_grupal", "plenaria", "individual"]


class Material(_Estricto):
    nombre: str
    cantidad: int | None = Field(default=None, ge=1)
    por: Por = "sesion"
    #: what replaces it in a webinar; every material says so or is ``solo_presencial``
    en_linea: str | None = None
    solo_presencial: bool = False

    @model_validator(mode="after")
    def _equivalente_en_linea(self) -> "Material":
        if bool(self.en_linea) == self.solo_presencial:
            raise ValueError(f"material {self.nombre!r}: give either en_linea or solo_presencial: true")
        return self


class ItemAgenda(_Estricto):
    """One row of a carta descriptiva: an activity, a break or a meal."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    tipo: Literal["actividad", "receso", "comida"] = "actividad"
    titulo: str
    minutos: int | None = Field(default=None, ge=1)
    formato: Formato | None = None
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
    minutos_max_bloque_webinar: int = Field(default=120, ge=30)
    minutos_pausa_entre_bloques: int = Field(default=15, ge=0)
    personas_por_grupo: int = 5
    minutos_tolerancia_duracion: int = 15


class MomentoWebinar(_Estricto):
    momento: str
    minutos: int = Field(ge=1)
    fijo: bool = False  # keeps its minutes; the others share the rest in proportion


class RecursoEnLinea(_Estricto):
    nombre: str
    cantidad: int | None = Field(default=None, ge=1)
    por: Por = "sesion"
    solo_con_formato: Formato | None = None  # needed only when an activity has this format


class Webinar(_Estricto):
    """How a session is held online (``webinar`` in ``programa.yaml``)."""

    formato_exposicion: list[MomentoWebinar]
    minutos_minimos_formato: int = Field(ge=1)
    reglas: list[str] = []
    recursos: list[RecursoEnLinea] = []

    @model_validator(mode="after")
    def _formato_cabe(self) -> "Webinar":
        fijos = sum(m.minutos for m in self.formato_exposicion if m.fijo)
        if not any(not m.fijo for m in self.formato_exposicion) or fijos >= self.minutos_minimos_formato:
            raise ValueError("formato_exposicion needs a flexible moment and must fit in minutos_minimos_formato")
        return self


class ProductoCierre(_Estricto):
    producto: str
    niveles: list[Literal["basico", "intermedio", "avanzado"]]
    siguiente_paso_para: list[Literal["basico", "intermedio", "avanzado"]] = []


class NivelPrograma(_Estricto):
    sesiones: list[int]
    plan_alianzas: bool = False


class HojaDeTrabajo(_Estricto):
    """A blank worksheet: a product page rendered without the organization's data."""

    producto: Literal["mapa_sistema", "aliado", "discurso_elevador", "ecuacion_confianza", "mapeo_resultados"]
    titulo: str
    sesiones: list[int | Literal["mapeo"]] = Field(min_length=1)  # whose participant chapter carries it


class HojasDeTrabajo(_Estricto):
    seccion: str
    aliado_en_blanco: str  # the name a blank Critical Route sheet gives its ally
    hojas: list[HojaDeTrabajo] = Field(min_length=1)


class Impresion(_Estricto):
    """Words of the printed documents (PDF and DOCX)."""

    guia: str  # title of the facilitator's guide
    participantes: str  # subtitle of a participant chapter
    hojas: str  # title of the worksheet set
    contenido: str  # heading of a table of contents
    anexos: str  # heading of the plan's annexes
    descargar: dict[str, str]  # label of the download links, by the kind of file (pdf, docx...)
    interno: str  # the notice on every page (and PDF page) of the full, internal profile
    interno_pdf: str  # its short form in the PDFs' running header
    reservado: str  # what a public page says where internal data was left out
    vista_participantes: str  # the participant-view switch
    vista_facilitacion: str


class Programa(_Estricto):
    """``content/programa.yaml``: how sessions combine into a programme."""

    ajustes: Ajustes
    niveles: dict[Literal["basico", "intermedio", "avanzado"], NivelPrograma]
    orden_sesiones: list[int | Literal["mapeo"]]
    titulo_materiales: str  # title of the programme-wide materials page
    productos_cierre: list[ProductoCierre]
    recomendaciones_cierre: list[str] = []
    webinar: Webinar
    paginas: dict[Literal["metodologia", "conceptos"], list[str]]
    hojas_de_trabajo: HojasDeTrabajo
    impresion: Impresion


class ParteDiscurso(_Estricto):
    clave: Literal["presentacion", "impacto", "por_que_aliarse"]
    titulo: str
    segundos: int = Field(ge=1)
    guia: str


class DiscursoContenido(_Estricto):
    palabras_por_minuto: int = Field(ge=60, le=300)
    formato_presentacion: str
    partes: list[ParteDiscurso]


class Componente(_Estricto):
    nombre: str
    porcentaje: int = Field(ge=0, le=100)
    sesiones: list[int | Literal["mapeo"]] = []
    responsables: str
    equipo_org: str
    producto: str


class Productos(_Estricto):
    """``content/productos.yaml``: what the organization's product pages compute with."""

    titulos: dict[Literal["mapa_sistema", "ruta_critica", "discurso_elevador", "ecuacion_confianza",
                          "mapeo_resultados", "plan_alianzas", "plan_trabajo", "mapa_clave"], str]
    etapas_ruta_critica: list[str] = Field(min_length=6, max_length=6)
    discurso_elevador: DiscursoContenido
    componentes: list[Componente]
    rotulos: dict[Literal["mapa", "ruta", "gantt"], dict[str, str]]

    @model_validator(mode="after")
    def _porcentajes(self) -> "Productos":
        if sum(c.porcentaje for c in self.componentes) != 100:
            raise ValueError("the components' shares must add up to 100")
        return self


class DatoInterno(_Estricto):
    """A field the public profile leaves out: its contract path and what it is, in Spanish."""

    ruta: str  # e.g. ``mapa_sistema.actores[].reglas`` (generator.contract.paths)
    que: str   # what is left out, as the README's "Publicar" list says it

    @field_validator("ruta")
    @classmethod
    def _existe_y_se_puede_quitar(cls, ruta: str) -> str:
        _, campo = resolver(ruta)
        if campo.is_required():
            raise ValueError(f"{ruta!r} is required by the contract, so it cannot be left out: "
                             "name the section or list that holds it")
        return ruta


class PerfilPublico(_Estricto):
    """``content/perfil-publico.yaml``: what ``handbook build --public`` leaves out."""

    quita: list[DatoInterno] = Field(min_length=1)

    @model_validator(mode="after")
    def _sin_repetidos(self) -> "PerfilPublico":
        rutas = [d.ruta for d in self.quita]
        if len(rutas) != len(set(rutas)):
            raise ValueError(f"repeated paths: {sorted({r for r in rutas if rutas.count(r) > 1})}")
        return self
