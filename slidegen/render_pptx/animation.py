"""Builds as PowerPoint animations: each click of a slide shows what the deck model steps to it, with
the Appear entrance effect (preset 1) on each paragraph of a text frame (built by paragraph) and on
each other frame as a whole. Written the way PowerPoint saves such a slide: a `p:timing` whose main
sequence holds one group per click (the first effect on the click, the others with it) and a build
list naming every animated shape. python-pptx has no animation API: the XML is made here."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from lxml import etree
from pptx.oxml.ns import qn

from ..model import CalloutFrame, Frame, TextFrame

APPEAR = "1"  # PowerPoint's preset number of the Appear entrance effect


@dataclass(frozen=True)
class Target:
    """What one effect shows: a shape, or one paragraph of it (`para`, 0-based); `kind` is the shape's
    tag (sp, pic, graphicFrame), which decides its build list entry."""

    spid: int
    para: int | None
    kind: str
    background: bool = False  # the shape's fill and outline only (a box whose paragraphs come later)


def node(tag: str, *children, text: str | None = None, **attributes):
    element = etree.Element(qn(tag), {name: str(value) for name, value in attributes.items()})
    element.extend(children)
    if text is not None:
        element.text = text
    return element


def clicks_of(shaped: list[tuple[Frame, object]]) -> dict[int, list[Target]]:
    """{click: what it shows, in reading order} for the frames of a slide and the shapes drawing them."""
    clicks: dict[int, list[Target]] = defaultdict(list)
    for frame, shape in shaped:
        if shape is None:
            continue
        spid, kind = shape.shape_id, etree.QName(shape._element).localname
        if isinstance(frame, TextFrame):
            for index, para in enumerate(frame.paras):
                if para.step:
                    clicks[para.step].append(Target(spid, index, kind))
        elif isinstance(frame, CalloutFrame) and any(para.step != frame.step for para in frame.paras):
            for click, target in box_targets(frame, spid, kind):
                clicks[click].append(target)
        elif getattr(frame, "step", 0):
            clicks[frame.step].append(Target(spid, None, kind))
    return dict(sorted(clicks.items()))


def box_targets(frame: CalloutFrame, spid: int, kind: str) -> list[tuple[int, Target]]:
    """A box whose body paragraphs come on later clicks: its fill and title on the box's own click
    (shown with the slide when that is 0), then each body paragraph (the shape's paragraph 1, 2, …)."""
    targets = [(frame.step, Target(spid, None, kind, background=True)), (frame.step, Target(spid, 0, kind))]
    targets = targets if frame.step else []
    targets += [(para.step, Target(spid, index, kind)) for index, para in enumerate(frame.paras, 1) if para.step]
    return targets


class Ids:
    """The time nodes' ids, unique in a slide's timing, from 1."""

    def __init__(self):
        self.last = 0

    def __call__(self) -> str:
        self.last += 1
        return str(self.last)


def starts(delay: str):
    return node("p:stCondLst", node("p:cond", delay=delay))


def shape_target(target: Target):
    spid = node("p:spTgt", spid=target.spid)
    if target.background:
        spid.append(node("p:bg"))
    elif target.para is not None:
        spid.append(node("p:txEl", node("p:pRg", st=target.para, end=target.para)))
    return node("p:tgtEl", spid)


def appear(target: Target, ids: Ids, node_type: str):
    """One Appear effect: the target's visibility set to visible."""
    effect_id = ids()
    behaviour = node("p:cBhvr", node("p:cTn", starts("0"), id=ids(), dur="1", fill="hold"), shape_target(target),
                     node("p:attrNameLst", node("p:attrName", text="style.visibility")))
    visible = node("p:set", behaviour, node("p:to", node("p:strVal", val="visible")))
    return node("p:par", node("p:cTn", starts("0"), node("p:childTnLst", visible), id=effect_id,
                              presetID=APPEAR, presetClass="entr", presetSubtype="0", fill="hold", grpId="0",
                              nodeType=node_type))


def click_group(targets: list[Target], ids: Ids):
    """One click: the first target's effect on the click, the others with it."""
    outer, inner = ids(), ids()
    effects = [appear(target, ids, "clickEffect" if i == 0 else "withEffect") for i, target in enumerate(targets)]
    together = node("p:par", node("p:cTn", starts("0"), node("p:childTnLst", *effects), id=inner, fill="hold"))
    return node("p:par", node("p:cTn", starts("indefinite"), node("p:childTnLst", together), id=outer, fill="hold"))


def slide_condition(event: str, tag: str):
    return node(tag, node("p:cond", node("p:tgtEl", node("p:sldTgt")), evt=event, delay="0"))


def build_entry(spid: int, kind: str, by_paragraph: bool, background: bool = False):
    if kind == "graphicFrame":
        return node("p:bldGraphic", node("p:bldAsOne"), spid=spid, grpId="0")
    if by_paragraph and background:
        return node("p:bldP", spid=spid, grpId="0", build="p", animBg="1")
    if by_paragraph:
        return node("p:bldP", spid=spid, grpId="0", build="p")
    return node("p:bldP", spid=spid, grpId="0", animBg="1")


def build_list(clicks: dict[int, list[Target]]):
    """Each animated shape once, in the order first shown; pictures take no entry (as PowerPoint saves them)."""
    shapes: dict[int, tuple[str, bool]] = {}
    backgrounds = {target.spid for targets in clicks.values() for target in targets if target.background}
    for targets in clicks.values():
        for target in targets:
            shapes.setdefault(target.spid, (target.kind, target.para is not None or target.background))
    entries = [build_entry(spid, kind, by_para, spid in backgrounds) for spid, (kind, by_para) in shapes.items()
               if kind != "pic"]
    return node("p:bldLst", *entries) if entries else None


def timing(clicks: dict[int, list[Target]]):
    ids = Ids()
    root_id, sequence_id = ids(), ids()
    groups = [click_group(targets, ids) for targets in clicks.values()]
    main = node("p:cTn", node("p:childTnLst", *groups), id=sequence_id, dur="indefinite", nodeType="mainSeq")
    sequence = node("p:seq", main, slide_condition("onPrev", "p:prevCondLst"),
                    slide_condition("onNext", "p:nextCondLst"), concurrent="1", nextAc="seek")
    root = node("p:cTn", node("p:childTnLst", sequence), id=root_id, dur="indefinite", restart="never",
                nodeType="tmRoot")
    element = node("p:timing", node("p:tnLst", node("p:par", root)))
    builds = build_list(clicks)
    if builds is not None:
        element.append(builds)
    return element


def add_builds(pptx_slide, shaped: list[tuple[Frame, object]]) -> None:
    """The slide's `p:timing` for its stepped paragraphs and frames (nothing when none is stepped),
    placed where the schema wants it: after the transition, before any extension list."""
    clicks = clicks_of(shaped)
    if not clicks:
        return
    sld = pptx_slide._element
    ext = sld.find(qn("p:extLst"))
    if ext is not None:
        ext.addprevious(timing(clicks))
    else:
        sld.append(timing(clicks))
