"""dealcheck lint: every validation rule and every hygiene rule, failing and passing."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from dealcheck.cli import main
from dealcheck.lint.rules import RULES

SHARED = Path(__file__).resolve().parents[3] / "shared"
ROOT = Path(__file__).resolve().parents[2]

HEAD = """\
product: Acme
version: "1"
editions: [starter, team, business, enterprise]
deployments: [saas, on-prem]
regions: [us, eu]
metrics:
  uptime: {unit: "%", better: higher, aliases: [availability]}
  rpo: {unit: minute, better: lower}
capabilities:
"""


def lint(tmp_path: Path, capsys, body: str, *extra: str, head: str = HEAD):
    path = tmp_path / "capabilities.yaml"
    path.write_text(head + textwrap.dedent(body))
    with pytest.raises(SystemExit) as exc:
        main(["lint", str(path), "--today", "2026-11-23", *extra])
    out, err = capsys.readouterr()
    return exc.value.code, out, err, path


# -- validation (errors, exit 2) ------------------------------------------------

VALIDATION = [
    ("missing id", "  - {name: X}\n", "missing required key 'id'", "  - {id: x, name: X}\n"),
    (
        "duplicate id",
        "  - {id: x, name: X}\n  - {id: x, name: Y}\n",
        "duplicate id 'x'",
        "  - {id: x, name: X}\n  - {id: y, name: Y}\n",
    ),
    ("malformed id", "  - {id: X_1, name: X}\n", "malformed id 'X_1'", "  - {id: x-1, name: X}\n"),
    (
        "unknown status",
        "  - {id: x, name: X, status: alpha}\n",
        "unknown status 'alpha'",
        "  - {id: x, name: X, status: beta}\n",
    ),
    (
        "undeclared edition",
        "  - {id: x, name: X, editions: [gold]}\n",
        "undeclared edition 'gold'",
        "  - {id: x, name: X, editions: [enterprise]}\n",
    ),
    (
        "undeclared deployment",
        "  - {id: x, name: X, deployments: [cloud]}\n",
        "undeclared deployment 'cloud'",
        "  - {id: x, name: X, deployments: [saas]}\n",
    ),
    (
        "undeclared region",
        "  - {id: x, name: X, regions: [apac]}\n",
        "undeclared region 'apac'",
        "  - {id: x, name: X, regions: [eu]}\n",
    ),
    (
        "undeclared limit edition",
        "  - {id: x, name: X, limits: {uptime: {gold: 99}}}\n",
        "undeclared edition 'gold' in limit 'uptime'",
        "  - {id: x, name: X, limits: {uptime: {business: 99}}}\n",
    ),
    (
        "undeclared metric",
        "  - {id: x, name: X, limits: {uptme: 99}}\n",
        "limit on undeclared metric 'uptme'",
        "  - {id: x, name: X, limits: {uptime: 99}}\n",
    ),
    (
        "malformed eta",
        "  - {id: x, name: X, status: roadmap, eta: 2027-13}\n",
        "malformed eta '2027-13'",
        "  - {id: x, name: X, status: roadmap, eta: 2027-12}\n",
    ),
    (
        "impossible eta date",
        "  - {id: x, name: X, status: roadmap, eta: 2027-02-30}\n",
        "eta: 2027-02-30 is not a valid date",
        "  - {id: x, name: X, status: roadmap, eta: 2027-02-28}\n",
    ),
    (
        "quarter eta",
        "  - {id: x, name: X, status: roadmap, eta: 2027-Q5}\n",
        "malformed eta",
        "  - {id: x, name: X, status: roadmap, eta: 2027-Q4}\n",
    ),
    (
        "wrong type",
        "  - {id: x, name: X, aliases: SSO}\n",
        "aliases: expected a list",
        "  - {id: x, name: X, aliases: [SSO]}\n",
    ),
    (
        "unknown key",
        "  - {id: x, name: X, descripton: y}\n",
        "unknown key 'descripton'; did you mean 'description'?",
        "  - {id: x, name: X, description: y}\n",
    ),
    (
        "bad limit",
        "  - {id: x, name: X, limits: {uptime: high}}\n",
        "limit 'uptime' must be a number",
        "  - {id: x, name: X, limits: {uptime: 99.5}}\n",
    ),
]


@pytest.mark.parametrize("label, bad, message, good", VALIDATION, ids=[v[0] for v in VALIDATION])
def test_validation_rule(tmp_path, capsys, label, bad, message, good):
    code, out, err, path = lint(tmp_path, capsys, bad)
    assert code == 2, out + err
    assert message in out
    assert out.startswith(f"{path}:") and ": error: " in out
    code, out, err, _ = lint(tmp_path, capsys, good)
    assert code == 0, out + err
    assert "error" not in out


def test_version_number_stays_as_written(tmp_path, capsys):
    from dealcheck.catalog import load_catalog

    path = tmp_path / "c.yaml"
    path.write_text("product: A\nversion: 2026.10\ncapabilities: [{id: x, name: X}]\n")
    assert load_catalog(str(path)).catalog.version == "2026.10"


def test_eight_planted_mistakes_all_reported_with_lines(tmp_path, capsys):
    body = """\
      - id: ok
        name: Fine
      - id: Bad_Id                                # 1 malformed id (line 12)
        name: A
      - id: b
        name: B
        status: shipped                           # 2 unknown status (line 16)
      - id: c
        name: C
        editions: [platinum]                      # 3 undeclared edition (line 19)
      - id: d
        name: D
        limits: {latency: 5}                      # 4 undeclared metric (line 22)
      - id: e
        name: E
        status: roadmap
        eta: 2027-14                              # 5 malformed eta (line 26)
      - id: ok
        name: Again                               # 6 duplicate id (line 27)
      - id: f
        name: F
        colour: red                               # 7 unknown key (line 31)
      - id: g
        aliases: [G]                              # 8 missing name (line 32)
    """
    code, out, err, path = lint(tmp_path, capsys, body)
    assert code == 2
    expected = [
        (12, "malformed id 'Bad_Id'"),
        (16, "unknown status 'shipped'"),
        (19, "undeclared edition 'platinum'"),
        (22, "limit on undeclared metric 'latency'"),
        (26, "malformed eta '2027-14'"),
        (27, "duplicate id 'ok'"),
        (31, "unknown key 'colour'"),
        (32, "missing required key 'name'"),
    ]
    for line, message in expected:
        assert any(
            row.startswith(f"{path}:{line}:") and message in row for row in out.splitlines()
        ), (line, message, out)
    assert len(out.strip().splitlines()) == 8


# -- hygiene rules (warnings) ----------------------------------------------------

HYGIENE = {
    "ambiguous-alias": (
        "  - {id: a, name: A, description: d, aliases: [SSO]}\n"
        "  - {id: b, name: B, description: d, aliases: [sso]}\n",
        "  - {id: a, name: A, description: d, aliases: [SAML]}\n"
        "  - {id: b, name: B, description: d, aliases: [OIDC]}\n",
    ),
    "eta-past": (
        "  - {id: a, name: A, description: d, status: roadmap, eta: 2026-Q2}\n",
        "  - {id: a, name: A, description: d, status: roadmap, eta: 2027-Q2}\n",
    ),
    "roadmap-without-eta": (
        "  - {id: a, name: A, description: d, status: roadmap}\n",
        "  - {id: a, name: A, description: d, status: roadmap, eta: 2027-06}\n",
    ),
    "eta-not-roadmap": (
        "  - {id: a, name: A, description: d, eta: 2027-06}\n",
        "  - {id: a, name: A, description: d}\n",
    ),
    "stale-review": (
        "  - {id: a, name: A, description: d, reviewed: 2025-01-10}\n",
        "  - {id: a, name: A, description: d, reviewed: 2026-09-14}\n",
    ),
    "no-description": ("  - {id: a, name: A}\n", "  - {id: a, name: A, description: d}\n"),
    "limits-not-planned": (
        "  - {id: a, name: A, description: d, status: not-planned, limits: {uptime: 99}}\n",
        "  - {id: a, name: A, description: d, status: not-planned}\n",
    ),
    "edition-gap": (
        "  - {id: a, name: A, description: d, editions: [starter, enterprise]}\n",
        "  - {id: a, name: A, description: d, editions: [business, enterprise]}\n",
    ),
    "limit-edition-not-offered": (
        "  - {id: a, name: A, description: d, editions: [enterprise],"
        " limits: {uptime: {business: 99}}}\n",
        "  - {id: a, name: A, description: d, editions: [enterprise],"
        " limits: {uptime: {enterprise: 99}}}\n",
    ),
    "empty-text": (
        "  - {id: a, name: A, description: d, aliases: [x, '']}\n",
        "  - {id: a, name: A, description: d, aliases: [x]}\n",
    ),
    "caveat-fragment": (
        "  - {id: a, name: A, description: d,"
        " caveats: [QES is on the roadmap, not available today]}\n",
        "  - {id: a, name: A, description: d,"
        " caveats: ['QES is on the roadmap, not available today']}\n",
    ),
    "owner-not-email": (
        "  - {id: a, name: A, description: d, owner: the team}\n",
        "  - {id: a, name: A, description: d, owner: pm@example.com}\n",
    ),
    "docs-not-url": (
        "  - {id: a, name: A, description: d, docs: see wiki}\n",
        "  - {id: a, name: A, description: d, docs: 'https://x.example/a'}\n",
    ),
    "near-duplicate": (
        "  - {id: ip-allowlist, name: Restrict access by IP address,"
        " description: Allow sign-in only from listed IP ranges.}\n"
        "  - {id: ip-allowlist-2, name: Restrict access by IP adress,"
        " description: Allow sign-in only from the listed IP ranges.}\n",
        "  - {id: project-tokens, name: Project access tokens, description: API tokens.}\n"
        "  - {id: group-tokens, name: Group access tokens, description: API tokens.}\n",
    ),
    "caveat-contradicts-places": (
        "  - {id: a, name: A, description: d, regions: [us, eu],"
        " caveats: [Not available in the EU region]}\n",
        "  - {id: a, name: A, description: d, regions: [us],"
        " caveats: [Not available in the EU region]}\n",
    ),
    "alias-ruled-out": (
        "  - {id: a, name: Plugins, description: d, aliases: [Shopify, WooCommerce],"
        " caveats: [WooCommerce and Magento only]}\n",
        "  - {id: a, name: Plugins, description: d, aliases: [Shopify, WooCommerce],"
        " caveats: [Shopify, WooCommerce and Magento only]}\n",
    ),
    "add-on-spelling": (
        "  - {id: a, name: A, description: d, add_on: Security Pack}\n"
        "  - {id: b, name: B, description: d, add_on: Security pack}\n",
        "  - {id: a, name: A, description: d, add_on: Security Pack}\n"
        "  - {id: b, name: B, description: d, add_on: Security Pack}\n",
    ),
}

METRIC_RULES = {
    "unknown-unit": (
        '  odd: {unit: "furlongs^2/fortnight", better: higher}\n',
        "  odd: {unit: GB, better: higher}\n",
    ),
    "better-direction-suspect": (
        "  rto: {unit: hour, better: higher}\n",
        "  rto: {unit: hour, better: lower}\n",
    ),
}


def test_every_rule_has_a_test_and_a_documented_example():
    assert set(RULES) == set(HYGIENE) | set(METRIC_RULES)
    for rule in RULES.values():
        doc = rule.check.__doc__ or ""
        assert "Failing" in doc and "Passing" in doc, rule.id


@pytest.mark.parametrize("rule_id", sorted(HYGIENE))
def test_hygiene_rule_fails_and_passes(tmp_path, capsys, rule_id):
    bad, good = HYGIENE[rule_id]
    code, out, err, _ = lint(tmp_path, capsys, bad)
    assert code == 0 and f"({rule_id})" in out and ": warning: " in out
    code, out, err, _ = lint(tmp_path, capsys, good)
    assert code == 0 and f"({rule_id})" not in out


@pytest.mark.parametrize("rule_id", sorted(METRIC_RULES))
def test_metric_rule_fails_and_passes(tmp_path, capsys, rule_id):
    bad, good = METRIC_RULES[rule_id]
    body = "  - {id: a, name: A, description: d}\n"
    for metric, expect in ((bad, True), (good, False)):
        head = HEAD.replace("capabilities:\n", metric + "capabilities:\n")
        code, out, err, _ = lint(tmp_path, capsys, body, head=head)
        assert code == 0
        assert (f"({rule_id})" in out) == expect, out


def test_caveat_fragment_finds_a_cut_inside_parentheses(tmp_path, capsys):
    # HEAD is 9 lines: the caveats are on lines 13 and 14.
    body = """\
      - id: mfa
        name: Two-factor authentication
        description: d
        caveats: [Codes by SMS only, Hardware security keys (FIDO2, YubiKey) are not supported]
      - {id: b, name: B, description: d, caveats: [Keys (FIDO2, U2F, and YubiKey) fail]}
    """
    code, out, _, path = lint(tmp_path, capsys, body)
    rows = [row for row in out.splitlines() if "(caveat-fragment)" in row]
    assert code == 0 and len(rows) == 2, out
    assert rows[0].startswith(f"{path}:13:")
    assert (
        "caveat 'Hardware security keys (FIDO2' of 'mfa' opens a parenthesis that caveat"
        " 'YubiKey) are not supported' closes: a comma inside the parentheses cut one caveat"
        " into 2 pieces" in rows[0]
    )
    hint = 'quote the caveat: "Hardware security keys (FIDO2, YubiKey) are not supported"'
    assert hint in rows[0]
    # Three pieces, the last of which starts with "and": one warning for the whole cut.
    assert rows[1].startswith(f"{path}:14:")
    assert "'Keys (FIDO2' of 'b'" in rows[1] and "into 3 pieces" in rows[1]
    assert '"Keys (FIDO2, U2F, and YubiKey) fail"' in rows[1]
    # Quoted, or written as a block list, each is one caveat.
    fixed = body.replace(
        "Hardware security keys (FIDO2, YubiKey) are not supported",
        '"Hardware security keys (FIDO2, YubiKey) are not supported"',
    ).replace(
        "caveats: [Keys (FIDO2, U2F, and YubiKey) fail]}",
        "caveats: ['Keys (FIDO2, U2F, and YubiKey) fail']}",
    )
    code, out, _, _ = lint(tmp_path, capsys, fixed)
    assert code == 0 and "(caveat-fragment)" not in out, out
    block = """\
      - id: mfa
        name: Two-factor authentication
        description: d
        caveats:
          - Codes by SMS only
          - Hardware security keys (FIDO2, YubiKey) are not supported
    """
    code, out, _, _ = lint(tmp_path, capsys, block)
    assert code == 0 and "(caveat-fragment)" not in out, out


def test_caveat_fragment_finds_a_number_a_thousands_comma_cut(tmp_path, capsys):
    body = """\
      - id: imports
        name: Bulk import
        description: d
        caveats: [At most 50,000 rows per import file, Files up to 2,500 MB]
      - {id: b, name: B, description: d, caveats: [Offline, 24 hours at most]}
    """
    code, out, _, _ = lint(tmp_path, capsys, body)
    rows = [row for row in out.splitlines() if "(caveat-fragment)" in row]
    assert code == 0 and len(rows) == 2, out
    assert "'At most 50' and '000 rows per import file' of 'imports'" in rows[0]
    assert "if the comma is the number's, quote the caveat as it stands" in rows[0]
    assert "'Files up to 2' and '500 MB' of 'imports'" in rows[1]
    # Quoted, each is one caveat; "24 hours" after a word is no number's thousands.
    fixed = body.replace(
        "[At most 50,000 rows per import file, Files up to 2,500 MB]",
        "['At most 50,000 rows per import file', 'Files up to 2,500 MB']",
    )
    code, out, _, _ = lint(tmp_path, capsys, fixed)
    assert code == 0 and "(caveat-fragment)" not in out, out


def test_caveat_fragment_finds_a_list_a_comma_cut(tmp_path, capsys):
    body = """\
      - id: sms
        name: SMS
        description: d
        caveats: [US, Canadian, UK and Australian numbers only]
      - id: cc
        name: Captions
        description: d
        caveats: [Captions in English, Spanish, French or German only]
    """
    code, out, _, path = lint(tmp_path, capsys, body)
    rows = [row for row in out.splitlines() if "(caveat-fragment)" in row]
    assert code == 0 and len(rows) == 2, out
    assert "caveats 'US' to 'UK and Australian numbers only' of 'sms'" in rows[0]
    assert "into 3 pieces" in rows[0]
    assert 'quote the caveat: "US, Canadian, UK and Australian numbers only"' in rows[0]
    # The list's first item ran on from the caveat before it: that one is the start.
    assert "caveats 'Captions in English' to 'French or German only' of 'cc'" in rows[1]
    assert '"Captions in English, Spanish, French or German only"' in rows[1]
    quoted = body.replace(
        "[US, Canadian, UK and Australian numbers only]",
        '["US, Canadian, UK and Australian numbers only"]',
    ).replace(
        "[Captions in English, Spanish, French or German only]",
        "['Captions in English, Spanish, French or German only']",
    )
    code, out, _, _ = lint(tmp_path, capsys, quoted)
    assert code == 0 and "(caveat-fragment)" not in out, out


@pytest.mark.parametrize(
    "caveats",
    [
        # Two caveats, the second a list of its own; short caveats with no list after.
        "[SSO via SAML only, SCIM and JIT provisioning are not supported]",
        "[Beta, EU only]",
        "[US only. Canada, UK and Australia later]",
        "[Exports run nightly, Snowflake and BigQuery only]",
    ],
)
def test_caveat_fragment_leaves_caveats_that_are_no_cut_list_alone(tmp_path, capsys, caveats):
    code, out, _, _ = lint(
        tmp_path, capsys, f"  - {{id: a, name: A, description: d, caveats: {caveats}}}\n"
    )
    assert code == 0 and "(caveat-fragment)" not in out, out


@pytest.mark.parametrize(
    "caveats",
    [
        '["Hardware security keys (FIDO2, YubiKey) are not supported"]',
        "[Works offline (read only), Exports (CSV) are daily]",  # each balanced
        "[Limits apply (see the SLA), 2) exports are daily]",  # a ')' nothing opened
        "[Smileys :) are not rendered]",
    ],
)
def test_caveat_fragment_leaves_balanced_caveats_alone(tmp_path, capsys, caveats):
    code, out, _, _ = lint(
        tmp_path, capsys, f"  - {{id: a, name: A, description: d, caveats: {caveats}}}\n"
    )
    assert code == 0 and "(caveat-fragment)" not in out, out


# -- options --------------------------------------------------------------------


def test_strict_makes_warnings_fail(tmp_path, capsys):
    body = "  - {id: a, name: A}\n"
    assert lint(tmp_path, capsys, body)[0] == 0
    assert lint(tmp_path, capsys, body, "--strict")[0] == 1


def test_disable_rules(tmp_path, capsys):
    body = "  - {id: a, name: A, owner: team, status: roadmap}\n"
    code, out, _, _ = lint(
        tmp_path,
        capsys,
        body,
        "--disable",
        "no-description,owner-not-email",
        "-d",
        "roadmap-without-eta",
        "--strict",
    )
    assert code == 0 and out == ""


def test_unknown_rule_id_is_a_usage_error(tmp_path, capsys):
    code, out, err, _ = lint(
        tmp_path, capsys, "  - {id: a, name: A}\n", "--disable", "no-descripton"
    )
    assert code == 2 and "did you mean 'no-description'" in err


def test_json_output(tmp_path, capsys):
    code, out, err, path = lint(tmp_path, capsys, "  - {id: a, name: A}\n", "--format", "json")
    data = json.loads(out)
    assert data["valid"] and data["warnings"] == 1 and data["errors"] == 0
    assert data["problems"][0]["rule"] == "no-description"
    assert data["problems"][0]["line"] == 10


def test_json_output_of_an_invalid_catalogue(tmp_path, capsys):
    code, out, err, path = lint(tmp_path, capsys, "  - {id: a}\n", "--format", "json")
    data = json.loads(out)
    assert code == 2 and not data["valid"] and data["errors"] == 1


def test_max_review_age(tmp_path, capsys):
    body = "  - {id: a, name: A, description: d, reviewed: 2026-06-01}\n"
    assert "stale-review" not in lint(tmp_path, capsys, body)[1]
    assert "stale-review" in lint(tmp_path, capsys, body, "--max-review-age", "90")[1]


def test_list_rules(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["lint", "--list-rules"])
    out = capsys.readouterr().out
    assert exc.value.code == 0
    for rule_id in RULES:
        assert rule_id in out


# -- the real catalogues --------------------------------------------------------


def test_bundled_catalogue_has_no_errors(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["lint", str(ROOT / "capabilities.yaml")])
    out = capsys.readouterr().out
    assert exc.value.code == 0 and ": error: " not in out


def test_bundled_catalogue_uses_every_field_of_the_contract():
    import yaml

    data = yaml.safe_load((ROOT / "capabilities.yaml").read_text())
    caps = data["capabilities"]
    assert len(caps) >= 60
    used = {key for cap in caps for key in cap}
    assert used >= {
        "id",
        "name",
        "description",
        "category",
        "aliases",
        "status",
        "editions",
        "deployments",
        "regions",
        "add_on",
        "limits",
        "caveats",
        "eta",
        "owner",
        "docs",
        "reviewed",
    }
    assert {c.get("status", "ga") for c in caps} == {
        "ga",
        "beta",
        "roadmap",
        "deprecated",
        "not-planned",
    }
    etas = {str(c["eta"]) for c in caps if "eta" in c}
    assert any(len(e) == 10 for e in etas) and any("Q" in e for e in etas)
    assert any(len(e) == 7 and "Q" not in e for e in etas)
    assert any(isinstance(v, dict) for c in caps for v in (c.get("limits") or {}).values())


@pytest.mark.skipif(not (SHARED / "data" / "gitlab").is_dir(), reason="../shared not present")
def test_gitlab_catalogue_loads_and_lints_without_errors(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["lint", str(SHARED / "data" / "gitlab" / "capabilities.yaml")])
    out = capsys.readouterr().out
    assert exc.value.code == 0 and ": error: " not in out


def test_a_place_caveat_warning_names_the_list_it_contradicts(tmp_path, capsys):
    # The clause names a region and a deployment; only the deployments list says more.
    body = (
        "  - {id: a, name: A, description: d, deployments: [saas, on-prem],"
        " caveats: [Not available on-premises in the EU region]}\n"
    )
    code, out, err, _ = lint(tmp_path, capsys, body)
    warned = [line for line in out.splitlines() if "(caveat-contradicts-places)" in line]
    assert code == 0 and len(warned) == 1, out
    assert "beside deployments [saas, on-prem]" in warned[0]


def test_caveat_fragment_finds_a_list_cut_after_its_first_item(tmp_path, capsys):
    # "Automatic captions in English, German and French only" unquoted: two caveats, the
    # first ending on a name and the second the rest of the list.
    body = """\
      - id: captions
        name: Captions
        description: d
        caveats: [Automatic captions in English, German and French only]
    """
    code, out, _, _ = lint(tmp_path, capsys, body)
    rows = [row for row in out.splitlines() if "(caveat-fragment)" in row]
    assert code == 0 and len(rows) == 1, out
    assert "'Automatic captions in English' to 'German and French only'" in rows[0]
    assert '"Automatic captions in English, German and French only"' in rows[0]


def test_alias_ruled_out_names_the_caveat_and_what_a_check_does(tmp_path, capsys):
    _, out, _, _ = lint(
        tmp_path,
        capsys,
        """\
          - {id: wallet, name: PayPal, description: PayPal at checkout,
             aliases: [PayPal checkout, Venmo], caveats: [Venmo is not supported]}
          - {id: plugins, name: Shop plugins, description: Plugins for shops,
             aliases: [Shopify, WooCommerce, plugins], caveats: [WooCommerce and Magento only]}
          - {id: banks, name: Bank payments, description: Pay by bank,
             aliases: [Bancontact, iDEAL], caveats: [Netherlands and Belgium only]}
          - {id: deposit, name: Direct deposit, description: Pay by ACH,
             aliases: [ACH], caveats: [Same-day ACH is not supported]}
        """,
    )
    warned = [line for line in out.splitlines() if "(alias-ruled-out)" in line]
    assert len(warned) == 2, out
    assert '"Venmo", which its caveat "Venmo is not supported" takes back' in warned[0]
    assert '"Shopify", which its caveat "WooCommerce and Magento only" leaves out' in warned[1]
