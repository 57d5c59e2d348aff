"""The fixture reports every format is rendered from (the real Engine on tests/engine/catalog.yaml).

One realistic RFP (sections, every verdict, a waiver, hostile text) read as a
``.txt`` file, so that the formats are checked against the same results and
cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
import types
from pathlib import Path

import pytest

from dealcheck.catalog import load_catalog
from dealcheck.engine import Engine, GateOptions
from dealcheck.formats import RenderOptions, get_format
from dealcheck.quantities import extract_deadline, extract_quantities
from dealcheck.requirements import DealContext, Location, Requirement
from dealcheck.sources.common import make_requirement
from dealcheck.waivers import WaiverRule

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "tests" / "engine" / "catalog.yaml"
SHARED = ROOT.parent / "shared"
TODAY = dt.date(2026, 11, 23)

# Hostile text: each must come out inert in every format.
FORMULA_PAYLOADS = ['=HYPERLINK("http://x","y")', "+1+1", "@SUM(A1)", "-2+3"]
MARKUP = "[bold red]x[/]"
SCRIPT = "<script>alert(1)</script>"
ANSI = "\x1b[31m"

# (section, line as written in the RFP)
RFP: list[tuple[str, str]] = [
    ("Identity", "SEC-1: The platform must support SAML single sign-on"),
    ("Identity", "SEC-2 - SCIM provisioning is required"),
    ("Identity", "SEC-3: Should offer OIDC SSO"),
    ("Operations", "OPS-1: Uptime SLA of 99.95% is mandatory"),
    ("Operations", "OPS-2: Offline mode would be nice to have"),
    ("Operations", "OPS-3: The SOAP API must remain available"),
    ("Compliance", "CMP-1: Documents must be anchored by blockchain notarisation"),
    ("Compliance", "CMP-2: Must integrate with our mainframe through COBOL copybooks"),
    ("Compliance", "CMP-3: Export activity to our Splunk SIEM"),
    ("Compliance", "CMP-4: Customer data must stay in the EU (EU data residency)"),
    ("Hostile", f"HX-1: {FORMULA_PAYLOADS[0]} must be supported"),
    ("Hostile", f"HX-2: {FORMULA_PAYLOADS[1]}"),
    ("Hostile", f"HX-3: {FORMULA_PAYLOADS[2]} may be offered"),
    ("Hostile", f"HX-4: {FORMULA_PAYLOADS[3]}"),
    ("Hostile", f"HX-5: {MARKUP} and {SCRIPT} | `code` {ANSI}red must work"),
]

CONTEXT = DealContext(
    deal="Globex 2027 renewal",
    customer="Globex",
    edition="business",
    deployment="saas",
    region="eu",
    go_live=dt.date(2027, 3, 1),
)


def build_requirements(
    rfp: list[tuple[str, str]] = RFP, file: str = "rfp.txt"
) -> list[Requirement]:
    requirements = []
    for line, (section, text) in enumerate(rfp, start=1):
        req = make_requirement(text, Location(file, line), section=section)
        req.id = req.id or f"R-{line}"
        req.quantities = extract_quantities(req.text)
        req.deadline = extract_deadline(req.text)
        requirements.append(req)
    return requirements


@pytest.fixture(autouse=True)
def _default_size_limit(monkeypatch):
    """A test elsewhere may leave a tiny --max-bytes behind (it is process-global)."""
    import dealcheck.textio

    monkeypatch.setattr(dealcheck.textio, "_max_bytes", dealcheck.textio.DEFAULT_MAX_BYTES)


@pytest.fixture(scope="session")
def engine() -> Engine:
    import dealcheck.textio

    limit = dealcheck.textio._max_bytes
    dealcheck.textio._max_bytes = dealcheck.textio.DEFAULT_MAX_BYTES
    try:
        return Engine(load_catalog(str(CATALOG)).catalog)
    finally:
        dealcheck.textio._max_bytes = limit


@pytest.fixture(scope="session")
def requirements() -> list[Requirement]:
    return build_requirements()


@pytest.fixture(scope="session")
def waivers() -> list[WaiverRule]:
    return [
        WaiverRule(
            id="CMP-1",
            approved_by="Dana Reyes <VP Sales>",
            reason="Out of scope: see DEAL-118",
            expires=dt.date(2027, 1, 31),
        )
    ]


@pytest.fixture(scope="session")
def report(engine, requirements, waivers):
    """The main fixture report: every verdict, a waived requirement, a failing gate."""
    return engine.check(requirements, CONTEXT, GateOptions(), waivers, today=TODAY)


@pytest.fixture(scope="session")
def passing_report(engine):
    reqs = build_requirements([("Identity", "SEC-1: The platform must support SAML SSO")])
    return engine.check(reqs, CONTEXT, GateOptions(), today=TODAY)


@pytest.fixture(scope="session")
def options(requirements) -> RenderOptions:
    return RenderOptions(inputs=["rfp.txt"], requirements=requirements)


@pytest.fixture
def render(report, options):
    """Render the fixture report in a format: ``render("sarif")``."""

    def run(fmt: str, rep=None, opts: RenderOptions | None = None):
        return get_format(fmt).render(rep or report, opts or options)

    return run


#: A minimal .txt reader (each non-empty line is a requirement, as the contract says), used
#: only while the real one (dealcheck.sources.text, written concurrently) is absent.
STANDIN_TEXT_READER = """
from dealcheck.requirements import Location
from dealcheck.sources import SourceResult
from dealcheck.sources.common import make_requirement
from dealcheck.textio import decode_text


def read(data, name, options):
    text = decode_text(data, name)
    return SourceResult(requirements=[
        make_requirement(line, Location(name, n))
        for n, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ])
"""


def has_text_reader() -> bool:
    return importlib.util.find_spec("dealcheck.sources.text") is not None


@pytest.fixture
def txt_reader(monkeypatch):
    """The .txt requirement reader, or the stand-in above until the real one lands."""
    if has_text_reader():
        return
    module = types.ModuleType("dealcheck.sources.text")
    exec(compile(STANDIN_TEXT_READER, "<stand-in text reader>", "exec"), module.__dict__)
    monkeypatch.setitem(sys.modules, "dealcheck.sources.text", module)
