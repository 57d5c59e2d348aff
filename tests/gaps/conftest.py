"""Saved reports for the gaps tests, built with the report model (as ``check`` writes them).

The reports are made here rather than by running the matcher, so the tests
pin gaps' own behaviour (grouping, counting, ranking) on verdicts they
choose; tests/gaps/test_gaps.py also runs check -> gaps end to end.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dealcheck.report import (
    CapabilityResult,
    CatalogInfo,
    DealInfo,
    Report,
    RequirementResult,
    Summary,
)

#: (id, name, status, eta) of the capabilities the reports mention
CAPABILITIES = {
    "scim": ("SCIM provisioning", "ga", None),
    "hyok": ("Hold your own key", "roadmap", "2027-Q3"),
    "mainframe": ("Mainframe connector", "not-planned", None),
    "offline": ("Offline mode", "roadmap", "2027-02-15"),
    "sso": ("SAML single sign-on", "ga", None),
}


def requirement(
    rid: str,
    text: str,
    verdict: str,
    *,
    priority: str = "must",
    capability: str | None = None,
    at_risk: bool | None = None,
    line: int = 1,
    file: str = "deal.yaml",
) -> RequirementResult:
    caps = []
    if capability is not None:
        name, status, eta = CAPABILITIES[capability]
        caps.append(
            CapabilityResult(
                id=capability, verdict=verdict, score=0.9, name=name, status=status, eta=eta
            )
        )
    return RequirementResult(
        id=rid,
        text=text,
        priority=priority,
        source={"file": file, "line": line},
        verdict=verdict,
        at_risk=verdict in ("unknown", "unsupported") if at_risk is None else at_risk,
        confidence=0.9 if caps else 0.1,
        capabilities=caps,
    )


def report(
    requirements: list[RequirementResult],
    *,
    deal: str | None = None,
    customer: str | None = None,
    value: float | None = None,
    currency: str | None = None,
) -> dict[str, Any]:
    verdicts = {
        v: 0 for v in ("supported", "partial", "upgrade", "roadmap", "unknown", "unsupported")
    }
    for r in requirements:
        verdicts[r.verdict] += 1
    built = Report(
        catalog=CatalogInfo(product="Testbed", version="1"),
        deal=DealInfo(deal=deal, customer=customer, value=value, currency=currency),
        summary=Summary(
            total=len(requirements),
            verdicts=verdicts,
            at_risk=sum(r.at_risk for r in requirements),
            coverage=0.0,
            gate="fail",
        ),
        requirements=requirements,
    )
    return json.loads(built.to_json())


def write(path: Path, data: dict[str, Any]) -> str:
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return str(path)


@pytest.fixture
def three_deals(tmp_path: Path) -> Path:
    """Three deals' reports in a folder: shared asks in different words, and one-offs."""
    folder = tmp_path / "reports"
    folder.mkdir()
    write(
        folder / "acme.json",
        report(
            [
                requirement("A-1", "SAML SSO with Okta", "supported", capability="sso"),
                requirement(
                    "A-2", "Automatic user provisioning over SCIM", "upgrade", capability="scim"
                ),
                requirement("A-3", "Import boards from Trello", "unknown"),
                requirement(
                    "A-4",
                    "Hold-your-own-key encryption",
                    "roadmap",
                    capability="hyok",
                    at_risk=True,
                ),
                requirement(
                    "A-5",
                    "Offline mode for tablets",
                    "roadmap",
                    capability="offline",
                    at_risk=False,
                ),
                requirement("A-6", "Payroll processing for employees", "unknown", priority="may"),
            ],
            deal="Acme renewal",
            customer="Acme",
            value=1_000_000,
            currency="EUR",
        ),
    )
    write(
        folder / "globex.json",
        report(
            [
                requirement(
                    "G-1",
                    "SCIM provisioning and deprovisioning",
                    "upgrade",
                    capability="scim",
                    priority="should",
                ),
                requirement("G-2", "Migration of our Trello boards", "unknown", priority="should"),
                requirement(
                    "G-3",
                    "Connector to our IBM z/OS mainframe",
                    "unsupported",
                    capability="mainframe",
                ),
                requirement("G-4", "Braille export of documents", "unknown"),
            ],
            deal="Globex 2027",
            customer="Globex",
            value=250_000,
            currency="EUR",
        ),
    )
    write(
        folder / "initech.json",
        report(
            [
                requirement("I-1", "Trello import", "unknown"),
                requirement(
                    "I-2",
                    "Users are provisioned from Entra ID via SCIM",
                    "upgrade",
                    capability="scim",
                ),
                requirement("I-3", "Hosting in Canada", "unknown"),
            ],
            deal="Initech pilot",
            customer="Initech",
            value=90_000,
            currency="USD",
        ),
    )
    return folder
