"""MathML → readable linear text, for viewers that show no equations (LibreOffice, Keynote, Google
Slides read the `mc:Fallback`): `x²`-style scripts as raised and lowered pieces, fractions as
`(a+b)/c`, roots as `√(…)`, matrices as `[1, 2; 3, 4]`, the lines of `aligned` as lines. Bold and
italic math letters (𝐯, 𝑥) become plain letters with the piece's bold or italic set, so the body
font can show them."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

from . import mathml as mm


@dataclass(frozen=True)
class Piece:
    """A stretch of fallback text: `script` is None, 'super' or 'sub'; '\\n' alone is a line break."""

    text: str
    script: str | None = None
    italic: bool = False
    bold: bool = False


def to_linear(root, display: bool = False) -> list[Piece]:
    """Linear pieces of a formula; in a display formula a matrix's rows each on a line of their own."""
    return _merge(_Linear(display).row(mm.children(root)))


def plain(pieces) -> str:
    """The pieces as one line of text (alt text, a warning): scripts as ^(…) and _(…)."""
    import itertools

    marks = {"super": "^", "sub": "_"}
    out = []
    for script, group in itertools.groupby(pieces, key=lambda p: p.script):
        text = "".join(" " if p.text == "\n" else p.text for p in group)
        out.append(f"{marks[script]}({text})" if script and len(text) > 1 else marks.get(script, "") + text)
    return "".join(out)


class _Linear:
    def __init__(self, display: bool = False):
        self.display = display

    def row(self, nodes, script=None) -> list[Piece]:
        out = []
        for node in nodes:
            out.extend(self.node(node, script))
        return out

    def node(self, node, script=None) -> list[Piece]:
        kind = mm.name(node)
        if kind in ("mphantom", "annotation", "annotation-xml", "") or mm.is_invisible(node):
            return []
        handler = getattr(self, kind, None)
        if handler is None:
            return self.row(mm.children(node), script)
        return handler(node, script)

    def semantics(self, node, script):
        parts = mm.children(node)
        return self.node(parts[0], script) if parts else []

    def mi(self, node, script):
        value = mm.text(node).strip()
        italic = len(value) == 1 and value.isalpha() and node.get("mathvariant") != "normal" and ord(value) < 0x2000
        letters = [_letter(ch, script, italic) for ch in value]
        return letters + [Piece(" ", script)] if len(value) > 1 else letters  # a function name: log x

    def mn(self, node, script):
        return [Piece(mm.text(node).strip(), script)]

    def mo(self, node, script):
        value = mm.text(node).strip()
        if value in "=<>≤≥≈≠≡→⇒⇔←∈∉⊂⊆⊃∪∩+−±×÷·⋅∼≃≅∝" and script is None and value:
            return [Piece(f" {value} ", script)]
        if value == ",":
            return [Piece(", ", script)]
        return [Piece(value, script)]

    def mtext(self, node, script):
        return [Piece(mm.text(node), script)]

    def mspace(self, node, script):
        return [Piece(" ", script)]

    def mfrac(self, node, script):
        num, den = mm.children(node)[:2]
        return _grouped(self.node(num, script), script) + [Piece("/", script)] + _grouped(self.node(den, script), script)

    def msqrt(self, node, script):
        return [Piece("√", script)] + _grouped(self.row(mm.children(node), script), script, always=True)

    def mroot(self, node, script):
        base, degree = mm.children(node)[:2]
        return [Piece(mm.text(degree).strip(), "super"), Piece("√", script)] + _grouped(self.node(base, script), script, always=True)

    def msub(self, node, script):
        base, sub = mm.children(node)[:2]
        return self.node(base, script) + self.script(sub, "sub")

    def msup(self, node, script):
        base, sup = mm.children(node)[:2]
        return self.node(base, script) + self.script(sup, "super")

    def msubsup(self, node, script):
        base, sub, sup = mm.children(node)[:3]
        return self.node(base, script) + self.script(sub, "sub") + self.script(sup, "super")

    munder, mover, munderover = msub, msup, msubsup

    def script(self, node, kind):
        """A script's pieces, raised or lowered; an accent or a bar is a combining mark instead."""
        mark = mm.text(node).strip() if mm.name(node) == "mo" else ""
        if mark in mm.ACCENTS:
            return [Piece(mm.ACCENTS[mark])]
        if mark in mm.OVERBARS:
            return [Piece("\u0305" if kind == "super" else "\u0332")]
        if mark in mm.BRACES:
            return []
        return self.node(node, kind)

    def mtable(self, node, script):
        rows = [row for row in mm.children(node) if mm.name(row) in ("mtr", "mlabeledtr")]
        aligned = mm.column_alignments(node)[:2] == ["right", "left"]  # aligned, align*: one line each
        own_lines = aligned or (self.display and script is None)  # a displayed matrix: a row a line
        out = []
        for i, row in enumerate(rows):
            if i:
                out.append(Piece("\n") if own_lines else Piece("; ", script))
            for j, cell in enumerate(mm.children(row)):
                if j and not aligned:
                    out.append(Piece(", ", script))
                out.extend(self.row(mm.children(cell), script))
        return out


def _letter(ch: str, script, italic: bool) -> Piece:
    """A letter; a bold or italic math letter (𝐯, 𝑥) as the plain letter with its style."""
    if 0x1D400 <= ord(ch) <= 0x1D7FF:
        name = unicodedata.name(ch, "")
        base = unicodedata.normalize("NFKC", ch)
        if "DOUBLE-STRUCK" not in name and "SCRIPT" not in name and "FRAKTUR" not in name:
            return Piece(base, script, italic="ITALIC" in name, bold="BOLD" in name)
    return Piece(ch, script, italic=italic)


def _grouped(pieces: list[Piece], script, always: bool = False) -> list[Piece]:
    """Parentheses around a fraction's part or a root's body that is more than one token."""
    text = "".join(p.text for p in pieces).strip()
    simple = len(text) <= 1 or text.replace(".", "").isalnum() and not any(p.script for p in pieces)
    if simple and not always:
        return pieces
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        return pieces
    return [Piece("(", script)] + pieces + [Piece(")", script)]


def _merge(pieces: list[Piece]) -> list[Piece]:
    """Neighbouring pieces of one style as one; spaces doubled by operators collapsed."""
    out: list[Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if out and out[-1].text != "\n" and piece.text != "\n" and (out[-1].script, out[-1].italic, out[-1].bold) == (piece.script, piece.italic, piece.bold):
            out[-1] = replace(out[-1], text=out[-1].text + piece.text)
        else:
            out.append(piece)
    cleaned = [replace(p, text=" ".join(p.text.split(" ")).replace("  ", " ")) for p in out]
    if cleaned:
        cleaned[0] = replace(cleaned[0], text=cleaned[0].text.lstrip(" "))
        cleaned[-1] = replace(cleaned[-1], text=cleaned[-1].text.rstrip(" "))
    return [p for p in cleaned if p.text]
