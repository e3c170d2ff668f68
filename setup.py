"""Build hook: the wheel carries ``content/``, ``overrides/`` and ``mkdocs.yml`` as package data.

The product brief fixes those at the repository's top level; an installed generator finds them
in ``generator/_data`` (see generator/paths.py). An editable install copies nothing: it reads
the repository's own folders. Everything else is declared in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA = ("content", "overrides", "mkdocs.yml")


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "generator" / "_data"
        # build/lib outlives a build: a file deleted from content/ must not linger in the next wheel.
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for name in DATA:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source, target / name)


setup(cmdclass={"build_py": BuildPyWithData})
