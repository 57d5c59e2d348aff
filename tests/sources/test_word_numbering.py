"""Word's automatic list numbering is the customer's id: the number Word shows, computed from
the document's numbering definitions (style-based lists, multi-level lists, restarts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealcheck.sources import read_requirements

docx = pytest.importorskip("docx")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _numbering(document, abstract_xml: str, nums: dict[int, str]) -> None:
    """Add an abstract definition (id 90) and instances ``numId -> extra XML`` to ``document``."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90">{abstract_xml}</w:abstractNum>'
    )
    first_num = numbering.find(f"{{{W}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    for num_id, extra in nums.items():
        numbering.append(
            parse_xml(
                f'<w:num xmlns:w="{W}" w:numId="{num_id}">'
                f'<w:abstractNumId w:val="90"/>{extra}</w:num>'
            )
        )


def _numbered(document, text: str, num_id: int, ilvl: int = 0) -> None:
    from docx.oxml import parse_xml

    paragraph = document.add_paragraph(text)
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(
        parse_xml(
            f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


MULTILEVEL = (
    '<w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1.%2"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
    '<w:lvlText w:val="(%3)"/></w:lvl>'
)


def ids(path: Path) -> list[tuple[str, str]]:
    requirements, _ = read_requirements([str(path)])
    return [(r.id, r.text) for r in requirements]


def test_list_number_style_items_take_the_number_word_shows(tmp_path):
    document = docx.Document()
    document.add_heading("Requirements", level=1)
    document.add_paragraph("The tender covers the platform below.")  # prose, no keyword
    for text in (
        "Real-time co-editing of documents",
        "Version history with restore",
        "SAML single sign-on",
        "SCIM provisioning",
        "Export to PDF",
        "Audit log for 1 year",
    ):
        document.add_paragraph(text, style="List Number")
    path = tmp_path / "rfp.docx"
    document.save(path)
    assert [i for i, _ in ids(path)] == ["1", "2", "3", "4", "5", "6"]


def test_multilevel_numbers_and_letters(tmp_path):
    document = docx.Document()
    _numbering(document, MULTILEVEL, {71: ""})
    _numbered(document, "Identity", 71, 0)
    _numbered(document, "SAML single sign-on", 71, 1)
    _numbered(document, "SCIM provisioning", 71, 1)
    _numbered(document, "for contractors too", 71, 2)
    _numbered(document, "Security", 71, 0)
    _numbered(document, "Audit log for 1 year", 71, 1)
    path = tmp_path / "rfp.docx"
    document.save(path)
    assert ids(path) == [
        ("1", "Identity"),
        ("1.1", "SAML single sign-on"),
        ("1.2", "SCIM provisioning"),
        ("a", "for contractors too"),
        ("2", "Security"),
        ("2.1", "Audit log for 1 year"),
    ]


def test_restart_numbering_and_continue_with_another_instance(tmp_path):
    document = docx.Document()
    _numbering(
        document,
        MULTILEVEL,
        {
            72: "",
            73: '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>',
            74: "",
        },
    )
    _numbered(document, "SAML single sign-on", 72)
    _numbered(document, "SCIM provisioning", 72)
    document.add_heading("Security", level=1)
    _numbered(document, "Audit log for 1 year", 73)  # "Restart numbering at 1"
    _numbered(document, "Encryption at rest", 73)
    _numbered(document, "Malware scanning of uploads", 74)  # same list: continues
    path = tmp_path / "rfp.docx"
    document.save(path)
    assert [i for i, _ in ids(path)] == ["1", "2", "1", "2", "3"]


def test_an_items_own_id_wins_and_bullets_have_none(tmp_path):
    document = docx.Document()
    document.add_paragraph("SEC-4: Data must stay in the EU", style="List Number")
    document.add_paragraph("Backups every 24 hours", style="List Number")
    document.add_paragraph("Support in English", style="List Bullet")
    path = tmp_path / "rfp.docx"
    document.save(path)
    assert ids(path) == [
        ("SEC-4", "Data must stay in the EU"),
        ("2", "Backups every 24 hours"),
        ("R-3", "Support in English"),
    ]


def test_numbered_headings_name_the_section_as_shown(tmp_path):
    document = docx.Document()
    _numbering(document, MULTILEVEL, {75: ""})
    heading = document.add_heading("Identity", level=1)
    from docx.oxml import parse_xml

    heading._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="75"/></w:numPr>')
    )
    _numbered(document, "SAML single sign-on", 75, 1)
    path = tmp_path / "rfp.docx"
    document.save(path)
    requirements, _ = read_requirements([str(path)])
    assert [(r.id, r.section) for r in requirements] == [("1.1", "1. Identity")]


def test_the_bundled_word_rfp_numbers_its_list(tmp_path):
    root = Path(__file__).resolve().parents[2]
    requirements, _ = read_requirements([str(root / "examples" / "rfp.docx")])
    numbered = [r.id for r in requirements if r.section == "2. General Requirements"]
    assert numbered == ["1", "2", "3", "4", "5", "6", "7", "8"]


def _deleted(document, text: str, num_id: int, mark: bool = True) -> None:
    """A numbered item whose text is deleted with tracked changes; with ``mark``, its
    paragraph mark too (the whole item deleted, as Word records deleting a list item)."""
    from docx.oxml import parse_xml

    paragraph = document.add_paragraph()
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(
        parse_xml(
            f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )
    change = f'w:author="Legal" w:date="2026-11-01T00:00:00Z" xmlns:w="{W}"'
    if mark:
        p_pr.append(parse_xml(f'<w:rPr xmlns:w="{W}"><w:del w:id="7" {change}/></w:rPr>'))
    paragraph._p.append(
        parse_xml(f'<w:del w:id="8" {change}><w:r><w:delText>{text}</w:delText></w:r></w:del>')
    )


def test_an_item_deleted_with_tracked_changes_takes_no_number(tmp_path):
    document = docx.Document()
    _numbering(document, MULTILEVEL, {76: ""})
    _numbered(document, "Identity", 76, 0)
    _numbered(document, "SAML single sign-on", 76, 1)
    _deleted(document, "Lotus Notes calendar sync", 76)  # level 0: would take "2."
    _numbered(document, "Payroll", 76, 0)
    _numbered(document, "UK RTI submissions", 76, 1)
    path = tmp_path / "rfp.docx"
    document.save(path)
    # Word's final view: the deleted item is gone, and the list is numbered without it.
    assert ids(path) == [
        ("1", "Identity"),
        ("1.1", "SAML single sign-on"),
        ("2", "Payroll"),
        ("2.1", "UK RTI submissions"),
    ]


def test_an_item_whose_text_alone_is_deleted_keeps_its_number(tmp_path):
    # Its paragraph mark stays: Word still draws "2." before the empty item.
    document = docx.Document()
    _numbering(document, MULTILEVEL, {77: ""})
    _numbered(document, "Identity", 77, 0)
    _deleted(document, "Lotus Notes calendar sync", 77, mark=False)
    _numbered(document, "Payroll", 77, 0)
    path = tmp_path / "rfp.docx"
    document.save(path)
    assert ids(path) == [("1", "Identity"), ("3", "Payroll")]
