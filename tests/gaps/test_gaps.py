"""dealcheck gaps: themes, nothing lost, weighting, formats, inputs and exit codes."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from dealcheck.cli import main
from tests.gaps.conftest import report, requirement, write

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "tests" / "engine" / "catalog.yaml"
GAP_IDS = {"A-2", "A-3", "A-4", "A-6", "G-1", "G-2", "G-3", "G-4", "I-1", "I-2", "I-3"}


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def gaps_json(capsys, *args: str) -> dict:
    code, out, err = run(["gaps", *args, "--format", "json"], capsys)
    assert code == 0, err
    return json.loads(out)


def theme_of(doc: dict, rid: str) -> dict:
    (theme,) = [t for t in doc["themes"] if rid in {r["id"] for r in t["requirements"]}]
    return theme


def ids(theme: dict) -> set[str]:
    return {r["id"] for r in theme["requirements"]}


# -- nothing lost ---------------------------------------------------------------------------


def test_every_gap_requirement_is_in_exactly_one_theme(three_deals, capsys):
    doc = gaps_json(capsys, str(three_deals))
    assert doc["schema"] == "dealcheck.gaps/1"
    listed = [r["id"] for t in doc["themes"] for r in t["requirements"]]
    assert sorted(listed) == sorted(GAP_IDS)  # each once: supported and on-time roadmap left out
    summary = doc["summary"]
    assert (summary["reports"], summary["deals"], summary["requirements"]) == (3, 3, 13)
    assert summary["gaps"] == 11 and summary["themes"] == len(doc["themes"])
    for theme in doc["themes"]:
        assert theme["counts"]["requirements"] == len(theme["requirements"])
        for r in theme["requirements"]:
            assert r["source"]["file"] == "deal.yaml" and r["report"].endswith(".json")
            assert r["deal"] in {"Acme renewal", "Globex 2027", "Initech pilot"}


def test_requirement_carries_what_its_report_said(three_deals, capsys):
    doc = gaps_json(capsys, str(three_deals))
    (hyok,) = [r for r in theme_of(doc, "A-4")["requirements"]]
    assert hyok == {
        "deal": "Acme renewal",
        "customer": "Acme",
        "report": str(three_deals / "acme.json"),
        "id": "A-4",
        "source": {"file": "deal.yaml", "line": 1},
        "text": "Hold-your-own-key encryption",
        "priority": "must",
        "verdict": "roadmap",
        "at_risk": True,
        "section": None,
        "waived": False,
    }


# -- themes ---------------------------------------------------------------------------------


def test_matched_gaps_group_by_capability(three_deals, capsys):
    doc = gaps_json(capsys, str(three_deals))
    scim = theme_of(doc, "A-2")
    assert scim["key"] == "capability:scim" and scim["kind"] == "capability"
    assert ids(scim) == {"A-2", "G-1", "I-2"}
    assert scim["capability"] == {
        "id": "scim",
        "name": "SCIM provisioning",
        "status": "ga",
        "eta": None,
    }
    assert scim["counts"] == {"deals": 3, "requirements": 3, "must": 2, "should": 1, "may": 0}
    assert scim["customers"] == ["Acme", "Globex", "Initech"]
    assert scim["value"] == [
        {"currency": "EUR", "amount": 1_250_000},
        {"currency": "USD", "amount": 90_000},
    ]
    assert scim["verdicts"] == {"upgrade": 3}
    assert scim["representative"] == "Automatic user provisioning over SCIM"
    assert scim["examples"] == [
        "SCIM provisioning and deprovisioning",
        "Users are provisioned from Entra ID via SCIM",
    ]
    mainframe = theme_of(doc, "G-3")
    assert mainframe["capability"]["status"] == "not-planned" and ids(mainframe) == {"G-3"}
    hyok = theme_of(doc, "A-4")
    assert hyok["capability"]["eta"] == "2027-Q3" and ids(hyok) == {"A-4"}


def test_reworded_asks_land_together_and_different_asks_do_not(three_deals, capsys):
    pytest.importorskip("wordllama")
    doc = gaps_json(capsys, str(three_deals))
    trello = theme_of(doc, "A-3")
    assert ids(trello) == {"A-3", "G-2", "I-1"}  # three wordings of one ask
    assert trello["kind"] == "unmatched" and trello["capability"] is None
    assert trello["key"].startswith("ask:")
    for rid in ("A-6", "G-4", "I-3"):  # payroll, Braille, Canada: one theme each
        assert ids(theme_of(doc, rid)) == {rid}
    assert doc["summary"]["grouping"] == "semantic"


def test_semantic_grouping_keeps_distinct_asks_apart(tmp_path, capsys):
    pytest.importorskip("wordllama")
    asks = [
        ("1", "SMS notifications for pending approvals"),
        ("2", "Text message alerts when an approval is waiting"),
        ("3", "Integration with IBM mainframe (z/OS) systems"),
        ("4", "Connector to our IBM z/OS mainframe"),
        ("5", "Payroll processing for employees"),
        ("6", "Gantt charts for project timelines"),
        ("7", "Fax integration"),
        ("8", "Carbon footprint report"),
    ]
    path = write(tmp_path / "r.json", report([requirement(i, t, "unknown") for i, t in asks]))
    doc = gaps_json(capsys, path)
    assert ids(theme_of(doc, "1")) == {"1", "2"}
    assert ids(theme_of(doc, "3")) == {"3", "4"}
    for rid in ("5", "6", "7", "8"):
        assert ids(theme_of(doc, rid)) == {rid}


def test_same_content_words_group_without_the_model(tmp_path, capsys):
    asks = [
        ("1", "Must support SMS notifications."),
        ("2", "SMS notifications are required"),
        ("3", "The vendor shall provide notifications by SMS"),
        ("4", "Text message alerts"),
    ]
    path = write(tmp_path / "r.json", report([requirement(i, t, "unknown") for i, t in asks]))
    doc = gaps_json(capsys, path, "--grouping", "wording")
    assert doc["summary"]["grouping"] == "wording"
    assert ids(theme_of(doc, "1")) == {"1", "2", "3"}  # boilerplate and word order ignored
    assert ids(theme_of(doc, "4")) == {"4"}  # other words: another theme without the model


def test_missing_model_falls_back_to_wording_with_a_warning(three_deals, capsys, monkeypatch):
    import dealcheck.engine.semantic as semantic

    monkeypatch.setattr(semantic, "available", lambda: False)
    code, out, err = run(["gaps", str(three_deals), "--format", "json"], capsys)
    assert code == 0
    doc = json.loads(out)
    assert doc["summary"]["grouping"] == "wording"
    assert "dealcheck: warning:" in err and "dealcheck[semantic]" in err
    assert doc["warnings"] and sorted(
        r["id"] for t in doc["themes"] for r in t["requirements"]
    ) == sorted(GAP_IDS)


def test_most_asked_wording_represents_the_theme(tmp_path, capsys):
    reqs = [
        requirement("1", "SCIM user provisioning", "upgrade", capability="scim"),
        requirement("2", "Automatic provisioning from Okta via SCIM", "upgrade", capability="scim"),
        requirement("3", "Must support SCIM user provisioning.", "upgrade", capability="scim"),
    ]
    doc = gaps_json(capsys, write(tmp_path / "r.json", report(reqs)))
    (theme,) = doc["themes"]
    # 1 and 3 have the same content words: that wording is asked twice.
    assert theme["representative"] == "SCIM user provisioning"
    assert theme["examples"] == ["Automatic provisioning from Okta via SCIM"]


def test_catalog_gives_current_status_and_eta(three_deals, tmp_path, capsys):
    catalog = tmp_path / "capabilities.yaml"
    catalog.write_text(
        "product: Testbed\ncapabilities:\n"
        "  - {id: scim, name: SCIM 2.0 provisioning, status: beta}\n"
        "  - {id: hyok, name: Hold your own key, status: roadmap, eta: 2028-Q1}\n",
        encoding="utf-8",
    )
    code, out, err = run(
        ["gaps", str(three_deals), "--format", "json", "--catalog", str(catalog)], capsys
    )
    assert code == 0
    doc = json.loads(out)
    assert theme_of(doc, "A-2")["capability"] == {
        "id": "scim",
        "name": "SCIM 2.0 provisioning",
        "status": "beta",
        "eta": None,
    }
    assert theme_of(doc, "A-4")["capability"]["eta"] == "2028-Q1"
    # mainframe is not in that catalogue: kept as reported, and said
    assert theme_of(doc, "G-3")["capability"]["status"] == "not-planned"
    assert "'mainframe'" in err


# -- ranking --------------------------------------------------------------------------------


def order(doc: dict) -> list[str]:
    return [sorted(ids(t))[0] for t in doc["themes"]]


def test_default_ranking_deals_then_priority_then_value(three_deals, capsys):
    doc = gaps_json(capsys, str(three_deals), "--grouping", "wording")
    assert doc["summary"]["weights"] == {
        "deal": 10.0,
        "must": 3.0,
        "should": 2.0,
        "may": 1.0,
        "value": 0.0,
    }
    assert doc["summary"]["ranking_currency"] == "EUR"  # two deals in EUR, one in USD
    scores = {sorted(ids(t))[0]: t["score"] for t in doc["themes"]}
    assert scores["A-2"] == 3 * 10 + 3 + 2 + 3  # each deal once, at its strongest priority
    assert (scores["A-4"], scores["G-2"], scores["A-6"]) == (13, 12, 11)
    # Three deals first; then the one-deal 'must' themes: the larger EUR value first
    # (Acme 1M, Globex 250k, Initech's USD counts 0 in EUR), then alphabetical; then
    # 'should', then 'may'.
    assert order(doc) == ["A-2", "A-4", "A-3", "G-4", "G-3", "I-3", "I-1", "G-2", "A-6"]
    assert [t["rank"] for t in doc["themes"]] == list(range(1, 10))


def test_weights_are_overridable(three_deals, capsys):
    doc = gaps_json(
        capsys,
        str(three_deals),
        "--grouping",
        "wording",
        "--weight",
        "value=100",
        "--weight",
        "may=0",
    )
    scores = {sorted(ids(t))[0]: t["score"] for t in doc["themes"]}
    assert scores["A-2"] == 38 + 100 * 1.25  # EUR 1,250,000
    assert scores["A-4"] == 13 + 100
    assert scores["A-6"] == 10 + 0 + 100  # may counts 0 now
    assert scores["I-3"] == 13  # its deal is valued in USD, not the ranking currency
    assert order(doc)[0] == "A-2"
    doc = gaps_json(
        capsys,
        str(three_deals),
        "--grouping",
        "wording",
        "--weight",
        "deal=1,must=0,should=0,may=0",
    )
    assert [t["score"] for t in doc["themes"]] == [3.0] + [1.0] * 8


def test_ranking_currency_is_overridable(three_deals, capsys):
    doc = gaps_json(
        capsys,
        str(three_deals),
        "--grouping",
        "wording",
        "--currency",
        "usd",
        "--weight",
        "value=1000",
    )
    assert doc["summary"]["ranking_currency"] == "USD"
    scores = {sorted(ids(t))[0]: t["score"] for t in doc["themes"]}
    assert scores["I-3"] == 13 + 90
    assert scores["A-4"] == 13


@pytest.mark.parametrize(
    "weight", ["priority=3", "must", "must=many", "must=-1", "deal=inf", "value=nan"]
)
def test_bad_weight_is_a_usage_error(three_deals, capsys, weight):
    code, out, err = run(["gaps", str(three_deals), "--weight", weight], capsys)
    assert code == 2 and out == ""
    assert err.startswith("dealcheck: error: --weight") and len(err.strip().splitlines()) == 1


# -- formats --------------------------------------------------------------------------------


@pytest.fixture
def hostile(tmp_path: Path) -> str:
    reqs = [
        requirement("X-1", '=HYPERLINK("http://evil.example","x") must work', "unknown"),
        requirement("X-2", "<script>alert(1)</script> [bold]@everyone[/]", "unknown"),
        requirement("X-3", "\x1b[31mred\x1b[0m SCIM", "upgrade", capability="scim"),
    ]
    return write(tmp_path / "h.json", report(reqs, deal="Evil <b>deal</b>", customer="@org"))


def test_csv_has_one_row_per_gap_and_no_formula(three_deals, hostile, capsys):
    code, out, _ = run(["gaps", str(three_deals), hostile, "--format", "csv"], capsys)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:3] == ["Rank", "Theme", "Theme key"]
    assert len(rows) == 1 + len(GAP_IDS) + 3
    assert {r[rows[0].index("ID")] for r in rows[1:]} == GAP_IDS | {"X-1", "X-2", "X-3"}
    cells = [c for r in rows for c in r]
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    assert "\x1b" not in out


def test_markdown_is_inert(three_deals, hostile, capsys):
    code, out, _ = run(["gaps", str(three_deals), hostile, "--format", "markdown"], capsys)
    assert code == 0
    assert out.startswith("# dealcheck gaps")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "@everyone" not in out and "\x1b" not in out
    assert out.count("<details>") == out.count("</details>") > 0
    for rid in GAP_IDS:
        assert f"| {rid} |" in out.replace("\\-", "-")


def test_html_is_self_contained_with_a_chart(three_deals, hostile, capsys):
    code, out, _ = run(
        ["gaps", str(three_deals), hostile, "--format", "html", "--grouping", "wording"], capsys
    )
    assert code == 0
    assert out.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in out and "default-src 'none'" in out
    assert "<svg" in out and out.count('class="bar"') == 10  # the top ten of 11 themes
    assert "<script" not in out.lower()  # no script at all, from anywhere
    assert "http://" not in out.replace("http://evil.example", "") and "https://" not in out
    assert "&lt;script&gt;" in out and "\x1b" not in out


def test_table_lists_the_top_themes(three_deals, capsys):
    code, out, err = run(["gaps", str(three_deals), "--top", "2"], capsys)
    assert code == 0
    assert "SCIM" in out and "more themes" in out
    assert "11 gap requirements of 13 in 3 reports (3 deals)" in " ".join(out.split())


def test_output_is_deterministic(three_deals, capsys, tmp_path):
    first = gaps_json(capsys, str(three_deals))
    assert gaps_json(capsys, str(three_deals)) == first
    out = tmp_path / "g.json"
    written = []
    for _ in range(2):
        code, _, _ = run(["gaps", str(three_deals), "-f", "json", "-o", str(out)], capsys)
        assert code == 0
        written.append(out.read_bytes())
    assert written[0] == written[1] and json.loads(written[0]) == first


def test_two_reports_of_one_deal_are_one_deal(three_deals, capsys):
    doc = gaps_json(capsys, str(three_deals / "initech.json"), str(three_deals))
    assert (doc["summary"]["reports"], doc["summary"]["deals"]) == (4, 3)
    listed = sorted(r["id"] for t in doc["themes"] for r in t["requirements"])
    assert listed == sorted([*GAP_IDS, "I-1", "I-2", "I-3"])  # every report's gaps, each once
    assert theme_of_all(doc, "I-2")["counts"]["deals"] == 3


def theme_of_all(doc: dict, rid: str) -> dict:
    (theme,) = {
        t["key"]: t for t in doc["themes"] if rid in {r["id"] for r in t["requirements"]}
    }.values()
    return theme


# -- inputs ---------------------------------------------------------------------------------


def stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def lines_of(folder: Path) -> bytes:
    return b"".join(
        json.dumps(json.loads(p.read_text())).encode() + b"\n" for p in sorted(folder.iterdir())
    )


def test_json_lines_on_stdin_and_in_a_file(three_deals, tmp_path, capsys, monkeypatch):
    expected = gaps_json(capsys, str(three_deals))
    stdin(monkeypatch, b"\n" + lines_of(three_deals))
    from_stdin = gaps_json(capsys, "-")
    assert [ids(t) for t in from_stdin["themes"]] == [ids(t) for t in expected["themes"]]
    assert {r["report"] for t in from_stdin["themes"] for r in t["requirements"]} == {
        "<stdin>:2",
        "<stdin>:3",
        "<stdin>:4",
    }
    jsonl = tmp_path / "history.jsonl"
    jsonl.write_bytes(lines_of(three_deals))
    from_file = gaps_json(capsys, str(jsonl))
    assert from_file["summary"]["gaps"] == 11


def test_bad_json_line_names_its_line(three_deals, capsys, monkeypatch):
    stdin(monkeypatch, lines_of(three_deals) + b'{"schema": "dealcheck.report/1", \n')
    code, out, err = run(["gaps", "-"], capsys)
    assert code == 2 and out == ""
    assert err.startswith("dealcheck: error: <stdin>:4: not valid JSON")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"schema": "dealcheck.gaps/1", "themes": []}', "not a dealcheck report"),
        ("[1, 2]", "not a dealcheck report"),
        ("{", "not valid JSON"),
        ("[" * 100_000, "not valid JSON"),
        (
            '{"schema": "dealcheck.report/1", "deal": {}, "requirements": [{"id": "1",'
            ' "text": "x", "priority": "must", "verdict": "maybe", "at_risk": false}]}',
            "requirement 1 (1): unknown verdict",
        ),
        ('{"schema": "dealcheck.report/1", "deal": {}}', "no 'deal' object or no"),
    ],
)
def test_bad_report_is_a_clean_input_error(tmp_path, capsys, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(["gaps", str(path)], capsys)
    assert code == 2 and out == ""
    assert err.startswith(f"dealcheck: error: {path}") and message in err
    assert "Traceback" not in err


def test_missing_file_and_empty_folder_are_input_errors(tmp_path, capsys):
    code, _, err = run(["gaps", str(tmp_path / "nope.json")], capsys)
    assert code == 2 and "no such file" in err
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("x")
    code, _, err = run(["gaps", str(tmp_path / "empty")], capsys)
    assert code == 2 and "no report files" in err


def test_folder_is_read_recursively_in_order(three_deals, capsys):
    nested = three_deals / "2026" / "q4"
    nested.mkdir(parents=True)
    (three_deals / "globex.json").rename(nested / "globex.json")
    (three_deals / ".hidden.json").write_text("not json")
    doc = gaps_json(capsys, str(three_deals))
    assert doc["summary"]["reports"] == 3
    assert [d["deal"] for d in doc["deals"]] == ["Globex 2027", "Acme renewal", "Initech pilot"]


# -- end to end: check -> reports -> gaps ---------------------------------------------------


def test_check_reports_feed_gaps_with_deal_values(tmp_path, capsys):
    deals = {
        "umbrella": ("Umbrella", 500000, "EUR"),
        "hooli": ("Hooli", 120000, "EUR"),
    }
    reports = tmp_path / "reports"
    reports.mkdir()
    texts = [
        "SAML SSO is mandatory",
        "Documents must be anchored by blockchain notarisation",
        "A dedicated submarine data centre is mandatory",
        "Offline mode for field staff",
    ]
    for name, (customer, value, currency) in deals.items():
        deal = tmp_path / f"{name}.yaml"
        deal.write_text(
            f"deal: {customer} deal\ncustomer: {customer}\nedition: team\n"
            f"value: {value}\ncurrency: {currency.lower()}\nrequirements:\n"
            + "".join(f"  - {t}\n" for t in texts),
            encoding="utf-8",
        )
        out = reports / f"{name}.json"
        code, _, err = run(
            ["check", str(deal), "-c", str(CATALOG), "-f", "json", "-o", str(out)], capsys
        )
        assert code in (0, 1), err
        saved = json.loads(out.read_text())
        assert saved["deal"]["value"] == value and saved["deal"]["currency"] == currency
    doc = gaps_json(capsys, str(reports))
    expected = []
    for path in sorted(reports.iterdir()):
        saved = json.loads(path.read_text())
        expected += [
            (saved["deal"]["deal"], r["id"])
            for r in saved["requirements"]
            if r["verdict"] in ("unsupported", "unknown", "upgrade")
            or (r["verdict"] == "roadmap" and r["at_risk"])
        ]
    listed = [(r["deal"], r["id"]) for t in doc["themes"] for r in t["requirements"]]
    assert sorted(listed) == sorted(expected) and expected
    for theme in doc["themes"]:
        total = sum(v for c, v in deals_values(theme, deals))
        assert theme["value"] == ([{"currency": "EUR", "amount": total}] if total else [])


def deals_values(theme: dict, deals: dict) -> list[tuple[str, int]]:
    customers = set(theme["customers"])
    return [(c, v) for c, v, _ in deals.values() if c in customers]
