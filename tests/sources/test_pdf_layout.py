"""PDF list layouts as generators draw them: the number apart from the item's text."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pytest

from dealcheck.sources import read_requirements

pytest.importorskip("reportlab")
pytest.importorskip("pypdf")

ITEMS = [
    "Stream audit events to Splunk",
    "Customer-managed encryption keys",
    "HIPAA business associate agreement",
    "eDiscovery search and export",
]


def test_numbers_drawn_apart_from_their_items_are_ids(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import ListFlowable, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    path = tmp_path / "numbered.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [
            Paragraph("Requirements", styles["Heading1"]),
            ListFlowable([Paragraph(escape(t), styles["Normal"]) for t in ITEMS], bulletType="1"),
        ]
    )
    reqs, _ = read_requirements([str(path)])
    assert [(r.id, r.text) for r in reqs] == [(str(n), t) for n, t in enumerate(ITEMS, 1)]
    assert all(r.source.page == 1 for r in reqs)
    # The number's line is where the requirement starts; lines go down the page.
    lines = [r.source.line for r in reqs]
    assert lines == sorted(lines) and len(set(lines)) == 4


def test_a_page_number_is_not_a_list_number(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "paged.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for page, text in enumerate(TEXTS, start=1):
        c.drawString(300, 810, str(page))  # page number at the top of the page
        c.drawString(72, 780, text)
        c.showPage()
    c.save()
    reqs, _ = read_requirements([str(path)])
    assert [r.text for r in reqs] == TEXTS
    assert [r.id for r in reqs] == ["R-1", "R-2"]


TEXTS = [
    "The vendor must provide single sign-on.",
    "Backups shall be kept for 30 days.",
]


def test_a_short_title_case_last_item_is_an_item_not_a_heading(tmp_path):
    """Nothing follows the list's last line, so it heads nothing: it is the last ask."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import ListFlowable, Paragraph, SimpleDocTemplate

    items = ["Holiday calendars for bank holidays", "Attachments up to 25 MB"]
    styles = getSampleStyleSheet()
    path = tmp_path / "last.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [ListFlowable([Paragraph(escape(t), styles["Normal"]) for t in items], bulletType="1")]
    )
    reqs, _ = read_requirements([str(path)])
    assert [r.text for r in reqs] == items
