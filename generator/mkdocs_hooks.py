"""MkDocs hooks loaded by every generated handbook (``hooks:`` in build/<slug>/mkdocs.yml).

Material's templates print the site name, the description and page titles without
escaping them, because they expect trusted configuration. Ours carry the organization's
name, so they are turned into escaped ``Markup`` before any template sees them: printed raw
they show as text, and ``|e`` leaves them as they are (no double escaping).
"""

from __future__ import annotations

from markupsafe import Markup, escape
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Section


def _escaped(value):
    if value is None or isinstance(value, Markup):
        return value
    return escape(str(value))


@event_priority(100)
def on_config(config):
    config.site_name = _escaped(config.site_name)
    config.site_description = _escaped(config.site_description)
    return config


@event_priority(100)
def on_env(env, config, files):
    # Reuse the theme's compiled templates across the builds of one process (generator.site).
    from generator.site import PLANTILLAS_DEL_TEMA

    env.bytecode_cache = PLANTILLAS_DEL_TEMA
    return env


@event_priority(100)
def on_nav(nav, config, files):
    def walk(items):
        for item in items:
            if isinstance(item, Section):
                item.title = _escaped(item.title)
                walk(item.children)

    walk(nav.items)
    return nav


@event_priority(100)
def on_page_content(html, page, config, files):
    # Runs for every page before any template is rendered (the nav shows all titles).
    page.title = _escaped(page.title)
    return html
