"""`Lesson` → `Deck`: the slides the deck writes itself, and a run of content slides per heading.

Decides the deck's order (title; agenda when there is more than one `##`; the preamble; per `##` a
section slide, then its own text and each `###`; closing), every title's size, the footer's size,
and "(cont.)" titles on the slides a run of content continues onto.
"""
from __future__ import annotations

from dataclasses import replace

from ..errors import warn
from ..metrics import TITLE_MOST_LINES, Metrics, fit_size, fits_as_title, largest_fitting, size_after, sizes_down
from ..model import (
    Box,
    Deck,
    Image,
    Inline,
    Layout,
    Lesson,
    Run,
    Section,
    Slide,
    SourcePos,
    TextFrame,
    TextPara,
    plain_text,
)
from ..theme import Theme
from .builds import with_builds
from .content import at_size, best_flow, layout_of
from .flow import Flow
from .footnotes import marks_in
from .items import BULLETS, FlowItem, TextGroup, flatten, merge_keep_with_next, section_items

FOOTER_STEP, FOOTER_FLOOR = 0.5, 6  # the footer shrinks in half points, down to this size
# where each layout's title sits and the theme size it starts from (others: a content slide's)
_TITLE_BOXES = {Layout.TITLE: ("title.title", "cover_title"), Layout.CLOSING: ("closing.title", "cover_title"),
                Layout.SECTION: ("section.title", "section_title")}
PARTS_AFTER = 2  # a ### run needing more slides than this is cut at its #### headings
SUBTITLE_STEP, SUBTITLE_FLOOR = 1, 12  # a cover's subtitle shrinks in whole points, down to this size


class Paginator:
    """One lesson's deck at one theme: the slides in order, each title at the size that fits it."""

    def __init__(self, lesson: Lesson, theme: Theme):
        self.lesson = lesson
        self.theme = theme
        self.m = Metrics(theme, footnotes=bool(marks_in(lesson)))  # looked for once, not in every item tried

    def title_size(self, runs: Inline, box_name: str, largest_key: str) -> float:
        box = self.theme.box(box_name)
        return fit_size(self.m, runs, box, float(self.theme.sizes[largest_key]), float(self.theme.sizes["title_min"]))

    def shown_title(self, runs: Inline, box_name: str) -> Inline:
        """`runs`, or, when they do not fit the title box in `TITLE_MOST_LINES` lines at the smallest title
        size, their longest beginning that does (cut after a word where one ends near) and "…"."""
        box, smallest = self.theme.box(box_name), float(self.theme.sizes["title_min"])

        def fits(title: Inline) -> bool:
            return fits_as_title(self.m, title, box, smallest, TITLE_MOST_LINES)

        if fits(runs):
            return runs
        text = plain_text(runs)
        low, high = 0, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if fits((Run(text[:middle] + "…"),)) else (low, middle - 1)
        cut = text[:low]
        space = cut.rfind(" ")
        return (Run((cut[:space] if space > low * 0.7 else cut).rstrip() + "…"),)

    def with_full_heading(self, title: Inline, shown: Inline, items: list[FlowItem], pos: SourcePos) -> list[FlowItem]:
        """`items`, opened by the whole heading when the slide title shows only its beginning."""
        if shown is title:
            return items
        heading = TextPara(tuple(replace(run, bold=True) for run in title), 0, None, "body", pos)
        return merge_keep_with_next([TextGroup((heading,), keep_with_next=True), *items])

    def deck(self) -> Deck:
        lesson = self.lesson
        slides = [self.title_slide()]
        if len(lesson.sections) > 1:
            slides += self.agenda_slides()
        if lesson.preamble:  # a lesson of text alone continues its cover: "Title (cont.)"
            shown = 0 if lesson.sections else 1
            slides += self.content_slides((Run(self.preamble_title()),), flatten(lesson.preamble), self.start, "",
                                          None, shown=shown)
        for section in lesson.sections:
            slides += self.section(section)
        slides.append(self.closing_slide())
        slides = self.distinct_titles(slides)
        footer = self.theme.text("footer", lesson_title=lesson.title)
        return Deck(lesson, tuple(slides), self.theme.width, self.theme.height, footer, self.footer_size(footer))

    @property
    def start(self) -> SourcePos:
        """The lesson's first line: where the slides that come from no heading point."""
        return SourcePos(str(self.lesson.source), 1)

    def footer_size(self, footer: str) -> float:
        """The footer's size: the theme's, or smaller until it fits its box on one line."""
        box, largest = self.theme.box("footer.text"), float(self.theme.sizes["footer"])
        sizes = sizes_down(largest, FOOTER_FLOOR, FOOTER_STEP)
        return largest_fitting(sizes, lambda size: self.m.fits_lines((Run(footer),), box, size, 1),
                               lambda: size_after(sizes, largest, FOOTER_STEP))

    def section(self, section: Section) -> list[Slide]:
        name = section.title_text
        divider_title = self.shown_title(section.title, "section.title")
        slides = self.divider(section, divider_title)
        runs = self.section_runs(section)
        if not runs and divider_title is not section.title:  # its first slide shows the whole heading
            runs = [(section.title, [], section.pos, True)]
        elif divider_title is not section.title and runs[0][0] is not section.title:
            title, items, pos, empty = runs[0]
            runs[0] = (title, self.with_full_heading(section.title, divider_title, items, pos), pos, empty)
        flows = self.section_flows([items for _title, items, _pos, _empty in runs])
        for (title, items, pos, allow_empty), flow in zip(runs, flows):
            # the divider (or the cover) already shows the section's title: its own text continues it, numbered
            shown = 1 if title is section.title and not self.lesson.written_as_slides else 0
            slides += self.content_slides(title, items, pos, name, pos, allow_empty, flow, shown)
        return slides

    def cover_is_divider(self, section: Section) -> bool:
        """The lesson is one `##` section whose heading is also its title (a page without a title of its
        own, an mdBook chapter): the cover already shows what a divider would, "Title (2)"."""
        lesson = self.lesson
        return len(lesson.sections) == 1 and not lesson.preamble and section.title_text == lesson.title

    def divider(self, section: Section, title: Inline) -> list[Slide]:
        """The slide opening a section, or none: for a lesson written as slides (its `##` are slides)
        and for a page whose cover already shows the section's heading."""
        if self.lesson.written_as_slides or self.cover_is_divider(section):
            return []
        size = self.title_size(title, "section.title", "section_title")
        return [Slide(Layout.SECTION, title, size, (), section.pos, section=section.title_text, anchor=section.pos)]

    def section_runs(self, section: Section) -> list[tuple[Inline, list[FlowItem], SourcePos, bool]]:
        """The section's own text as a run continuing its divider, then each `###`'s runs; an intro that
        would make a nearly bare slide of its own ("In this part we look at …") opens the first `###`
        slide instead."""
        intro = flatten(section.blocks) if section.blocks else []
        parts = [run for sub in section.subsections for run in self.subsection_runs(sub)]
        if intro and parts and self.nearly_bare(intro):
            title, items, pos, _empty = parts[0]
            merged = merge_keep_with_next(intro + items)
            if self.slide_count(merged) <= self.slide_count(items):  # the intro fills the first slide's room
                return [(title, merged, pos, False)] + parts[1:]
        return ([(section.title, intro, section.pos, False)] if intro else []) + parts

    def slide_count(self, items: list[FlowItem]) -> int:
        return len(best_flow(self.m, items, self.theme.box("content.body"), self.missing_image_text).pages) \
            if items else 0

    def subsection_runs(self, sub: Section) -> list[tuple[Inline, list[FlowItem], SourcePos, bool]]:
        """A `###` and what it holds as one titled run (a heading with nothing under it still gets its
        slide); one that needs more than two slides and has `####` headings is cut at them, each part
        titled "### — ####", so that its slides are told apart by more than a number."""
        items = section_items(sub)
        whole = [(sub.title, items, sub.pos, not items)]
        if not sub.subsections or len(best_flow(self.m, items, self.theme.box("content.body"),
                                                self.missing_image_text).pages) <= PARTS_AFTER:
            return whole
        intro = flatten(sub.blocks)
        runs = [(sub.title, intro, sub.pos, False)] if intro and not self.nearly_bare(intro) else []
        for part in sub.subsections:
            title = (Run(self.part_title(sub.title_text, part.title_text)),)
            items = section_items(part)
            if intro and not runs:  # a short intro opens the first part's slide instead of its own
                items = merge_keep_with_next(intro + items)
            runs.append((title, items, part.pos, True))
        return runs

    def nearly_bare(self, items: list[FlowItem]) -> bool:
        """The items would make one nearly bare slide of their own."""
        flow = best_flow(self.m, items, self.theme.box("content.body"), self.missing_image_text)
        return len(flow.pages) == 1 and flow.nearly_empty()

    def preamble_title(self) -> str:
        """The title of the slides of the text before the first `##`: the theme's word for an
        introduction ("Introduction", "들어가며") when sections follow it, else the lesson's title
        (numbered, as the cover has it): a lesson of text alone is not all introduction."""
        if "introduction" in self.theme.strings and self.lesson.sections:
            return self.theme.text("introduction", lesson_title=self.lesson.title)
        return self.lesson.title

    def part_title(self, title: str, part: str) -> str:
        if "part_title" in self.theme.strings:
            return self.theme.text("part_title", title=title, part=part)
        return part

    def section_flows(self, runs: list[list[FlowItem]]) -> list[Flow | None]:
        """Each run's flow at one body size for the whole section: the size of its longest run, taken by
        every other run that needs no more slides at it than at its own best size (sizes that jump
        between neighbouring slides read as a mistake)."""
        area = self.theme.box("content.body")
        flows = [best_flow(self.m, items, area, self.missing_image_text) if items else None for items in runs]
        sized = [flow for flow in flows if flow is not None]
        if len(sized) < 2:
            return flows
        common = max(sized, key=lambda flow: (len(flow.pages), flow.size)).size
        return [flow if flow is None or flow.size == common else
                at_size(self.m, items, area, self.missing_image_text, common, flow)
                for items, flow in zip(runs, flows)]

    def content_slides(self, title: Inline, items: list[FlowItem], pos: SourcePos, section: str,
                       anchor: SourcePos | None, allow_empty: bool = False, flow: Flow | None = None,
                       shown: int = 0) -> list[Slide]:
        """The run's slides, the first titled `title` and the rest as its continuations; `shown`: how
        many slides before the run already carry the title (a section divider), so the run continues
        their numbering."""
        if not items and not allow_empty:
            return []
        shown_title = self.shown_title(title, "content.title")
        if shown_title is not title:
            items, title, flow = self.with_full_heading(title, shown_title, items, pos), shown_title, None
        flow = flow or best_flow(self.m, items, self.theme.box("content.body"), self.missing_image_text)
        for where, message in flow.warnings:
            warn(where, message)
        slides = []
        pages = [page for i, page in enumerate(flow.pages) if i == 0 or not page.empty]
        for i, page in enumerate(pages, start=shown):
            page_title = title if i == 0 else (Run(self.continued_title(plain_text(title), i + 1, len(pages) + shown)),)
            size = self.title_size(page_title, "content.title", "title")
            slides.append(Slide(layout_of(page.frames), page_title, size, flow.frames_with_notes(page), pos,
                                "\n".join(page.notes), section, anchor))
        return slides

    def distinct_titles(self, slides: list[Slide]) -> list[Slide]:
        """No two slides share a title (an outline and a screen reader tell slides apart by it): a title
        seen before is qualified by its section ("Notebooks — Part 2"), else numbered ("Notebooks (2)")."""
        used: set[str] = set()
        out = []
        for slide in slides:
            text = plain_text(slide.title)
            if text in used:
                text = self.unused_title(text, slide.section, used)
                box, largest = _TITLE_BOXES.get(slide.layout, ("content.title", "title"))
                slide = replace(slide, title=(Run(text),), title_pt=self.title_size((Run(text),), box, largest))
            used.add(text)
            out.append(slide)
        return out

    def unused_title(self, text: str, section: str, used: set[str]) -> str:
        if section and section != text:
            qualified = self.part_title(text, section)
            if qualified not in used:
                return qualified
        n = 2
        while self.theme.text("repeated_title", title=text, n=n) in used:
            n += 1
        return self.theme.text("repeated_title", title=text, n=n)

    def continued_title(self, title: str, number: int, total: int) -> str:
        """A continuation slide's title: numbered ("(계속 2/4)") when a run takes more than two slides, so
        that an outline or a screen reader tells the slides apart."""
        if total > 2 and "continued_numbered" in self.theme.strings:
            return self.theme.text("continued_numbered", title=title, n=number, total=total)
        return self.theme.text("continued", title=title)

    def missing_image_text(self, image: Image) -> str:
        return self.theme.text("image_missing", alt=image.alt or image.shown_src)

    def title_slide(self) -> Slide:
        lesson = self.lesson
        title = (Run(lesson.title),)
        paras = []
        if lesson.description:
            paras.append(TextPara((Run(lesson.description),), style="subtitle"))
        if lesson.tags:
            paras.append(TextPara((Run(self.theme.text("tags", tags=lesson.tags)),), style="meta"))
        for key in ("author", "date"):
            if lesson.meta.get(key):
                paras.append(TextPara((Run(str(lesson.meta[key])),), style="meta"))
        frames = ()
        if paras:
            box = self.theme.box("title.subtitle")
            size = self.subtitle_size(paras, box)
            frames = (TextFrame(tuple(paras), box, size),)
        size = self.title_size(title, "title.title", "cover_title")
        return Slide(Layout.TITLE, title, size, frames, self.start)

    def subtitle_size(self, paras: list[TextPara], box: Box) -> float:
        """The theme's subtitle size, or smaller until the paragraphs fit the box."""
        largest = float(self.theme.sizes["subtitle"])
        sizes = sizes_down(largest, SUBTITLE_FLOOR, SUBTITLE_STEP)
        return largest_fitting(sizes, lambda size: self.m.paras_height(paras, box.w, size) <= box.h,
                               lambda: size_after(sizes, largest, SUBTITLE_STEP))

    def agenda_slides(self) -> list[Slide]:
        """The `##` sections as a list whose entries jump to their section slides, each on one line."""
        anchors = self.lesson.anchors
        items = [TextGroup((self.agenda_entry(TextPara(tuple(replace(r, link=r.link or f"#{anchors[s.pos]}")
                                                             for r in s.title), 0, BULLETS[0], "body", s.pos)),))
                 for s in self.lesson.sections]
        title = (Run(self.theme.text("agenda")),)
        slides = self.content_slides(title, items, self.start, "", None)
        return [replace(slide, layout=Layout.AGENDA) for slide in slides]

    def agenda_entry(self, entry: TextPara) -> TextPara:
        """The entry, its title cut after the last word that leaves room for "…" on one line at the
        body size when it is longer (a question of three lines is a poor contents line, and
        LibreOffice cannot wrap a linked run inside). Its section slide shows the whole title."""
        width, size = self.theme.box("content.body").w, max(self.theme.sizes_of("body"))
        if self.m.para_lines(entry, width, size) <= 1:
            return entry
        best = entry
        for cut in (i for i, char in enumerate(plain_text(entry.runs)) if char == " "):  # a few words' worth
            shortened = replace(entry, runs=cut_runs(entry.runs, cut))
            if self.m.para_lines(shortened, width, size) > 1:
                break
            best = shortened
        return best

    def closing_slide(self) -> Slide:
        title = (Run(self.theme.text("closing")),)
        subtitle = self.theme.text("closing_subtitle", lesson_title=self.lesson.title)
        box = self.theme.box("closing.subtitle")
        paras = [TextPara((Run(subtitle),), style="subtitle")]
        frames = (TextFrame(tuple(paras), box, self.subtitle_size(paras, box)),)
        size = self.title_size(title, "closing.title", "cover_title")
        return Slide(Layout.CLOSING, title, size, frames, self.start)


def cut_runs(runs: Inline, at: int) -> Inline:
    """The runs' first `at` characters, followed by "…" in the style of the last run kept."""
    kept: list[Run] = []
    for run in runs:
        if at <= 0:
            break
        kept.append(replace(run, text=run.text[:at]) if len(run.text) > at else run)
        at -= len(run.text)
    return tuple(kept[:-1]) + (replace(kept[-1], text=kept[-1].text.rstrip() + "…"),) if kept else runs


def paginate(lesson: Lesson, theme: Theme) -> Deck:
    """The lesson's deck, its content slides stepped for the lesson's builds (`builds`: after the
    split, so a pause never moves one)."""
    return with_builds(Paginator(lesson, theme).deck())
