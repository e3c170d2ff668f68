"""MkDocs hooks loaded by every generated handbook (``hooks:`` in build/<slug>/mkdocs.yml).

Only a speed-up lives here: MkDocs runs it, Zensical does not, and the site is the same either
way. What must hold under both engines (the organization's name shown as text) is done in the
theme overrides, which escape the site name and titles (overrides/main.html).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority


@event_priority(100)
def on_env(env, config, files):
    # Reuse the theme's compiled templates across the builds of one process (generator.site.build).
    from generator.site.build import THEME_TEMPLATES

    env.bytecode_cache = THEME_TEMPLATES
    return env
