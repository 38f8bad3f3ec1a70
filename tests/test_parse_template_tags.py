"""Site generators' block tags (GitBook, Jekyll's Liquid, Hugo's shortcodes), Obsidian's titled callouts
and VitePress's code groups, read into the model the way those sites show them."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from slidegen.model import Admonition, Code, Image, Paragraph, plain_text
from slidegen.parse import parse_text


def blocks(text: str, path: Path = Path("t.md")):
    return parse_text(text, path).sections[0].blocks


def summary(block):
    if isinstance(block, Admonition):
        return ("box", block.kind, plain_text(block.title), [summary(b) for b in block.blocks])
    if isinstance(block, Code):
        return ("code", block.language, block.title, block.text)
    if isinstance(block, Image):
        return ("image", block.src, block.alt, block.title)
    return plain_text(block.runs) if isinstance(block, Paragraph) else type(block).__name__


@pytest.fixture
def warnings(caplog):
    caplog.set_level(logging.WARNING, logger="slidegen")
    return caplog


def test_gitbook_hints_tabs_code_titles_and_embeds():
    content = blocks('## A\n\n{% hint style="warning" %}\nCareful.\n{% endhint %}\n\n{% code title="app.py" %}\n'
                     '```python\nprint(1)\n```\n{% endcode %}\n\n{% tabs %}\n{% tab title="macOS" %}\nbrew\n{% endtab %}\n'
                     '{% endtabs %}\n\n{% embed url="https://example.com/v" %}\n')
    assert [summary(b) for b in content] == [
        ("box", "warning", "", ["Careful."]), ("code", "python", "app.py", "print(1)\n"),
        ("box", "note", "macOS", ["brew"]), "https://example.com/v"]


def test_jekyll_highlight_is_code_as_written():
    (code,) = blocks("## A\n\n{% highlight ruby linenos %}\ndef foo\n  {% not a tag %}\nend\n{% endhighlight %}\n")
    assert summary(code) == ("code", "ruby", None, "def foo\n  {% not a tag %}\nend\n")


def test_hugo_shortcodes():
    content = blocks('## A\n\n{{< hint danger >}}\nStop.\n{{< /hint >}}\n\n{{% notice tip %}}\nTry.\n{{% /notice %}}\n\n'
                     '{{< alert title="Heads up" color="warning" >}}\nAlert.\n{{< /alert >}}\n\n'
                     '{{< details "More" >}}\nHidden.\n{{< /details >}}\n\n{{< highlight go >}}\nfmt.Println()\n{{< /highlight >}}\n\n'
                     "{{< katex display >}}\nx^2\n{{< /katex >}}\n\n{{< youtube abc123 >}}\n")
    assert [summary(b) for b in content][:5] == [
        ("box", "danger", "", ["Stop."]), ("box", "tip", "", ["Try."]), ("box", "warning", "Heads up", ["Alert."]),
        ("box", "note", "More", ["Hidden."]), ("code", "go", None, "fmt.Println()\n")]
    assert content[5].runs[0].math.strip() == "x^2"
    assert summary(content[6]) == "https://www.youtube.com/watch?v=abc123"


def test_a_hugo_figure_is_a_picture_with_its_caption(tmp_path):
    (image,) = blocks('## A\n\n{{< figure src="cat.png" alt="A cat" caption="Figure 1. A cat" >}}\n', tmp_path / "l.md")
    assert summary(image) == ("image", "cat.png", "A cat", "Figure 1. A cat")


def test_unknown_tags_are_left_out_with_one_warning_and_their_content_kept(warnings):
    content = blocks("## A\n\n{% if site.show %}\nShown.\n{% endif %}\n\n{% include note.html %}\n\n{{< unknown >}}\n\n"
                     "Inline {{< ref \"x.md\" >}} stays.\n")
    assert [summary(b) for b in content] == ["Shown.", 'Inline {{< ref "x.md" >}} stays.']
    messages = [m for m in warnings.messages if "template tags" in m]
    assert len(messages) == 1 and "if" in messages[0] and "include" in messages[0]


def test_tags_in_code_fences_are_code():
    (code,) = blocks('## A\n\n```liquid\n{% hint style="info" %}\nx\n{% endhint %}\n```\n')
    assert summary(code) == ("code", "liquid", None, '{% hint style="info" %}\nx\n{% endhint %}\n')


def test_obsidian_callouts_keep_their_title_and_github_alerts_their_kind():
    titled, folded, github = blocks("## A\n\n> [!tip] Custom title\n> Body text.\n\n> [!faq]- Folded\n> Answer.\n\n"
                                    "> [!CAUTION]\n> Careful.\n")
    assert summary(titled) == ("box", "tip", "Custom title", ["Body text."])
    assert summary(folded) == ("box", "info", "Folded", ["Answer."])
    assert summary(github) == ("box", "caution", "", ["Careful."])


def test_vitepress_code_groups_are_their_code_blocks_titled():
    content = blocks("## A\n\n::: code-group\n```sh [npm]\nnpm i\n```\n```sh [pnpm]\npnpm i\n```\n:::\n")
    assert [summary(b) for b in content] == [("code", "sh", "npm", "npm i\n"), ("code", "sh", "pnpm", "pnpm i\n")]


def test_quarto_video_shortcode_is_a_link():
    (paragraph,) = blocks("## A\n\n{{< video https://www.youtube.com/embed/abc >}}\n")
    assert summary(paragraph) == "https://www.youtube.com/embed/abc" and paragraph.runs[0].link
