"""The raw HTML / MDX half of the parser, through `parse_text` with small strings: speaker notes and
comments, MDX `import`/`export` lines, `<img>` lines, HTML text, components and their labels, players,
inline `<a>`/`<br>`/`<img>`, and the ids a lesson gives its headings. No lesson files (test_parse.py)."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from slidegen.model import Code, Image, Notes, Paragraph, Table, plain_text
from slidegen.parse import parse_text

ONE_PIXEL_PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"  # a real picture: a file Pillow cannot read has no path


def parse(text: str, name: str = "t.md"):
    return parse_text(text, Path(name))


def blocks(text: str, name: str = "t.md"):
    """The blocks of the lesson's first section."""
    return parse(text, name).sections[0].blocks


def bold_lines(paragraph: Paragraph):
    return [(r.text, r.bold) for r in paragraph.runs if r.text.strip()]


@pytest.fixture
def warnings(caplog):
    caplog.set_level(logging.WARNING, logger="slidegen")
    return caplog


# ---------------------------------------------------------------------------------- comments and notes


def test_a_notes_comment_is_speaker_notes_and_other_comments_and_breaks_are_nothing():
    notes, text = blocks("## A\n\n<!-- notes: Say\n  this -->\n\n<!-- just a comment -->\n\n<br>\n<br/>\n\ntext\n")
    assert isinstance(notes, Notes) and (notes.text, notes.pos.line) == ("Say this", 3)
    assert plain_text(text.runs) == "text"


def test_mdx_import_and_export_lines_are_not_lesson_text():
    (after,) = blocks("## A\n\nimport Tabs from '@theme/Tabs';\nexport const x = 1;\n\nafter\n", "t.mdx")
    assert plain_text(after.runs) == "after"
    assert parse("import A from './a';\n\n## S\n", "t.mdx").preamble == ()


def test_an_import_inside_prose_stays_prose():
    (para,) = blocks("## A\n\nimport this idea from elsewhere, she said.\n")
    assert plain_text(para.runs) == "import this idea from elsewhere, she said."


# ------------------------------------------------------------------------------------------- images


def test_img_lines_are_pictures_and_light_dark_variants_show_once(warnings):
    fig, untitled = blocks("## A\n\n<img src=\"a.png\" alt=\"Fig\"><img src=\"a-dark.png\" alt=\"Fig\">\n\n"
                           "<img src=\"b.png\" alt=\"\"/>\n")
    assert isinstance(fig, Image) and (fig.src, fig.alt, fig.path) == ("a.png", "Fig", None)
    assert (untitled.src, untitled.alt, untitled.pos.line) == ("b.png", "", 5)
    assert any("t.md:3: warning: image 'a.png' not found" in m for m in warnings.messages)


def test_an_img_address_that_cannot_be_parsed_warns(warnings):
    (image,) = blocks("## A\n\n<img src=\"http://[bad\" alt=\"B\">\n")
    assert image.path is None
    assert any("image 'http://[bad' is not a valid address" in m for m in warnings.messages)


def test_an_img_tag_with_entities_in_its_attributes(tmp_path):
    (tmp_path / "a b.png").write_bytes(ONE_PIXEL_PNG)
    lesson = parse_text("## A\n\n<img src='a%20b.png' alt=\"Tom &amp; Jerry\">\n", tmp_path / "l.md")
    (image,) = lesson.sections[0].blocks
    assert image.alt == "Tom & Jerry" and image.path == (tmp_path / "a b.png").resolve()


def test_pictures_an_mdx_page_names_in_expressions_are_shown(tmp_path, warnings):
    """Nextra pages import a screenshot and show it with a component (`src={SHOT}`); Docusaurus pages
    write `src={require("./a.png").default}`. Each is the picture it names, with its alt text."""
    (tmp_path / "img").mkdir()
    for name in ("shot.png", "a.png", "b.png"):
        (tmp_path / "img" / name).write_bytes(ONE_PIXEL_PNG)
    text = ("import { Screenshot } from 'components/screenshot'\nimport SHOT from \"./img/shot.png\"\n\n"
            "## A\n\n<Screenshot src={SHOT} alt=\"첫째 그림\" />\n\n"
            "<img src={require('./img/a.png').default} alt={\"둘째\"} width={300} />\n\n"
            "<div>\n<Image src={\"./img/b.png\"} alt=\"셋째\" />\n</div>\n\n<Screenshot src={UNKNOWN} alt=\"x\" />\n")
    lesson = parse_text(text, tmp_path / "l.mdx")
    images = [b for b in lesson.sections[0].blocks if isinstance(b, Image)]
    assert [(i.alt, i.path) for i in images] == [(alt, (tmp_path / "img" / f).resolve()) for alt, f in
                                                 [("첫째 그림", "shot.png"), ("둘째", "a.png"), ("셋째", "b.png")]]
    assert [m for m in warnings.messages if "has no text" in m] == [
        f"{tmp_path / 'l.mdx'}:14: warning: component <Screenshot> has no text in this file; it is left out"]


# ---------------------------------------------------------------------------------------- HTML text


def test_html_blocks_keep_their_visible_text_and_drop_scripts_and_styles(warnings):
    text, image = blocks("## A\n\n<div>\n<script>alert(1)</script><style>p{}</style>\n<p>Hello &amp; bye</p>\n"
                         "<img src=\"c.png\" alt=\"C\">\n</div>\n")
    assert plain_text(text.runs) == "Hello & bye" and isinstance(image, Image) and image.alt == "C"
    assert any("<script> content is not lesson text" in m for m in warnings.messages)
    assert any("<style> content is not lesson text" in m for m in warnings.messages)


def test_html_summary_and_headings_are_bold_labels():
    lesson = parse("## A\n\n<details>\n<summary>더 알아보기</summary>\n\n본문입니다.\n\n</details>\n\n"
                   "<div><h3>HTML 제목</h3><p>설명 글.</p></div>\n", "d.md")
    paras = [b for b in lesson.sections[0].blocks if isinstance(b, Paragraph)]
    assert [bold_lines(p) for p in paras] == [
        [("더 알아보기", True)], [("본문입니다.", False)], [("HTML 제목", True), ("설명 글.", False)]]


def test_html_block_lines_become_break_separated_runs():
    (para,) = blocks("## A\n\n<ul>\n<li>one   two</li>\n<li>three</li>\n</ul>\n")
    assert plain_text(para.runs) == "one two\nthree"


# ----------------------------------------------------------------------------------------- components


def test_component_labels_are_shown_in_bold_before_their_content():
    """A Docusaurus tab's label (its value when it has none) is text the page shows; the paginator
    keeps such a bold label with what follows it."""
    lesson = parse("## 설치\n\n<Tabs>\n  <TabItem value=\"mac\" label=\"macOS\" default>\n\n맥은 brew.\n\n"
                   "  </TabItem>\n  <TabItem value=\"linux\">\n\n리눅스는 apt.\n\n  </TabItem>\n</Tabs>\n\n"
                   "<Tabs>\n<TabItem value=\"x\" label=\"A > B\">Text B</TabItem>\n</Tabs>\n", "t.mdx")
    runs = [(r.text, r.bold) for b in lesson.sections[0].blocks if isinstance(b, Paragraph) for r in b.runs
            if r.text.strip()]
    assert runs == [("macOS", True), ("맥은 brew.", False), ("linux", True), ("리눅스는 apt.", False),
                    ("A > B", True), ("Text B", False)]


BOXES = """## 상자

<Tip>

`pipeline()`부터 써 보세요:

```py
x = 1
```

</Tip>

<Tip warning={true}>
조심하세요.
</Tip>

<Callout type="error" emoji="⚠️">
첫 문단 **굵게**.

둘째 문단.
</Callout>

<Admonition type="caution" title="알아두기">
  <Note>
  안쪽 노트
  </Note>

:::tip
도큐사우루스 상자
:::
</Admonition>

- 항목

  <Warning>
  목록 안의 경고
  </Warning>

```md
<Tip>
코드 속의 태그
</Tip>
```
"""


def test_box_components_are_boxes_holding_their_markdown():
    """Hugging Face's <Tip> (<Tip warning={true}>), Nextra's <Callout type=…>, Docusaurus's
    <Admonition type=… title=…>, Mintlify's <Note>/<Warning>: what is inside stays inside the box,
    code too, nested boxes nest, and a tag inside a code block is code."""
    blocks = parse(BOXES, "b.mdx").sections[0].blocks
    tip, warning, error, caution, listed, code = blocks
    assert (tip.kind, [type(b).__name__ for b in tip.blocks]) == ("tip", ["Paragraph", "Code"])
    assert tip.blocks[1].text == "x = 1\n"
    assert (warning.kind, plain_text(warning.blocks[0].runs)) == ("warning", "조심하세요.")
    assert (error.kind, [plain_text(b.runs) for b in error.blocks]) == ("danger", ["첫 문단 굵게.", "둘째 문단."])
    assert (caution.kind, plain_text(caution.title)) == ("caution", "알아두기")
    assert [(b.kind, plain_text(b.blocks[0].runs)) for b in caution.blocks] == [("note", "안쪽 노트"),
                                                                                ("tip", "도큐사우루스 상자")]
    (inner,) = listed.items[0].children
    assert (inner.kind, plain_text(inner.blocks[0].runs)) == ("warning", "목록 안의 경고")
    assert code.text == "<Tip>\n코드 속의 태그\n</Tip>\n"
    assert [b.pos.line for b in blocks] == [3, 13, 17, 23, 33, 39]


def test_a_one_line_component_keeps_its_title_and_body():
    (para,) = blocks("## A\n\n<Panel title=\"Heads up\">Body text</Panel>\n", "t.mdx")
    assert bold_lines(para) == [("Heads up", True), ("Body text", False)]


def test_a_box_component_in_one_block_is_a_box():
    tip, danger = blocks("## A\n\n<Tip warning={true}>Use **it** with care.</Tip>\n\n"
                         "<Callout type=\"error\" title=\"주의\">첫 줄\n둘째 줄</Callout>\n", "t.mdx")
    assert (tip.kind, tip.title, plain_text(tip.blocks[0].runs)) == ("warning", (), "Use it with care.")
    assert tip.blocks[0].runs[1].bold
    assert (danger.kind, plain_text(danger.title), plain_text(danger.blocks[0].runs)) == ("danger", "주의", "첫 줄 둘째 줄")


def test_a_whole_component_without_text_is_left_out_with_a_warning(warnings):
    (inside,) = blocks("## A\n\n<DocCardList />\n\n<Tabs>\n\ninside md\n\n</Tabs>\n", "t.mdx")
    assert plain_text(inside.runs) == "inside md"
    assert [m for m in warnings.messages if "has no text" in m] == [
        "t.mdx:3: warning: component <DocCardList> has no text in this file; it is left out"]


def test_jsx_expressions_in_a_component_block_are_dropped():
    (para,) = blocks("## A\n\n<Panel>\nkept {/* a comment */} text {props.value}\n</Panel>\n", "t.mdx")
    assert plain_text(para.runs) == "kept text"


def test_mdx_comments_in_markdown_are_nothing_but_a_heading_id_and_code_keep_theirs():
    lesson = parse("## 제목 {/*custom-id*/}\n\n앞 {/* 메모 */} 뒤 `{/* 코드 */}`\n\n{/* 여러\n줄 */}\n\n끝.\n", "c.mdx")
    assert lesson.anchors[lesson.sections[0].pos] == "custom-id"
    first, last = lesson.sections[0].blocks
    assert plain_text(first.runs) == "앞  뒤 {/* 코드 */}" and (plain_text(last.runs), last.pos.line) == ("끝.", 8)


QUIZ = ("## 퀴즈\n\n### 1. 어떤 작업인가요?\n\n<Quiz\n\tchoices={[\n\t\t{\n\t\t\ttext: \"문장 분류\",\n"
        "\t\t\texplain: \"맞아요. <a href=\\\"https://example.org/tasks\\\">작업 목록</a>을 {보세요}.\",\n"
        "\t\t\tcorrect: true\n\t\t},\n\t\t{ text: 'it\\'s `translation`', explain: `no ${'}'}` }\n\t]}\n/>\n\n"
        "<Quiz choices={[{text: \"plain\", correct: false}]} />\n\n다음 글.\n")


def test_a_component_whose_expression_attributes_hold_tags_and_braces_is_data_not_text(warnings):
    """An attribute's `{…}` is JavaScript: its braces nest, its strings may hold `<a>` tags, `>` and
    escaped quotes. The tag ends after it, so none of it leaks onto a slide as text, and the component
    is left out with a warning like any other without text of its own."""
    lesson = parse(QUIZ, "q.mdx")
    texts = [plain_text(b.runs) for b in lesson.sections[0].subsections[0].blocks if isinstance(b, Paragraph)]
    assert texts == ["다음 글."]
    assert [m for m in warnings.messages if "has no text" in m] == [
        "q.mdx:5: warning: component <Quiz> has no text in this file; it is left out",
        "q.mdx:16: warning: component <Quiz> has no text in this file; it is left out"]


def test_expression_attributes_leave_the_quoted_ones_and_the_text_between_tags():
    (para,) = blocks("## A\n\n<Box data={{a: \"x > y\", b: [1, {c: '}'}]}} title=\"제목\" {...rest}>\n"
                     "본문 <b>굵게</b>\n</Box>\n", "t.mdx")
    assert bold_lines(para) == [("제목", True), ("본문 굵게", False)]


# -------------------------------------------------------------------------------------------- players


def test_embedded_videos_become_named_links_with_a_warning(warnings):
    text = ("## 영상\n\n<iframe src=\"https://www.youtube.com/embed/abc\" title=\"LLM 소개\"></iframe>\n\n"
            "<video src=\"./demo.mp4\" controls></video>\n")
    lesson = parse(text, "v.md")
    paras = [b for b in lesson.sections[0].blocks if isinstance(b, Paragraph)]
    assert [(plain_text(p.runs), p.runs[-1].link) for p in paras] == [
        ("▶ LLM 소개", "https://www.youtube.com/embed/abc"), ("▶ ./demo.mp4", None)]
    assert any("v.md:3:" in m and "<iframe> cannot play" in m for m in warnings.messages)
    assert any("v.md:5:" in m and "<video>" in m for m in warnings.messages)
    assert lesson.lang == "ko"  # the player's markup does not make a Korean lesson English
    inline = parse("## A\n\n영상: <video controls><source src=\"https://e.com/a.mp4\"></video> 끝.\n\n"
                   "| a | b |\n|---|---|\n| <Youtube id=\"1pedAIvTWXk\"/> | <iframe src=\"http://[bad\"></iframe> |\n",
                   "i.md")
    para, table = inline.sections[0].blocks
    assert plain_text(para.runs) == "영상: ▶ https://e.com/a.mp4 끝."
    assert [plain_text(c) for c in table.rows[0].cells] == ["▶ https://www.youtube.com/watch?v=1pedAIvTWXk",
                                                           "▶ http://[bad"]  # no address to link, no crash
    youtube = parse("## 영상\n\n<Youtube id=\"00GKzGyWFEs\" />\n", "y.mdx")
    assert [(plain_text(b.runs), b.runs[-1].link) for b in youtube.sections[0].blocks] == [
        ("▶ https://www.youtube.com/watch?v=00GKzGyWFEs", "https://www.youtube.com/watch?v=00GKzGyWFEs")]


def test_a_player_whose_source_follows_is_named_by_it_and_protocol_relative_is_https(warnings):
    (para,) = blocks("## A\n\n<video controls>\n<source src=\"//cdn.x.org/v.mp4\">\n</video>\n")
    assert plain_text(para.runs) == "▶ https://cdn.x.org/v.mp4" and para.runs[-1].link == "https://cdn.x.org/v.mp4"
    assert any("<video> cannot play in a deck or handout; it is shown as a link to https://cdn.x.org/v.mp4" in m
               for m in warnings.messages)


def test_a_youtube_component_with_a_malformed_id_is_not_a_video(warnings):
    (para,) = blocks("## A\n\n<Youtube id=\"x\">\nCaption text\n</Youtube>\n", "t.mdx")
    assert plain_text(para.runs) == "Caption text"
    assert not [m for m in warnings.messages if "cannot play" in m]


# ------------------------------------------------------------------------------------------ inline HTML


def test_inline_anchor_links_the_text_up_to_its_end_tag_and_unsafe_ones_do_not(warnings):
    para, image = blocks("## A\n\nclick <a href=\"https://x.org\">here</a> or <a href=\"javascript:x\">bad</a> "
                         "done <img src=\"i.png\" alt=\"I\"> end\n")
    assert [(r.text, r.link) for r in para.runs] == [("click ", None), ("here", "https://x.org"),
                                                     (" or bad done  end", None)]
    assert isinstance(image, Image) and image.alt == "I"


def test_inline_br_is_a_line_break():
    (para,) = blocks("## A\n\none<br>two<br/>three<BR />four\n")
    assert plain_text(para.runs) == "one\ntwo\nthree\nfour"


# ------------------------------------------------------------------------------------------ heading ids


def test_heading_ids_are_anchors_not_text():
    """`{#id}` (Docusaurus), `{/*id*/}` (react.dev's MDX) and `[[id]]` (Hugging Face) name a heading;
    they are left out of its text and become its anchor. In a code fence they are code."""
    lesson = parse("# T\n\n## Custom {#my-id}\n\n## 모의 시안 {/*start-with-the-mockup*/}\n\n"
                   "## Welcome to the Course![[welcome]]\n\n```bash\n# comment {#x}\n# see [[wiki]]\n```\n\n"
                   "## Plain\n")
    assert [(s.title_text, s.anchor) for s in lesson.sections] == [
        ("Custom", "my-id"), ("모의 시안", "start-with-the-mockup"), ("Welcome to the Course!", "welcome"),
        ("Plain", None)]
    code = lesson.sections[2].blocks[0]
    assert isinstance(code, Code) and code.text == "# comment {#x}\n# see [[wiki]]\n"
    odd = parse("## Install {/* TODO rename */}\n\n## Select df[[0]]\n\n````md\n```\n## x {#y}\n````\n\n"
                "~~~\n## z [[w]]\n~~~\n\n## Real {#real}\n")
    assert [(s.title_text, s.anchor) for s in odd.sections] == [
        ("Install", None), ("Select df[[0]]", None), ("Real", "real")]


def test_a_heading_id_keeps_the_rest_of_the_heading_formatted():
    (section,) = parse("## The **bold** part {#bold-part}\n").sections
    assert section.anchor == "bold-part" and [(r.text, r.bold) for r in section.title] == [
        ("The ", False), ("bold", True), (" part", False)]


def test_given_heading_ids_are_the_lessons_anchors():
    lesson = parse("## Custom {#my-id}\n\n## Custom\n\n## Other [[my-id]]\n")
    assert list(lesson.anchors.values()) == ["my-id", "custom", "my-id-1"]


def test_markdown_inside_a_component_on_one_line_is_read():
    from slidegen.parse import parse_text

    lesson = parse_text('<Tabs>\n<TabItem value="py">Use `torch.nn` and **bold**.</TabItem>\n</Tabs>\n', Path("t.mdx"))
    runs = [run for block in lesson.preamble for run in getattr(block, "runs", ())]
    assert any(run.code and run.text == "torch.nn" for run in runs)
    assert any(run.bold and run.text == "bold" for run in runs)
    assert not any("`" in run.text for run in runs)


def test_an_html_pre_block_is_code_with_its_spaces_and_lines():
    from slidegen.model import Code
    from slidegen.parse import parse_text

    lesson = parse_text('<pre><code class="language-text">a  &lt;b&gt;\n    c</code></pre>\n', Path("t.md"))
    code = next(block for block in lesson.preamble if isinstance(block, Code))
    assert code.lines == ("a  <b>", "    c") and code.language == "text"


def test_a_box_component_never_closed_is_named_and_its_text_kept(warnings):
    tip, after = blocks("## A\n\n<Tip>\n\n<Note>\n\n안쪽 글\n\n</Tip>\n\n다음 글\n", "u.mdx")
    assert tip.kind == "tip" and plain_text(tip.blocks[0].runs) == "안쪽 글" and plain_text(after.runs) == "다음 글"
    assert [m for m in warnings.messages if "not closed" in m] == [
        "u.mdx:5: warning: <Note> is not closed by a </Note> line of its own; its content is not shown as a box"]


def test_boxes_nest_twelve_deep_and_deeper_tags_are_read_as_components():
    from slidegen.parse.box_components import MAX_DEPTH

    text = "## A\n\n" + "<Tip>\n\n" * (MAX_DEPTH + 3) + "안쪽\n\n" + "</Tip>\n\n" * (MAX_DEPTH + 3)
    block, depth = blocks(text, "d.mdx")[0], 0
    while hasattr(block, "kind"):
        depth, block = depth + 1, block.blocks[0]
    assert depth == MAX_DEPTH and plain_text(block.runs) == "안쪽"


def test_react_dev_boxes_keep_their_own_kinds_and_labels():
    from slidegen.theme import load_theme
    from conftest import ROOT

    text = "## A\n\n" + "".join(f"<{name}>\n\n{name} 글\n\n</{name}>\n\n" for name in
                                ("Pitfall", "DeepDive", "YouWillLearn", "Recap"))
    kinds = [b.kind for b in blocks(text, "r.mdx")]
    assert kinds == ["pitfall", "deepdive", "youwilllearn", "recap"]
    ko, en = load_theme(ROOT / "templates", "ko"), load_theme(ROOT / "templates", "en")
    assert [ko.text("admonition", kind=k) for k in kinds] == ["주의하세요!", "자세히 살펴보기", "학습 내용", "요약"]
    assert [en.text("admonition", kind=k) for k in kinds] == ["Pitfall", "Deep Dive", "You will learn", "Recap"]
    assert all(k in ko.colors["admonition"] for k in kinds)


def test_an_html_table_is_a_table_with_its_header_row_and_inline_markup():
    """A README's `<table>` was flattened into glued text ("연산스택큐", "넣기 appendappend")."""
    (table,) = blocks("## A\n\n<table>\n  <tr><th>Op</th><th>Stack</th><th>Queue</th></tr>\n"
                      "  <tr><td>put</td><td><code>append</code></td><td><b>append</b> &amp; more</td></tr>\n"
                      "  <tr><td>take</td><td>pop()</td></tr>\n</table>\n")
    assert isinstance(table, Table) and [plain_text(c) for c in table.header] == ["Op", "Stack", "Queue"]
    put, take = table.rows
    assert [plain_text(c) for c in put.cells] == ["put", "append", "append & more"]
    assert put.cells[1][0].code and put.cells[2][0].bold
    assert [plain_text(c) for c in take.cells] == ["take", "pop()", ""]  # a short row is padded


def test_an_html_table_in_a_centring_wrapper_is_a_table():
    (table,) = blocks('## A\n\n<div align="center">\n<table>\n<thead><tr><th>a</th><th>b</th></tr></thead>\n'
                      '<tbody><tr><td>1</td><td>2</td></tr></tbody>\n</table>\n</div>\n')
    assert isinstance(table, Table) and [plain_text(c) for c in table.rows[0].cells] == ["1", "2"]


def test_a_codeblock_component_is_code_with_its_language_and_title():
    """Docusaurus's `<CodeBlock>{`…`}</CodeBlock>` showed its braces and backticks and lost its JSX."""
    text = ("## A\n\n<CodeBlock language=\"jsx\" title=\"Counter.jsx\">\n{`function Counter() {\n"
            "  return <button>{count}</button>;\n}`}\n</CodeBlock>\n\n"
            "<CodeBlock className=\"language-bash\">{`npm start`}</CodeBlock>\n\nAfter.\n")
    first, second, after = blocks(text)
    assert isinstance(first, Code) and first.language == "jsx" and first.title == "Counter.jsx"
    assert first.lines == ("function Counter() {", "  return <button>{count}</button>;", "}")
    assert first.pos.line == 3
    assert isinstance(second, Code) and second.language == "bash" and second.lines == ("npm start",)
    assert plain_text(after.runs) == "After." and after.pos.line == 11  # the lines kept


def test_an_img_width_in_pixels_is_kept_and_a_share_is_not():
    from slidegen.parse.html_text import pixel_width

    assert pixel_width({"width": "20"}) == 20.0 and pixel_width({"width": "120px"}) == 120.0
    assert pixel_width({"width": "50%"}) is None and pixel_width({}) is None and pixel_width({"width": "0"}) is None
