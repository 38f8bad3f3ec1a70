"""YAML read safely (no Python objects) and fast: libyaml's loader where PyYAML was built with it."""
from __future__ import annotations

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError


def load_yaml(text: str):
    return yaml.load(text, Loader=_LOADER)
