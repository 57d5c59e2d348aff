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


class _Page:
    """Draws lines down a PDF page as a word processor sets them: a font and size a line."""

    def __init__(self, path):
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        self.canvas = canvas.Canvas(str(path), pagesize=A4)
        self.y = 800.0

    def line(self, text, size=10, font="Helvetica", x=72):
        self.canvas.setFont(font, size)
        self.canvas.drawString(x, self.y, text)
        self.y -= size * 1.6

    def at(self, y, text, size=10, font="Helvetica", x=72):
        self.canvas.setFont(font, size)
        self.canvas.drawString(x, y, text)

    def superscript(self, after, mark):
        """A footnote mark, set small and raised, at the end of the line drawn last."""
        width = self.canvas.stringWidth(after, "Helvetica", 10)
        self.at(self.y + 16 + 4, mark, size=6, x=72 + width + 1)

    def next_page(self):
        self.canvas.showPage()
        self.y = 800.0

    def save(self):
        self.canvas.save()


def _read(path):
    from dealcheck.sources import ReadLog

    log = ReadLog()
    reqs, _ = read_requirements([str(path)], None, log)
    return reqs, log


def test_a_wrapped_line_that_starts_with_a_number_goes_on(tmp_path):
    path = tmp_path / "wrapped.pdf"
    page = _Page(path)
    page.line("4. Support", size=13, font="Helvetica-Bold")
    page.line("4.1 Support must be available 24 hours a day,")
    page.line("7 days a week, for severity 1 incidents.")
    page.line("4.2 Single sign-on must use SAML")
    page.line("2.0 or OpenID Connect.")
    page.line("4.3 Audit logs must be kept for")
    page.line("12 months and exported daily.")
    page.save()
    reqs, _ = _read(path)
    assert [(r.id, r.text) for r in reqs] == [
        (
            "4.1",
            "Support must be available 24 hours a day, 7 days a week, for severity 1 incidents.",
        ),
        ("4.2", "Single sign-on must use SAML 2.0 or OpenID Connect."),
        ("4.3", "Audit logs must be kept for 12 months and exported daily."),
    ]


def test_numbered_lines_that_do_not_wrap_start_items(tmp_path):
    # The line above ended, or the number comes next in the list, or it is a list number
    # before a word in upper case: each starts an item, as before.
    path = tmp_path / "items.pdf"
    page = _Page(path)
    page.line("1. Single sign-on with Okta")
    page.line("2. SCIM provisioning")
    page.line("3. Backups must be kept for 30 days.")
    page.line("24 hours support is needed for outages.")
    page.line("5 Exports to CSV")
    page.save()
    reqs, _ = _read(path)
    assert [r.text for r in reqs] == [
        "Single sign-on with Okta",
        "SCIM provisioning",
        "Backups must be kept for 30 days.",
        "24 hours support is needed for outages.",
        "5 Exports to CSV",
    ]


def test_a_footnote_is_listed_not_read(tmp_path):
    path = tmp_path / "footnote.pdf"
    page = _Page(path)
    page.line("3. Security", size=13, font="Helvetica-Bold")
    first = "3.1 The service must support customer-managed keys."
    page.line(first)
    page.superscript(first, "1")
    page.line("3.2 Administrators must be able to restrict access by IP range.")
    page.at(93, "1", size=6)
    page.at(90, "Keys held in the customer's own key vault or an HSM.", size=8, x=78)
    page.save()
    reqs, log = _read(path)
    assert [(r.id, r.text) for r in reqs] == [
        ("3.1", "The service must support customer-managed keys."),
        ("3.2", "Administrators must be able to restrict access by IP range."),
    ]
    assert [(s.text, s.reason, s.source.page) for s in log.skipped] == [
        ("1", "a footnote mark", 1),
        ("1 Keys held in the customer's own key vault or an HSM.", "a footnote", 1),
    ]


def test_a_small_numbered_list_at_the_foot_of_a_page_is_read(tmp_path):
    # Set small, at the page's foot, but no mark above refers to it: a list, not notes.
    path = tmp_path / "small-list.pdf"
    page = _Page(path)
    page.line("5. Priced Options", size=13, font="Helvetica-Bold")
    page.line("The modules below are priced separately.")
    page.at(110, "1. Visitor management with badge printing", size=8)
    page.at(98, "2. Parking space booking", size=8)
    page.save()
    reqs, log = _read(path)
    assert [(r.id, r.text) for r in reqs] == [
        ("1", "Visitor management with badge printing"),
        ("2", "Parking space booking"),
    ]
    assert log.skipped == []


def test_a_word_hyphenated_at_a_line_end_is_whole(tmp_path):
    path = tmp_path / "hyphens.pdf"
    page = _Page(path)
    page.line("2.1 Partners should access shared folders without any configu-")
    page.line("ration by their own IT team.")
    page.line("2.2 Encryption keys must be customer-")
    page.line("managed and rotated every year.")
    page.line("2.3 Leavers must be de-")
    page.line("provisioned within one hour.")
    page.line("2.4 Keys must be held in an HSM-")
    page.line("backed key vault.")
    page.save()
    reqs, _ = _read(path)
    assert [r.text for r in reqs] == [
        "Partners should access shared folders without any configuration by their own IT team.",
        "Encryption keys must be customer-managed and rotated every year.",
        "Leavers must be de-provisioned within one hour.",
        "Keys must be held in an HSM-backed key vault.",
    ]


ANNEX = {
    "C.1": "The service must be hosted in UK data centres.",
    "C.2": "Backups should be kept in a second UK region.",
    "C.3": "Restores must be tested every quarter, with a report to the Council.",
}


def test_letter_ids_atop_pages_are_items_and_a_repeated_footer_is_not(tmp_path):
    path = tmp_path / "annex.pdf"
    page = _Page(path)
    for ids in (("C.1", "C.2"), ("C.3",)):
        page.at(815, "Annex C - Hosting   v2.0", size=8)
        for ident in ids:
            page.line(ident)  # the id drawn apart from its text, as Word's numbering is
            page.line(ANNEX[ident])
        page.at(40, "RFP-2027-01", size=8)
        page.next_page()
    page.save()
    reqs, _ = _read(path)
    assert [(r.id, r.text) for r in reqs] == list(ANNEX.items())


def test_a_title_without_a_number_is_a_heading_not_part_of_the_text(tmp_path):
    path = tmp_path / "title.pdf"
    page = _Page(path)
    page.line("Appendix D - Data protection", size=12, font="Helvetica-Bold")
    page.line("The service must keep all customer data in the UK.")
    page.save()
    reqs, _ = _read(path)
    assert [(r.text, r.section) for r in reqs] == [
        ("The service must keep all customer data in the UK.", "Appendix D - Data protection"),
    ]


def test_a_short_first_line_in_the_bodys_font_is_no_title(tmp_path):
    path = tmp_path / "paragraph.pdf"
    page = _Page(path)
    page.line("The platform integrates with Microsoft")
    page.line("Teams and must post alerts to a channel.")
    page.save()
    reqs, _ = _read(path)
    assert [r.text for r in reqs] == [
        "The platform integrates with Microsoft Teams and must post alerts to a channel."
    ]


def test_headings_without_numbers_end_the_list_above_and_head_the_one_below(tmp_path):
    """A word processor's headings (larger, bold, no number) between bulleted lists: each
    names its section, and "Nice to have" gives its priority, as a numbered one does."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import ListFlowable, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    path = tmp_path / "headings.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [
            Paragraph("Mobile", styles["Heading2"]),
            ListFlowable(
                [Paragraph(t, styles["Normal"]) for t in ("Offline mode", "Photo capture")],
                bulletType="bullet",  # the standard fonts' bullet: pypdf reads it as DEL
            ),
            Paragraph("Nice to have", styles["Heading2"]),
            ListFlowable(
                [Paragraph(t, styles["Normal"]) for t in ("Route optimisation",)],
                bulletType="bullet",
            ),
        ]
    )
    reqs, _ = _read(path)
    assert [(r.text, r.priority, r.section) for r in reqs] == [
        ("Offline mode", "must", "Mobile"),
        ("Photo capture", "must", "Mobile"),
        ("Route optimisation", "may", "Nice to have"),
    ]
