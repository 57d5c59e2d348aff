"""dealcheck learn: what a reviewed matrix adds, merges and skips, and what it never does."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dealcheck.answers.learn import resolve_capabilities
from dealcheck.errors import InputError

from .conftest import run, write

HEADER = ["ID", "Section", "Priority", "Requirement", "Verdict", "Response", "Capability", "Notes"]

EXISTING = """\
# Reviewed by the identity team; keep sorted by topic.
answers:
  # --- identity ---
  - text: Must support SAML 2.0 single sign-on  # asked in every RFP
    capabilities: [sso-saml]
    reviewed_by: Dana Reyes
    reviewed: 2026-10-01
    catalog_version: '3.0'
"""


def matrix(path: Path, rows: list[list[str]]) -> str:
    """A matrix as dealcheck wrote it (the fresh layout of an earlier release, whose
    capability column was headed 'Capability'), with the reviewer's cells."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow([*HEADER, "Reviewed by"])
        for n, (text, verdict, capability, notes, reviewer) in enumerate(rows, start=1):
            writer.writerow(
                [f"R-{n}", "", "must", text, verdict, "Needs review", capability, notes, reviewer]
            )
    return str(path)


def learn(workspace: Path, capsys, *files: str, extra: tuple[str, ...] = ()):
    catalog = str(workspace / "capabilities.yaml")
    return run(["learn", *files, "-c", catalog, "--reviewed", "2026-11-29", *extra], capsys)


def test_learning_twice_changes_nothing(workspace, capsys):
    write(workspace / "answers.yaml", EXISTING)
    path = matrix(
        workspace / "m.csv",
        [
            ["Users must be provisioned from Okta", "unknown", "scim", "", "Dana"],
            ["Notarise contracts on a blockchain", "unknown", "", "", ""],
        ],
    )
    code, out, _ = learn(workspace, capsys, path)
    assert code == 0 and "1 added, 0 merged, 0 skipped; 1 row(s) not reviewed" in out
    once = (workspace / "answers.yaml").read_bytes()
    code, out, _ = learn(workspace, capsys, path)
    assert code == 0
    assert "skipped: 'Users must be provisioned from Okta': already in the library" in out
    assert "(unchanged): 0 added, 0 merged, 1 skipped" in out
    assert (workspace / "answers.yaml").read_bytes() == once


def test_existing_answers_and_comments_are_kept(workspace, capsys):
    write(workspace / "answers.yaml", EXISTING)
    path = matrix(workspace / "m.csv", [["Audit log of admin actions", "", "audit-log", "", "Sam"]])
    learn(workspace, capsys, path)
    text = (workspace / "answers.yaml").read_text()
    assert text.startswith(EXISTING), "the file people wrote is kept as written, then appended"
    assert text[len(EXISTING) :].startswith("  - text: Audit log of admin actions\n")


def test_an_answer_is_never_overwritten(workspace, capsys):
    write(workspace / "answers.yaml", EXISTING)
    before = (workspace / "answers.yaml").read_bytes()
    path = matrix(
        workspace / "m.csv",
        [["must support SAML 2.0 single sign-on.", "", "sso-oidc", "", "Someone else"]],
    )
    code, out, _ = learn(workspace, capsys, path)
    assert code == 0
    assert "skipped: 'must support SAML 2.0 single sign-on.'" in out
    assert "the library answers it differently (" in out and "answers.yaml:4)" in out
    assert (workspace / "answers.yaml").read_bytes() == before


def test_a_capability_that_does_not_exist_stops_everything(workspace, capsys):
    write(workspace / "answers.yaml", EXISTING)
    before = (workspace / "answers.yaml").read_bytes()
    path = matrix(
        workspace / "m.csv",
        [
            ["Audit log of admin actions", "", "audit-log", "", "Sam"],
            ["Provisioning from Workday", "", "workday-sync", "", "Sam"],
        ],
    )
    code, out, err = learn(workspace, capsys, path)
    assert code == 2 and out == ""
    assert err.startswith("dealcheck: error: ") and err.count("\n") == 1
    assert "m.csv:3: capability 'workday-sync' does not exist in the catalogue" in err
    assert (workspace / "answers.yaml").read_bytes() == before, "nothing is written"


def test_unsupported_with_the_reviewers_note_as_reason(workspace, capsys):
    path = matrix(
        workspace / "m.csv",
        [
            ["Quantum-safe key exchange", "unsupported", "", "Not planned this year", "Dana"],
            [
                "Data kept on the Moon",
                "unsupported",
                "",
                "no capability matches with enough confidence: a product manager must answer",
                "Dana",
            ],
            ["Some question", "unknown", "", "", "Dana"],
        ],
    )
    code, out, _ = learn(workspace, capsys, path)
    assert code == 0
    text = (workspace / "answers.yaml").read_text()
    assert "reason: Not planned this year" in text
    assert "reason: not offered (Dana)" in text, "dealcheck's own note is not a reason"
    assert "skipped: 'Some question': no capability named, and the verdict is not" in out


def test_a_rewording_is_merged_into_the_same_answer(workspace, capsys):
    pytest.importorskip("wordllama")
    write(workspace / "answers.yaml", EXISTING)
    path = matrix(
        workspace / "m.csv",
        [["SAML 2.0 single sign-on is required for all staff", "", "sso-saml", "", "Sam"]],
    )
    code, out, _ = learn(workspace, capsys, path)
    assert code == 0 and "merged: 'SAML 2.0 single sign-on is required for all staff'" in out
    assert "a phrasing of 'Must support SAML 2.0 single sign-on' (" in out
    assert "answers.yaml:4; similarity 0." in out
    text = (workspace / "answers.yaml").read_text()
    assert "    phrasings:\n      - SAML 2.0 single sign-on is required for all staff\n" in text
    assert text.count("- text:") == 1


def test_a_rewording_with_another_answer_is_a_new_answer(workspace, capsys):
    write(workspace / "answers.yaml", EXISTING)
    path = matrix(
        workspace / "m.csv",
        [["The solution shall support SAML 2.0 single sign-on", "", "sso-oidc", "", "Sam"]],
    )
    code, out, _ = learn(workspace, capsys, path)
    assert code == 0 and "added" in out
    assert (workspace / "answers.yaml").read_text().count("- text:") == 2


def test_rows_not_signed_are_not_learned(workspace, capsys):
    path = matrix(workspace / "m.csv", [["Audit log of admin actions", "", "audit-log", "", ""]])
    code, out, _ = learn(workspace, capsys, path)
    assert code == 0 and "0 added" in out and "1 row(s) not reviewed" in out
    assert not (workspace / "answers.yaml").exists(), "nothing to write: no file"


def test_a_list_that_is_not_a_matrix_is_refused(workspace, capsys):
    txt = write(workspace / "rfp.txt", "Must support SAML\n")
    code, _, err = learn(workspace, capsys, txt)
    assert code == 2 and "learn reads a .csv or .xlsx compliance matrix" in err
    plain = workspace / "plain.csv"
    plain.write_text("ID,Requirement\n1,Must support SAML\n")
    code, _, err = learn(workspace, capsys, str(plain))
    assert code == 2 and "no 'Reviewed by' column above the requirements" in err


def test_the_capability_cell_takes_ids_names_and_the_written_form(catalog):
    cell = "SAML 2.0 single sign-on (sso-saml); scim;  audit log ; sso-saml"
    assert resolve_capabilities(cell, catalog, "m.csv:2") == ["sso-saml", "scim", "audit-log"]
    with pytest.raises(InputError, match="did you mean 'scim'"):
        resolve_capabilities("scmi", catalog, "m.csv:2")


def test_an_xlsx_matrix_round_trip(workspace, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    listing = write(
        workspace / "rfp.txt",
        "Users must be provisioned from our HR system\nMust support SAML 2.0 single sign-on\n",
    )
    catalog = str(workspace / "capabilities.yaml")
    answered = workspace / "answered.xlsx"
    run(["check", listing, "-c", catalog, "-f", "xlsx", "-o", str(answered)], capsys)
    workbook = openpyxl.load_workbook(answered)
    sheet = workbook["Compliance matrix"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if "HR system" in str(r[3].value))
    row[header.index("Matched capability")].value = "SCIM user provisioning (scim)"
    row[header.index("Reviewed by")].value = "Dana Reyes"
    workbook.save(answered)
    code, out, err = learn(workspace, capsys, str(answered))
    assert code == 0, err
    assert "answered.xlsx[Compliance matrix]:2: added:" in out and ": scim" in out
    code, out, _ = run(["check", listing, "-c", catalog, "-f", "json"], capsys)
    assert '"source": "reviewed"' in out


def test_a_customers_own_matrix_answered_in_place(workspace, capsys):
    """The customer's columns stay first; learn reads dealcheck's appended answer columns."""
    rfp = workspace / "customer.csv"
    rfp.write_text(
        "Ref,Requirement,Response,Comments\n"
        "IAM-1,Users must be provisioned from our HR system,,\n"
        "IAM-2,Must support SAML 2.0 single sign-on,,\n",
        encoding="utf-8",
    )
    catalog = str(workspace / "capabilities.yaml")
    answered = workspace / "answered.csv"
    run(["check", str(rfp), "-c", catalog, "-f", "csv", "-o", str(answered)], capsys)
    with open(answered, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:4] == ["Ref", "Requirement", "Response", "Comments"]
    header = rows[0]
    capability = header.index("Matched capability")
    rows[1][capability] = "scim"
    rows[1][header.index("Reviewed by")] = "Dana Reyes"
    with open(answered, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    code, out, err = learn(workspace, capsys, str(answered))
    assert code == 0, err
    assert "added: 'Users must be provisioned from our HR system': scim" in out


def test_a_matrix_under_a_two_row_header_is_read_back(workspace, capsys):
    """The header spans two rows (Requirement merged down, Supplier Response over the
    answer columns): learn finds dealcheck's Matched capability column, which is not the
    requirement column."""
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Identity"
    for col, title in enumerate(("Ref", "Requirement"), start=1):
        sheet.cell(row=1, column=col, value=title)
        sheet.merge_cells(start_row=1, start_column=col, end_row=2, end_column=col)
    sheet["C1"] = "Supplier Response"
    sheet.merge_cells("C1:D1")
    sheet["C2"], sheet["D2"] = "Compliance (Y/N/P)", "Comments"
    sheet.append(["IAM-1", "Users must be provisioned from our HR system"])
    sheet.append(["IAM-2", "Notarise signed contracts on a blockchain"])
    rfp = workspace / "rfp.xlsx"
    workbook.save(rfp)
    catalog = str(workspace / "capabilities.yaml")
    answered = workspace / "answered.xlsx"
    code, _, err = run(
        ["check", str(rfp), "-c", catalog, "-f", "xlsx", "-o", str(answered)], capsys
    )
    assert code in (0, 1), err
    workbook = openpyxl.load_workbook(answered)
    sheet = workbook["Identity"]
    header = [c.value for c in sheet[2]]
    assert header[4:] == ["Verdict", "Matched capability", "Reviewed by"]
    sheet.cell(row=3, column=header.index("Matched capability") + 1, value="scim")
    sheet.cell(row=3, column=header.index("Reviewed by") + 1, value="Dana Reyes")
    workbook.save(answered)
    code, out, err = learn(workspace, capsys, str(answered))
    assert code == 0, err
    assert (
        "answered.xlsx[Identity]:3: added: 'Users must be provisioned from our HR system': scim"
        in out
    )


def test_hostile_cells_are_neither_evaluated_nor_echoed_raw(workspace, capsys):
    path = matrix(
        workspace / "m.csv",
        [["Audit log of admin actions", "", '=HYPERLINK("http://x")\x1b[31m', "", "Sam"]],
    )
    code, _, err = learn(workspace, capsys, path)
    assert code == 2 and "\x1b" not in err
    assert "capability '=HYPERLINK(\"http://x\")' does not exist" in err
    assert not (workspace / "answers.yaml").exists()


def test_only_a_reviewers_own_wording_becomes_the_response(workspace, capsys):
    """dealcheck's words (with what the deal needed) and a customer's vocabulary word are
    not wording; a reviewer's sentence is, without the need dealcheck appended to it."""
    path = workspace / "m.csv"
    header = ["ID", "Section", "Priority", "Requirement", "Verdict", "Response"]
    header += ["Matched capability", "Notes", "Reviewed by"]
    rows = [
        ["Audit log of admin actions", "Comply \u2014 Enterprise edition", "audit-log"],
        [
            "Users must be provisioned from Okta",
            "Yes, through SCIM 2.0 from any IdP \u2014 Enterprise edition",
            "scim",
        ],
        ["Single sign-on through Okta", "Y", "sso-saml"],
        [
            "Activity streamed to Splunk",
            "Comply \u2014 with the Security Pack add-on",
            "siem-export",
        ],
    ]
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for n, (text, response, capability) in enumerate(rows, start=1):
            writer.writerow([f"R-{n}", "", "must", text, "", response, capability, "", "Dana"])
    code, out, err = learn(workspace, capsys, str(path))
    assert code == 0 and "4 added" in out, err
    library = (workspace / "answers.yaml").read_text()
    assert library.count("response:") == 1
    assert "response: Yes, through SCIM 2.0 from any IdP\n" in library


def test_a_customers_vocabulary_column_keeps_its_words_and_learn_reads_it_back(workspace, capsys):
    """The customer's 'Compliance (Y/N/P)' column holds Y/N/P; the library's wording opens
    the comment instead; learn finds the columns check wrote into and learns no 'Y'."""
    write(
        workspace / "answers.yaml",
        """\
        answers:
          - text: Users must be provisioned from our HR system
            capabilities: [scim]
            response: Yes, through SCIM 2.0 from any identity provider.
            reviewed_by: Dana Reyes
            reviewed: 2026-10-01
        """,
    )
    rfp = workspace / "customer.csv"
    rfp.write_text(
        "Ref,Requirement,Compliance (Y/N/P),Comments\n"
        "IAM-1,Users must be provisioned from our HR system,,\n"
        "IAM-2,Every administrator action is recorded in an audit log,,\n",
        encoding="utf-8",
    )
    catalog = str(workspace / "capabilities.yaml")
    answered = workspace / "answered.csv"
    code, _, err = run(
        ["check", str(rfp), "-c", catalog, "--edition", "enterprise", "-f", "csv", "-o",
         str(answered)],
        capsys,
    )  # fmt: skip
    assert code in (0, 1), err
    with open(answered, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    assert header == [
        "Ref", "Requirement", "Compliance (Y/N/P)", "Comments", "Verdict", "Matched capability",
        "Reviewed by",
    ]  # fmt: skip
    assert rows[1][2] == "Y", "the customer's word, not the library's sentence"
    assert rows[1][3].startswith("Yes, through SCIM 2.0 from any identity provider.")
    assert rows[2][2] == "Y"
    rows[2][header.index("Reviewed by")] = "Sam Ortiz"
    with open(answered, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    code, out, err = learn(workspace, capsys, str(answered))
    assert code == 0, err
    assert "added: 'Every administrator action is recorded in an audit log': audit-log" in out
    library = (workspace / "answers.yaml").read_text()
    assert library.count("response:") == 1, "'Y' is the customer's word, not a wording"


def test_a_reviewers_no_is_never_learned_as_a_capability(workspace, capsys):
    """The capability cell dealcheck filled in does not outweigh the reviewer's verdict."""
    path = matrix(
        workspace / "m.csv",
        [
            ["SAML single sign-on for contractors", "unsupported", "sso-saml", "", "Dana"],
        ],
    )
    code, out, _ = learn(workspace, capsys, path)
    assert code == 0
    text = (workspace / "answers.yaml").read_text()
    learned = text.split("SAML single sign-on for contractors", 1)[1]
    assert "verdict: unsupported" in learned
    assert "capabilities: [sso-saml]" not in learned.split("- text:", 1)[0]


def test_a_response_that_does_not_say_yes_is_not_learned_as_a_pin(workspace, capsys):
    with open(workspace / "m.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow([*HEADER, "Reviewed by"])
        writer.writerow(
            ["R-1", "", "must", "SCIM from our HR system", "supported", "Does not comply",
             "scim", "", "Dana"]
        )  # fmt: skip
    code, out, _ = learn(workspace, capsys, str(workspace / "m.csv"))
    assert code == 0
    assert "skipped: 'SCIM from our HR system': the response does not say yes" in out
    library = workspace / "answers.yaml"
    assert not library.exists() or "SCIM from our HR system" not in library.read_text()
