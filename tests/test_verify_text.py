"""verify.text: what the checker ignores and folds when it compares text, how it cuts sentences."""
from __future__ import annotations

from slidegen.verify.text import norm, sentences, short, unshowable


def test_norm_ignores_only_wrapping_whitespace_soft_hyphens_and_joiners():
    assert norm("생\u2060성\u2060형 AI는\n새로운\u00ad 것") == "생성형AI는새로운것"
    assert norm("“quoted” ‘text’ ﬁ") == "\"quoted\"'text'fi"
    assert norm("text-generation") != norm("textgeneration")
    assert norm("A.") != norm("A")


def test_norm_drops_variation_selectors_and_zero_width_characters():
    assert norm("❤\ufe0f a\u200bb\ufeff") == "❤ab"


def test_sentences_split_at_ends_and_line_breaks():
    assert sentences("하나이다.둘이다. Three! Four?\nfive") == ["하나이다.", "둘이다.", "Three!", "Four?", "five"]


def test_sentences_collapse_spaces_and_skip_empty_parts():
    assert sentences("One   two.  \n \n\u00ad\nThree") == ["One two.", "Three"]


def test_short_keeps_one_line_and_cuts_with_an_ellipsis():
    assert short("a\n b") == "a b"
    assert short("x" * 100, 10) == "x" * 9 + "…"


def test_ascii_is_always_showable():
    assert unshowable("plain ASCII text") == []


def test_fontconfig_is_asked_once_for_many_characters(monkeypatch):
    import subprocess

    from slidegen.verify import text

    calls = []
    real = subprocess.run
    monkeypatch.setattr(text.subprocess, "run", lambda *a, **k: calls.append(a) or real(*a, **k))
    text.installed_coverage.cache_clear()
    rare = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 3000)) + "\U0010fffd"
    assert unshowable(rare) == ["\U0010fffd"]
    assert len(calls) <= 1
