"""Stage 2: plan the handbook of one organization (which pages, for its level and choices)."""

from __future__ import annotations

from generator.plan.clock import agenda_of, materials_list, programme_materials, in_person_only
from dataclasses import replace

from generator.plan.kits import kit_pages
from generator.plan.public_profile import public_profile
from generator.contract.rules import session_name, sessions_out_of_order
from generator.contract.models import Actor, PotentialAlly, OrganizationData, Modality
from generator.plan import products as productos
from generator.methodology import Methodology
from generator.outputs import plan_documents
from generator.structure import Handbook, Page, PlannedSession
from generator.contract.validation import ValidOrganization
from generator.plan.webinar import online_agenda, dated

SECTION_SESSIONS = "Sesiones"
SECTION_PRODUCTS = "Productos de la organización"
SECTION_METHODOLOGY = "Metodología"
SECTION_CONCEPTS = "Conceptos"


def programme_sessions(valid: ValidOrganization, metodologia: Methodology) -> list[int | str]:
    """Session keys of this organization, in the order they are held.

    The level's default set unless ``sesiones_incluidas`` says otherwise; the Annex 3
    system-mapping workshop when the organization has no system map yet.
    """
    org = valid.data
    claves: set[int | str] = set(org.sesiones_incluidas or metodologia.level_sessions(org.nivel.value))
    if not org.tiene_mapa_sistema:
        claves.add("mapeo")
    return [c for c in metodologia.programme.orden_sesiones if c in claves]


def plan_handbook(valid: ValidOrganization, metodologia: Methodology, *, pdf: bool = False,
                  public: bool = False) -> Handbook:
    """The handbook of ``valid``; with ``public``, of its public profile (generator.plan.public_profile)."""
    if public:
        valid = replace(valid, data=public_profile(valid.data, metodologia.public_profile.quita))
    org = valid.data
    por_sesion = {entrada.sesion: entrada for entrada in org.calendario}
    ajustes = metodologia.programme.ajustes
    webinar = metodologia.programme.webinar
    sesiones = []
    for clave in programme_sessions(valid, metodologia):
        entrada = por_sesion.get(clave)
        modalidad = (entrada.modalidad if entrada and entrada.modalidad else org.modalidad)
        en_linea = modalidad == Modality.webinar
        carta = metodologia.carta(clave)
        inicio = entrada.inicio if entrada else None
        sesiones.append(PlannedSession(
            carta, entrada, modalidad,
            agenda=agenda_of(carta, inicio, ajustes, add_meal=not en_linea),
            materiales=materials_list(carta, len(org.participantes), ajustes, webinar if en_linea else None,
                                        metodologia.programme.materiales),
            en_linea=dated(online_agenda(carta, inicio, ajustes, webinar),
                           entrada.fecha if entrada else None,
                           list(entrada.fechas) if entrada else []) if en_linea else None,
            in_person_only=in_person_only(carta) if en_linea else []))

    conceptos = metodologia.titulos["conceptos"]
    orden = metodologia.programme.orden_sesiones
    fuera_de_orden = [
        {"sesion": session_name(sesion), "fecha": fecha, "anterior": session_name(anterior), "fecha_anterior": previa}
        for _, sesion, fecha, anterior, previa in sessions_out_of_order(org, metodologia.programme.orden_sesiones)]
    paginas = [Page("index.md", "Inicio", template_name="inicio.md.j2",
                      context={"sesiones": sesiones, "fuera_de_orden": fuera_de_orden})]
    for sesion in sesiones:
        paginas.append(Page(f"sesiones/{sesion.slug}.md", sesion.titulo, SECTION_SESSIONS,
                              template_name="sesion.md.j2", context={"sesion": sesion, "conceptos": conceptos}))
    paginas.append(Page(
        "sesiones/materiales.md", metodologia.programme.titulo_materiales, SECTION_SESSIONS,
        template_name="materiales.md.j2", context={
            "sesiones": sesiones,
            "presenciales": programme_materials((s, s.materiales) for s in sesiones if not s.en_linea),
            "en_linea": programme_materials((s, s.materiales) for s in sesiones if s.en_linea),
        }))
    calculados = productos.gather(org, sesiones, metodologia.productos)
    paginas += product_pages(valid, metodologia, calculados,
                                    with_plan=includes_alliance_plan(org, metodologia, sesiones))
    paginas += worksheet_pages(valid, metodologia, sesiones)
    for carpeta, seccion in (("metodologia", SECTION_METHODOLOGY), ("conceptos", SECTION_CONCEPTS)):
        for nombre, titulo in metodologia.titulos[carpeta].items():
            paginas.append(Page(f"{carpeta}/{nombre}.md", titulo, seccion,
                                  fuente=metodologia.root / carpeta / f"{nombre}.md"))

    documentos = plan_documents(sesiones, paginas, metodologia, org=org) if pdf else []
    paginas += kit_pages(sesiones, documentos, metodologia)
    logo = valid.logo  # checked by validation: its bytes are what every output shows
    return Handbook(slug=valid.slug, org=org, sesiones=sesiones, paginas=paginas, logo=logo.ruta if logo else None,
                  logo_bytes=logo.contenido if logo else None, productos=calculados,
                  documentos=documentos, public=public)


def blank_organization(org: OrganizationData) -> OrganizationData:
    """The organization without any product data: what a blank worksheet is rendered from."""
    return org.model_copy(update={
        "mapa_sistema": None, "recursos_propios": [], "aliados_potenciales": [], "discurso_elevador": None,
        "ecuacion_confianza": None, "plan_alianzas": None, "plan_trabajo": None})


def worksheet_pages(valid: ValidOrganization, metodologia: Methodology,
                     sesiones: list[PlannedSession]) -> list[Page]:
    """The blank worksheets: each product's own page and template, fed with no product data.

    Rendering the product templates themselves keeps one wording per worksheet.
    """
    config = metodologia.programme.hojas_de_trabajo
    blanco = blank_organization(valid.data)
    calculados = productos.gather(blanco, sesiones, metodologia.productos)
    contextos = {p.template_name: p.context for p in product_pages(valid, metodologia, calculados, blanco)}
    paginas = []
    for hoja in config.hojas:
        ruta = hoja.producto.replace("_", "-")
        if hoja.producto == "aliado":
            aliado = productos.AllyOnRoute(
                datos=PotentialAlly(actor=config.aliado_en_blanco), actor=Actor(nombre=config.aliado_en_blanco),
                slug="aliado", recursos=[])
            context = {"aliado": aliado, "raiz": "../"}
        else:
            context = dict(contextos[f"productos/{ruta}.md.j2"])
        paginas.append(Page(f"hojas/{ruta}.md", hoja.titulo, config.seccion, template_name=f"productos/{ruta}.md.j2",
                              context={**context, "org": blanco, "hoja": hoja}))
    return paginas


def includes_alliance_plan(org: OrganizationData, metodologia: Methodology,
                           sesiones: list[PlannedSession]) -> bool:
    """Whether the handbook carries the Strategic Alliance Plan (page, PDF, DOCX): where the level
    includes it (``content/programa.yaml``), where the programme holds the session that builds it,
    or where the organization's file already records plan data. Elsewhere the home page names it
    as the next step. An empty ``plan_alianzas: {}`` records nothing: the workbook, which cannot
    tell it from no section, must build the same handbook."""
    plan = org.plan_alianzas
    records_plan = plan is not None and bool(plan.lineas_accion or plan.estrategias_prioritarias or plan.conclusiones)
    return (metodologia.programme.niveles[org.nivel.value].plan_alianzas or records_plan
            or any(s.clave == 6 for s in sesiones))


def product_pages(valid: ValidOrganization, metodologia: Methodology,
                         calculados: productos.OrganizationProducts,
                         org: OrganizationData | None = None, *, with_plan: bool = True) -> list[Page]:
    """One page per product; each is a blank worksheet until its data is recorded (the plan only
    ``with_plan``)."""
    org = org or valid.data
    contenido = metodologia.productos
    titulos = contenido.titulos
    aliados = calculados.aliados

    def pagina(nombre: str, **context) -> Page:
        ruta = nombre.replace("_", "-")
        return Page(f"productos/{ruta}.md", titulos[nombre], SECTION_PRODUCTS,
                      template_name=f"productos/{ruta}.md.j2", context=context)

    paginas = [
        pagina("mapa_sistema", etapas=calculados.etapas),
        pagina("ruta_critica", aliados=aliados, etapas=contenido.etapas_ruta_critica),
    ]
    for aliado in aliados:
        paginas.append(Page(f"productos/aliados/{aliado.slug}.md", aliado.nombre, SECTION_PRODUCTS,
                              template_name="productos/aliado.md.j2", context={"aliado": aliado, "raiz": "../../"}))
    paginas += [
        pagina("discurso_elevador", partes=productos.discurso_elevador(org, contenido.discurso_elevador),
               contenido=contenido.discurso_elevador),
        pagina("ecuacion_confianza", confianza=productos.confianza(org.ecuacion_confianza)),
        pagina("mapeo_resultados", votacion=calculados.votacion),
        *([pagina("plan_alianzas", faltantes=productos.plan_missing_items(org, contenido.faltantes_plan), votacion=calculados.votacion)]
          if with_plan else []),
        pagina("plan_trabajo", tareas=calculados.tareas, derivado=calculados.derived_plan,
               componentes=contenido.componentes),
    ]
    return paginas
