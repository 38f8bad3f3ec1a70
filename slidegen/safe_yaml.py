"""YAML read safely (no Python objects) and fast: libyaml's loader where PyYAML was built with it.

Aliases (`*name`) are refused: a lesson's front matter and a theme never need them, and nested aliases
expand exponentially (a few hundred bytes become gigabytes, the "billion laughs" attack)."""
from __future__ import annotations

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError


class AliasRefused(yaml.MarkedYAMLError):
    """An alias in YAML that slidegen reads: refused before anything is expanded."""


def load_yaml(text: str):
    for event in yaml.parse(text, Loader=_LOADER):  # events only: an alias is seen before it expands
        if isinstance(event, yaml.AliasEvent):
            raise AliasRefused(problem="aliases (*name) are not allowed here", problem_mark=event.start_mark)
    return yaml.load(text, Loader=_LOADER)
