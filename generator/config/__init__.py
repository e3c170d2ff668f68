"""Schemas declared in one place: the organization data contract (``org``) and the
methodology content files (``content``)."""
