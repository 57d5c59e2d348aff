"""Accuracy on the labelled corpus (bench/corpus/): no false promise, no regression.

A false promise is a requirement reported ``supported`` (or not at risk)
when the gold answer is otherwise: the worst error dealcheck can make.

The development split (``dev`` and ../shared's ``gitlab-buyer-dev``) lists
its misses in full. The held-out split is the one the engine is judged by:
its failures print only a count and case ids, never the texts or the
engine's answers, so nobody tunes the engine on them. Cases over a
catalogue that is absent (the GitLab one needs ../shared) are skipped.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import accuracy  # noqa: E402

HELDOUT = accuracy.HELDOUT
DEV_SPLITS = ("dev", accuracy.BUYER_DEV_SPLIT)

#: Floors a little under what today's engine measures (docs/BENCHMARKS.md has the
#: figures): they catch regressions. A catalogue without a floor here is measured,
#: not gated.
ACCURACY_FLOORS = {
    (HELDOUT, "bundled"): 0.54,  # measured 0.590
    (HELDOUT, "gitlab"): 0.38,  # measured 0.407
    (HELDOUT, "helpdesk"): 0.69,  # measured 0.746
    ("dev", "bundled"): 0.85,  # measured 0.895 (with this round's hunt set)
    ("dev", "gitlab"): 0.89,  # measured 0.903
    ("dev", "helpdesk"): 0.66,  # measured 0.729 (with this round's hunt set)
    ("dev", "fieldservice"): 0.85,  # measured 0.900
    ("dev", "payroll"): 0.85,  # measured 0.929
    ("dev", "esign"): 0.49,  # measured 0.717
    ("dev", "warehouse"): 0.70,  # measured 0.767
    ("dev", "observability"): 0.62,  # measured 0.733 (an independent hunt's list)
    ("dev", "lms"): 0.71,  # measured 0.778 (an independent hunt's list)
    ("dev", "ats"): 0.62,  # measured 0.656 (an independent hunt's list)
    ("dev", "backup"): 0.53,  # measured 0.600 (an independent hunt's list)
    ("dev", "telehealth"): 0.57,  # measured 0.622 (an independent hunt's list)
    ("dev", "commerce"): 0.53,  # measured 0.600 (an independent hunt's list)
    ("dev", "meetings"): 0.55,  # measured 0.600 (an independent hunt's list)
    ("dev", "iam"): 0.43,  # measured 0.470 (an independent hunt's list and its probes)
    ("dev", "crm"): 0.55,  # measured 0.611 (an independent hunt's list)
    ("dev", "ccaas"): 0.66,  # measured 0.733 (an independent hunt's list)
    ("dev", "flags"): 0.58,  # measured 0.650 (an independent hunt's list and its probes)
    ("dev", "ap"): 0.55,  # measured 0.622 (an independent hunt's list)
    ("dev", "mdm"): 0.54,  # measured 0.611 (an independent hunt's list)
    ("dev", "psp"): 0.76,  # measured 0.844 (an independent hunt's list)
    ("dev", "etl"): 0.67,  # measured 0.733 (an independent hunt's list)
    ("dev", "pm"): 0.54,  # measured 0.600 (an independent hunt's list)
    ("dev", "fleet"): 0.66,  # measured 0.733 (an independent hunt's list)
    ("dev", "billing"): 0.68,  # measured 0.744 (an independent hunt's list)
    ("dev", "hris"): 0.64,  # measured 0.711 (an independent hunt's list)
    ("dev", "edr"): 0.57,  # measured 0.644 (an independent hunt's list)
    ("dev", "bi"): 0.56,  # measured 0.633 (an independent hunt's list)
    ("dev", "procure"): 0.54,  # measured 0.600 (an independent hunt's list)
    ("dev", "pms"): 0.54,  # measured 0.600 (an independent hunt's list; 0.578 on its first run)
    ("dev", "ztna"): 0.45,  # measured 0.522 (an independent hunt's list; 0.511 on its first run)
    (accuracy.BUYER_DEV_SPLIT, "gitlab"): 0.29,  # measured 0.370
}

#: Held-out false promises today's engine makes, by case id. The goal is an empty
#: set: engine work that fixes one must remove it here, and any new one fails.
KNOWN_HELDOUT_FALSE_PROMISES = {
    "heldout/helpdesk#73",
}

#: At least this many held-out cases over the bundled and GitLab catalogues each,
#: and over every catalogue together once a third catalogue's held-out cases exist.
MIN_HELDOUT_PER_CATALOG = {"bundled": 60, "gitlab": 60}
MIN_HELDOUT_BUNDLED_AND_GITLAB = 120
MIN_HELDOUT_OVERALL = 150


@pytest.fixture(scope="module")
def outcomes() -> list[accuracy.Outcome]:
    cases = accuracy.load_cases()
    if not cases:
        pytest.skip("no labelled corpus for the available catalogues")
    return accuracy.evaluate(cases)[2]


def _heldout_catalogs() -> dict[str, bool]:
    """Catalogue named by each held-out file -> whether that catalogue is present."""
    found: dict[str, bool] = {}
    for split, path in accuracy.corpus_files():
        ref = accuracy.catalog_ref(path)
        if split == HELDOUT and ref is not None:
            found[accuracy.catalog_name(ref)] = accuracy.catalog_path(ref).is_file()
    return found


#: Development false promises not fixed yet, by case id; a new one fails, a fixed one too
#: until it is removed. All of them come from independent hunts:
#: - helpdesk-hunt#41, #64: a lower-case object the capability never mentions
#:   ("co-browsing" in a chat session, "every ticket view" in an audit log of changes);
#: - lms-hunt#61: SSO from two identity providers at once, against single sign-on that
#:   says nothing of how many.
KNOWN_DEV_FALSE_PROMISES = {
    # "Replicate tables out of our Snowflake account into BigQuery (Snowflake as a
    # source)": Snowflake is the alias of a destination; no rule reads the role a name
    # plays ("as a source", "out of"). Reading the catalogue's category words as roles
    # fixed it but lost two plain answers ("payment", "password" are categories too).
    "dev/etl-hunt#81",
    # "Our end customers should be able to log into the portal to track their orders":
    # the supplier portal serves suppliers, which the lexicon has no group for but their
    # people ("supplier users"): "suppliers" and "vendors" alone are as often an RFP's
    # words for the bidders ("Vendors must support SAML SSO").
    "dev/procure-hunt#82",
    "dev/helpdesk-hunt#41",
    "dev/helpdesk-hunt#64",
    "dev/lms-hunt#61",
    # "Audit trail of who viewed or exported candidate records": viewing is not among the
    # events the audit log's description lists (the same family as helpdesk-hunt#64).
    "dev/ats-hunt#55",
    # "Patients must be able to book themselves into our diabetes education group classes
    # online": "book themselves" is the caveat's "self-scheduling", a paraphrase no rule
    # reads (the answer is `upgrade`, from the group-size condition, not at risk).
    "dev/telehealth-hunt#6",
    # "Buyers must be able to split one order across several pickup branches": "branches"
    # are the caveat's pickup locations ("One pickup location per order"), a paraphrase
    # no rule reads; the answer is `partial` (beta), not at risk.
    "dev/commerce-hunt#40",
    # "Four-eyes approval for production changes, approvers must be from a different
    # team": the clause repeats the capability's noun ("approvers"), so `compound` lets
    # it through, and the rest is within what the decision leaves unexplained.
    "dev/flags-probes2#21",
    # "Can the client also act as a host firewall that blocks inbound ports on the laptop
    # itself?": the app connector's alias "no inbound ports" and its description's
    # "inbound firewall port" explain most of the words; what is left (act, host, blocks,
    # laptop) stays within what the decision leaves unexplained. A near miss in meaning
    # (the connector opens no port; the ask is to block ports on a laptop) that no word
    # of the ask contradicts.
    "dev/ztna-hunt#88",
}


def test_no_false_promises_on_dev(outcomes):
    found = {o.case.case_id for o in outcomes if o.case.split in DEV_SPLITS and o.false_promise}
    promises = [
        accuracy.describe_miss(o)
        for o in outcomes
        if o.case.split in DEV_SPLITS
        and o.false_promise
        and o.case.case_id not in KNOWN_DEV_FALSE_PROMISES
    ]
    assert promises == [], "\n".join(promises)
    measured = {o.case.case_id for o in outcomes}
    fixed = sorted((KNOWN_DEV_FALSE_PROMISES & measured) - found)
    assert not fixed, f"no longer false promises, remove from the known set: {', '.join(fixed)}"


def test_heldout_false_promises_are_only_the_known_ones(outcomes):
    heldout = [o for o in outcomes if o.case.split == HELDOUT]
    if not heldout:
        pytest.skip("no held-out cases for the available catalogues")
    found = {o.case.case_id for o in heldout if o.false_promise}
    measured = {o.case.case_id for o in heldout}
    new = sorted(found - KNOWN_HELDOUT_FALSE_PROMISES)
    fixed = sorted((KNOWN_HELDOUT_FALSE_PROMISES & measured) - found)
    # Ids and a count only: the texts and answers of held-out cases stay unread.
    assert not new, f"{len(found)} held-out false promise(s); new: {', '.join(new)}"
    assert not fixed, f"no longer false promises, remove from the known set: {', '.join(fixed)}"


@pytest.mark.parametrize(("split", "catalog"), sorted(ACCURACY_FLOORS))
def test_accuracy_does_not_regress(outcomes, split, catalog):
    mine = [o for o in outcomes if o.case.split == split and o.case.catalog == catalog]
    if not mine:
        pytest.skip(f"no {split} cases over the {catalog} catalogue here")
    scores = accuracy.Scores()
    for o in mine:
        scores.add(o)
    # The row holds only aggregate figures, so it is safe to print for held-out too.
    assert scores.accuracy >= ACCURACY_FLOORS[(split, catalog)], scores.row()


def test_heldout_is_big_enough_per_catalog():
    counts = Counter(c.catalog for c in accuracy.load_cases(splits=[HELDOUT]))
    present = {name for name, ok in _heldout_catalogs().items() if ok}
    checked = False
    for name, minimum in MIN_HELDOUT_PER_CATALOG.items():
        if name in present:
            checked = True
            assert counts[name] >= minimum, (name, counts[name])
    if {"bundled", "gitlab"} <= present:
        assert counts["bundled"] + counts["gitlab"] >= MIN_HELDOUT_BUNDLED_AND_GITLAB
    if not checked:
        pytest.skip("neither the bundled nor the GitLab catalogue is present")


def test_heldout_is_big_enough_overall():
    catalogs = _heldout_catalogs()
    if len(catalogs) < 3:
        pytest.skip("the third catalogue's held-out cases are not in yet")
    if not all(catalogs.values()):
        missing = sorted(name for name, ok in catalogs.items() if not ok)
        pytest.skip(f"catalogue(s) absent here: {', '.join(missing)}")
    assert len(accuracy.load_cases(splits=[HELDOUT])) >= MIN_HELDOUT_OVERALL


def test_dev_split_is_big_enough():
    cases = accuracy.load_cases(splits=["dev"])
    assert len(cases) >= 150
    assert "bundled" in {c.catalog for c in cases}


def test_no_case_is_in_both_splits():
    # Checked on the files themselves, whether or not their catalogue is present.
    splits_of: dict[tuple[str, str], set[str]] = {}
    for c in accuracy.load_cases(available_only=False):
        splits_of.setdefault((c.catalog, c.text.casefold()), set()).add(c.split)
    leaked = sorted(
        key[1] for key, splits in splits_of.items() if HELDOUT in splits and len(splits) > 1
    )
    assert leaked == []


def test_gold_labels_name_real_capabilities_and_verdicts():
    from dealcheck.catalog import load_catalog
    from dealcheck.report import VERDICTS

    catalogs: dict[Path, object] = {}
    problems = []
    for case in accuracy.load_cases():
        assert case.catalog_path is not None
        if case.catalog_path not in catalogs:
            catalogs[case.catalog_path] = load_catalog(str(case.catalog_path)).catalog
        catalog = catalogs[case.catalog_path]
        if case.verdict not in VERDICTS:
            problems.append(f"{case.case_id}: verdict {case.verdict!r}")
        for cap_id in sorted(case.gold_ids()):
            if catalog.capability(cap_id) is None:  # type: ignore[attr-defined]
                problems.append(f"{case.case_id}: no capability {cap_id!r}")
    assert problems == []


def test_customer_written_cases_say_where_their_wording_comes_from():
    # The held-out and *-customer dev files over the bundled and GitLab catalogues.
    missing = [
        c.case_id
        for c in accuracy.load_cases(["bundled", "gitlab"], available_only=False)
        if (c.split == HELDOUT or c.case_id.split("#")[0].endswith("-customer")) and not c.source
    ]
    assert missing == []
