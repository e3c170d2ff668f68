"""Schema of the methodology files in ``content/`` (see ``content/README.md``).

These files are written by the team, not by facilitators, so a problem here is a
``ContentError`` for developers; still validated strictly so that a typo cannot hide a step.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from generator.contract.paths import resolve

CONCEPTS = (
    "conceptos-basicos", "principios", "sistema-local", "sistema-actual-ideal", "ruta-critica",
    "debida-diligencia", "mou", "estrategia-comunicacion", "influencia-confianza",
    "cierre-alianza", "casos-exito", "discurso-elevador", "networking", "mapeo-resultados",
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


CountedPer = Literal["sesion", "grupo", "participante"]
ActivityFormat = Literal["exposicion", "trabajo_grupal", "plenaria", "individual"]


class CatalogueMaterial(_Strict):
    """``programa.yaml``'s ``materiales``: a material several activities share, by its stable id.

    Every use with that ``id`` merges into one checklist line with this name; a use that gives
    no quantity takes this one (``por`` unit), so the checklists can compute it."""

    nombre: str
    cantidad: int | None = Field(default=None, ge=1)
    por: CountedPer = "sesion"


class Material(_Strict):
    #: the catalogue entry (``programa.yaml``, ``materiales``) this use is; uses without one
    #: merge by name
    id: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*$")
    nombre: str
    cantidad: int | None = Field(default=None, ge=1)
    por: CountedPer = "sesion"
    #: what replaces it in a webinar; every material says so or is ``solo_presencial``
    en_linea: str | None = None
    solo_presencial: bool = False

    @model_validator(mode="after")
    def _online_equivalent(self) -> "Material":
        if bool(self.en_linea) == self.solo_presencial:
            raise ValueError(f"material {self.nombre!r}: give either en_linea or solo_presencial: true")
        return self


class AgendaItem(_Strict):
    """One row of a carta descriptiva: an activity, a break or a meal."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    tipo: Literal["actividad", "receso", "comida"] = "actividad"
    titulo: str
    minutos: int | None = Field(default=None, ge=1)
    formato: ActivityFormat | None = None
    descripcion: str | None = None
    pasos: list[str] = []
    preguntas: list[str] = []
    materiales: list[Material] = []
    productos: list[str] = []
    conceptos: list[Literal[CONCEPTS]] = []  # type: ignore[valid-type]
    notas: list[str] = []
    # Online wording of the steps whose action differs in a webinar, by step number (1-based).
    pasos_en_linea: dict[int, str] = {}

    @model_validator(mode="after")
    def _only_untimed_break(self) -> "AgendaItem":
        if self.minutos is None and self.tipo != "receso":
            raise ValueError(f"'{self.id}': only a coffee break may omit its minutes")
        fuera = sorted(n for n in self.pasos_en_linea if not 1 <= n <= len(self.pasos))
        if fuera:
            raise ValueError(f"'{self.id}': pasos_en_linea names steps {fuera}, but it has {len(self.pasos)} steps")
        return self

    def steps_for(self, online: bool) -> list[str]:
        """The steps as the facilitator follows them in this modality."""
        if not online:
            return list(self.pasos)
        return [self.pasos_en_linea.get(n, paso) for n, paso in enumerate(self.pasos, start=1)]


class Abbreviable(_Strict):
    actividad: str
    por_que: str


class CartaDescriptiva(_Strict):
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
    abreviable: list[Abbreviable] = []
    actividades: list[AgendaItem]

    @model_validator(mode="after")
    def _references(self) -> "CartaDescriptiva":
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


class Settings(_Strict):
    inicio_por_omision: str = "09:00"
    minutos_receso_sin_duracion: int = 15
    minutos_max_bloque_webinar: int = Field(default=120, ge=30)
    minutos_pausa_entre_bloques: int = Field(default=15, ge=0)
    personas_por_grupo: int = 5
    minutos_tolerancia_duracion: int = 15
    minutos_max_dia_webinar: int = Field(default=240, ge=30)
    minutos_comida: int = Field(default=60, ge=0)
    minutos_jornada_completa: int = Field(default=360, ge=60)
    titulo_comida: str = "Comida"
    minutos_actividad_sin_pausa: int = Field(default=90, ge=30)
    minutos_pausa_sugerida: int = Field(default=10, ge=1)

    @model_validator(mode="after")
    def _a_day_holds_a_block(self) -> "Settings":
        if self.minutos_max_dia_webinar < self.minutos_max_bloque_webinar:
            raise ValueError("minutos_max_dia_webinar must be at least minutos_max_bloque_webinar")
        return self


class WebinarMoment(_Strict):
    momento: str
    minutos: int = Field(ge=1)
    fijo: bool = False  # keeps its minutes; the others share the rest in proportion


class OnlineResource(_Strict):
    nombre: str
    cantidad: int | None = Field(default=None, ge=1)
    por: CountedPer = "sesion"
    solo_con_formato: ActivityFormat | None = None  # needed only when an activity has this format


class Webinar(_Strict):
    """How a session is held online (``webinar`` in ``programa.yaml``)."""

    formato_exposicion: list[WebinarMoment]
    minutos_minimos_formato: int = Field(ge=1)
    reglas: list[str] = []
    recursos: list[OnlineResource] = []

    @model_validator(mode="after")
    def _format_fits(self) -> "Webinar":
        fijos = sum(m.minutos for m in self.formato_exposicion if m.fijo)
        if not any(not m.fijo for m in self.formato_exposicion) or fijos >= self.minutos_minimos_formato:
            raise ValueError("formato_exposicion needs a flexible moment and must fit in minutos_minimos_formato")
        return self


class ClosingProduct(_Strict):
    producto: str
    niveles: list[Literal["basico", "intermedio", "avanzado"]]
    siguiente_paso_para: list[Literal["basico", "intermedio", "avanzado"]] = []


class ProgrammeLevel(_Strict):
    sesiones: list[int]
    plan_alianzas: bool = False


class WorksheetContent(_Strict):
    """A blank worksheet: a product page rendered without the organization's data."""

    producto: Literal["mapa_sistema", "aliado", "discurso_elevador", "ecuacion_confianza", "mapeo_resultados"]
    titulo: str
    sesiones: list[int | Literal["mapeo"]] = Field(min_length=1)  # whose participant chapter carries it


class WorksheetSizes(_Strict):
    """How much room a blank worksheet gives, as the methodology asks (``hojas_de_trabajo.medidas``)."""

    actores: int = Field(ge=1)  # rows of the 5Rs matrix: the actors session 2 asks for
    roles_por_actor: int = Field(ge=1)  # writing lines for an actor's roles
    filas_recursos: int = Field(ge=1)  # rows of an ally's resources
    renglones_por_respuesta: int = Field(ge=1)  # writing lines under a Critical Route question
    indicadores_por_plazo: int = Field(ge=1)  # outcome mapping: indicators per term
    estrategias: int = Field(ge=1)  # outcome mapping: prioritised strategies on the sheet
    palabras_por_renglon: int = Field(ge=1)  # handwritten words a writing line holds


class WorksheetsContent(_Strict):
    seccion: str
    aliado_en_blanco: str  # the name a blank Critical Route sheet gives its ally
    medidas: WorksheetSizes
    hojas: list[WorksheetContent] = Field(min_length=1)


class PrintSettings(_Strict):
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
    edicion: str  # the cover line of a dated document, with {fecha}
    sesion_en_linea: str  # the place on the cover of an online session's chapter


class Programme(_Strict):
    """``content/programa.yaml``: how sessions combine into a programme."""

    ajustes: Settings
    niveles: dict[Literal["basico", "intermedio", "avanzado"], ProgrammeLevel]
    orden_sesiones: list[int | Literal["mapeo"]]
    titulo_materiales: str  # title of the programme-wide materials page
    productos_cierre: list[ClosingProduct]
    recomendaciones_cierre: list[str] = []
    webinar: Webinar
    paginas: dict[Literal["metodologia", "conceptos"], list[str]]
    hojas_de_trabajo: WorksheetsContent
    impresion: PrintSettings
    #: materials shared across activities and sessions, by stable id (see ``CatalogueMaterial``)
    materiales: dict[str, CatalogueMaterial] = {}


class PitchPartContent(_Strict):
    clave: Literal["presentacion", "impacto", "por_que_aliarse"]
    titulo: str
    segundos: int = Field(ge=1)
    guia: str


class FiveR(_Strict):
    """One of the five Rs (``content/productos.yaml``, ``cinco_erres``): its name and a one-line meaning."""

    titulo: str
    significado: str


class PitchContent(_Strict):
    palabras_por_minuto: int = Field(ge=60, le=300)
    formato_presentacion: str
    partes: list[PitchPartContent]


class Component(_Strict):
    nombre: str
    porcentaje: int = Field(ge=0, le=100)
    sesiones: list[int | Literal["mapeo"]] = []
    responsables: str
    equipo_org: str
    producto: str


class PlanMissingTexts(_Strict):
    """``faltantes_plan``: what a complete Strategic Alliance Plan still lacks, item by item."""

    vision: str
    especialidad: str
    logo: str
    participantes: str
    lineas_accion: str
    funcionan: str
    por_que: str
    no_funcionan: str
    por_integrar: str
    estrategias_prioritarias: str
    aliados: str
    objetivo: str
    actividades: str
    plazos: dict[Literal["corto_plazo", "mediano_plazo", "largo_plazo"], str]
    conclusiones: str

    @model_validator(mode="after")
    def _placeholders(self) -> "PlanMissingTexts":
        for name in ("funcionan", "por_que", "no_funcionan", "por_integrar", "aliados", "objetivo", "actividades"):
            text = getattr(self, name)
            try:
                text.format(nombre="", plazo="")
            except (KeyError, IndexError, ValueError):
                raise ValueError(f"faltantes_plan.{name} may only use {{nombre}} and {{plazo}}: {text!r}") from None
            if "{nombre}" not in text:
                raise ValueError(f"faltantes_plan.{name} must name what it is about with {{nombre}}")
        if "{plazo}" not in self.actividades:
            raise ValueError("faltantes_plan.actividades must say which term with {plazo}")
        if set(self.plazos) != {"corto_plazo", "mediano_plazo", "largo_plazo"}:
            raise ValueError("faltantes_plan.plazos needs corto_plazo, mediano_plazo and largo_plazo")
        return self


class ProductsContent(_Strict):
    """``content/productos.yaml``: what the organization's product pages compute with."""

    titulos: dict[Literal["mapa_sistema", "ruta_critica", "discurso_elevador", "ecuacion_confianza",
                          "mapeo_resultados", "plan_alianzas", "plan_trabajo", "mapa_clave"], str]
    faltantes_plan: PlanMissingTexts
    etapas_ruta_critica: list[str] = Field(min_length=6, max_length=6)
    cinco_erres: list[FiveR] = Field(min_length=5, max_length=5)
    discurso_elevador: PitchContent
    componentes: list[Component]
    rotulos: dict[Literal["mapa", "ruta", "gantt", "cinco_erres", "discurso", "mapeo", "mapa_diapositiva"],
                  dict[str, str]]

    @model_validator(mode="after")
    def _percentages(self) -> "ProductsContent":
        if sum(c.porcentaje for c in self.componentes) != 100:
            raise ValueError("the components' shares must add up to 100")
        return self


class InternalField(_Strict):
    """A field the public profile leaves out: its contract path and what it is, in Spanish."""

    ruta: str  # e.g. ``mapa_sistema.actores[].reglas`` (generator.contract.paths)
    que: str   # what is left out, as the README's "Publicar" list says it

    @field_validator("ruta")
    @classmethod
    def _exists_and_removable(cls, ruta: str) -> str:
        _, field_path = resolve(ruta)
        if field_path.is_required():
            raise ValueError(f"{ruta!r} is required by the contract, so it cannot be left out: "
                             "name the section or list that holds it")
        return ruta


class PublicProfile(_Strict):
    """``content/perfil-publico.yaml``: what ``handbook build --public`` leaves out."""

    quita: list[InternalField] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> "PublicProfile":
        doc_paths = [d.ruta for d in self.quita]
        if len(doc_paths) != len(set(doc_paths)):
            raise ValueError(f"repeated paths: {sorted({r for r in doc_paths if doc_paths.count(r) > 1})}")
        return self


#: The parts of a session page ``content/plantillas/sesion.md.j2`` marks with ``parte``.
SESSION_PARTS = ("datos", "en_linea", "objetivo", "temas", "agenda", "actividad", "preguntas", "productos",
                 "conceptos", "productos_esperados", "avisos", "quienes_participan", "abreviable",
                 "formato_en_linea", "pasos", "materiales", "notas", "lista_de_materiales", "recursos_en_linea")


class SessionView(_Strict):
    participantes: list[Literal[SESSION_PARTS]]  # type: ignore[valid-type]
    facilitacion: list[Literal[SESSION_PARTS]]  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _each_part_once(self) -> "SessionView":
        both = set(self.participantes) & set(self.facilitacion)
        missing = set(SESSION_PARTS) - set(self.participantes) - set(self.facilitacion)
        if both or missing:
            raise ValueError(f"every part once: in both {sorted(both)}, in neither {sorted(missing)}")
        return self


class PageView(_Strict):
    secciones_de_facilitacion: list[str] = []
    parrafos_de_facilitacion: list[str] = []


class SiteView(_Strict):
    descargas_de_facilitacion: list[str] = []
    ocultar_aviso_interno: bool = True


class ParticipantView(_Strict):
    """``content/vista-participantes.yaml``: what participants see; the rest is for facilitation."""

    sesion: SessionView
    conceptos: PageView
    sitio: SiteView

    def for_facilitation(self, part: str) -> bool:
        if part not in SESSION_PARTS:
            raise ValueError(f"unknown session part {part!r}: add it to vista-participantes.yaml")
        return part in self.sesion.facilitacion
