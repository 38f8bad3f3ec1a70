"""Property: any generated lesson (headings with or without ids, Korean and Latin paragraphs, lists with
code inside items, ragged tables, aligned code, admonitions, tabs, emoji) either builds or fails with a LessonError; whenever it builds, `check` finds every item in
both outputs and every box holds its text.

`make test` runs a few examples; `make fuzz` runs 2,000 (SLIDEGEN_FUZZ_EXAMPLES)."""
from __future__ import annotations

import pytest

import logging
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from slidegen.build import build_deck, build_handout
from slidegen.errors import LessonError
from slidegen.parse import parse_file
from slidegen.verify import check_deck, check_handout

from conftest import ROOT

EXAMPLES = int(os.environ.get("SLIDEGEN_FUZZ_EXAMPLES", "6"))
TEMPLATES = ROOT / "templates"

KOREAN = ["생성형", "인공지능은", "데이터를", "학습하여", "새로운", "콘텐츠를", "만든다", "모델의", "성능과", "한계를",
          "이해한다", "사용자가", "질문을", "입력하면", "답변을", "생성한다", "대규모", "언어", "모델", "훈련"]
LATIN = ["model", "data", "GPT-4", "token", "Transformer", "LLM", "API", "pipeline", "fine-tuning", "2024",
         "(NLP)", "v3.5", "embedding", "prompt", "agent", "⚠️", "🧑\u200d🔬"]
words = st.lists(st.sampled_from(KOREAN + LATIN), min_size=2, max_size=14)
sentence = words.map(lambda ws: " ".join(ws) + ".")
paragraph = st.lists(sentence, min_size=1, max_size=5).map(" ".join)


def bullet_list(ordered: bool):
    item = st.tuples(sentence, st.lists(sentence, max_size=3))

    def render(items):
        lines = []
        for n, (text, children) in enumerate(items, 1):
            lines.append(f"{n}. {text}" if ordered else f"- {text}")
            lines.extend(f"   - {child}" for child in children)
        return "\n".join(lines)

    return st.lists(item, min_size=1, max_size=6).map(render)


@st.composite
def table(draw):
    columns = draw(st.integers(2, 5))
    header = [" ".join(draw(st.lists(st.sampled_from(KOREAN + LATIN), min_size=1, max_size=2))) for _ in range(columns)]
    rows = []
    for i in range(draw(st.integers(1, 8))):
        cells = [" ".join(draw(st.lists(st.sampled_from(KOREAN + LATIN), min_size=1, max_size=8))) for _ in range(columns)]
        if i and draw(st.booleans()):
            cells[0] = ""  # continues the group above
        if draw(st.integers(0, 4)) == 0:
            cells = cells[: draw(st.integers(1, columns))]  # a ragged row
        rows.append(cells)
    line = lambda cells: "| " + " | ".join(cells) + " |"
    return "\n".join([line(header), "|" + "---|" * columns] + [line(r) for r in rows])


CODE_LINES = ["x = 1", "print('안녕')", "for i in range(10):", "    total += i", "def f(a, b):",
              "    return a + b  # 합계", "kubectl get pods -n default", "name     = \"eks\"    # 이름",
              "NAME          STATUS   AGE", "## not a heading {#x}"]
code_lines = st.lists(st.sampled_from(CODE_LINES), min_size=1, max_size=12)
code = code_lines.map(lambda lines: "```python\n" + "\n".join(lines) + "\n```")
step_list = st.lists(st.tuples(sentence, code_lines), min_size=1, max_size=4).map(
    lambda steps: "\n\n".join(f"{n}. {text}\n\n   ```bash\n" + "\n".join("   " + ln for ln in lines) + "\n   ```"
                              for n, (text, lines) in enumerate(steps, 1)))
tabs = st.lists(st.tuples(st.sampled_from(["macOS", "Windows", "리눅스"]), paragraph), min_size=1, max_size=3).map(
    lambda tabs: "<Tabs>\n" + "\n".join(f'  <TabItem value="t{i}" label="{label}">\n\n{text}\n\n  </TabItem>'
                                        for i, (label, text) in enumerate(tabs)) + "\n</Tabs>")
admonition = st.tuples(st.sampled_from(["note", "tip", "warning", "danger"]), st.sampled_from(["", "알아두기", "Careful"]),
                       paragraph).map(lambda t: f":::{t[0]} {t[1]}".rstrip() + f"\n{t[2]}\n:::")
block = st.one_of(paragraph, bullet_list(False), bullet_list(True), table(), code, admonition, step_list, tabs)
heading_id = st.sampled_from(["", " {#custom-id}", "[[hf-id]]", " {/*mdx-id*/}"])


@st.composite
def lesson(draw):
    parts = [f"---\ntitle: {' '.join(draw(words))}\n---\n"]
    for s in range(draw(st.integers(1, 3))):
        parts.append(f"## {' '.join(draw(words))}{draw(heading_id)}")
        for _ in range(draw(st.integers(0, 2))):
            parts.append(draw(block))
        for sub in range(draw(st.integers(0, 2))):
            parts.append(f"### {' '.join(draw(words))}{draw(heading_id)}")
            parts.extend(draw(st.lists(block, min_size=1, max_size=3)))
    return "\n\n".join(parts) + "\n"


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(lesson())
def test_generated_lessons_build_and_check(text):
    quiet = logging.getLogger("slidegen")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # generated tables are ragged on purpose: their warnings are expected
    try:
        build_and_check(text)
    finally:
        quiet.setLevel(level)


def build_and_check(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "lesson.md"
        source.write_text(text, encoding="utf-8")
        try:
            deck = build_deck(source, Path(tmp) / "out", TEMPLATES)
            handout = build_handout(source, Path(tmp) / "out", TEMPLATES)
        except LessonError:
            return
        model = parse_file(source)
        for report in (check_deck(model, deck), check_handout(model, handout)):
            assert report.ok, (report.summary(), report.details()[:5], text)
