"""An organization's validated data written back as its YAML file (``handbook import``)."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

import yaml

from generator.contract.models import OrganizationData

HEADER = ("# yaml-language-server: $schema=schema.json\n"
          "# Escrito por 'handbook import' a partir del libro de trabajo de la organización.\n")


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool, date)) or value is None:
        return value
    raise TypeError(f"no YAML form for {type(value).__name__}")  # pragma: no cover


class _Dumper(yaml.SafeDumper):
    """Texts of several lines as a ``|`` block, the way a person writes them in the YAML."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def organization_yaml(data: OrganizationData) -> str:
    """``data`` as YAML: the keys that were given (defaults left out), in the contract's order."""
    plain = _plain(data.model_dump(mode="python", exclude_unset=True))
    return HEADER + yaml.dump(plain, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                              default_flow_style=False)
