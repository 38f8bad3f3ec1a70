"""Packages for setuptools: the code, and the top-level templates/ shipped inside it as slidegen/templates
(its folders are data packages, so that a wheel, `pip install .` and pipx carry the templates)."""
from setuptools import find_packages, setup

TEMPLATES = ["slidegen.templates", "slidegen.templates.deck", "slidegen.templates.handout"]

setup(
    packages=find_packages(include=["slidegen", "slidegen.*"]) + TEMPLATES,
    package_dir={"slidegen.templates": "templates"},
    package_data={name: ["*"] for name in TEMPLATES},
    options={"build": {"build_base": ".setuptools-build"}},  # build/ holds the decks and handouts
)
