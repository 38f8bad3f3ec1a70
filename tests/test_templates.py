"""Other institutions' templates as reference decks: python-pptx's default (4:3), pandoc's default
reference.pptx, LibreOffice Impress templates converted to .pptx, and a .potx. Each builds the content
lesson, opens with python-pptx, passes `slidegen check` (every item, no Open XML error), shows every
title in the slide's title placeholder, uses the template's own layouts, writes none of the
template's example slides and (with ../shared/tools and LibreOffice) overflows nothing."""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pptx
import pytest
from pptx import Presentation

from slidegen.build import build_deck, build_handout, lesson_and_deck
from slidegen.cli import main
from slidegen.model import Layout

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
LESSON = ROOT / "content" / "01-generative-ai-llm.md"
OVERFLOW = ROOT.parent / "shared" / "tools" / "overflow.py"
IMPRESS = Path("/usr/lib/libreoffice/share/template/common/presnt")
IMPRESS_TEMPLATES = ("Beehive", "Focus", "DNA", "Candy", "Grey_Elegant", "Midnightblue", "Vivid")
PPTX_DEFAULT = Path(pptx.__file__).parent / "templates" / "default.pptx"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def pandoc_binary() -> str | None:
    """pandoc on PATH, from the pypandoc-binary package, or $PANDOC."""
    candidates = [os.environ.get("PANDOC"), shutil.which("pandoc")]
    spec = importlib.util.find_spec("pypandoc")
    if spec is not None and spec.origin:
        candidates.append(str(Path(spec.origin).parent / "files" / "pandoc"))
    candidates.append("/tmp/ppbx/pypandoc/files/pandoc")  # this project's build machine
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


@pytest.fixture(scope="module")
def impress_decks(tmp_path_factory) -> dict[str, Path]:
    """The LibreOffice templates as .pptx, converted in one soffice call."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    sources = [IMPRESS / f"{name}.otp" for name in IMPRESS_TEMPLATES if (IMPRESS / f"{name}.otp").is_file()]
    if len(sources) < 5:
        pytest.skip(f"LibreOffice's Impress templates are not in {IMPRESS}")
    out = tmp_path_factory.mktemp("impress")
    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pptx",
                    "--outdir", str(out), *map(str, sources)], capture_output=True, timeout=300, check=False)
    decks = {p.stem: p for p in out.glob("*.pptx")}
    if len(decks) < 5:
        pytest.skip(f"soffice converted only {sorted(decks)}")
    return decks


@pytest.fixture(scope="module")
def pandoc_deck(tmp_path_factory) -> Path:
    binary = pandoc_binary()
    if binary is None:
        pytest.skip("no pandoc binary (PATH, pypandoc-binary or $PANDOC)")
    data = subprocess.run([binary, "--print-default-data-file", "reference.pptx"], capture_output=True,
                          timeout=60, check=True).stdout
    path = tmp_path_factory.mktemp("pandoc") / "reference.pptx"
    path.write_bytes(data)
    return path


def as_potx(deck: Path, out: Path) -> Path:
    """The same package with a template's main content type, as PowerPoint saves a .potx."""
    from slidegen.reference import DECK_TYPE, TEMPLATE_TYPE

    with zipfile.ZipFile(deck) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(DECK_TYPE, TEMPLATE_TYPE)
            zout.writestr(item, data)
    return out


def title_kind(shape) -> bool:
    return shape.is_placeholder and str(shape.placeholder_format.type).split(" ")[0].endswith("TITLE") \
        and "SUB" not in str(shape.placeholder_format.type)


def assert_builds_with(reference: Path, tmp_path: Path) -> Presentation:
    """Build deck and handout with `reference`, and check what the module docstring lists."""
    out = tmp_path / "out"
    deck_path = build_deck(LESSON, out, TEMPLATES, reference=reference)
    handout = build_handout(LESSON, out, TEMPLATES)
    prs = Presentation(str(deck_path))
    assert main(["-q", "check", str(LESSON), "--deck", str(deck_path), "--handout", str(handout)]) == 0

    _lesson, deck, _theme = lesson_and_deck(LESSON, TEMPLATES, reference)
    assert len(prs.slides) == len(deck.slides)
    for number, (made, planned) in enumerate(zip(prs.slides, deck.slides), start=1):
        titles = [sh for sh in made.shapes if title_kind(sh)]
        want = "".join(run.text for run in planned.title).strip()
        assert titles and " ".join(titles[0].text_frame.text.split()) == " ".join(want.split()), number

    template = Presentation(str(reference)) if reference.suffix == ".pptx" else None
    if template is not None:
        names = {lay.name for master in template.slide_masters for lay in master.slide_layouts}
        used = {s.slide_layout.name for s in prs.slides}
        assert used <= names, used - names
        if not names >= {lay.value for lay in Layout}:
            assert not used & {lay.value for lay in Layout}
    with zipfile.ZipFile(deck_path) as package:
        slide_parts = [n for n in package.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml")]
    assert len(slide_parts) == len(prs.slides)  # no example slide of the template carried along
    for slide in prs.slides:  # no empty placeholder left to show its prompt
        for ph in slide.placeholders:
            assert ph.has_text_frame and ph.text_frame.text.strip(), (slide.slide_id, ph.name)
    if OVERFLOW.is_file() and SOFFICE is not None:
        result = subprocess.run([sys.executable, str(OVERFLOW), str(deck_path)], capture_output=True, text=True,
                                timeout=600, check=False)
        assert "overflow: 0 chars" in result.stdout, result.stdout[-2000:]
    return prs


@pytest.mark.slow
@pytest.mark.render
def test_python_pptx_default_template_4_by_3(tmp_path):
    prs = assert_builds_with(PPTX_DEFAULT, tmp_path)
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)
    for slide in prs.slides:  # the footer and every shape stay on the 4:3 slide
        for shape in slide.shapes:
            assert shape.left + shape.width <= prs.slide_width + 12700, shape.name
            assert shape.top + shape.height <= prs.slide_height + 12700, shape.name


@pytest.mark.slow
@pytest.mark.render
def test_pandoc_reference_deck(pandoc_deck, tmp_path):
    prs = assert_builds_with(pandoc_deck, tmp_path)
    assert "Section Header" in {s.slide_layout.name for s in prs.slides}


@pytest.mark.slow
@pytest.mark.render
@pytest.mark.parametrize("name", ["Beehive", "Focus", "DNA", "Candy", "Grey_Elegant"])
def test_libreoffice_impress_template(impress_decks, name, tmp_path):
    if name not in impress_decks:
        pytest.skip(f"{name}.otp was not converted")
    prs = assert_builds_with(impress_decks[name], tmp_path)
    template = Presentation(str(impress_decks[name]))
    assert len(prs.slide_masters) <= min(2, len(template.slide_masters))  # the cover's and the plainest


@pytest.mark.slow
@pytest.mark.render
def test_made_up_layout_boxes_give_way_to_the_masters(impress_decks):
    """LibreOffice writes one made-up title and body box into every layout (Midnightblue: a body a
    quarter of the slide high, under a title in the middle); the master's boxes are the design."""
    from slidegen.reference import theme_from_reference
    from slidegen.theme import load_theme

    if "Midnightblue" not in impress_decks:
        pytest.skip("Midnightblue.otp was not converted")
    theme = theme_from_reference(load_theme(TEMPLATES, "ko"), impress_decks["Midnightblue"], "ko")
    title, body = theme.box("content.title"), theme.box("content.body")
    assert title.y + title.h <= body.y, "the title sits above the body"
    assert body.h >= 0.5 * theme.height, f"the body holds a slide's worth of text: {body}"


@pytest.mark.slow
@pytest.mark.render
def test_a_potx_template(impress_decks, tmp_path):
    potx = as_potx(impress_decks["Focus"] if "Focus" in impress_decks else next(iter(impress_decks.values())),
                   tmp_path / "institution.potx")
    assert_builds_with(potx, tmp_path)


def test_a_template_with_titles_from_other_masters_keeps_them_apart(tmp_path):
    """Without LibreOffice: python-pptx's default template, its title placeholder found by type and
    its date, footer and slide-number placeholders not left on the slides."""
    out = build_deck(LESSON, tmp_path, TEMPLATES, reference=PPTX_DEFAULT)
    prs = Presentation(str(out))
    kinds = {str(ph.placeholder_format.type).split(" ")[0] for s in prs.slides for ph in s.placeholders}
    assert not kinds & {"DATE", "FOOTER", "SLIDE_NUMBER"}, kinds
    assert {s.slide_layout.name for s in prs.slides} >= {"Title Slide", "Title and Content", "Section Header"}


def test_a_template_with_one_layout_builds_and_says_what_fell_back(tmp_path, caplog):
    reference = Presentation(str(PPTX_DEFAULT))
    keep = reference.slide_layouts.get_by_name("Title Only")  # a title, no body
    for layout in list(reference.slide_layouts):
        if layout is not keep:
            reference.slide_layouts.remove(layout)
    reference.save(tmp_path / "one.pptx")
    out = build_deck(LESSON, tmp_path / "out", TEMPLATES, reference=tmp_path / "one.pptx")
    assert {s.slide_layout.name for s in Presentation(str(out)).slides} == {"Title Only"}
    warnings = [r.getMessage() for r in caplog.records if "has no layout for" in r.getMessage()]
    assert len(warnings) == 1 and "'title'" in warnings[0] and "'section'" in warnings[0]
