"""The lexicon data file: it ships, loads, cites its sources, stays general, and folds."""

from __future__ import annotations

import copy
import textwrap
from importlib.resources import files
from pathlib import Path

import pytest
import yaml

from dealcheck.catalog import load_catalog
from dealcheck.engine import Engine, text
from dealcheck.engine.lexicon import LEXICON_FILE, LexiconError, load_lexicon, parse_lexicon
from dealcheck.engine.match import ALL_SIGNALS
from dealcheck.requirements import DealContext
from tests.engine.conftest import requirement

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = {
    "bundled": ROOT / "capabilities.yaml",
    "helpdesk": ROOT / "bench" / "catalogs" / "helpdesk.yaml",
    "gitlab": ROOT.parent / "shared" / "data" / "gitlab" / "capabilities.yaml",
}
#: Ids these catalogues borrow from general vocabulary: a standard's acronym or its
#: spelled-out form names the capability. The lexicon knows these words on its own
#: account; any other id it spells is a catalogue's name leaking into general knowledge.
GENERAL_WORD_IDS = frozenset(
    {
        "byok",
        "csm",
        "disaster-recovery",
        "dlp",
        "dynamic-application-security-testing",
        "e-signature",
        "feature-flags",
        "gdpr",
        "hipaa",
        "interactive-application-security-testing",
        "mdm",
        "mfa",
        "rbac",
        "scim",
        "static-application-security-testing",
        "two-factor",
    }
)


def raw_lexicon() -> dict:
    source = files("dealcheck.engine").joinpath(LEXICON_FILE).read_text(encoding="utf-8")
    return yaml.safe_load(source)


def normal(phrase: str) -> str:
    return " ".join(phrase.lower().replace("-", " ").split())


def test_the_lexicon_ships_in_the_package_and_feeds_the_text_tables():
    assert files("dealcheck.engine").joinpath(LEXICON_FILE).is_file()
    lexicon = load_lexicon()
    assert text.STOPWORDS == lexicon.stopwords and {"the", "of", "with"} <= text.STOPWORDS
    assert text.FILLER == lexicon.filler and {"must", "vendor", "solution"} <= text.FILLER
    assert text.GLOSSARY == lexicon.glossary
    assert "single sign-on" in text.GLOSSARY["sso"]
    assert "2024" not in text.GLOSSARY


def test_every_entry_says_where_it_comes_from():
    data = raw_lexicon()
    assert set(data) == {
        "stopwords",
        "filler",
        "stem_families",
        "own_stems",
        "spelling_variants",
        "glossary",
        "prepositions",
        "determiners",
        "flow_verbs",
        "run_verbs",
        "keeping_words",
        "clause_qualifiers",
        "populations",
        "concepts",
        "caveat_boilerplate",
        "edition_units",
        "whole_capability",
        "connection_nouns",
        "component_nouns",
        "software_clients",
        "acronyms_ending_in_s",
        "deployment_context",
        "negations",
        "residency_words",
        "availability_words",
        "offering_verbs",
        "modals",
        "means_prepositions",
        "opposites",
        "server_editions",
        "coordinators",
        "describing_participles",
        "adding_verbs",
        "counting_nouns",
        "people_nouns",
        "account_nouns",
        "gathering_nouns",
        "write_verbs",
        "viewing_verbs",
        "acting_verbs",
        "language_names",
        "country_names",
        "home_base_words",
        "incumbent_words",
        "audience_nouns",
        "frequencies",
        "frequency_not_before",
        "place_clause_words",
        "not_aside_openers",
        "verb_prefixes",
        "extent_words",
        "amount_framing",
        "bound_prefixes",
        "more_than_one",
        "conversation",
        "device_platforms",
    }
    for table, entries in data.items():
        assert entries, table
        for entry in entries:
            source = entry.get("source")
            assert isinstance(source, str) and len(source.split()) >= 2, (table, entry)


def valid() -> dict:
    return copy.deepcopy(raw_lexicon())


def without_source(data: dict) -> None:
    del data["glossary"][0]["source"]


def misspelt_key(data: dict) -> None:
    data["filler"][0]["sorce"] = data["filler"][0].pop("source")


def yaml_boolean_form(data: dict) -> None:
    data["glossary"][0]["forms"].append(False)  # what an unquoted `no` becomes


def duplicate_term(data: dict) -> None:
    data["glossary"].append(copy.deepcopy(data["glossary"][0]))


def form_of_two_terms(data: dict) -> None:
    data["glossary"][1]["forms"].append(data["glossary"][0]["forms"][0])


def upper_case_word(data: dict) -> None:
    data["stopwords"][0]["words"] += " The"


def lone_family_word(data: dict) -> None:
    data["stem_families"][0]["families"].append(["retain"])


def outside_as_text(data: dict) -> None:
    data["populations"][0]["outside"] = "yes"


def unknown_conversation_kind(data: dict) -> None:
    data["conversation"][0]["kind"] = "farewell"


def device_of_two_platforms(data: dict) -> None:
    data["device_platforms"][1]["devices"] += " " + data["device_platforms"][0]["devices"]


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (without_source, "glossary entry 1: expected the keys"),
        (misspelt_key, "filler entry 1: expected the keys"),
        (yaml_boolean_form, "must be a lower-case string"),
        (duplicate_term, "is listed twice"),
        (form_of_two_terms, "is already a form of"),
        (upper_case_word, "'The' must be a lower-case string"),
        (lone_family_word, "a family needs two words"),
        (outside_as_text, "`outside` must be true or false"),
        (unknown_conversation_kind, "conversation entry 1: `kind` must be one of"),
        (device_of_two_platforms, "device_platforms entry 2: device 'iphone' is listed twice"),
    ],
)
def test_a_malformed_lexicon_is_refused_with_the_entry_named(damage, message):
    parse_lexicon(valid())  # the shipped file is fine
    data = valid()
    damage(data)
    with pytest.raises(LexiconError, match=message):
        parse_lexicon(data)


def test_an_empty_source_is_refused():
    data = valid()
    data["glossary"][0]["source"] = "  "
    with pytest.raises(LexiconError, match="glossary entry 1: `source` must say"):
        parse_lexicon(data)


def lexicon_phrases() -> dict[str, set[str]]:
    lexicon = load_lexicon()
    return {
        "erasing": set(lexicon.stopwords) | set(lexicon.filler),
        "folding": {w for family in lexicon.stem_families for w in family},
        "glossary": set(lexicon.glossary) | {f for fs in lexicon.glossary.values() for f in fs},
    }


@pytest.mark.parametrize("name", sorted(CATALOGS))
def test_no_entry_names_a_capability_id(name):
    path = CATALOGS[name]
    if not path.is_file():
        pytest.skip(f"{path} is not here")
    ids = {cap.id for cap in load_catalog(str(path)).catalog.capabilities}
    phrases = lexicon_phrases()
    by_phrase = {normal(i): i for i in ids}
    # Stop words, filler and stem families must never touch a capability's id: they
    # would erase it from every requirement or merge it with another word.
    for table in ("erasing", "folding"):
        assert not {by_phrase[p] for p in map(normal, phrases[table]) if p in by_phrase}, table
    # The glossary may spell an id only where the catalogue took it from general usage.
    spelt = {by_phrase[p] for p in map(normal, phrases["glossary"]) if p in by_phrase}
    assert spelt <= GENERAL_WORD_IDS, spelt - GENERAL_WORD_IDS


def test_no_entry_quotes_a_benchmark_sentence():
    sentences = set()
    for path in (ROOT / "bench" / "corpus").rglob("*.yaml"):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            sentence = normal(str(case["text"]))
            if len(sentence.split()) >= 4:  # shorter cases are terms ("BYOK"), not sentences
                sentences.add(sentence)
    assert sentences, "the benchmark corpus is part of the repository"
    everything = set().union(*lexicon_phrases().values())
    assert not {p for p in everything if normal(p) in sentences}


@pytest.mark.parametrize(
    "family", load_lexicon().stem_families, ids=lambda family: "-".join(family)
)
def test_each_stem_family_folds_words_the_stemmer_leaves_apart(family):
    assert len({text.stem(w) for w in family}) == 1
    # ... and each of its words needed folding: no entry is a no-op (each read in its
    # American spelling, as every word is).
    first = text._snowball(text.american(family[0]))
    assert all(text._snowball(text.american(w)) != first for w in family[1:])


@pytest.mark.parametrize("written", ["on-prem", "on prem", "on-premise", "On-Premises"])
def test_on_prem_is_read_as_on_premises(written):
    """A family whose first word a spelling variant rewrites ("premises" read as
    "premizes") folds its clippings onto that reading."""
    assert text.tokens(f"SharePoint {written}") == text.tokens("SharePoint on-premises")


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("licence", "license"),
        ("licences", "licenses"),
        ("colour", "color"),
        ("behaviours", "behaviors"),
        ("catalogue", "catalog"),
        ("centre", "center"),
        ("fibre", "fiber"),
        ("analyse", "analyze"),
        ("anonymisation", "anonymization"),
        ("programme", "program"),
        ("defence", "defense"),
        ("judgement", "judgment"),
    ],
)
def test_british_spellings_meet_american_ones(british, american):
    assert text.stem(british) == text.stem(american)


@pytest.mark.parametrize("word", ["prise", "four", "hour", "tour", "rise"])
def test_short_words_are_never_respelt(word):
    # Too few letters before the ending: "prise" is not "prize", "hour" not "hor".
    assert text.american(word) == word


@pytest.mark.parametrize(
    ("one", "other"),
    [("prise", "prize"), ("four", "for"), ("advice", "advise"), ("device", "devise")],
)
def test_distinct_words_stay_apart(one, other):
    assert text.stem(one) != text.stem(other)


def malformed_ending(data: dict) -> None:
    data["spelling_variants"][0]["endings"].append(["ise"])


def test_a_malformed_spelling_variant_is_refused():
    data = valid()
    malformed_ending(data)
    with pytest.raises(LexiconError, match="an ending is a"):
        parse_lexicon(data)


def test_derivations_and_spellings_meet():
    assert text.tokens("retention period") == text.tokens("retained periods")
    assert text.stem("personalisation") == text.stem("personalized")
    assert text.stem("organisation") == text.stem("organization")
    assert text.stem("synchronisation") == text.stem("sync")
    assert text.stem("organic") != text.stem("organisation")
    assert text.tokens("auto-reject") == text.tokens("automatic rejection")
    assert text.stem("automated") == text.stem("automatic")
    # Clippings read as the word they clip.
    for clipped, whole in [("repos", "repositories"), ("envs", "environments"), ("vulns",
        "vulnerabilities"), ("creds", "credentials"), ("infra", "infrastructure")]:  # fmt: skip
        assert text.tokens(clipped) == text.tokens(whole), clipped


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("single sign-on", "SSO"),
        ("Single Sign On", "SSO"),
        ("single-sign-on", "sso"),
        ("k8s", "Kubernetes"),
        ("K8s", "kubernetes"),
        ("multi-factor authentication", "MFA"),
        ("whitelisting", "allowlist"),
        ("Azure AD", "Microsoft Entra ID"),
        ("Azure Active Directory", "Entra ID"),
        ("software bill of materials", "SBOM"),
        ("bill of materials", "sbom"),
        ("Sarbanes-Oxley", "SOX"),
        ("mean time to restore", "MTTR"),
        ("HTTP Strict Transport Security", "HSTS"),
        ("knowledge base", "KB"),
        ("feature toggles", "feature flags"),
        ("sprint", "iteration"),
    ],
)
def test_an_acronym_and_its_expansion_meet(spelling, canonical):
    canon = text.Canon()
    assert canon.tokens(spelling) == canon.tokens(canonical)
    assert len(canon.tokens(spelling)) == 1


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("MRs", "merge request"),
        ("CVEs", "CVE"),
        ("SDKs", "software development kit"),
        ("2FAs", "2FA"),
        ("IPs", "IP"),
        ("IDs", "ID"),
    ],
)
def test_an_acronyms_plural_is_its_singular(plural, singular):
    canon = text.Canon()
    assert canon.tokens(plural) == canon.tokens(singular)


@pytest.mark.parametrize("word", ["Mrs", "mrs", "Windows", "SaaS", "K8s", "HTTPs", "FTPs"])
def test_words_that_only_end_in_s_are_not_acronym_plurals(word):
    # "Mrs" has one capital, "Windows" is a word, "K8s" a numeronym, "HTTPs" is HTTPS:
    # all as before.
    assert text.tokens(word) == [text.stem(word.lower())]


CATALOG = """\
product: Example
editions: [standard]
capabilities:
  - id: login
    name: Single sign-on
    description: One login through the company identity provider.
  - id: containers
    name: Kubernetes deployment
    description: Run the product on a cluster the customer operates.
  - id: audit
    name: Audit log
    description: Every administrative action recorded with who, what and when.
  - id: export
    name: Data export
    description: Download all content as CSV or JSON at any time.
  - id: webhooks
    name: Webhooks
    description: Signed HTTPS callbacks when records change.
  - id: backups
    name: Daily backups
    description: Encrypted backups kept for thirty days.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    path = tmp_path_factory.mktemp("cat") / "capabilities.yaml"
    path.write_text(textwrap.dedent(CATALOG), encoding="utf-8")
    # The word signals only: the semantic model can link "K8s" to Kubernetes by itself.
    return Engine(load_catalog(str(path)).catalog, ALL_SIGNALS - {"semantic"})


@pytest.mark.parametrize(
    ("ask", "capability"),
    [
        ("We need SSO", "login"),
        ("Deploy it on K8s", "containers"),
    ],
)
def test_the_glossary_matches_what_the_catalogue_never_spells(engine, ask, capability):
    # The catalogue neither says "SSO" nor "K8s": only the lexicon links them.
    result, _, _ = engine.assess(requirement(ask), DealContext(edition="standard"), verbose=True)
    assert [c.id for c in result.capabilities] == [capability]
    assert result.verdict == "supported"


def test_own_stems_keep_words_the_stemmer_would_fold_onto_another():
    """Regression: "customers" stemmed to "custom", so "our customers fill in forms" matched
    a capability named "custom forms" and "customer roles" met "custom roles"."""
    assert text.stem("customers") == text.stem("customer") != text.stem("custom")
    assert text.tokens("customer roles") != text.tokens("custom roles")
    for family in load_lexicon().own_stems:
        # each family is needed: the stemmer alone would fold its words onto another's
        assert text._snowball(family[0]) != family[0]


@pytest.mark.parametrize("hedge", ["roughly", "approximately", "approx", "circa"])
def test_a_hedge_around_a_number_is_not_part_of_the_ask(engine, hedge):
    # "We send roughly 2,500 envelopes a month": the hedge qualifies the number; counted
    # as content it was a word no capability explains, and held a plain match back.
    analysis = engine.matcher.analyse(f"We need {hedge} 5 TB of file storage")
    content = {analysis.toks[k] for k in analysis.content}
    assert content and not any(tok.startswith(hedge[:5]) for tok in content), content


@pytest.mark.parametrize(
    "written, expected",
    [
        ("We're rolling out SSO", ["roll", "sso"]),
        ("They\u2019re on SSO", ["sso"]),
        ("Approvers re-approve", ["approv", "re", "approv"]),
        ("Approvers 're-approve' edits", ["approv", "re", "approv", "edit"]),
        ("Approvers re\u2013approve edits", ["approv", "re", "approv", "edit"]),
        ("RE: call recording", ["call", "record"]),
        ("Approvers re\u2014approve edits", ["approv", "re", "approv", "edit"]),
        ("Approvers (re)approve edits", ["approv", "re", "approv", "edit"]),
        ("Approvers re -approve edits", ["approv", "re", "approv", "edit"]),
    ],
)
def test_a_contractions_re_is_dropped_and_the_prefix_re_is_kept(written, expected):
    assert text.tokens(written) == expected
    assert [s[0] for s in text.token_spans(written)] == expected


def test_single_letters_either_side_of_a_spaced_ampersand_are_one_initialism():
    assert text.tokens("A Q & A board") == text.tokens("A Q&A board") == ["q&a", "board"]
    assert text.tokens("R & D and M & A") == ["r&d", "m&a"]
    # Longer words either side, spaced, stay two ("IT & HR": two departments).
    assert text.tokens("IT & HR teams") == ["hr", "team"]
    spans = text.token_spans("Our Q & A board")
    assert [(s[1], "Our Q & A board"[s[2] : s[3]]) for s in spans][0] == ("q & a", "Q & A")
