"""Priority codes follow the legend the customer gave: in the header ("Priority (M/D)") or in
a key row above it; a value the legend does not define is reported, never silently `must`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dealcheck.cli import main
from dealcheck.sources import ReadLog, read_requirements

CATALOG = str(Path(__file__).resolve().parents[1] / "engine" / "catalog.yaml")


def priorities(path: Path) -> list[tuple[str, str, bool]]:
    requirements, _ = read_requirements([str(path)])
    return [(r.id, r.priority, r.priority_explicit) for r in requirements]


def explicit(*pairs: str) -> list[tuple[str, str, bool]]:
    """("A-1=must", ...) as the (id, priority, explicit) tuples :func:`priorities` gives."""
    return [(*pair.split("="), True) for pair in pairs]  # type: ignore[misc]


def write_csv(tmp_path: Path, text: str, name: str = "matrix.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_desirable_under_a_must_desirable_legend_is_should(tmp_path):
    path = write_csv(
        tmp_path,
        "Ref,Requirement,Priority (M/D)\n"
        "A-1,Single sign-on with SAML,M\n"
        "A-2,Offline mode for field staff,D\n"
        "A-3,Custom branding,d\n",
    )
    assert priorities(path) == explicit("A-1=must", "A-2=should", "A-3=should")


def test_high_medium_low_legend_reads_m_as_medium(tmp_path):
    path = write_csv(
        tmp_path,
        "ID,Requirement,Priority (H/M/L)\n"
        "P-1,SAML SSO,H\nP-2,SCIM provisioning,M\nP-3,Offline mode,L\n",
    )
    assert priorities(path) == explicit("P-1=must", "P-2=should", "P-3=may")


def test_a_key_row_above_the_header_defines_the_codes(tmp_path):
    path = write_csv(
        tmp_path,
        "Globex tender 2027,,\n"
        "Key: E = Essential; P = Preferred; O = Optional,,\n"
        "Ref,Requirement,Priority\n"
        "K-1,SAML SSO,E\n"
        "K-2,SCIM provisioning,P\n"
        "K-3,Offline mode,O\n",
    )
    assert priorities(path) == explicit("K-1=must", "K-2=should", "K-3=may")


def test_the_legend_wins_over_a_word_the_letter_would_otherwise_stand_for(tmp_path):
    # Without the legend "M" is MoSCoW's Must; here the customer says M is Medium.
    path = write_csv(
        tmp_path,
        "Ref,Requirement,Priority\nL-1,SAML SSO,M\n,,\nLegend: H = High / M = Medium / L = Low,,\n",
    )
    # A key row below the table does not define the codes (only rows above the header).
    assert priorities(path)[0] == ("L-1", "must", True)
    path = write_csv(
        tmp_path,
        "Legend: H = High / M = Medium / L = Low,,\nRef,Requirement,Priority\nL-1,SAML SSO,M\n",
    )
    assert priorities(path) == [("L-1", "should", True)]


def test_an_unrecognised_priority_is_reported_not_silently_must(tmp_path):
    path = write_csv(
        tmp_path,
        "Ref,Requirement,Priority (M/D)\nA-1,SAML SSO,M\nA-2,SCIM provisioning,X\n"
        "A-3,Offline mode would be nice to have,Z\n",
    )
    log = ReadLog()
    requirements, _ = read_requirements([str(path)], log=log)
    by_id = {r.id: r for r in requirements}
    assert by_id["A-1"].priority_note is None
    assert by_id["A-2"].priority == "must" and not by_id["A-2"].priority_explicit
    assert "'X'" in by_id["A-2"].priority_note and "M/D" in by_id["A-2"].priority_note
    assert by_id["A-3"].priority == "may", "the text's own words still count"
    assert len(log.warnings) == 2
    assert all("matrix.csv:" in w and "not a priority" in w for w in log.warnings)


def test_read_and_check_show_the_unrecognised_priority(tmp_path, capsys):
    path = write_csv(tmp_path, "Ref,Requirement,Priority (M/D)\nA-1,SAML SSO,X\n")
    with pytest.raises(SystemExit):
        main(["read", str(path), "--format", "json"])
    out, err = capsys.readouterr()
    (req,) = json.loads(out)["requirements"]
    assert "'X'" in req["priority_note"] and "'X'" in err
    with pytest.raises(SystemExit):
        main(["read", str(path)])
    out, _ = capsys.readouterr()
    assert "'X'" in out
    with pytest.raises(SystemExit):
        main(["check", str(path), "-c", CATALOG, "--format", "json"])
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert any("'X'" in w for w in report["warnings"])
    assert any("'X'" in x for x in report["requirements"][0]["reasons"])
    assert err.count("'X'") == 1


def test_xlsx_header_legend(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Requirements"])
    ws.append(["Ref", "Requirement", "Priority (M/D)"])
    ws.append(["X-1", "SAML SSO", "M"])
    ws.append(["X-2", "Offline mode", "D"])
    path = tmp_path / "m.xlsx"
    wb.save(path)
    assert priorities(path) == [("X-1", "must", True), ("X-2", "should", True)]


def test_markdown_table_header_legend(tmp_path):
    path = tmp_path / "rfp.md"
    path.write_text(
        "| Ref | Requirement | Priority (M/D) |\n|---|---|---|\n"
        "| T-1 | SAML SSO | M |\n| T-2 | Offline mode | D |\n",
        encoding="utf-8",
    )
    assert priorities(path) == [("T-1", "must", True), ("T-2", "should", True)]


def test_a_type_column_of_categories_is_not_reported_as_priorities(tmp_path):
    path = write_csv(
        tmp_path,
        "Ref,Requirement,Type\nT-1,SAML SSO,Functional\nT-2,Uptime of 99.9%,Non-functional\n",
    )
    log = ReadLog()
    requirements, _ = read_requirements([str(path)], log=log)
    assert [r.priority_note for r in requirements] == [None, None] and not log.warnings
    # Under a header that says "Priority", the same values are reported.
    path = write_csv(tmp_path, "Ref,Requirement,Priority\nT-1,SAML SSO,Functional\n")
    requirements, _ = read_requirements([str(path)], log=(log := ReadLog()))
    assert requirements[0].priority_note and log.warnings


# --- MoSCoW words, in a priority column and in the text -------------------------------------


def test_moscow_cells_as_spreadsheets_write_them(tmp_path):
    # Hyphenated labels and Word/Excel's typographic apostrophe are the usual words.
    path = write_csv(
        tmp_path,
        "Ref,Requirement,MoSCoW\n"
        "M-1,SSO via Okta,Must-have\n"
        "M-2,SCIM provisioning,Should-have\n"
        "M-3,Engagement surveys,Could-have\n"
        "M-4,Payroll for Ireland,Won\u2019t have\n"
        "M-5,Org chart export,Won't have\n"
        "M-6,SMS shift reminders,Good to have\n",
    )
    log = ReadLog()
    requirements, _ = read_requirements([str(path)], log=log)
    assert [(r.id, r.priority, r.priority_explicit, r.priority_note) for r in requirements] == [
        ("M-1", "must", True, None),
        ("M-2", "should", True, None),
        ("M-3", "may", True, None),
        ("M-4", "may", True, None),
        ("M-5", "may", True, None),
        ("M-6", "may", True, None),
    ]
    assert log.warnings == []


def test_moscow_labels_in_a_text_list_read_as_in_a_priority_column(tmp_path):
    path = tmp_path / "wishlist.txt"
    path.write_text(
        "HR system wishlist:\n"
        "Must have: SSO via Okta\n"
        "Should-have: webhooks for new hires\n"
        "Could have: engagement surveys\n"
        "Won\u2019t have - payroll for Ireland (next year)\n"
        "Org chart export (Could have)\n"
        "Expense claims [Won't have]\n"
        "Performance reviews - could have\n"
        # prose, not labels: the first asks for no ads, the second states a fact
        "The mobile app won't have adverts\n"
        "Managers could have up to 40 direct reports\n"
        # a label alone names the section of the lines below and gives them its priority
        "Could have:\n"
        "Learning management\n",
        encoding="utf-8",
    )
    requirements, _ = read_requirements([str(path)])
    assert [(r.id, r.text, r.priority, r.section) for r in requirements] == [
        ("R-1", "Must have: SSO via Okta", "must", "HR system wishlist"),
        ("R-2", "Should-have: webhooks for new hires", "should", "HR system wishlist"),
        ("R-3", "Could have: engagement surveys", "may", "HR system wishlist"),
        ("R-4", "Won\u2019t have - payroll for Ireland (next year)", "may", "HR system wishlist"),
        ("R-5", "Org chart export (Could have)", "may", "HR system wishlist"),
        ("R-6", "Expense claims [Won't have]", "may", "HR system wishlist"),
        ("R-7", "Performance reviews - could have", "may", "HR system wishlist"),
        ("R-8", "The mobile app won't have adverts", "must", "HR system wishlist"),
        ("R-9", "Managers could have up to 40 direct reports", "must", "HR system wishlist"),
        ("R-10", "Learning management", "may", "Could have"),
    ]
    assert not any(r.priority_explicit for r in requirements)


def test_a_moscow_label_in_markdown_items(tmp_path):
    path = tmp_path / "rfp.md"
    path.write_text(
        "## Engagement\n"
        "\n"
        "- 7.1 Could have: pulse surveys with anonymous answers\n"
        "- 7.2 Won't have: a recognition points shop\n"
        "- 7.3 Learning management should be included\n",
        encoding="utf-8",
    )
    requirements, _ = read_requirements([str(path)])
    assert [(r.id, r.text, r.priority) for r in requirements] == [
        ("7.1", "Could have: pulse surveys with anonymous answers", "may"),
        ("7.2", "Won't have: a recognition points shop", "may"),
        ("7.3", "Learning management should be included", "should"),
    ]


def test_check_says_each_unrecognised_priority_once(tmp_path, capsys):
    # Letters M/D without a legend: D is no priority; "Whenever" is none either. The
    # terminal report said each twice: in its row's reason and as the warning below.
    path = write_csv(
        tmp_path,
        "Ref,Requirement,Priority\nP-1,SAML SSO,M\nP-2,Social login,D\n"
        "P-3,Sign in with Google,Whenever\n",
    )
    with pytest.raises(SystemExit):
        main(["check", str(path), "-c", CATALOG])
    out, err = capsys.readouterr()
    seen = out + err
    assert seen.count("'D' is not a priority") == 1, seen
    assert seen.count("'Whenever' is not a priority") == 1, seen
    assert "matrix.csv:3: priority 'D'" in err
    # Written to a file, the table keeps the warnings under it, once; stderr has them too.
    report = tmp_path / "report.txt"
    with pytest.raises(SystemExit):
        main(["check", str(path), "-c", CATALOG, "--output", str(report)])
    _, err = capsys.readouterr()
    written = report.read_text(encoding="utf-8")
    for value in ("'D'", "'Whenever'"):
        assert written.count(f"{value} is not a priority") == 1, written
        assert err.count(f"{value} is not a priority") == 1, err


# --- Priority tags at the start of a requirement: "[M] Audit trail", "(D) OKRs" -------------
# A bracketed letter is a priority code only where every such letter in the document is one,
# read as a priority column's letters are: by what they abbreviate together (M and D:
# Mandatory/Desirable; H, M and L: High/Medium/Low). Otherwise the letters are ids, as
# before ("[A]", "[B]", "[C]", "[D]" is a lettered list).


def tagged(path: Path) -> list[tuple[str, str, str, bool]]:
    requirements, _ = read_requirements([str(path)])
    return [(r.id, r.text, r.priority, r.priority_explicit) for r in requirements]


def test_moscow_tags_in_a_text_list_are_priorities_not_ids(tmp_path):
    path = tmp_path / "wishlist.txt"
    path.write_text(
        "Acme HR platform wishlist:\n"
        "[M] Audit trail of every change to an employee record\n"
        "[M] SSO via Okta for head office staff\n"
        "[S] Webhooks for new hires\n"
        "[C] Engagement surveys\n"
        "[W] Payroll for Ireland\n"
        # the tag is the customer's explicit priority: it wins over the text's own words
        "[C] Managers must be able to export their team's absences\n",
        encoding="utf-8",
    )
    assert tagged(path) == [
        ("R-1", "Audit trail of every change to an employee record", "must", True),
        ("R-2", "SSO via Okta for head office staff", "must", True),
        ("R-3", "Webhooks for new hires", "should", True),
        ("R-4", "Engagement surveys", "may", True),
        ("R-5", "Payroll for Ireland", "may", True),
        ("R-6", "Managers must be able to export their team's absences", "may", True),
    ]


def test_mandatory_desirable_tags_read_d_as_desirable(tmp_path):
    # Only M and D in the document: Mandatory/Desirable, as a column headed "Priority (M/D)".
    path = tmp_path / "okr.txt"
    path.write_text(
        "Performance management:\n"
        "[M] Audit trail\n"
        "[D] OKRs\n"
        "(D) 360-degree feedback from peers\n"
        "(M) Review cycles every six months\n"
        "R-5: [D] Calibration sessions across departments\n"
        "[M] R-6 - Goals cascade from company to team level\n",
        encoding="utf-8",
    )
    assert tagged(path) == [
        ("R-1", "Audit trail", "must", True),
        ("R-2", "OKRs", "should", True),
        ("R-3", "360-degree feedback from peers", "should", True),
        ("R-4", "Review cycles every six months", "must", True),
        ("R-5", "Calibration sessions across departments", "should", True),
        ("R-6", "Goals cascade from company to team level", "must", True),
    ]


def test_high_medium_low_tags_read_m_as_medium(tmp_path):
    path = tmp_path / "asks.txt"
    path.write_text(
        "[H] SAML single sign-on\n[M] SCIM provisioning\n[L] Dark mode\n", encoding="utf-8"
    )
    assert tagged(path) == [
        ("R-1", "SAML single sign-on", "must", True),
        ("R-2", "SCIM provisioning", "should", True),
        ("R-3", "Dark mode", "may", True),
    ]


def test_tags_are_ids_where_the_documents_letters_are_not_all_priority_codes(tmp_path):
    # A tagged list is read (this failed before: [M] and [D] were ids M and D) ...
    tags = tmp_path / "tags.txt"
    tags.write_text("[M] Audit trail\n[D] OKRs\n", encoding="utf-8")
    assert tagged(tags) == [("R-1", "Audit trail", "must", True), ("R-2", "OKRs", "should", True)]
    # ... but a lettered list keeps its letters as ids, C and D included, ...
    lettered = tmp_path / "lettered.txt"
    lettered.write_text(
        "[A] SSO via Okta\n[B] SCIM provisioning\n[C] Audit trail\n[D] Dashboards\n",
        encoding="utf-8",
    )
    assert tagged(lettered) == [
        ("A", "SSO via Okta", "must", False),
        ("B", "SCIM provisioning", "must", False),
        ("C", "Audit trail", "must", False),
        ("D", "Dashboards", "must", False),
    ]
    # ... and so does a list where one letter is no priority code ([F], for future phases).
    mixed = tmp_path / "mixed.txt"
    mixed.write_text(
        "[M] Audit trail\n[D] OKRs\n[F] Export to Excel\n(B) Badge printing\n", encoding="utf-8"
    )
    assert tagged(mixed) == [
        ("M", "Audit trail", "must", False),
        ("D", "OKRs", "must", False),
        ("F", "Export to Excel", "must", False),
        ("R-4", "(B) Badge printing", "must", False),
    ]


def test_priority_word_tags_are_read_whatever_else_the_document_holds(tmp_path):
    path = tmp_path / "asks.txt"
    path.write_text(
        "[Must] SSO via Okta\n"
        "(Optional) Dark mode for the mobile app\n"
        "[Nice to have] A sandbox tenant\n"
        "[Should have] Webhooks for new hires\n"
        "[A] Absence calendar\n",
        encoding="utf-8",
    )
    assert tagged(path) == [
        ("R-1", "SSO via Okta", "must", True),
        ("R-2", "Dark mode for the mobile app", "may", True),
        ("R-3", "A sandbox tenant", "may", True),
        ("R-4", "Webhooks for new hires", "should", True),
        ("A", "Absence calendar", "must", False),
    ]


def test_tags_in_markdown_and_word_items_keep_the_items_numbers(tmp_path):
    md = tmp_path / "rfp.md"
    md.write_text(
        "## Performance\n\n1. [M] Audit trail\n2. [D] OKRs\n\n- 3.1 (D) 360-degree feedback\n",
        encoding="utf-8",
    )
    assert tagged(md) == [
        ("1", "Audit trail", "must", True),
        ("2", "OKRs", "should", True),
        ("3.1", "360-degree feedback", "should", True),
    ]
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_heading("Performance", level=1)
    doc.add_paragraph("[M] Audit trail", style="List Bullet")
    doc.add_paragraph("R-2: [D] OKRs")
    doc.add_paragraph("[D] 360-degree feedback", style="List Bullet")
    doc.save(str(tmp_path / "rfp.docx"))
    assert tagged(tmp_path / "rfp.docx") == [
        ("R-1", "Audit trail", "must", True),
        ("R-2", "OKRs", "should", True),
        ("R-3", "360-degree feedback", "should", True),
    ]


# --- A MoSCoW heading gives its priority to the requirements under it ------------------------


def sections(path: Path) -> list[tuple[str, str, str, str | None]]:
    requirements, _ = read_requirements([str(path)])
    return [(r.id, r.text, r.priority, r.section) for r in requirements]


def test_items_under_a_moscow_section_line_of_a_text_list_take_its_priority(tmp_path):
    path = tmp_path / "wishlist.txt"
    path.write_text(
        "Must have:\n"
        "SSO via Okta for head office staff\n"
        "Should have:\n"
        "Webhooks for new hires\n"
        "Could have:\n"
        "Engagement surveys\n"
        # an item's own priority wins over its section's
        "Payroll journals should export to Sage 200\n"
        "[M] Expense claims with receipt capture\n"
        "Won\u2019t have:\n"
        "Payroll for Ireland\n"
        # a section that names no priority ends the one above
        "Security:\n"
        "Audit log kept for 7 years\n",
        encoding="utf-8",
    )
    assert sections(path) == [
        ("R-1", "SSO via Okta for head office staff", "must", "Must have"),
        ("R-2", "Webhooks for new hires", "should", "Should have"),
        ("R-3", "Engagement surveys", "may", "Could have"),
        ("R-4", "Payroll journals should export to Sage 200", "should", "Could have"),
        ("R-5", "Expense claims with receipt capture", "must", "Could have"),
        ("R-6", "Payroll for Ireland", "may", "Won\u2019t have"),
        ("R-7", "Audit log kept for 7 years", "must", "Security"),
    ]


def test_items_under_a_moscow_markdown_heading_take_its_priority(tmp_path):
    path = tmp_path / "rfp.md"
    path.write_text(
        "# Northwind Care HR platform\n"
        "\n"
        "## 3. Should have\n"
        "\n"
        "- 3.1 Webhooks for new hires\n"
        "\n"
        "## 4. Could have\n"
        "\n"
        "- 4.1 Engagement surveys\n"
        "- 4.2 Payroll reports must be exportable to Excel\n"
        "\n"
        "### 4.3 Learning\n"  # nested under "Could have": still could have
        "\n"
        "R-7: Course catalogue with external providers\n"
        "\n"
        "| Ref | Requirement |\n"
        "|---|---|\n"
        "| L-1 | Certificates on completion |\n"
        "\n"
        "## 5. Won't have (this time)\n"
        "\n"
        "- Payroll for the Republic of Ireland\n"
        "\n"
        "## 6. Reporting\n"
        "\n"
        "- Headcount dashboard by care home\n",
        encoding="utf-8",
    )
    assert sections(path) == [
        ("3.1", "Webhooks for new hires", "should", "3. Should have"),
        ("4.1", "Engagement surveys", "may", "4. Could have"),
        ("4.2", "Payroll reports must be exportable to Excel", "must", "4. Could have"),
        ("R-7", "Course catalogue with external providers", "may", "4.3 Learning"),
        ("L-1", "Certificates on completion", "may", "4.3 Learning"),
        ("R-6", "Payroll for the Republic of Ireland", "may", "5. Won't have (this time)"),
        ("R-7-2", "Headcount dashboard by care home", "must", "6. Reporting"),
    ]


def test_items_under_a_moscow_word_heading_take_its_priority(tmp_path):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_heading("Could have", level=1)
    doc.add_paragraph("Pulse surveys with anonymous answers", style="List Bullet")
    doc.add_paragraph("R-2: Kudos wall")
    doc.add_heading("Nice-to-have requirements", level=1)
    doc.add_paragraph("A sandbox tenant for training", style="List Bullet")
    doc.add_heading("Security", level=1)
    doc.add_paragraph("SEC-1: Audit log kept for 7 years")
    doc.save(str(tmp_path / "rfp.docx"))
    assert sections(tmp_path / "rfp.docx") == [
        ("R-1", "Pulse surveys with anonymous answers", "may", "Could have"),
        ("R-2", "Kudos wall", "may", "Could have"),
        ("R-3", "A sandbox tenant for training", "may", "Nice-to-have requirements"),
        ("SEC-1", "Audit log kept for 7 years", "must", "Security"),
    ]


def test_rows_under_a_moscow_group_row_of_a_matrix_take_its_priority(tmp_path):
    # No priority column: the group rows ("Must have", "Could have") say it.
    path = write_csv(
        tmp_path,
        "Ref,Requirement,Notes\n"
        "Must have,,\n"
        "HR-1,SSO via Okta,Head office first\n"
        "HR-2,SCIM provisioning from Okta,\n"
        "Could have,,\n"
        "HR-3,Engagement surveys,\n"
        "HR-4,Payroll journals should export to Sage 200,\n"
        "Security,,\n"
        "HR-5,Audit log kept for 7 years,\n",
    )
    assert sections(path) == [
        ("HR-1", "SSO via Okta", "must", "Must have"),
        ("HR-2", "SCIM provisioning from Okta", "must", "Must have"),
        ("HR-3", "Engagement surveys", "may", "Could have"),
        ("HR-4", "Payroll journals should export to Sage 200", "should", "Could have"),
        ("HR-5", "Audit log kept for 7 years", "must", "Security"),
    ]


# --- General English for "may": "would be good to have", "would be nice" -------------------


def test_would_be_good_or_nice_to_have_is_may_in_a_list_and_in_prose(tmp_path):
    path = tmp_path / "wishlist.txt"
    path.write_text(
        "It would be good to have a sandbox tenant for training\n"
        "Good to have: SMS shift reminders\n"
        "Integration with Sage 200 would be nice\n"
        "Payslips must be retained for 7 years\n",
        encoding="utf-8",
    )
    assert tagged(path) == [
        ("R-1", "It would be good to have a sandbox tenant for training", "may", False),
        ("R-2", "Good to have: SMS shift reminders", "may", False),
        ("R-3", "Integration with Sage 200 would be nice", "may", False),
        ("R-4", "Payslips must be retained for 7 years", "must", False),
    ]
    # In a document's prose the phrases make a sentence a requirement, as "nice to have" does.
    md = tmp_path / "rfp.md"
    md.write_text(
        "## Training\n\n"
        "Northwind Care trains 200 new carers a year.\n\n"
        "It would be good to have a sandbox tenant for training.\n\n"
        "A read-only auditor role would be nice.\n",
        encoding="utf-8",
    )
    assert tagged(md) == [
        ("R-1", "It would be good to have a sandbox tenant for training.", "may", False),
        ("R-2", "A read-only auditor role would be nice.", "may", False),
    ]
