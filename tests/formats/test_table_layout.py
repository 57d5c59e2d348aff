"""The terminal table at 80 and 120 columns: nothing wider than the terminal, ids, capability
ids and section names never cut mid-word, every requirement's words present."""

from __future__ import annotations

import re

import pytest

from dealcheck.formats import RenderOptions
from dealcheck.formats.table import render

from .conftest import CONTEXT, TODAY, build_requirements

# Long hyphenated ids, like a real catalogue's (data-residency-eu, scim-provisioning ...).
RFP = [
    ("Identity", "SEC-1: The platform must support SAML single sign-on for all staff"),
    ("Identity", "SEC-2 - SCIM provisioning is required"),
    ("Compliance", "COMPLIANCE-EU-12: Customer data must stay in the EU (EU data residency)"),
    ("Compliance", "CMP-1: Documents must be anchored by blockchain notarisation"),
    ("Operations", "OPS-1: Uptime SLA of 99.95% is mandatory"),
    ("Operations", "OPS-2: Export activity to our Splunk SIEM"),
    ("Operations", "OPS-3: Point-in-time backups and an on-premises installation are required"),
]


@pytest.fixture(scope="module")
def report(engine):
    from dealcheck.engine import GateOptions

    return engine.check(build_requirements(RFP), CONTEXT, GateOptions(), today=TODAY)


def lines_at(report, width: int) -> list[str]:
    return render(report, RenderOptions(width=width)).splitlines()


def whole_on_some_line(token: str, lines: list[str]) -> bool:
    return any(re.search(rf"(?<![\w-]){re.escape(token)}(?![\w-])", line) for line in lines)


@pytest.mark.parametrize("width", [80, 100, 120, 160])
def test_no_line_is_wider_than_the_terminal(report, width):
    assert all(len(line) <= width for line in lines_at(report, width))


@pytest.mark.parametrize("width", [80, 120])
def test_ids_and_capability_ids_are_never_cut(report, width):
    lines = lines_at(report, width)
    for r in report.requirements:
        assert whole_on_some_line(r.id, lines), (r.id, width)
        for c in r.capabilities:
            assert whole_on_some_line(c.id, lines), (c.id, width)


@pytest.mark.parametrize("width", [80, 120])
def test_text_wraps_at_word_boundaries(report, width):
    text = "\n".join(lines_at(report, width))
    words = set(re.findall(r"\S+", text))
    for r in report.requirements:
        for word in r.text.split():
            assert word in words, (word, width)


def test_the_capability_column_has_room_at_120_columns(report):
    lines = lines_at(report, 120)
    header = next(line for line in lines if "Capability" in line and "Reason" in line)
    start = header.index("Capability")
    width = header.index("Reason") - start
    longest = max(len(c.id) for r in report.requirements for c in r.capabilities)
    assert width >= longest


def test_every_requirement_is_listed_once(report):
    for width in (80, 120):
        text = "\n".join(lines_at(report, width))
        for r in report.requirements:
            assert len(re.findall(rf"(?m)^ ?{re.escape(r.id)}\s", text)) == 1, (r.id, width)


def test_read_table_keeps_ids_and_sections_whole(tmp_path, capsys, monkeypatch):
    from dealcheck.cli import main

    path = tmp_path / "rfp.md"
    path.write_text(
        "# Data residency and sovereignty requirements\n\n"
        + "".join(f"- {rid}: {text}\n" for _, text in RFP for rid in [text.split(":")[0]]).replace(
            "SEC-2 - ", "SEC-2: "
        ),
        encoding="utf-8",
    )
    for width in (80, 120):
        monkeypatch.setenv("COLUMNS", str(width))
        with pytest.raises(SystemExit):
            main(["read", str(path)])
        lines = capsys.readouterr().out.splitlines()
        assert all(len(line) <= width for line in lines), width
        assert whole_on_some_line("COMPLIANCE-EU-12", lines), width
        for word in ("residency", "sovereignty", "requirements"):
            assert whole_on_some_line(word, lines), (word, width)
