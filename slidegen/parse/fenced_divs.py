"""What pandoc's and Quarto's fenced divs with attributes stand for: `::: {.callout-note title="…"}` (and
`::: callout-tip`) is a box of that kind, `::: {.notes}` speaker notes, `::: {.incremental}` lists that
build item by item; any other div (`{.columns}`, `{.column width="40%"}`, `{.fragment}`,
`{.panel-tabset}`, `{#id}`) only groups its content, which is shown as if the div were not there.
A class naming one of the theme's box kinds (`::: {.warning}`) is a box of that kind. VitePress's
`::: code-group` only groups as well."""
from __future__ import annotations

from .attributes import Attributes
from .box_kinds import THEME_KINDS
from .presenting import INCREMENTAL_KIND, NOTES_KIND

_CALLOUT = "callout-"
UNWRAP = "unwrap"  # a div that only groups


# words of divs that only group: VitePress's `::: code-group`, Quarto's `::: panel-tabset`, `::: columns`
_GROUPING_WORDS = {"code-group", "v-pre", "raw", "panel-tabset", "columns", "column", "fragment",
                   "content-visible", "content-hidden", "incremental-off", "nonincremental", "center"}


def callout_kind(word: str) -> str:
    """Quarto's `callout-warning` → `warning`; VitePress's `code-group` → UNWRAP; any other word as it is."""
    if word in _GROUPING_WORDS:
        return UNWRAP
    return word[len(_CALLOUT):] if word.startswith(_CALLOUT) and len(word) > len(_CALLOUT) else word


def is_callout(info: str) -> bool:
    """Whether a div's line names a Quarto callout (`callout-tip` or `{.callout-tip …}`)."""
    return _CALLOUT in info


def div_kind(attributes: Attributes) -> str:
    """The kind of box a div with these attributes is (`notes` and `incremental` as the parser reads
    them), or UNWRAP."""
    for name in attributes.classes:
        if name in (NOTES_KIND, INCREMENTAL_KIND):
            return name
        kind = callout_kind(name)
        if name.startswith(_CALLOUT) or kind in THEME_KINDS:
            return kind
    return UNWRAP
