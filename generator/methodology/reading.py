"""Reading the project's own YAML (``content/``), with libyaml's C parser when PyYAML has it.

The methodology is read on every build, before anything else: with the pure-Python parser it
took about half a second, most of a rebuild where nothing changed (BENCHMARKS.md).
"""

from __future__ import annotations

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str):
    """``text`` parsed as ``yaml.safe_load`` parses it."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
