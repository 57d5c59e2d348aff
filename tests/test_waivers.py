"""Waiver files: loading, matching by id and text, expiry and unused warnings, malformed files."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from dealcheck.errors import InputError
from dealcheck.requirements import Location, Requirement
from dealcheck.waivers import load_waivers


@pytest.fixture(autouse=True)
def _default_size_limit(monkeypatch):
    """A test elsewhere may leave a tiny --max-bytes behind (it is process-global)."""
    import dealcheck.textio

    monkeypatch.setattr(dealcheck.textio, "_max_bytes", dealcheck.textio.DEFAULT_MAX_BYTES)


def write(tmp_path, text: str, name: str = "waivers.yaml") -> str:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return str(path)


def req(rid: str, text: str) -> Requirement:
    return Requirement(id=rid, text=text, source=Location("rfp.txt", 1))


GOOD = """
waivers:
  - id: SEC-4
    approved_by: Dana Reyes (VP Sales)
    reason: Customer accepted EU hosting from Q2
    expires: 2027-03-31
  - text: Blockchain   Notarisation
    approved_by: Sam Ortiz
    reason: Out of scope
    expires: "2026-12-31"
  - text: /^(soap|xml-rpc)\\b/
    approved_by: Sam Ortiz
    reason: Legacy API accepted
    expires: 2027-01-31
  - id: 3.10
    text: mainframe
    approved_by: Lee
    reason: both must match
    expires: 2027-01-31
"""


def test_load_and_match(tmp_path):
    by_id, by_text, by_regex, both = load_waivers(write(tmp_path, GOOD))
    assert by_id.approved_by == "Dana Reyes (VP Sales)"
    assert by_id.expires == dt.date(2027, 3, 31) and by_id.pattern == "SEC-4"
    assert by_id.applies(req("SEC-4", "anything"))
    assert not by_id.applies(req("sec-4", "anything")), "ids match exactly"
    assert by_text.expires == dt.date(2026, 12, 31)
    assert by_text.applies(req("R-1", "Documents need blockchain notarisation, please"))
    assert not by_text.applies(req("R-1", "Blockchain anchoring"))
    assert by_regex.applies(req("R-2", "SOAP API must remain"))
    assert by_regex.applies(req("R-2", "xml-rpc endpoint"))
    assert not by_regex.applies(req("R-2", "We need SOAP"))
    assert both.id == "3.10", "an id YAML reads as a number is taken as written"
    assert both.applies(req("3.10", "Mainframe integration"))
    assert not both.applies(req("3.10", "SSO")) and not both.applies(req("3.1", "mainframe"))
    assert by_id.file and by_id.line == 2


def test_empty_list_is_fine(tmp_path):
    assert load_waivers(write(tmp_path, "waivers: []\n")) == []


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("- id: X\n", 1, "a mapping with a 'waivers:' list"),
        ("waiver: []\n", 1, "did you mean 'waivers'"),
        ("waivers: {id: X}\n", 1, "must be a list"),
        ("waivers:\n  - SEC-1\n", 2, "must be a mapping"),
        ("waivers:\n  - id: X\n    reason: r\n    expires: 2027-01-01\n", 2, "no 'approved_by'"),
        ("waivers:\n  - id: X\n    approved_by: a\n    expires: 2027-01-01\n", 2, "no 'reason'"),
        ("waivers:\n  - id: X\n    approved_by: a\n    reason: r\n", 2, "no 'expires'"),
        (
            "waivers:\n  - approved_by: a\n    reason: r\n    expires: 2027-01-01\n",
            2,
            "names no requirement",
        ),
        (
            "waivers:\n  - id: X\n    aproved_by: a\n    reason: r\n    expires: 2027-01-01\n",
            3,
            "did you mean 'approved_by'",
        ),
        (
            "waivers:\n  - id: X\n    approved_by: a\n    reason: r\n    expires: next year\n",
            5,
            "not a date",
        ),
        (
            "waivers:\n  - id: X\n    approved_by: a\n    reason: r\n    expires: '2027-02-30'\n",
            5,
            "not a valid date",
        ),
        (
            "waivers:\n  - id: X\n    approved_by: a\n    reason: r\n    expires: 2027-02-30\n",
            5,
            "day is out of range",
        ),
        (
            "waivers:\n  - id: X\n    approved_by: a\n    reason: r\n"
            "    expires: 2027-01-01 10:00:00\n",
            5,
            "without a time",
        ),
        (
            "waivers:\n  - text: /([a-z/\n    approved_by: a\n    reason: r\n"
            "    expires: 2027-01-01\n",
            2,
            "invalid regular expression",
        ),
        (
            "waivers:\n  - id: X\n    approved_by: ''\n    reason: r\n    expires: 2027-01-01\n",
            3,
            "must not be empty",
        ),
        (
            "waivers:\n  - id: [X]\n    approved_by: a\n    reason: r\n    expires: 2027-01-01\n",
            2,
            "must be text",
        ),
        ("waivers:\n  - id: X\n    approved_by: a\n  reason: r\n", None, "invalid YAML"),
        ("", None, "a mapping with a 'waivers:' list"),
    ],
)
def test_malformed(tmp_path, text, line, message):
    path = tmp_path / "w.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_waivers(str(path))
    assert message in str(info.value)
    assert info.value.file == str(path)
    if line is not None:
        assert info.value.line == line


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_waivers(str(tmp_path / "nope.yaml"))


# ---- through the engine: waived, expired, unused --------------------------------------------


@pytest.fixture
def engine():
    from pathlib import Path

    from dealcheck.catalog import load_catalog
    from dealcheck.engine import Engine

    return Engine(load_catalog(str(Path(__file__).parent / "engine" / "catalog.yaml")).catalog)


def check(engine, waivers, today=dt.date(2026, 11, 23)):
    from dealcheck.engine import GateOptions
    from dealcheck.requirements import DealContext
    from dealcheck.sources.common import make_requirement

    reqs = [
        make_requirement(t, Location("rfp.txt", n))
        for n, t in enumerate(
            [
                "SEC-1: Documents must be anchored by blockchain notarisation",
                "SEC-2: The platform must support SAML single sign-on",
            ],
            start=1,
        )
    ]
    return engine.check(reqs, DealContext(edition="business"), GateOptions(), waivers, today=today)


def test_waived_requirement_stops_failing_the_gate(engine, tmp_path):
    path = write(
        tmp_path,
        """
        waivers:
          - text: blockchain
            approved_by: Dana
            reason: accepted
            expires: 2027-01-31
    """,
    )
    report = check(engine, load_waivers(path))
    blockchain = report.requirements[0]
    assert blockchain.verdict == "unsupported" and blockchain.waiver is not None
    assert blockchain.waiver.approved_by == "Dana" and blockchain.waiver.expires == "2027-01-31"
    assert not blockchain.fails_gate and report.summary.gate == "pass"
    assert report.summary.waived == 1 and report.warnings == []
    # Without the waiver the same deal fails.
    assert check(engine, []).summary.gate == "fail"


def test_expired_waiver_warns_and_still_fails(engine, tmp_path):
    path = write(
        tmp_path,
        """
        waivers:
          - id: SEC-1
            approved_by: Dana
            reason: accepted
            expires: 2026-11-22
    """,
    )
    report = check(engine, load_waivers(path))
    assert report.requirements[0].waiver is None and report.requirements[0].fails_gate
    assert report.summary.gate == "fail"
    assert any("expired on 2026-11-22" in w for w in report.warnings)
    # The day it expires it still applies.
    assert check(engine, load_waivers(path), today=dt.date(2026, 11, 22)).summary.gate == "pass"


def test_unused_waiver_warns(engine, tmp_path):
    path = write(
        tmp_path,
        """
        waivers:
          - id: SEC-99
            approved_by: Dana
            reason: stale
            expires: 2027-01-31
    """,
    )
    report = check(engine, load_waivers(path))
    assert any("SEC-99" in w and "matches no requirement" in w for w in report.warnings)
