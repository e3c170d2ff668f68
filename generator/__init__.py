"""Handbook generator for strategic alliances.

Turns one organization's YAML file (``org_data/<slug>.yaml``) plus the methodology in
``content/`` into that organization's own MkDocs Material handbook.
"""

__version__ = "0.1.0"
