"""The handout's stylesheets are parsed once per process and handed to WeasyPrint in link order;
a document with a <style> element or a link elsewhere is left as written."""
from __future__ import annotations

from slidegen.handout_css import split_stylesheets

from conftest import ROOT

FOLDER = ROOT / "templates" / "handout"
HEAD = '<html><head>\n<link rel="stylesheet" href="pygments.css">\n<link rel="stylesheet" href="handout.css">\n'


def test_links_in_the_template_folder_become_parsed_sheets_in_order_once():
    html, sheets = split_stylesheets(HEAD + "</head><body><p>x</p></body></html>", FOLDER)
    assert "<link" not in html and "<p>x</p>" in html
    assert len(sheets) == 2
    _html, again = split_stylesheets(HEAD + "</head><body></body></html>", FOLDER)
    assert [id(s) for s in again] == [id(s) for s in sheets]  # parsed once


def test_a_style_element_or_a_foreign_link_leaves_the_document_as_written(tmp_path):
    styled = HEAD + "<style>p { color: red }</style></head><body></body></html>"
    assert split_stylesheets(styled, FOLDER) == (styled, [])
    outside = '<html><head><link rel="stylesheet" href="../../pyproject.css"></head><body></body></html>'
    assert split_stylesheets(outside, FOLDER) == (outside, [])
