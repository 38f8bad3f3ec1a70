"""Emphasis next to Korean, Chinese and Japanese text the way pandoc's Markdown reads it, for lessons in
pandoc's dialect (Quarto's `.qmd`, R Markdown's `.Rmd`): `**값(Value)**은` is bold there, while
CommonMark (Docusaurus, GitHub, and slidegen for `.md`) leaves the asterisks as text, because the
closing `**` stands between punctuation and a letter. Here a CJK character beyond a delimiter run
counts like a space or punctuation when deciding whether the run may open or close emphasis (the rule
of the "CJK-friendly" proposal for CommonMark); everything else is markdown-it's own."""
from __future__ import annotations

import re

from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline.state_inline import Scanned, StateInline

_CJK = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")


class _CjkFriendlyState(StateInline):
    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:  # noqa: N802 (markdown-it's name)
        pos, marker = start, self.src[start]
        last = self.src[start - 1] if start > 0 else " "
        while pos < self.posMax and self.src[pos] == marker:
            pos += 1
        following = self.src[pos] if pos < self.posMax else " "
        last_punct = isMdAsciiPunct(ord(last)) or isPunctChar(last)
        next_punct = isMdAsciiPunct(ord(following)) or isPunctChar(following)
        last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(following))
        last_cjk, next_cjk = bool(_CJK.match(last)), bool(_CJK.match(following))
        left = not (next_space or (next_punct and not (last_space or last_punct or last_cjk)))
        right = not (last_space or (last_punct and not (next_space or next_punct or next_cjk)))
        can_open = left and (canSplitWord or not right or last_punct)
        can_close = right and (canSplitWord or not left or next_punct)
        return Scanned(can_open, can_close, pos - start)


class CjkFriendlyInline(ParserInline):
    """markdown-it's inline parser with the state above."""

    def parse(self, src, md, env, tokens):
        state = _CjkFriendlyState(src, md, env, tokens)
        self.tokenize(state)
        for rule in self.ruler2.getRules(""):
            rule(state)
        return state.tokens
