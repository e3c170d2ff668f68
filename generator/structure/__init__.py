"""The domain model of one organization's handbook: which pages it has, in which order."""

from generator.structure.handbook import Documento, Manual, Pagina, SesionPlaneada

__all__ = ["Documento", "Manual", "Pagina", "SesionPlaneada"]
