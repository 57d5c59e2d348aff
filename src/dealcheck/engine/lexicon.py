"""The lexicon: general language knowledge the matcher uses, read from lexicon.yaml.

Stop words, RFP filler, stem families and the acronym glossary are data, not code:
each entry in ``lexicon.yaml`` (shipped inside the package) says where it comes from.
This module only reads and checks the file; :mod:`dealcheck.engine.text` turns it
into the tables matching uses, once, at import.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import yaml

try:  # libyaml's C parser: the file is read on every run, so parse it fast
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

LEXICON_FILE = "lexicon.yaml"

#: table -> the keys an entry of it has (all required)
_SHAPES: dict[str, frozenset[str]] = {
    "stopwords": frozenset({"source", "words"}),
    "filler": frozenset({"source", "words"}),
    "stem_families": frozenset({"source", "families"}),
    "own_stems": frozenset({"source", "families"}),
    "spelling_variants": frozenset({"source", "min_before", "endings"}),
    "glossary": frozenset({"source", "term", "forms"}),
    "prepositions": frozenset({"source", "words"}),
    "determiners": frozenset({"source", "words"}),
    "flow_verbs": frozenset({"source", "words"}),
    "run_verbs": frozenset({"source", "words"}),
    "keeping_words": frozenset({"source", "words"}),
    "clause_qualifiers": frozenset({"source", "words"}),
    "populations": frozenset({"source", "term", "forms", "outside"}),
    "concepts": frozenset({"source", "words"}),
    "caveat_boilerplate": frozenset({"source", "words"}),
    "edition_units": frozenset({"source", "words"}),
    "whole_capability": frozenset({"source", "words"}),
    "connection_nouns": frozenset({"source", "words"}),
    "component_nouns": frozenset({"source", "words"}),
    "software_clients": frozenset({"source", "before", "after"}),
    "acronyms_ending_in_s": frozenset({"source", "words"}),
    "deployment_context": frozenset({"source", "words"}),
    "negations": frozenset({"source", "words"}),
    "residency_words": frozenset({"source", "words"}),
    "offering_verbs": frozenset({"source", "words"}),
    "availability_words": frozenset({"source", "words"}),
    "modals": frozenset({"source", "words"}),
    "means_prepositions": frozenset({"source", "words"}),
    "opposites": frozenset({"source", "one", "other"}),
    "server_editions": frozenset({"source", "words"}),
    "coordinators": frozenset({"source", "words"}),
    "describing_participles": frozenset({"source", "words"}),
    "adding_verbs": frozenset({"source", "words"}),
    "counting_nouns": frozenset({"source", "words"}),
    "people_nouns": frozenset({"source", "words"}),
    "account_nouns": frozenset({"source", "words"}),
    "gathering_nouns": frozenset({"source", "words"}),
    "write_verbs": frozenset({"source", "words"}),
    "viewing_verbs": frozenset({"source", "words"}),
    "acting_verbs": frozenset({"source", "words"}),
    "language_names": frozenset({"source", "words"}),
    "country_names": frozenset({"source", "words"}),
    "home_base_words": frozenset({"source", "words"}),
    "incumbent_words": frozenset({"source", "words"}),
    "audience_nouns": frozenset({"source", "words"}),
    "frequencies": frozenset({"source", "forms"}),
    "frequency_not_before": frozenset({"source", "words"}),
    "verb_prefixes": frozenset({"source", "words"}),
    "extent_words": frozenset({"source", "words"}),
    "amount_framing": frozenset({"source", "words"}),
    "bound_prefixes": frozenset({"source", "words"}),
    "more_than_one": frozenset({"source", "words"}),
    "place_clause_words": frozenset({"source", "words"}),
    "not_aside_openers": frozenset({"source", "words"}),
    "conversation": frozenset({"source", "kind", "forms"}),
    "device_platforms": frozenset({"source", "platform", "devices"}),
}

#: The kinds of the conversation table: the parts of a message's framing.
CONVERSATION_KINDS = (
    "greeting",
    "address",
    "informal_address",
    "opener",
    "asker",
    "aside",
    "sign_off",
    "sign_off_abbreviation",
)


class LexiconError(ValueError):
    """lexicon.yaml is malformed: a packaging or editing mistake, never user input."""


@dataclass(frozen=True)
class Lexicon:
    stopwords: frozenset[str]
    filler: frozenset[str]
    #: word families; every word's stem folds onto the first word's stem
    stem_families: tuple[tuple[str, ...], ...]
    #: word families the stemmer folds onto another word's stem ("customer" onto
    #: "custom"): every word of one stems to the family's first word as written
    own_stems: tuple[tuple[str, ...], ...]
    #: (British ending, American ending, letters needed before it), longest ending first
    spelling_variants: tuple[tuple[str, str, int], ...]
    #: term -> the forms rewritten to it, in file order (the first form wins a clash)
    glossary: dict[str, tuple[str, ...]]
    #: words that join a qualifier to the phrase it narrows ("support *in* German")
    prepositions: frozenset[str]
    #: modals and auxiliaries of a finite verb phrase ("the apps *must* conform to")
    modals: frozenset[str]
    #: prepositions of means ("payable *by* bank transfer only")
    means_prepositions: frozenset[str]
    #: pairs of ways of working, the narrower first ("one-way" and "two-way" sync): each
    #: side's forms as written
    opposites: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    #: the word after a product's name that makes it its server edition ("Exchange Server")
    server_editions: frozenset[str]
    #: words that join two asks rather than one ask to another ("SSO *and* SCIM")
    coordinators: frozenset[str]
    #: boilerplate participles that, after an article, describe a caveat's subject
    describing_participles: frozenset[str]
    #: verbs after which a description names what an edition adds ("Enterprise *adds*")
    adding_verbs: frozenset[str]
    #: words that may stand between them ("support in *our* ...")
    determiners: frozenset[str]
    #: verbs of data moving between parts of a product, with the adverbs that may follow
    #: them ("feeding straight into")
    flow_verbs: frozenset[str]
    #: verbs that say something runs again or is brought up to date ("refresh")
    run_verbs: frozenset[str]
    #: words for keeping something for a time ("kept", "retained", "storage")
    keeping_words: frozenset[str]
    #: first words of a clause that qualifies an ask instead of adding one ("including")
    clause_qualifiers: frozenset[str]
    #: group of people -> the words that name it ("staff": agent, employee, ...)
    populations: dict[str, tuple[str, ...]]
    #: the groups who work with the organisation without being its staff or customers
    outside_groups: frozenset[str]
    #: acronyms of general concepts ("API", "URL"): never read as a product name
    concepts: frozenset[str]
    #: words a caveat uses to say what is (not) offered, which name nothing it speaks of
    caveat_boilerplate: frozenset[str]
    #: nouns that may follow an edition's name ("the Team *edition*", "an Enterprise
    #: *subscription*")
    edition_units: frozenset[str]
    #: words a caveat uses about a capability as a whole, not a part of it ("this
    #: *feature* *needs* Enterprise")
    whole_capability: frozenset[str]
    #: nouns naming a link to another product ("Salesforce *integration*", "Jira
    #: *connector*")
    connection_nouns: frozenset[str]
    #: nouns for a piece of software built for another product or language ("Java
    #: *agent*", "Python *client*"): no part of that product's name
    component_nouns: frozenset[str]
    #: the words before "client" ("*desktop* client", "*VPN* client") and after it
    #: ("client*-side*", "client *certificate*") that make it a piece of software
    software_client_before: frozenset[str]
    software_client_after: frozenset[str]
    #: acronyms whose last letter is S ("HTTPS", "FTPS"), never read as a plural
    acronyms_ending_in_s: frozenset[str]
    #: words that say where a product runs ("installed", "hosting", "deployment")
    deployment_context: frozenset[str]
    #: words that reject what they stand beside ("not", "never", "without")
    negations: frozenset[str]
    #: words for where data is kept ("EU data *residency*", "UK data *hosting*")
    residency_words: frozenset[str]
    #: words that say to whom or how a capability is available ("available in French",
    #: "shared with partners"); read by the relative-clause rule
    availability_words: frozenset[str]
    #: verbs that say what a capability offers ("does not *provide* SSO", "not
    #: *included*"); a clause negating one takes back what it names
    offering_verbs: frozenset[str]
    #: nouns of counting that may stand between an ask for no limit and the metric it is
    #: on ("no cap on the *number* of users")
    counting_nouns: frozenset[str]
    #: nouns that count people in general ("people", "staff", "employees")
    people_nouns: frozenset[str]
    #: nouns a product counts people by as its accounts ("users", "seats")
    account_nouns: frozenset[str]
    #: nouns for the people at one meeting or event ("participants", "attendees")
    gathering_nouns: frozenset[str]
    #: verbs of changing what a system keeps: what "read-only" takes back
    write_verbs: frozenset[str]
    #: verbs of looking at what a system shows: what a "view-only" caveat keeps
    viewing_verbs: frozenset[str]
    #: verbs of acting on what is looked at: more than a "view-only" caveat keeps
    acting_verbs: frozenset[str]
    #: the English names of languages ("italian", "japanese"): capitalised mid-sentence,
    #: a name even where it is an everyday word
    language_names: frozenset[str]
    #: the countries' one-word English names and their usual short forms ("germany",
    #: "korea", "uk"): what kind of name a word is, where a caveat keeps to a list of places
    country_names: frozenset[str]
    #: words that say where the buyer's own people sit ("our team *in* Ireland")
    home_base_words: frozenset[str]
    #: words for what the buyer already runs ("from our *legacy* ERP")
    incumbent_words: frozenset[str]
    #: nouns for the people an organisation serves ("our existing *subscribers*")
    audience_nouns: frozenset[str]
    #: how often something runs, one tuple of forms per step, most often first
    #: (("real time", ...), ("every minute", ...), ("hourly", ...), ("daily", ...), ...)
    frequencies: tuple[tuple[str, ...], ...]
    #: nouns a frequency word qualifies as a kind ("hourly *rates*")
    frequency_not_before: frozenset[str]
    verb_prefixes: frozenset[str]
    extent_words: frozenset[str]
    amount_framing: frozenset[str]
    bound_prefixes: frozenset[str]
    more_than_one: frozenset[str]
    #: words a caveat clause about places uses around them ("EU-hosted *accounts*", "in
    #: *all* regions *except* APAC"), which name no part of the capability
    place_clause_words: frozenset[str]
    #: words that, right after "(not", make an aside widen or soften the ask ("(not
    #: mandatory)", "(not less than 99.5%)") instead of excluding something
    not_aside_openers: frozenset[str]
    #: the framing of a question written as a message, by kind (greeting, address,
    #: informal_address, opener, asker, aside, sign_off, sign_off_abbreviation): "Hi
    #: team, quick q from our ops lead - ... Thanks!"
    conversation: dict[str, tuple[str, ...]]
    #: a device's name as written in lower case ("iphones", "macbook") -> the operating
    #: system it runs ("ios", "macos")
    device_platforms: dict[str, str]


def load_lexicon() -> Lexicon:
    """The lexicon shipped with the package."""
    text = files("dealcheck.engine").joinpath(LEXICON_FILE).read_text(encoding="utf-8")
    return parse_lexicon(yaml.load(text, Loader=_Loader))


def parse_lexicon(data: Any) -> Lexicon:
    """Check the loaded YAML and build the :class:`Lexicon`; :class:`LexiconError` if wrong."""
    if not isinstance(data, dict) or set(data) != set(_SHAPES):
        raise LexiconError(f"{LEXICON_FILE}: expected exactly the tables {sorted(_SHAPES)}")
    entries = {table: _entries(data, table) for table in _SHAPES}
    glossary: dict[str, tuple[str, ...]] = {}
    seen_forms: dict[str, str] = {}
    for where, entry in entries["glossary"]:
        term = _word(entry["term"], f"{where}: term")
        if term in glossary:
            raise LexiconError(f"{where}: term {term!r} is listed twice")
        forms = tuple(_word(f, f"{where}: form") for f in _list(entry["forms"], where))
        for form in forms:
            if form in seen_forms:
                owner = seen_forms[form]
                raise LexiconError(f"{where}: form {form!r} is already a form of {owner!r}")
            seen_forms[form] = term
        glossary[term] = forms
    families = tuple(
        tuple(_word(w, f"{where}: family word") for w in _list(family, where))
        for where, entry in entries["stem_families"]
        for family in _list(entry["families"], where)
    )
    if any(len(family) < 2 for family in families):
        raise LexiconError(f"{LEXICON_FILE}: stem_families: a family needs two words or more")
    own_stems = tuple(
        tuple(_word(w, f"{where}: family word") for w in _list(family, where))
        for where, entry in entries["own_stems"]
        for family in _list(entry["families"], where)
    )
    variants: list[tuple[str, str, int]] = []
    for where, entry in entries["spelling_variants"]:
        before = entry["min_before"]
        if not isinstance(before, int) or isinstance(before, bool) or before < 1:
            raise LexiconError(f"{where}: `min_before` must be a whole number of letters")
        for pair in _list(entry["endings"], where):
            if not isinstance(pair, list) or len(pair) != 2:
                raise LexiconError(f"{where}: an ending is a [British, American] pair")
            british, american = (_word(w, f"{where}: ending") for w in pair)
            variants.append((british, american, before))
    variants.sort(key=lambda v: -len(v[0]))
    populations: dict[str, tuple[str, ...]] = {}
    outside: set[str] = set()
    for where, entry in entries["populations"]:
        group = _word(entry["term"], f"{where}: term")
        if group in populations:
            raise LexiconError(f"{where}: group {group!r} is listed twice")
        populations[group] = tuple(_word(f, f"{where}: form") for f in _list(entry["forms"], where))
        if not isinstance(entry["outside"], bool):
            raise LexiconError(f"{where}: `outside` must be true or false")
        if entry["outside"]:
            outside.add(group)
    conversation: dict[str, tuple[str, ...]] = {kind: () for kind in CONVERSATION_KINDS}
    for where, entry in entries["conversation"]:
        kind = entry["kind"]
        if kind not in conversation:
            raise LexiconError(f"{where}: `kind` must be one of {list(CONVERSATION_KINDS)}")
        forms = tuple(_word(f, f"{where}: form") for f in _list(entry["forms"], where))
        conversation[kind] += forms
    opposites = tuple(
        (
            tuple(_word(f, f"{where}: one") for f in _list(entry["one"], where)),
            tuple(_word(f, f"{where}: other") for f in _list(entry["other"], where)),
        )
        for where, entry in entries["opposites"]
    )
    device_platforms: dict[str, str] = {}
    for where, entry in entries["device_platforms"]:
        platform = _word(entry["platform"], f"{where}: platform")
        for device in sorted(_words([(where, entry)], "devices")):
            if device in device_platforms:
                raise LexiconError(f"{where}: device {device!r} is listed twice")
            device_platforms[device] = platform
    return Lexicon(
        stopwords=_words(entries["stopwords"]),
        filler=_words(entries["filler"]),
        stem_families=families,
        own_stems=own_stems,
        spelling_variants=tuple(variants),
        glossary=glossary,
        prepositions=_words(entries["prepositions"]),
        modals=_words(entries["modals"]),
        means_prepositions=_words(entries["means_prepositions"]),
        opposites=opposites,
        server_editions=_words(entries["server_editions"]),
        coordinators=_words(entries["coordinators"]),
        describing_participles=_words(entries["describing_participles"]),
        adding_verbs=_words(entries["adding_verbs"]),
        determiners=_words(entries["determiners"]),
        flow_verbs=_words(entries["flow_verbs"]),
        run_verbs=_words(entries["run_verbs"]),
        keeping_words=_words(entries["keeping_words"]),
        clause_qualifiers=_words(entries["clause_qualifiers"]),
        populations=populations,
        outside_groups=frozenset(outside),
        concepts=_words(entries["concepts"]),
        caveat_boilerplate=_words(entries["caveat_boilerplate"]),
        edition_units=_words(entries["edition_units"]),
        whole_capability=_words(entries["whole_capability"]),
        connection_nouns=_words(entries["connection_nouns"]),
        component_nouns=_words(entries["component_nouns"]),
        software_client_before=_words(entries["software_clients"], "before"),
        software_client_after=_words(entries["software_clients"], "after"),
        acronyms_ending_in_s=_words(entries["acronyms_ending_in_s"]),
        deployment_context=_words(entries["deployment_context"]),
        negations=_words(entries["negations"]),
        residency_words=_words(entries["residency_words"]),
        availability_words=_words(entries["availability_words"]),
        offering_verbs=_words(entries["offering_verbs"]),
        counting_nouns=_words(entries["counting_nouns"]),
        people_nouns=_words(entries["people_nouns"]),
        account_nouns=_words(entries["account_nouns"]),
        gathering_nouns=_words(entries["gathering_nouns"]),
        write_verbs=_words(entries["write_verbs"]),
        viewing_verbs=_words(entries["viewing_verbs"]),
        acting_verbs=_words(entries["acting_verbs"]),
        language_names=_words(entries["language_names"]),
        country_names=_words(entries["country_names"]),
        home_base_words=_words(entries["home_base_words"]),
        incumbent_words=_words(entries["incumbent_words"]),
        audience_nouns=_words(entries["audience_nouns"]),
        frequencies=tuple(
            tuple(_word(f, f"{where}: form") for f in _list(entry["forms"], where))
            for where, entry in entries["frequencies"]
        ),
        frequency_not_before=_words(entries["frequency_not_before"]),
        verb_prefixes=_words(entries["verb_prefixes"]),
        extent_words=_words(entries["extent_words"]),
        amount_framing=_words(entries["amount_framing"]),
        bound_prefixes=_words(entries["bound_prefixes"]),
        more_than_one=_words(entries["more_than_one"]),
        place_clause_words=_words(entries["place_clause_words"]),
        not_aside_openers=_words(entries["not_aside_openers"]),
        conversation=conversation,
        device_platforms=device_platforms,
    )


def _entries(data: dict[str, Any], table: str) -> list[tuple[str, dict[str, Any]]]:
    """(a name for error messages, entry) of one table, each checked for its keys."""
    items = data[table]
    if not isinstance(items, list) or not items:
        raise LexiconError(f"{LEXICON_FILE}: {table}: expected a list of entries")
    out = []
    for n, entry in enumerate(items, start=1):
        where = f"{LEXICON_FILE}: {table} entry {n}"
        if not isinstance(entry, dict) or set(entry) != _SHAPES[table]:
            raise LexiconError(f"{where}: expected the keys {sorted(_SHAPES[table])}")
        if not isinstance(entry["source"], str) or not entry["source"].strip():
            raise LexiconError(f"{where}: `source` must say where the entry comes from")
        out.append((where, entry))
    return out


def _words(entries: list[tuple[str, dict[str, Any]]], key: str = "words") -> frozenset[str]:
    found: set[str] = set()
    for where, entry in entries:
        if not isinstance(entry[key], str):
            raise LexiconError(f"{where}: `{key}` must be one string of words")
        found.update(_word(w, f"{where}: word") for w in entry[key].split())
    return frozenset(found)


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise LexiconError(f"{where}: expected a non-empty list")
    return value


def _word(value: Any, where: str) -> str:
    # Strings only: an unquoted YAML `no` or `on` would otherwise arrive as a bool.
    if not isinstance(value, str) or not value.strip() or value != value.strip().lower():
        raise LexiconError(f"{where}: {value!r} must be a lower-case string")
    return value
