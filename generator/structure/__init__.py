"""The domain model of one organization's handbook: which pages it has, in which order."""

from generator.structure.handbook import PlannedDocument, Handbook, Page, PlannedSession

__all__ = ["PlannedDocument", "Handbook", "Page", "PlannedSession"]
