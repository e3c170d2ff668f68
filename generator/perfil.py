"""The public profile (``handbook build --public``): the organization's data without what stays
inside the organization.

Redaction happens on the data, before anything is planned, so no output can carry what was
left out: pages, search index, figures, PDFs, DOCX and calendar are all made from this copy.
Left out: participants (names and positions, the pitch's spokesperson among them), facilitators'
e-mail addresses, video-call links,
the rules of each relationship in the system map and the notes of its follow-ups, the due
diligence on potential allies and what the organization would concede to them, the votes on
priority strategies, and the trust-equation self-assessment.
"""

from __future__ import annotations

from generator.config.org import DatosOrganizacion


def perfil_publico(org: DatosOrganizacion) -> DatosOrganizacion:
    cambios: dict[str, object] = {
        "participantes": [],
        "equipo_facilitador": [p.model_copy(update={"correo": None}) for p in org.equipo_facilitador],
        "calendario": [e.model_copy(update={"enlace": None}) for e in org.calendario],
        "aliados_potenciales": [a.model_copy(update={"debida_diligencia": None, "concesiones": None})
                                for a in org.aliados_potenciales],
        "ecuacion_confianza": None,
    }
    if org.discurso_elevador:  # the spokesperson is one of the participants
        cambios["discurso_elevador"] = org.discurso_elevador.model_copy(update={"vocero": None})
    if org.mapa_sistema:
        cambios["mapa_sistema"] = org.mapa_sistema.model_copy(update={
            "actores": [a.model_copy(update={"reglas": None}) for a in org.mapa_sistema.actores],
            "seguimientos": [s.model_copy(update={"cambios": [c.model_copy(update={"nota": None})
                                                             for c in s.cambios]})
                             for s in org.mapa_sistema.seguimientos],
        })
    if org.plan_alianzas:
        cambios["plan_alianzas"] = org.plan_alianzas.model_copy(update={
            "estrategias_prioritarias": [e.model_copy(update={"votos": 0})
                                         for e in org.plan_alianzas.estrategias_prioritarias]})
    return org.model_copy(update=cambios)
