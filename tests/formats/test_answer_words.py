"""Customer-facing answer words never say more than the verdict: a reviewer's yes-wording
is not written over a no, and an upgrade of a beta capability is not a plain yes."""

from __future__ import annotations

from dealcheck.formats._cells import RESPONSES, answered_as, response, response_of
from dealcheck.report import AnswerInfo, CapabilityResult, RequirementResult


def result(verdict: str, status: str = "ga", response_text: str | None = None, caps=True):
    capabilities = (
        [CapabilityResult(id="byok", verdict=verdict, score=1.0, status=status)] if caps else []
    )
    answer = (
        AnswerInfo(source="reviewed", origin="library", response=response_text)
        if response_text
        else None
    )
    return RequirementResult(
        id="R-1",
        text="Customer-managed keys",
        priority="must",
        source={"file": "x.csv", "row": 2},
        verdict=verdict,
        at_risk=verdict in ("unsupported", "unknown"),
        confidence=1.0,
        capabilities=capabilities,
        answer=answer,
    )


def test_a_reviewed_yes_wording_is_never_written_over_a_no():
    r = result("unsupported", response_text="Yes. Keys are wrapped by a key you hold.")
    assert response_of(r) == RESPONSES["unsupported"]
    r = result("roadmap", response_text="Yes. Keys are wrapped by a key you hold.")
    assert response_of(r) == RESPONSES["roadmap"]


def test_a_reviewed_not_offered_keeps_its_words():
    r = result(
        "unsupported", response_text="Not offered: we use classical key exchange.", caps=False
    )
    assert response_of(r) == "Not offered: we use classical key exchange."


def test_an_upgrade_of_a_beta_capability_is_partial_not_yes():
    r = result("upgrade", status="beta")
    assert answered_as(r) == "partial"
    assert response(r).startswith(RESPONSES["partial"])
    assert answered_as(result("upgrade")) == "upgrade"


def test_the_customers_mandatory_column_is_never_overwritten(tmp_path, capsys):
    import csv
    from pathlib import Path

    import pytest

    from dealcheck.cli import main

    src = tmp_path / "matrix.csv"
    src.write_text(
        "Ref,Requirement,Priority,Mandatory (Y/N),Compliant (Y/N),Supplier comments\n"
        "1,SAML single sign-on with our identity provider,High,N,,\n"
        "2,FedRAMP High authorisation,High,Y,,\n",
        encoding="utf-8",
    )
    out = tmp_path / "answered.csv"
    catalog = str(Path(__file__).resolve().parents[2] / "capabilities.yaml")
    with pytest.raises(SystemExit):
        main(["check", str(src), "-c", catalog, "-f", "csv", "-o", str(out), "--no-answers"])
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["Mandatory (Y/N)"] for r in rows] == ["N", "Y"]  # the customer's, untouched
    assert rows[0]["Compliant (Y/N)"] != ""
