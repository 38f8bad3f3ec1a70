"""Packages for setuptools: the code, and the top-level templates/ shipped inside it as slidegen/templates."""
from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["slidegen", "slidegen.*"]) + ["slidegen.templates"],
    package_dir={"slidegen.templates": "templates"},
    package_data={"slidegen.templates": ["deck/*", "handout/*"]},
)
