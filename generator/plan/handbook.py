"""Stage 2: plan the handbook of one organization (which pages, for its level and choices)."""

from __future__ import annotations

from generator.plan.clock import agenda_de, lista_materiales, materiales_del_programa, solo_presenciales
from dataclasses import replace

from generator.plan.kits import kit_pages
from generator.plan.public_profile import perfil_publico
from generator.contract.rules import session_name, sessions_out_of_order
from generator.contract.models import Actor, AliadoPotencial, DatosOrganizacion, Modalidad
from generator.plan import products as productos
from generator.methodology import Metodologia
from generator.outputs import plan_documents
from generator.structure import Manual, Pagina, SesionPlaneada
from generator.contract.validation import ValidOrganization
from generator.plan.webinar import agenda_en_linea, dated

SECCION_SESIONES = "Sesiones"
SECCION_PRODUCTOS = "Productos de la organización"
SECCION_METODOLOGIA = "Metodología"
SECCION_CONCEPTOS = "Conceptos"


def sesiones_del_programa(valid: ValidOrganization, metodologia: Metodologia) -> list[int | str]:
    """Session keys of this organization, in the order they are held.

    The level's default set unless ``sesiones_incluidas`` says otherwise; the Annex 3
    system-mapping workshop when the organization has no system map yet.
    """
    org = valid.data
    claves: set[int | str] = set(org.sesiones_incluidas or metodologia.sesiones_del_nivel(org.nivel.value))
    if not org.tiene_mapa_sistema:
        claves.add("mapeo")
    return [c for c in metodologia.programa.orden_sesiones if c in claves]


def plan_handbook(valid: ValidOrganization, metodologia: Metodologia, *, pdf: bool = False,
                  publico: bool = False) -> Manual:
    """The handbook of ``valid``; with ``publico``, of its public profile (generator.plan.public_profile)."""
    if publico:
        valid = replace(valid, data=perfil_publico(valid.data, metodologia.perfil_publico.quita))
    org = valid.data
    por_sesion = {entrada.sesion: entrada for entrada in org.calendario}
    ajustes = metodologia.programa.ajustes
    webinar = metodologia.programa.webinar
    sesiones = []
    for clave in sesiones_del_programa(valid, metodologia):
        entrada = por_sesion.get(clave)
        modalidad = (entrada.modalidad if entrada and entrada.modalidad else org.modalidad)
        en_linea = modalidad == Modalidad.webinar
        carta = metodologia.carta(clave)
        inicio = entrada.inicio if entrada else None
        sesiones.append(SesionPlaneada(
            carta, entrada, modalidad,
            agenda=agenda_de(carta, inicio, ajustes, add_meal=not en_linea),
            materiales=lista_materiales(carta, len(org.participantes), ajustes, webinar if en_linea else None,
                                        metodologia.programa.materiales),
            en_linea=dated(agenda_en_linea(carta, inicio, ajustes, webinar),
                           entrada.fecha if entrada else None,
                           list(entrada.fechas) if entrada else []) if en_linea else None,
            solo_presenciales=solo_presenciales(carta) if en_linea else []))

    conceptos = metodologia.titulos["conceptos"]
    orden = metodologia.programa.orden_sesiones
    fuera_de_orden = [
        {"sesion": session_name(sesion), "fecha": fecha, "anterior": session_name(anterior), "fecha_anterior": previa}
        for _, sesion, fecha, anterior, previa in sessions_out_of_order(org, metodologia.programa.orden_sesiones)]
    paginas = [Pagina("index.md", "Inicio", plantilla="inicio.md.j2",
                      contexto={"sesiones": sesiones, "fuera_de_orden": fuera_de_orden})]
    for sesion in sesiones:
        paginas.append(Pagina(f"sesiones/{sesion.slug}.md", sesion.titulo, SECCION_SESIONES,
                              plantilla="sesion.md.j2", contexto={"sesion": sesion, "conceptos": conceptos}))
    paginas.append(Pagina(
        "sesiones/materiales.md", metodologia.programa.titulo_materiales, SECCION_SESIONES,
        plantilla="materiales.md.j2", contexto={
            "sesiones": sesiones,
            "presenciales": materiales_del_programa((s, s.materiales) for s in sesiones if not s.en_linea),
            "en_linea": materiales_del_programa((s, s.materiales) for s in sesiones if s.en_linea),
        }))
    calculados = productos.reunir(org, sesiones, metodologia.productos)
    paginas += paginas_de_productos(valid, metodologia, calculados,
                                    with_plan=includes_alliance_plan(org, metodologia, sesiones))
    paginas += paginas_de_hojas(valid, metodologia, sesiones)
    for carpeta, seccion in (("metodologia", SECCION_METODOLOGIA), ("conceptos", SECCION_CONCEPTOS)):
        for nombre, titulo in metodologia.titulos[carpeta].items():
            paginas.append(Pagina(f"{carpeta}/{nombre}.md", titulo, seccion,
                                  fuente=metodologia.root / carpeta / f"{nombre}.md"))

    documentos = plan_documents(sesiones, paginas, metodologia, org=org) if pdf else []
    paginas += kit_pages(sesiones, documentos, metodologia)
    logo = valid.logo  # checked by validation: its bytes are what every output shows
    return Manual(slug=valid.slug, org=org, sesiones=sesiones, paginas=paginas, logo=logo.ruta if logo else None,
                  logo_contenido=logo.contenido if logo else None, productos=calculados,
                  documentos=documentos, publico=publico)


def org_en_blanco(org: DatosOrganizacion) -> DatosOrganizacion:
    """The organization without any product data: what a blank worksheet is rendered from."""
    return org.model_copy(update={
        "mapa_sistema": None, "recursos_propios": [], "aliados_potenciales": [], "discurso_elevador": None,
        "ecuacion_confianza": None, "plan_alianzas": None, "plan_trabajo": None})


def paginas_de_hojas(valid: ValidOrganization, metodologia: Metodologia,
                     sesiones: list[SesionPlaneada]) -> list[Pagina]:
    """The blank worksheets: each product's own page and template, fed with no product data.

    Rendering the product templates themselves keeps one wording per worksheet.
    """
    config = metodologia.programa.hojas_de_trabajo
    blanco = org_en_blanco(valid.data)
    calculados = productos.reunir(blanco, sesiones, metodologia.productos)
    contextos = {p.plantilla: p.contexto for p in paginas_de_productos(valid, metodologia, calculados, blanco)}
    paginas = []
    for hoja in config.hojas:
        ruta = hoja.producto.replace("_", "-")
        if hoja.producto == "aliado":
            aliado = productos.AliadoEnRuta(
                datos=AliadoPotencial(actor=config.aliado_en_blanco), actor=Actor(nombre=config.aliado_en_blanco),
                slug="aliado", recursos=[])
            contexto = {"aliado": aliado, "raiz": "../"}
        else:
            contexto = dict(contextos[f"productos/{ruta}.md.j2"])
        paginas.append(Pagina(f"hojas/{ruta}.md", hoja.titulo, config.seccion, plantilla=f"productos/{ruta}.md.j2",
                              contexto={**contexto, "org": blanco, "hoja": hoja}))
    return paginas


def includes_alliance_plan(org: DatosOrganizacion, metodologia: Metodologia,
                           sesiones: list[SesionPlaneada]) -> bool:
    """Whether the handbook carries the Strategic Alliance Plan (page, PDF, DOCX): where the level
    includes it (``content/programa.yaml``), where the programme holds the session that builds it,
    or where the organization's file already records plan data. Elsewhere the home page names it
    as the next step."""
    return (metodologia.programa.niveles[org.nivel.value].plan_alianzas or org.plan_alianzas is not None
            or any(s.clave == 6 for s in sesiones))


def paginas_de_productos(valid: ValidOrganization, metodologia: Metodologia,
                         calculados: productos.ProductosDeLaOrganizacion,
                         org: DatosOrganizacion | None = None, *, with_plan: bool = True) -> list[Pagina]:
    """One page per product; each is a blank worksheet until its data is recorded (the plan only
    ``with_plan``)."""
    org = org or valid.data
    contenido = metodologia.productos
    titulos = contenido.titulos
    aliados = calculados.aliados

    def pagina(nombre: str, **contexto) -> Pagina:
        ruta = nombre.replace("_", "-")
        return Pagina(f"productos/{ruta}.md", titulos[nombre], SECCION_PRODUCTOS,
                      plantilla=f"productos/{ruta}.md.j2", contexto=contexto)

    paginas = [
        pagina("mapa_sistema", etapas=calculados.etapas),
        pagina("ruta_critica", aliados=aliados, etapas=contenido.etapas_ruta_critica),
    ]
    for aliado in aliados:
        paginas.append(Pagina(f"productos/aliados/{aliado.slug}.md", aliado.nombre, SECCION_PRODUCTOS,
                              plantilla="productos/aliado.md.j2", contexto={"aliado": aliado, "raiz": "../../"}))
    paginas += [
        pagina("discurso_elevador", partes=productos.discurso_elevador(org, contenido.discurso_elevador),
               contenido=contenido.discurso_elevador),
        pagina("ecuacion_confianza", confianza=productos.confianza(org.ecuacion_confianza)),
        pagina("mapeo_resultados", votacion=calculados.votacion),
        *([pagina("plan_alianzas", faltantes=productos.faltantes_plan(org), votacion=calculados.votacion)]
          if with_plan else []),
        pagina("plan_trabajo", tareas=calculados.tareas, derivado=calculados.plan_derivado,
               componentes=contenido.componentes),
    ]
    return paginas
