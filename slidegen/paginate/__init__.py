"""`Lesson` → `Deck`: every fit and split decision, made by measuring text with the deck's fonts.

The passes, in order:
1. slides the deck writes itself: title, agenda (the `##` sections), a section slide per `##`, closing;
2. flatten each titled run of content (a `###`, or text right under a `##`) into flow items:
   text groups (a paragraph; a list item with its children), tables, code, images, admonitions,
   explicit breaks (`---`) and speaker notes;
3. flow the items onto slides at each candidate body size and keep the largest size that needs the
   fewest slides; an item that does not fit moves to the next slide whole when it fits there, and is
   split otherwise: lists between items, paragraphs between sentences, tables between row groups
   (header repeated), code between lines; only a sentence larger than a slide breaks between words;
4. step each content slide's paragraphs and frames for the lesson's builds (pauses, building lists).
Pure: no python-pptx here; geometry and sizes come from the `Theme`.

The modules, each importing only those below it:
- `deck`     the `Paginator`: the deck's order, its own slides, title and footer sizes (pass 1);
- `builds`   on which click each paragraph and frame of a content slide appears (pass 4);
- `content`  one titled run of content: the body size, grown code and table sizes, lead-ins (pass 3);
- element kinds, one module each, the same small interface: `place(flow, item)` and
  `lead_height(m, item, area, size, whole)` (the `flow.Element` protocol `content` dispatches on), and,
  in the kind's own terms, `height` (how tall at a size), `split_points` (where it may break) and
  `split` (the part that fits a room): `text` (paragraphs, list items), `callout` (admonitions),
  `code`, `table`, `image` (never split: `scaled_to_room` instead);
- `flow`     `Flow`: the slides of one run as they fill (room left, where the next frame goes);
- `items`    flow items and `flatten`: sections into what is placed (pass 2);
- `runs`     sentence and word cuts, and slicing a paragraph's runs at them.
Every size is chosen through `metrics.largest_fitting` (candidates tried largest first).
"""
from __future__ import annotations

from .deck import Paginator, paginate

__all__ = ["Paginator", "paginate"]
