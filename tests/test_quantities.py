"""Quantities and dates found in requirement text, normalised to canonical units."""

from __future__ import annotations

import datetime as dt

import pytest

from dealcheck.quantities import (
    ambiguous_numbers,
    end_of_life,
    extract_deadline,
    extract_quantities,
    labelled_counts,
)
from dealcheck.units import parse_unit

YEAR = 365 * 86400.0


@pytest.mark.parametrize(
    "text, value, dimension, unit",
    [
        ("We need 99.95% uptime", 99.95, "percent", "%"),
        ("99.9 percent availability", 99.9, "percent", "%"),
        ("at least 5,000 named users", 5000, "count", "user"),
        ("1.5k seats", 1500, "count", "seat"),
        ("10 million records", 10_000_000, "count", "record"),
        ("10 TB of storage", 10e12, "data", "TB"),
        ("2 GiB attachments", 2 * 2**30, "data", "GiB"),
        ("an RPO of 15 minutes", 900, "time", "minute"),
        ("audit logs retained for 7 years", 7 * YEAR, "time", "year"),
        ("within 4 business hours", 4 * 3600, "time", "hour"),
        ("RTO under 4h", 4 * 3600, "time", "hour"),
        ("a 30-day trial", 30 * 86400, "time", "day"),
        ("0 days of downtime a year", 0, "time", "day"),
        ("latency below 200 ms", 0.2, "time", "millisecond"),
        ("1k requests per second", 1000, "rate", "request/second"),
        ("600 requests/minute", 10, "rate", "request/minute"),
        ("100 rps", 100, "rate", "request/second"),
    ],
)
def test_quantity_is_found_and_normalised(text, value, dimension, unit):
    (q,) = extract_quantities(text)
    assert q.dimension == dimension
    assert q.unit == unit
    assert q.value == pytest.approx(value)
    assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "text",
    [
        "Support SAML 2.0 and TLS 1.2",
        "WCAG 2.1 AA",
        "ISO 27001 certified",
        "24/7 support",
        "SOC 2 Type II report",
        "Windows 11 and macOS 14",
        # A kind of threat, no duration (a review saw "zero-day" read as 0 days).
        "Sandboxing of attachments for zero-day malware",
        "Protection against 0-day exploits and zero day attacks",
    ],
)
def test_version_numbers_and_standards_are_not_quantities(text):
    assert extract_quantities(text) == []


@pytest.mark.parametrize(
    "text, bound",
    [
        ("at least 99.9% uptime", "min"),
        ("no less than 500 users", "min"),
        ("500 users or more", "min"),
        ("no more than 1 hour of data loss", "max"),
        ("less than 2 hours", "max"),
        ("within 30 minutes", "max"),
        ("99.9% uptime", None),
        # A bound of one direction, negated, is one of the other.
        ("uptime must not fall below 99.9%", "min"),
        ("latency must not go above 200 ms", "max"),
        ("the rate limit must not be lower than 1,000 requests per minute", "min"),
        ("latency shall not be more than 200 ms", "max"),
        ("CPU must not exceed 5%", "max"),
    ],
)
def test_bound_words(text, bound):
    assert extract_quantities(text)[0].bound == bound


@pytest.mark.parametrize(
    "text, bound, strict",
    [
        ("more than 90 days", "min", True),
        ("retained for over 90 days", "min", True),
        ("uptime above 99.9%", "min", True),
        ("in excess of 500 users", "min", True),
        ("RPO under 15 minutes", "max", True),
        ("fewer than 50 users", "max", True),
        ("retained for longer than 90 days", "min", True),
        ("uptime higher than 99.95%", "min", True),
        ("RPO lower than 15 minutes", "max", True),
        ("files smaller than 2 GB", "max", True),
        ("not more than 5 GB", "max", False),
        ("not to exceed 4 hours", "max", False),
        ("not lower than 99.9%", "min", False),
        ("less than 2 hours", "max", True),
        ("at least 90 days", "min", False),
        ("90 days or more", "min", False),
        ("no more than 1 hour of data loss", "max", False),
        ("no less than 500 users", "min", False),
        ("within 30 minutes", "max", False),
        ("99.9% uptime", None, False),
    ],
)
def test_strict_bounds_exclude_the_number_itself(text, bound, strict):
    found = extract_quantities(text)
    assert (found[0].bound, found[0].strict) == (bound, strict)
    assert found[0].as_dict()["strict"] is strict


def test_several_quantities_in_order():
    qs = extract_quantities("99.95% uptime, an RPO of 15 minutes and 10 TB of storage")
    assert [q.dimension for q in qs] == ["percent", "time", "data"]


@pytest.mark.parametrize(
    "text, date",
    [
        ("Delivered by Q3 2027", dt.date(2027, 9, 30)),
        ("live before 2027-03-01", dt.date(2027, 3, 1)),
        ("available by March 2027", dt.date(2027, 3, 31)),
        ("no later than H1 2027", dt.date(2027, 6, 30)),
        ("by the end of 2027", dt.date(2027, 12, 31)),
        ("live by mid-2027", dt.date(2027, 6, 30)),
        ("Must support SSO", None),
    ],
)
def test_deadlines(text, date):
    assert extract_deadline(text) == date


@pytest.mark.parametrize(
    "unit, dimension, factor",
    [
        ("%", "percent", 1.0),
        ("minute", "time", 60.0),
        ("year", "time", YEAR),
        ("TB", "data", 1e12),
        ("KiB", "data", 1024.0),
        ("request/minute", "rate", 1 / 60),
        ("rps", "rate", 1.0),
        ("user", "count", 1.0),
    ],
)
def test_catalogue_units(unit, dimension, factor):
    assert parse_unit(unit) == (dimension, pytest.approx(factor))


def test_unknown_unit():
    assert parse_unit("furlongs/fortnight^2") is None
    assert parse_unit("") is None


def test_growth_figure_is_the_same_kind_of_quantity():
    qs = extract_quantities("At least 2,000 named users at go-live, growing to 4,500 by 2027")
    assert [(q.value, q.unit) for q in qs] == [(2000, "user"), (4500, "user")]


def test_growth_figure_keeps_the_unit():
    qs = extract_quantities("5 TB now, scaling to 20 within two years")
    assert qs[1].value == pytest.approx(20e12) and qs[1].dimension == "data"


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("Audit logs retained for seven years", 7 * 365 * 86400.0, "year"),
        ("RPO of fifteen minutes", 900.0, "minute"),
        ("Up to ten thousand users", 10000.0, "user"),
        ("Twenty-four hour turnaround", 86400.0, "hour"),
        ("Four nines availability", 99.99, "%"),
        ("three nines", 99.9, "%"),
    ],
)
def test_numbers_written_as_words(text, value, unit):
    (q,) = extract_quantities(text)
    assert q.unit == unit and q.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["At least one admin must approve", "We need one place for it"])
def test_one_is_not_a_count(text):
    assert extract_quantities(text) == []


def test_catalogue_count_nouns():
    assert extract_quantities("We run 8 brands") == []
    (q,) = extract_quantities("We run 8 brands", frozenset({"brand"}))
    assert (q.value, q.unit) == (8.0, "brand")


@pytest.mark.parametrize(
    "clause, want",
    [
        ("Approval chains of more than three steps require Enterprise", [(">", 3.0, "steps")]),
        ("At most 10 approval steps per workflow", [("<=", 10.0, "approval")]),
        ("10 or more sites need Enterprise", [(">=", 10.0, "sites")]),
        ("25+ seats", [(">=", 25.0, "seats")]),
        ("Fewer than 5 users on Starter", [("<", 5.0, "users")]),
        ("Kubernetes 1.28 or later", []),
        ("Available from 2027", []),
        ("Not more than 1,000 cards per board", [("<=", 1000.0, "cards")]),
        ("No less than 10 users", [(">=", 10.0, "users")]),
        ("Exports of over 2 million rows", [(">", 2e6, "rows")]),
        ("Video clips longer than 60 seconds are not supported", [(">", 60.0, "seconds")]),
        ("10 or above seats", [(">=", 10.0, "seats")]),
        (
            "Projects with more than 200 tasks or 20 members require Pro",
            [(">", 200.0, "tasks"), (">", 20.0, "members")],
        ),
    ],
)
def test_thresholds_a_caveat_sets(clause, want):
    from dealcheck.quantities import thresholds

    assert [(sign, value, words[0]) for sign, value, words in thresholds(clause)] == want


@pytest.mark.parametrize(
    "text, want",
    [
        # An amount the ask leaves open upwards: "more than", "at least", "+", "a few".
        ("Export more than 100,000 rows", [(100000.5, "rows", True)]),
        ("At least 500 seats", [(500.0, "seats", True)]),
        ("500+ vehicles", [(500.0, "vehicles", True)]),
        (">500 vehicles", [(500.5, "vehicles", True)]),
        ("A few hundred thousand rows", [(100000.0, "rows", True)]),
        ("Fewer than 3 steps", [(2.5, "steps", False)]),
        ("Up to 1.5 million rows", [(1.5e6, "rows", False)]),
        ("50k rows", [(5e4, "rows", False)]),
        ("A staging environment", [(1.0, "staging", False)]),
        ("Webhooks to a dozen endpoints", [(12.0, "endpoints", False)]),
        ("5 sequential approval steps", [(5.0, "sequential", False)]),
    ],
)
def test_amounts_a_requirement_gives(text, want):
    from dealcheck.quantities import amounts

    got = [(value, words[0], open_above) for value, words, open_above in amounts(text)]
    assert got == want


@pytest.mark.parametrize(
    "text, per_day",
    [
        ("We need 6 backups per day", 6.0),
        ("at least two backups a day of all M365 data", 2.0),
        ("2 backups/hour for the finance databases", 48.0),
        ("12 snapshots per week", 12 / 7),
    ],
)
def test_catalogue_rate_nouns(text, per_day):
    assert all(q.dimension != "rate" for q in extract_quantities(text))
    (q,) = extract_quantities(text, rate_nouns=frozenset({"backup", "snapshot"}))
    assert q.dimension == "rate" and q.value * 86400 == pytest.approx(per_day)


@pytest.mark.parametrize(
    "text, per_month",
    [
        # Up to two words may say what the things counted do before their period ...
        ("Approx. 20k invoices go out each month", 20_000.0),
        ("We send 20,000 invoices each month", 20_000.0),
        ("About 1,500 invoices are issued every month", 1_500.0),
    ],
)
def test_a_catalogue_rate_with_what_its_things_do(text, per_month):
    (q,) = extract_quantities(text, rate_nouns=frozenset({"invoice"}))
    assert q.dimension == "rate" and q.unit == "invoice/month"
    assert q.value * 86400 * 365 / 12 == pytest.approx(per_month)


@pytest.mark.parametrize(
    "text, unit, per_month",
    [
        # A period the text names once elsewhere is the period of a catalogue's rate noun.
        ("Monthly volume of 5 million words", "word/month", 5_000_000.0),
        ("Annual volume: 30M words", "word/year", 2_500_000.0),
        # A capital M written onto the digits is a million, with the period after it.
        ("1.5M words/month throughput", "word/month", 1_500_000.0),
    ],
)
def test_a_catalogue_rate_with_its_period_named_apart(text, unit, per_month):
    (q,) = extract_quantities(text, rate_nouns=frozenset({"word"}))
    assert q.dimension == "rate" and q.unit == unit
    assert q.value * 86400 * 365 / 12 == pytest.approx(per_month)


@pytest.mark.parametrize(
    "text",
    [
        "5 million words in total",  # no period named: no rate
        "5 million words a year, billed monthly",  # two periods: which is unsaid
    ],
)
def test_no_rate_where_the_period_is_not_one(text):
    qs = extract_quantities(text, rate_nouns=frozenset({"word"}))
    assert [q.unit for q in qs if q.dimension == "rate"] in ([], ["word/year"])
    if "total" in text:
        assert qs == []


@pytest.mark.parametrize(
    "text, value",
    [("Store 2M records", 2e6), ("Up to 3M records.", 3e6), ("5m records", 5e6)],
)
def test_a_million_written_m(text, value):
    (q,) = extract_quantities(text)
    assert q.unit == "record" and q.value == value


@pytest.mark.parametrize("text", ["a 5m cable run", "Level 5M", "5 M", "eMMC 5M"])
def test_an_m_that_is_no_million(text):
    assert [q for q in extract_quantities(text) if q.dimension == "count"] == []


@pytest.mark.parametrize(
    "text",
    [
        # ... but not across another noun's conjunction or determiner: the period is
        # another thing's.
        "500 invoices and 20 credit notes each month",
        "We raise 2,000 invoices by the end of each month",
        "20k invoices for our customers each month",
        "We keep 300 invoices, each month",
    ],
)
def test_no_catalogue_rate_across_another_phrase(text):
    assert all(
        q.dimension != "rate" for q in extract_quantities(text, rate_nouns=frozenset({"invoice"}))
    )


@pytest.mark.parametrize(
    "text, counted",
    [
        # Up to two words may say which ...
        ("Support at least 600 customer price lists", (600.0, "list")),
        ("We need 2 sandbox tenants (UAT and staging)", (2.0, "tenant")),
        # ... the nearest noun counted wins, and "per" starts what it is counted against.
        ("Breakout rooms - up to 100 rooms per meeting", (100.0, "room")),
        # A word in "-ing" says which too (a review saw this left unread).
        ("We need 40 scanning devices at the gates", (40.0, "device")),
    ],
)
def test_a_catalogue_count_noun_after_words_that_say_which(text, counted):
    (q,) = extract_quantities(text, frozenset({"list", "tenant", "room", "meeting", "device"}))
    assert (q.value, q.unit) == counted


@pytest.mark.parametrize(
    "text",
    [
        "up to 100 people per meeting",  # "per" starts what it is counted against
        "Global payroll for 30 contractors across countries",  # a preposition
        "1000 attendees watching meetings",  # a plural noun, a verb in -ing
    ],
)
def test_a_count_is_not_read_across_other_words(text):
    # (100 people are counted as people, never as meetings.)
    found = extract_quantities(text, frozenset({"meeting", "country"}))
    assert not [q for q in found if q.unit in ("meeting", "country")]


DAY = 86400.0


@pytest.mark.parametrize(
    "text, seconds, bound",
    [
        ("The app must keep working offline for a full week", 7 * DAY, None),
        ("Job records must be kept for a decade", 3650 * DAY, None),
        ("Keep them for one decade", 3650 * DAY, None),
        ("Audit logs kept for at least a year", 365 * DAY, "min"),
        ("Critical tickets answered within an hour", 3600.0, "max"),
        ("Backups retained for a fortnight", 14 * DAY, None),
        ("Archive for three decades", 3 * 3650 * DAY, None),
    ],
)
def test_durations_written_with_an_article_or_in_decades(text, seconds, bound):
    """Regression: "offline for a full week" and "kept for a decade" held no quantity, so a
    limit of three days or seven years was never compared and the ask was supported."""
    (q,) = extract_quantities(text)
    assert q.dimension == "time" and q.value == pytest.approx(seconds) and q.bound == bound


@pytest.mark.parametrize(
    "text", ["Backups run once a week", "Support 24 hours a day", "Reviews twice a year"]
)
def test_an_article_without_a_preposition_is_a_rate_not_a_duration(text):
    assert [q.text for q in extract_quantities(text) if q.text.lower().startswith("a ")] == []


def test_through_a_date_is_a_date_the_requirement_needs():
    assert extract_deadline("The connector must remain supported through 2028") == dt.date(
        2028, 12, 31
    )
    assert extract_deadline("Available through the REST API") is None


@pytest.mark.parametrize(
    "texts, eol",
    [
        (["Replaced by the REST API; end of life on 2027-06-30"], dt.date(2027, 6, 30)),
        (["Retired in Q2 2027"], dt.date(2027, 6, 30)),
        (["Sunset June 2027", "EOL 2028"], dt.date(2027, 6, 30)),  # the earliest
        (["Supports up to 2048 rows"], None),  # a number, not an end of life
        (["Deprecated; use the REST API"], None),
    ],
)
def test_the_end_of_life_a_deprecated_capability_states(texts, eol):
    assert end_of_life(texts) == eol


def test_the_earliest_date_binds_a_delivery_and_the_latest_says_how_long():
    from dealcheck.quantities import needed_until

    # Regression from review: "through 2029" read first hid the earlier "by 2026".
    text = "Offline mode through 2029, by 2026"
    assert extract_deadline(text) == dt.date(2026, 12, 31)
    assert needed_until(text) == dt.date(2029, 12, 31)


@pytest.mark.parametrize(
    "text, eol",
    [
        ("End of life planned for 2027", dt.date(2027, 12, 31)),  # "for" is no month
        ("Retired during 2027", dt.date(2027, 12, 31)),
        ("Sunset in Sept 2027", dt.date(2027, 9, 30)),
    ],
)
def test_only_month_names_are_months(text, eol):
    assert end_of_life([text]) == eol


@pytest.mark.parametrize(
    "text, date",
    [
        # Read as "June 2027" or "2027" alone, these moved the deadline to the end of the
        # month or the year, and a roadmap item due in between looked on time.
        ("Must be live by 1 June 2027", dt.date(2027, 6, 1)),
        ("before the 1st of June 2027", dt.date(2027, 6, 1)),
        ("delivered by June 3, 2027", dt.date(2027, 6, 3)),
        ("no later than 30/06/2027", dt.date(2027, 6, 30)),  # day first
        ("no later than 06/30/2027", dt.date(2027, 6, 30)),  # month first
        ("by 15.03.2027", dt.date(2027, 3, 15)),
        ("by 2027/06/30", dt.date(2027, 6, 30)),
        ("by 30-06-2027", dt.date(2027, 6, 30)),
        ("by 2027.06.30", dt.date(2027, 6, 30)),
        ("live by 2027-03-01T09:00Z", dt.date(2027, 3, 1)),  # a timestamp
    ],
)
def test_full_dates_as_buyers_write_them(text, date):
    assert extract_deadline(text) == date


def test_a_date_that_reads_both_ways_is_read_the_cautious_way():
    """ "03/04/2027" is 3 April day-first and 4 March month-first: a delivery is due by the
    earlier, a capability is needed until the later, and an end of life comes at the
    earlier, so neither reading can make a late promise look safe."""
    from dealcheck.quantities import needed_until

    assert extract_deadline("by 03/04/2027") == dt.date(2027, 3, 4)
    assert needed_until("kept available until 03/04/2027") == dt.date(2027, 4, 3)
    assert end_of_life(["End of life 03/04/2027"]) == dt.date(2027, 3, 4)
    assert end_of_life(["Retired on 30 September 2027"]) == dt.date(2027, 9, 30)


@pytest.mark.parametrize(
    "text", ["by 31/02/2027", "by 2027/13/01", "by 0/0/2027", "by 31 June 2027"]
)
def test_a_full_date_that_is_no_real_day_is_read_as_any_day_of_its_year(text):
    """No real day: a delivery is due by the first day of the year, a capability is
    needed until its last, so neither reading can make a late promise look safe."""
    from dealcheck.quantities import needed_until

    assert extract_deadline(text) == dt.date(2027, 1, 1)
    assert needed_until(text) == dt.date(2027, 12, 31)
    assert end_of_life([f"End of life {text[3:]}"]) == dt.date(2027, 1, 1)


@pytest.mark.parametrize(
    "text, date",
    [
        ("needed by 2027-02", dt.date(2027, 2, 28)),
        ("needed by 02/2027", dt.date(2027, 2, 28)),
        ("live by Q1-2027", dt.date(2027, 3, 31)),
    ],
)
def test_a_month_written_in_numbers_is_its_last_day(text, date):
    assert extract_deadline(text) == date


def test_an_end_of_life_month_in_numbers_is_not_read_as_the_year_end():
    # The gap before a date must not skip "06/" and read "2027" alone.
    assert end_of_life(["Retired in 06/2027"]) == dt.date(2027, 6, 30)
    assert end_of_life(["End of life 2027-06"]) == dt.date(2027, 6, 30)


@pytest.mark.parametrize(
    "text, date",
    [
        ("Offline mode by H1-2027", dt.date(2027, 6, 30)),
        ("by Q1/2027", dt.date(2027, 3, 31)),
        ("by 2027 H1", dt.date(2027, 6, 30)),
        # "starting" or "as of" a date: it must be there on the period's first day ("from"
        # alone is too often a source: "archives from 2019").
        ("needed starting 01/2027", dt.date(2027, 1, 1)),
        ("live as of 2027-02", dt.date(2027, 2, 1)),
        ("Legal hold archiving from the start of 2027", dt.date(2027, 1, 1)),
        ("starting in Q3 2027", dt.date(2027, 7, 1)),
        ("as of H2 2027", dt.date(2027, 7, 1)),
        ("as of 15 March 2027", dt.date(2027, 3, 15)),
    ],
)
def test_halves_quarters_and_start_dates_as_buyers_write_them(text, date):
    assert extract_deadline(text) == date


@pytest.mark.parametrize(
    "text, eol",
    [
        ("Retired end-2027", dt.date(2027, 12, 31)),  # a year after a hyphen is still one
        ("Retired in H1-2027", dt.date(2027, 6, 30)),
        ("Removal planned for Q3/2027", dt.date(2027, 9, 30)),
    ],
)
def test_end_of_life_halves_quarters_and_hyphenated_years(text, eol):
    assert end_of_life([text]) == eol


def test_a_start_date_says_nothing_of_how_long_it_is_needed():
    from dealcheck.quantities import needed_until

    assert needed_until("Offline mode starting in 2027") is None
    assert needed_until("Offline mode starting in 2027, through 2029") == dt.date(2029, 12, 31)


@pytest.mark.parametrize(
    "text, until",
    [
        # "At least" says the need may last longer, never shorter: the date still binds.
        ("synchronised from Active Directory until at least 2029", dt.date(2029, 12, 31)),
        ("NPS surveys until at least mid-2028", dt.date(2028, 6, 30)),
        ("the connector is needed through at least Q2 2028", dt.date(2028, 6, 30)),
        ("until mid 2028", dt.date(2028, 6, 30)),
    ],
)
def test_how_long_a_need_lasts_when_it_says_at_least_or_mid_year(text, until):
    from dealcheck.quantities import needed_until

    assert needed_until(text) == until


def test_a_deprecated_capability_needed_until_at_least_a_later_year_is_at_risk(tmp_path):
    from dealcheck.catalog import load_catalog
    from dealcheck.engine import Engine
    from dealcheck.requirements import DealContext
    from tests.engine.conftest import requirement

    path = tmp_path / "eol.yaml"
    path.write_text(
        "product: P\ncapabilities:\n"
        "  - id: ldap-sync\n    name: LDAP directory sync\n    status: deprecated\n"
        "    description: Users synchronised from Active Directory over LDAP.\n"
        "    caveats: [The sync agent reaches end of life on 2027-12-31]\n"
    )
    engine = Engine(load_catalog(str(path)).catalog)
    text = "Users synchronised from Active Directory over LDAP until at least 2029"
    result, _, _ = engine.assess(requirement(text), DealContext())
    assert result.verdict == "partial" and result.at_risk
    assert any("end of life 2027-12-31" in r for r in result.reasons)


@pytest.mark.parametrize(
    "text, counts",
    [
        # A year-like number after a product's name is its version, not a count.
        ("Monitoring agent for Windows Server 2008 hosts", []),
        ("Migrate our SQL Server 2019 instances", []),
        # A count stays one: after a lower-case word, at the sentence's start, with a comma.
        ("We run 2024 hosts", [2024.0]),
        ("Support 2000 concurrent users", [2000.0]),
        ("Agents on 2,008 hosts", [2008.0]),
    ],
)
def test_a_products_year_like_version_is_no_count(text, counts):
    found = extract_quantities(text, frozenset({"host", "instance"}))
    assert [q.value for q in found if q.dimension == "count"] == counts


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        # A dotted number after a name in capitals is the name's version, not a count.
        ("SCIM 2.0 user provisioning and de-provisioning from Okta", []),
        ("SAML 2.0 users sign in through the IdP", []),
        ("OAuth 2.0 users", []),
        # ... but a capitalised first word is no name, and a multiplier makes a count.
        ("Approx 2.6 million contacts", [2_600_000.0]),
        ("We need 2.5k users", [2_500.0]),
        # A whole number after a name with a capital after a small letter is its version.
        ("Mobile autofill on iOS 15 devices", []),
        ("Agents for macOS 14 devices", []),
        # ... not after a plain word, nor with a thousands comma.
        ("Mobile autofill for 15 devices", [15.0]),
        ("Apps on iOS 1,500 devices", [1500.0]),
    ],
)
def test_a_version_after_a_name_is_no_count(text, counts):
    assert [q.value for q in extract_quantities(text) if q.dimension == "count"] == counts


def test_a_count_the_catalogue_counts_in_stays_one_after_a_mixed_case_name():
    # "listings" is a catalogue's count noun: "our eBay 500 listings" is compared with the
    # limit on listings, never passed over as eBay's version.
    found = extract_quantities("Sync our eBay 500 listings", frozenset({"listing"}))
    assert [(q.value, q.unit) for q in found if q.dimension == "count"] == [(500.0, "listing")]


@pytest.mark.parametrize(
    "text",
    [
        "Phone support 24 hours a day, 7 days a week",
        "Monitoring 24 hrs/day, 7 days/week, 365 days a year",
        "Support available 24 hours per day and 7 days per week",
    ],
)
def test_every_hour_of_every_day_is_no_quantity(text):
    # How much of the time an ask must hold ("24/7" written out), not a duration of 24
    # hours or 7 days that a response-time limit could be compared with.
    assert extract_quantities(text) == []


def test_a_duration_beside_round_the_clock_is_still_read():
    found = extract_quantities("24 hours a day, 7 days a week, with a 4 hour response")
    assert [(q.unit, q.value) for q in found] == [("hour", 4 * 3600.0)]


@pytest.mark.parametrize(
    "text, value, unit, bound",
    [
        # Contract style: the number in words and again in digits.
        ("Records retained for a minimum of fifteen (15) years", 15, "year", "min"),
        ("Notice of thirty (30) days", 30, "day", None),
        ("Audit logs kept for two (2) years", 2, "year", None),
        ("Up to one hundred (100) users", 100, "user", "min"),
    ],
)
def test_a_number_in_words_and_digits_is_one_number(text, value, unit, bound):
    (q,) = extract_quantities(text)
    assert (q.unit, q.bound) == (unit, bound)
    per = {"year": 365 * 86400.0, "day": 86400.0, "user": 1.0}[unit]
    assert q.value == value * per
    # The quantity is the words and the digits as written, so neither is read as a word
    # of the ask.
    assert q.text == text[q.start : q.end]
    assert q.text.split()[0].lower() in {"fifteen", "thirty", "two", "one"}


@pytest.mark.parametrize(
    "text",
    [
        "Training records retained for the duration of employment plus six (6) years",
        "Kept for the term of the contract plus 90 days",
        "Retained until termination + 6 years",
    ],
)
def test_a_duration_added_to_an_event_is_no_amount(text):
    # How long that is depends on the event: no length to compare with a limit.
    assert [q for q in extract_quantities(text) if q.dimension == "time"] == []


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("SSPR for our 26,000 people", 26000, "people"),
        ("Push MFA for our 40,000 staff", 40000, "staff"),
        ("Our 600 reps will all be running sequences", 600, "rep"),
        ("2,000 employees globally", 2000, "employee"),
        ("1,500 people on the road", 1500, "people"),
    ],
)
def test_people_are_counted(text, value, unit):
    (q,) = extract_quantities(text)
    assert (q.value, q.dimension, q.unit) == (value, "count", unit)


@pytest.mark.parametrize(
    "text",
    [
        # A word for people before another noun: that noun is what is counted.
        "Driver app for 1,500 staff drivers",
        "300 personnel files per employee",
        "16 worker threads",
        # A number joined by a hyphen describes what follows ("a 400-person all-hands" is
        # a meeting's size, not a head-count of the tenant); the caveat rule reads it.
        "E2EE for our 400-person all-hands",
        "Two-person approval for production changes",
        "a 3-member committee",
    ],
)
def test_words_for_people_that_count_no_people(text):
    assert not [q for q in extract_quantities(text) if q.dimension == "count"]


def test_a_hyphenated_count_counts_the_noun_it_is_joined_to():
    from dealcheck.quantities import amounts

    assert amounts("E2EE for our 400-person all-hands") == [(400.0, ("person",), False)]
    assert amounts("a 5-step approval workflow") == [(5.0, ("step",), False)]


@pytest.mark.parametrize(
    "text, value, unit",
    [
        # A decimal comma, as continental Europe writes it.
        ("Guaranteed availability of 99,95 % per calendar month", 99.95, "%"),
        ("2,5 TB of archive storage", 2.5e12, "TB"),
        ("2.500,75 GB of storage", 2500.75e9, "GB"),
        # Thousands grouped by dots (more than one: no English decimal) or by a no-break
        # or narrow no-break space.
        ("1.000.000 users", 1_000_000, "user"),
        # Lakhs grouped, as India writes them.
        ("1,50,000 users", 150_000, "user"),
        ("1\u202f200 named users", 1200, "user"),
        ("1\u00a0200 named users", 1200, "user"),
        # English forms as before; a share's dot is a decimal point.
        ("99.999% availability", 99.999, "%"),
        ("0.001% error rate", 0.001, "%"),
        ("1,200 named users", 1200, "user"),
        ("1.5 TB", 1.5e12, "TB"),
    ],
)
def test_numbers_as_continental_europe_writes_them(text, value, unit):
    (q,) = extract_quantities(text)
    assert q.unit == unit
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text, readings",
    [
        # Twelve in English, twelve thousand in German: no amount is guessed.
        ("The platform must support 12.000 named users", ("12.000", "12", "12,000")),
        ("Store 1.500 GB of files", ("1.500", "1.5", "1,500")),
        # One number with a plain space between its groups, or two side by side.
        ("The platform must support 1 200 named users", ("1 200", "1,200", "1 and 200")),
    ],
)
def test_a_number_that_reads_two_ways_is_no_amount(text, readings):
    assert extract_quantities(text) == []
    assert ambiguous_numbers(text) == [readings]


@pytest.mark.parametrize(
    "text, durations",
    [
        # The time over which something happens is no amount asked ...
        ("Around 30 legal entities will be onboarded over the next two years.", []),
        ("We have ~40k identities today, growing to 60k over three years.", []),
        ("Headcount will double within the coming 18 months", []),
        # ... but "over" alone is "more than", and a duration after growth elsewhere is one.
        ("Retention over 3 years", ["3 years"]),
        ("We will grow to 500 users; retention over 2 years is needed", ["2 years"]),
        ("Keep audit logs for 7 years", ["7 years"]),
    ],
)
def test_a_time_frame_is_no_duration(text, durations):
    from dealcheck.quantities import time_frame_spans

    got = [q.text for q in extract_quantities(text) if q.dimension == "time"]
    assert got == durations
    assert bool(time_frame_spans(text)) == (not durations)


LABELS = {"users": "user", "user": "user", "named users": "user", "seated capacity": "seat"}


@pytest.mark.parametrize(
    "text, want",
    [
        # A count written as a label and its value, as forms and spreadsheets do.
        ("Users: 5,000", (5000.0, "user", "5,000")),
        ("Number of named users: 12,000", (12000.0, "user", "12,000")),
        ("Seated capacity is 18,500; the seat map must hold the bowl", (18500.0, "seat", "18,500")),
        ("Users = approx. 2.5k", (2500.0, "user", "2.5k")),
    ],
)
def test_a_count_written_as_a_label_and_its_value(text, want):
    (q,) = labelled_counts(text, LABELS)
    assert (q.value, q.unit, q.text) == want
    assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "text",
    [
        "Users: 5,000 active",  # a noun after the value: another count
        "SSO for users of Windows 10",  # words between the label and the number
        "Users 18 and over may register",
        "Users: one per team",
    ],
)
def test_no_labelled_count_where_the_value_is_not_the_labels(text):
    assert labelled_counts(text, LABELS) == []
