"""Stage 1c: load the methodology (``content/``) the handbooks are built from."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from generator.methodology.deck_content import Slides
from generator.methodology.printable_content import PrintablesContent, load_printables
from generator.methodology.reading import read_yaml
from generator.methodology.models import CartaDescriptiva, ParticipantView, PublicProfile, ProductsContent, Programme
from generator.exceptions import ContentError
from generator.paths import CONTENT_DIR


@dataclass(frozen=True)
class Methodology:
    """Everything the generator reads from ``content/``."""

    root: Path
    programme: Programme
    cartas: dict[int | str, CartaDescriptiva]
    #: ``titulos[carpeta][nombre]``: the ``# Title`` of each methodology and concept page
    titulos: dict[str, dict[str, str]]
    productos: ProductsContent
    #: what the public profile (``--public``) leaves out (generator.plan.public_profile)
    public_profile: PublicProfile
    #: what participants see (``content/vista-participantes.yaml``); the rest is for facilitation
    vista_participantes: ParticipantView
    #: what each session kit's slide deck holds (``content/kits/diapositivas.yaml``)
    slides: Slides
    #: the printables' kit content (content/kits: flip charts, printables, document templates)
    printables: PrintablesContent | None = None
    #: the templates' Jinja environments made from it (generator.render.pages.make_environment):
    #: owned by the methodology, so they go when it goes
    environments: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def carta(self, clave: int | str) -> CartaDescriptiva:
        return self.cartas[clave]

    def level_sessions(self, nivel: str) -> list[int]:
        return list(self.programme.niveles[nivel].sesiones)


def _read(path: Path, model):
    try:
        return model.model_validate(read_yaml(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ContentError(f"{path}: contenido de la metodología no válido:\n{exc}") from None


@lru_cache(maxsize=4)
def load_methodology(root: Path = CONTENT_DIR) -> Methodology:
    programme = _read(root / "programa.yaml", Programme)
    cartas: dict[int | str, CartaDescriptiva] = {}
    for path in sorted((root / "sesiones").glob("*.yaml")):
        carta = _read(path, CartaDescriptiva)
        if path.stem != carta.slug:
            raise ContentError(f"{path}: the file name must be {carta.slug}.yaml")
        cartas[carta.clave] = carta
    for clave, carta in cartas.items():
        uses = [*carta.materiales_generales, *(m for item in carta.actividades for m in item.materiales)]
        desconocidos = sorted({m.id for m in uses if m.id and m.id not in programme.materiales})
        if desconocidos:
            raise ContentError(f"{root / 'sesiones' / carta.slug}.yaml: materiales con id sin entrada en "
                               f"programa.yaml (materiales): {', '.join(desconocidos)}")
    faltan = [c for c in programme.orden_sesiones if c not in cartas]
    if faltan:
        raise ContentError(f"{root / 'sesiones'}: faltan las cartas descriptivas de {faltan}")
    titulos: dict[str, dict[str, str]] = {}
    for carpeta, nombres in programme.paginas.items():
        listed = {f"{n}.md" for n in nombres}
        present = {p.name for p in (root / carpeta).glob("*.md")}
        if listed != present:
            raise ContentError(f"{root / carpeta}: programa.yaml lists {sorted(listed ^ present)} wrongly")
        titulos[carpeta] = {n: _markdown_title(root / carpeta / f"{n}.md") for n in nombres}
    productos = _read(root / "productos.yaml", ProductsContent)
    perfil = _read(root / "perfil-publico.yaml", PublicProfile)
    vista = _read(root / "vista-participantes.yaml", ParticipantView)
    slides = _read(root / "kits" / "diapositivas.yaml", Slides)
    try:
        slides.check_against(cartas)
    except ValueError as exc:
        raise ContentError(f"{root / 'kits' / 'diapositivas.yaml'}: {exc}") from None
    printables = load_printables(root / "kits", {c.slug for c in cartas.values()},
                                 {c.slug: {a.id for a in c.actividades} for c in cartas.values()})
    return Methodology(root=root, programme=programme, cartas=cartas, titulos=titulos, productos=productos,
                       public_profile=perfil, vista_participantes=vista, slides=slides, printables=printables)


def _markdown_title(path: Path) -> str:
    first = path.read_text(encoding="utf-8").lstrip().splitlines()[0]
    return first.lstrip("#").strip()
