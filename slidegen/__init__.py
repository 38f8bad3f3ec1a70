"""slidegen: Markdown lessons to an editable PowerPoint deck and a printable PDF handout.

parse → model → paginate → render (pptx, handout) → verify.
"""
__version__ = "0.1.0"
