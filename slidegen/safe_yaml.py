"""YAML read safely (no Python objects) and fast: libyaml's loader where PyYAML was built with it.

Aliases (`*name`) are refused: a lesson's front matter and a theme never need them, and nested aliases
expand exponentially (a few hundred bytes become gigabytes, the "billion laughs" attack). A value that
YAML reads as a number or a date but Python cannot hold (an integer of thousands of digits, the date
`2026-13-45`) is a `YAMLError` at its line, not a crash."""
from __future__ import annotations

import yaml

_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError
MAX_NUMBER_DIGITS = 100  # more is no lesson's number; Python refuses 4,300 and converting costs n²


class AliasRefused(yaml.MarkedYAMLError):
    """An alias in YAML that slidegen reads: refused before anything is expanded."""


class ValueRefused(yaml.MarkedYAMLError):
    """A number or a date that YAML recognises but that cannot be a value."""


class _Loader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """The safe loader, with numbers and dates checked before they are converted."""


def _bounded_int(loader, node):
    digits = sum(ch.isdigit() for ch in node.value)
    if digits > MAX_NUMBER_DIGITS:
        raise ValueRefused(problem=f"a number of {digits:,} digits (at most {MAX_NUMBER_DIGITS}); "
                                   "quote it to keep it as text", problem_mark=node.start_mark)
    return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)


def _checked_timestamp(loader, node):
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError) as exc:
        raise ValueRefused(problem=f"{node.value!r} is not a date ({exc}); write a real date, or quote it "
                                   "to keep it as text", problem_mark=node.start_mark) from None


_Loader.add_constructor("tag:yaml.org,2002:int", _bounded_int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _checked_timestamp)


def load_yaml(text: str):
    for event in yaml.parse(text, Loader=_BASE_LOADER):  # events only: an alias is seen before it expands
        if isinstance(event, yaml.AliasEvent):
            raise AliasRefused(problem="aliases (*name) are not allowed here", problem_mark=event.start_mark)
    return yaml.load(text, Loader=_Loader)
