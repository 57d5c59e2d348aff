"""``unexplained-name``: a name no matched capability mentions narrows the ask.

"Audit logs pushed to Datadog", "SCIM provisioning from Ping Identity": a
vendor, product or standard (capitalised mid-sentence, mixed case, or an
acronym) that none of the matched capabilities mentions is a target or a
condition the catalogue cannot confirm. Where a more specific capability
mentions it (an alias "Datadog" on a SIEM export), that capability is matched
too and explains it. Ordinary words capitalised for a title or emphasis
("Windows laptops", "Severity 1") are not names: English word frequencies
(:mod:`dealcheck.engine.vocabulary`) tell them apart. A language (lexicon.yaml:
language_names) other than those a capability names, where it names some, is a name
however common the word: "Transcription of Italian calls" against a caveat
"Transcription in English, Spanish, French and German only". A name outside such a list,
of the list's kind (a country, a language, a coded name), rules the capability out: the
answer is ``unsupported`` (:func:`names_outside`). A country is a name however it is
written ("sms to customers in germany"), and so is every hour of every day ("24/7",
"round the clock") wherever it stands, unless the capabilities' own texts say it.

In a text written all in lower case ("do you support firefox for the linkedin
plugin"), where capitals say nothing, a word that is no English word, none the
catalogue uses or clips ("admin", "config"), and none with an English inflection
("onboarding") is a name.

A name written as letters and a number ("HS256", "Ed25519") is one too, unless the
capability uses it, written its way or with a space or hyphen ("AES-256"). So is a term
of the glossary written out in lower case ("interactive voice response", "content
delivery network"), unless it is a general concept or an everyday word ("web browser").

A word RFPs use everywhere ("service", "platform") is a name too inside a run of
capitalised words with a brand in it: "Salesforce Service Cloud" is not the catalogue's
"Sales Cloud".

Where a caveat clause keeps the capability to a list of names ("WooCommerce and Adobe
Commerce only"), an alias naming another ("Shopify") is a phrase customers use, not one
the capability works with: it is mentioned only if the name, description or caveats say
it. And there a filler word capitalised mid-sentence right before one of the capability's
own words ("a *Go* server library" beside "Java, Python and PHP only") is a name.

A system the buyer already runs, joined to the ask by a preposition ("Migrate tickets
*from our old help desk*", "sync *with our existing ticketing tool*"), is a name written in
lower case too: every word of it must be one an answer mentions (a ticketing capability
that says "service desk" does not say it works with another help desk).

A model or product line written right after a one-word name of the capability's "only"
list ("Honeywell *CT40*", "Dell *Latitude*" against "Dell, HP and Lenovo hardware
only") is that name's, and mentioned.

Fires: "Audit logs pushed to Datadog" when only an audit-log capability matches.
Does not fire: "SAML SSO with our Okta tenant" when the SSO capability lists Okta, nor
on the month of a date ("live by 1 February 2027").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from dealcheck.engine.analyse import ROUND_THE_CLOCK, Analysis
from dealcheck.engine.candidates import Reason
from dealcheck.engine.index import CatalogIndex
from dealcheck.engine.rules import (
    Evidence,
    date_or_label,
    initials_of,
    kept_to,
    looks_like_a_name,
    model_of_listed,
    own_product,
)
from dealcheck.engine.rules.caveat import condition_clauses
from dealcheck.engine.text import (
    CLAUSES,
    FILLER,
    KEEPS_TO_ONLY,
    LEXICON,
    POSSESSIVES,
    stem,
    tokens,
)
from dealcheck.engine.text import words as word_list
from dealcheck.engine.vocabulary import is_common_word, is_real_word
from dealcheck.quantities import date_spans

ID = "unexplained-name"

#: Words that join a qualifier to what it narrows (lexicon.yaml: prepositions).
PREPOSITIONS = LEXICON.prepositions
#: The glossary's terms as the matcher reads them ("ivr" for "interactive voice response").
_TERMS = frozenset(stem(term) for term in LEXICON.glossary)


#: A name written as two or more letters and digits ("HS256", "Ed25519", "ES384", "EAL2",
#: "WPA3", "IPv6"): an algorithm, a model, a standard. One letter is too often a priority,
#: a level or a quarter ("P1", "L2", "Q3"), and one digit after fewer than two capitals a
#: tier or a generation ("Tier1", "Gen2"); the version rule reads a name the capability
#: writes with another number ("SOC1" against "SOC 2").
_CODED = re.compile(r"([A-Za-z]{2,})(\d+)")
#: Capitals a code with one digit is written with ("EAL2", "IPv6"; not "Gen2").
_CODED_ONE_DIGIT_CAPITALS = 2


def _keeps_to_names(caveat: str) -> bool:
    """A caveat with a clause that keeps the capability to a list of names ("Zendesk and
    Intercom only"): a capital past the clause's first word. Not "PAP only; EAP-TLS is not
    supported", which keeps to one protocol and names others only to take them back."""
    return any(
        KEEPS_TO_ONLY.search(clause) is not None
        and any(w[:1].isupper() for w in clause.split()[1:])
        for clause in CLAUSES.split(caveat)
    )


#: The most lower-case words (besides "and", "or") a caveat clause may hold to be a bare
#: list of names ("Stripe, Adyen and Braintree only", "Google Workspace and Microsoft 365
#: calendars only"), not a sentence about a part ("Mobile apps are audited against WCAG
#: 2.1 A only").
LIST_WORDS = 1


def name_list_caveat(cap: Any, index: CatalogIndex) -> str | None:
    """The caveat with a clause that is a bare list of names the capability keeps to, of
    which an alias of its own, capitalised, is one ("WooCommerce" beside "WooCommerce and
    Adobe Commerce only"): then its aliases and the list name the same kind of thing. A
    list of places or of card gateways beside aliases that are payment methods or card
    brands is another kind ("Bancontact" beside "Netherlands, Belgium and Poland only")."""
    named = [set(index.canon.tokens(a)) for a in cap.aliases if a[:1].isupper()]
    for caveat in cap.caveats:
        for clause in CLAUSES.split(caveat):
            if KEEPS_TO_ONLY.search(clause) is None:
                continue
            written = [w.strip(",.;:()") for w in clause.split()]
            if not any(w[:1].isupper() for w in written[1:]):
                continue
            lower = [w for w in written if w[:1].islower() and w not in ("and", "or", "only")]
            if len(lower) > LIST_WORDS:
                continue
            listed = set(index.canon.tokens(clause))
            if any(alias and alias <= listed for alias in named):
                return caveat
    return None


def aliases_of_the_list(cap: Any, index: CatalogIndex) -> bool:
    """Whether the capability keeps to a bare list of names its aliases belong to
    (:func:`name_list_caveat`)."""
    return name_list_caveat(cap, index) is not None


def _general_term(word: str) -> bool:
    """A general concept's acronym as written, or its plural ("MRs", "CVEs", "APIs")."""
    lower = word.lower()
    if lower in LEXICON.concepts:
        return True
    return word[:-1].isupper() and word.endswith("s") and lower[:-1] in LEXICON.concepts


def _explained(index: CatalogIndex, doc: int) -> frozenset[str]:
    """The words (canonical tokens) a capability explains as names."""
    cap = index.docs[doc].cap
    mentioned = set(index.docs[doc].weights)
    if aliases_of_the_list(cap, index):
        # Where a caveat keeps the capability to a list of names ("WooCommerce and
        # Adobe Commerce only") that its aliases name some of, an alias naming another
        # one ("Shopify") is a phrase customers use, not one the capability offers:
        # only the name, description and caveats say what it works with.
        said = {
            t
            for text_of in (cap.name, cap.description or "", *cap.caveats)
            for t in index.canon.tokens(text_of)
        }
        mentioned -= {
            t
            for alias in cap.aliases
            for w in alias.split()
            if w[:1].isupper() and not w.isupper()
            for t in index.canon.tokens(w)
        } - said
    # A caveat clause that offers something under an edition or add-on names it too
    # ("SMS one-time passcodes require the Messaging Pack"), and so does one that says
    # what it works with ("Okta and Microsoft Entra ID only"). One that takes
    # something back ("Google Cloud KMS is not supported") or says it is not there yet
    # ("Azure Key Vault is planned") names nothing it offers.
    for clause in condition_clauses(index, cap):
        mentioned.update(index.canon.tokens(clause))
    mentioned.update(index.docs[doc].offered_tokens)
    return frozenset(mentioned)


def _after_a_preposition(text: str, start: int) -> bool:
    """Whether the word at ``start`` stands right after a preposition ("numbers *in*
    German", "files straight *from* Box"), or after one and the buyer's possessive, with
    at most one word between ("on *our* Zebra printers", "on our *existing* Zebra
    printers": what the buyer already runs)."""
    before = text[max(0, start - 30) : start].lower().split()
    if (before or [""])[-1] in PREPOSITIONS:
        return True
    return any(w in POSSESSIVES for w in before[-2:]) and any(
        w in PREPOSITIONS for w in before[-4:-1]
    )


#: The prepositions that join a system to the ask as where data comes from or goes to
#: ("*from* our old help desk", "*into* our legacy ledger", "sync *with* our existing
#: ticketing tool").
SYSTEM_JOINERS = frozenset({"from", "with", "into", "to", "in"})
#: The most words read as the name of a system the buyer already runs.
INCUMBENT_NAME_WORDS = 3
#: Words for groups of people (lexicon.yaml: people_nouns, audience_nouns, populations):
#: "to our existing subscribers" names whom, not a system.
_PEOPLE_WORDS = (
    LEXICON.people_nouns
    | LEXICON.audience_nouns
    | frozenset(w for forms in LEXICON.populations.values() for w in forms)
)
#: The buyer's own possessives ("our", "their"; not the vendor's "your").
_BUYERS = ("our", "their")
#: A joiner, the buyer's possessive and a word for what the buyer already runs (lexicon.yaml:
#: incumbent_words): "from our old ", "with our existing ".
_INCUMBENT = re.compile(
    r"\b(?:"
    + "|".join(sorted(SYSTEM_JOINERS))
    + r")\s+(?:"
    + "|".join(_BUYERS)
    + r")\s+(?:"
    + "|".join(sorted(LEXICON.incumbent_words))
    + r")\s+",
    re.IGNORECASE,
)


def _incumbent_systems(analysis: Analysis, explained: set[str] | frozenset[str]) -> list[str]:
    """A system the buyer already runs, joined to the ask ("Migrate tickets *from our old
    help desk*", "sync *with our existing ticketing tool*"), written in lower case:
    its words (at most ``INCUMBENT_NAME_WORDS``, up to the first word that is no content)
    are a name every one of which an answer must mention. A capability about tickets that
    says "service desk" does not say it works with another help desk. Not what the buyer
    keeps ("keep our existing numbers", with no preposition before it), nor people ("to
    our existing subscribers"), nor a system named with capitals ("our existing
    Salesforce org", "our legacy CRM"), which the names above are read as."""
    text, spans = analysis.rewritten, analysis.spans
    content = set(analysis.content)
    found: list[str] = []
    for m in _INCUMBENT.finditer(text):
        name: list[int] = []
        for k in range(len(spans)):
            if spans[k][2] < m.end():
                continue
            gap = text[spans[name[-1]][3] if name else m.end() : spans[k][2]]
            if gap.strip() or k not in content or spans[k][1] in _PEOPLE_WORDS:
                break
            name.append(k)
            if len(name) == INCUMBENT_NAME_WORDS:
                break
        written = [text[spans[k][2] : spans[k][3]] for k in name]
        if any(w[:1].isupper() for w in written):
            continue  # a vendor's name ("our existing Salesforce org"): read as names are
        if name and not all(spans[k][0] in explained for k in name):
            found.append(text[spans[name[0]][2] : spans[name[-1]][3]])
    return found


def unexplained_names(
    analysis: Analysis,
    index: CatalogIndex,
    place_tokens: frozenset[str],
    docs: list[int],
    deal_edition: frozenset[str] = frozenset(),
) -> list[str]:
    """Names in the requirement that none of the capabilities ``docs`` mentions."""
    words: set[str] = set()
    for doc in docs:
        words |= index.per_doc("names explained", doc, lambda d: _explained(index, d))
    text, spans = analysis.rewritten, analysis.spans

    def capitalised(k: int) -> bool:
        w = text[spans[k][2] : spans[k][3]]
        return spans[k][2] > 0 and w[:1].isupper() and w.isalpha()

    found: list[str] = []
    spans_of_dates: list[tuple[int, int]] | None = None

    def dates() -> list[tuple[int, int]]:
        nonlocal spans_of_dates
        if spans_of_dates is None:
            spans_of_dates = date_spans(text)
        return spans_of_dates

    numbered = {pair for doc in docs for pair in index.docs[doc].numbered_anywhere}
    languages_said: set[str] | None = None

    def another_language(word: str) -> bool:
        """A language other than those the capabilities name, where they name some: a
        name however common ("Transcription of Italian calls" against a caveat
        "Transcription in English, Spanish, French and German only"). Where they name
        none, a language's name may say whose the ask is ("for the Irish business")."""
        nonlocal languages_said
        if word not in LEXICON.language_names:
            return False
        if languages_said is None:
            languages_said = {
                w
                for doc in docs
                for text_of in _texts(index.docs[doc].cap)
                for w in word_list(text_of)
                if w in LEXICON.language_names
            }
        return bool(languages_said) and word not in languages_said

    # Every hour of every day ("24/7 email support", "phone support round the clock"):
    # how much of the time the ask must hold, no content word, but a term the
    # capabilities' own texts must say (a catalogue that sells a 24/7 tier beside
    # business-hours support says it of the tier, not of the support).
    for k, span in enumerate(spans):
        if span[0] == ROUND_THE_CLOCK and span[0] not in words and k not in analysis.aside:
            found.append(text[span[2] : span[3]])
            break
    # Written all in lower case ("do you support firefox for the linkedin plugin"), a
    # text's capitals say nothing: a word that is no English word, and none the
    # catalogue uses ("onboarding"), is read as a name.
    in_lower_case = not any(ch.isupper() for ch in text)
    # A region's name of several words written whole ("United Kingdom", "Asia Pacific") is
    # a place, which the region checks read; one word of it alone ("Asia") is not.
    whole_places = index.region_name_positions(analysis.toks)
    parts = index.region_name_parts
    # The catalogue's own product ("in the *CRM*" asked of "Tallyhall CRM") is the product
    # the ask is put to, not a system it must work with ("our existing CRM" is one).
    own = own_product(analysis, index)
    for k in analysis.content:
        tok, _, start, end = spans[k]
        original = text[start:end]
        if k in whole_places or k in own:
            continue
        if tok in parts:
            place_tokens = place_tokens - {tok}  # "Asia" alone is no "Asia Pacific"
        if original.lower() in LEXICON.country_names or _nationality(original):
            # A country is a name however it is written ("sms to customers in germany"),
            # and so is its adjective ("SMS to Mexican mobile numbers"): where the ask
            # must work, which a capability that never says it does not confirm.
            if not (tok in words or tok in place_tokens):
                found.append(original)
            continue
        # The first word, capitalised as every first word is, read as a word of a text in
        # lower case would be: a list's cells often open with the product's name ("Qlik
        # Sense dashboards", "Trello boards").
        first = k == 0 and original[:1].isupper() and original[1:].islower()
        if (
            (in_lower_case or first)
            and original.lower() not in index.vocabulary
            and _lower_case_name(original.lower(), k, analysis)
            # A word clipped from one the catalogue uses ("auth", "admin", "config") is
            # that word.
            and not any(v.startswith(original.lower()) for v in index.vocabulary)
            # (A first word too short to be typo-corrected and one edit from a catalogue
            # word is misspelt, no name: "Quck order".)
            and not (first and _one_edit_from(original.lower(), index))
        ):
            if not (tok in words or tok in place_tokens or _general_term(original)):
                found.append(original)
            continue
        coded = _CODED.fullmatch(original)
        if coded is not None and len(coded[2]) == 1:
            if sum(ch.isupper() for ch in coded[1]) < _CODED_ONE_DIGIT_CAPITALS:
                coded = None
        if coded is not None and original[:1].isupper() and not date_or_label(original):
            # A name written as letters and a number ("HS256", "Ed25519"): the catalogue's
            # own ("RS256", "AES-256" as "AES256") is mentioned; another is not.
            if tok in words or any(name == stem(coded[1].lower()) for name, _ in numbered):
                continue  # mentioned; or a release of a name it numbers: the version rule's
            if model_of_listed(index, docs, analysis, k):
                continue
            found.append(original)
            continue
        # A term written out in lower case ("interactive voice response", "content
        # delivery network") names a thing as an acronym would: one no answer mentions,
        # not even by one of its words ("large file storage" of a file storage
        # capability), is not confirmed. General concepts and everyday words ("web
        # browser") are not names.
        if (
            " " in original
            and tok in _TERMS
            and tok not in words
            and not set(tokens(original)) & words
            and not _general_term(tok)
            and not is_common_word(tok)
        ):
            found.append(original)
            continue
        # A folded expansion ("Active Directory" read as one term) is one name.
        # (A name written with an ampersand, "AT&T", "H&M", is letters too.)
        letters = original.replace(" ", "").replace("&", "")
        if not looks_like_a_name(original, start) or not letters.isalpha():
            continue  # "Q1", "2027", "SOC 2": dates and numbered names have their own rules
        if tok in words or tok in place_tokens or _general_term(original):
            continue  # mentioned, a place, or general IT vocabulary (lexicon.yaml)
        if tok in deal_edition:
            continue  # the edition the deal quotes: a term of the deal
        if any(a <= start and end <= b for a, b in dates()):
            continue  # "by 1 February 2027": a date, which the deadline check reads
        if any(initials_of(original, index, doc) for doc in docs):
            continue  # the initials of the capability's own words ("PM", "FTFR", "PMs")
        if model_of_listed(index, docs, analysis, k):
            continue
        neighbours = [j for j in (k - 1, k + 1) if 0 <= j < len(spans) and capitalised(j)]
        in_a_proper_noun = bool(neighbours)
        # Capitalised right after a preposition ("numbers *in German*", "customers *on
        # Irish* numbers") is a name, not a word capitalised for a title.
        after_preposition = _after_a_preposition(text, start)
        if (
            not original.isupper()
            and not in_a_proper_noun
            and not after_preposition
            and is_common_word(original)
            and not another_language(original.lower())
        ):
            # "Severity 1", "Windows laptops": ordinary words, capitalised.
            continue
        found.append(original)
    # A system the buyer already runs, joined to the ask ("from our old help desk").
    for system in _incumbent_systems(analysis, words | place_tokens):
        if system not in found:
            found.append(system)
    if sum(capitalised(k) for k in range(len(spans))) <= TITLE_CASE * len(spans):
        # A filler word is no content word, so nothing above read it; capitalised
        # mid-sentence it may be a name: right after a preposition ("files straight from
        # *Box*", "connect with *Make*"), or, where a capability keeps to a list of names
        # ("Java, Python and PHP only"), right before the capability's own words ("a *Go*
        # server library"): the thing the list is of.
        content = set(analysis.content)
        listing = [d for d in docs if any(_keeps_to_names(c) for c in index.docs[d].cap.caveats)]
        heads = {t for d in listing for t in index.docs[d].name_tokens}
        for k in range(len(spans)):
            tok, word, start, end = spans[k]
            original = text[start:end]
            if (
                k in content
                or word not in FILLER
                or not capitalised(k)
                or not original[1:].islower()
                or tok in words
                or tok in place_tokens
            ):
                continue
            names_the_list = (
                k + 1 < len(spans)
                and spans[k + 1][0] in heads
                and not text[end : spans[k + 1][2]].strip()
            )
            if _after_a_preposition(text, start) or names_the_list:
                found.append(original)
    if any(spans[k][1] in FILLER for k in range(len(spans)) if k not in set(analysis.content)):
        said = set().union(
            *(index.per_doc("stems said", doc, lambda d: _stems_said(index, d)) for doc in docs)
        )
        found.extend(_filler_in_names(analysis, said, capitalised))
    return found


#: The shortest word read as a name in a text written all in lower case: shorter ones
#: are too often abbreviations ("pls", "thx").
MIN_LOWER_CASE_NAME = 4


def _one_edit_from(word: str, index: CatalogIndex) -> bool:
    """Whether a catalogue word is one edit from ``word`` (a typo of it, as the matcher's
    corrector reads typos, but for words of any length)."""
    from rapidfuzz import process  # only for a first word that could be a name
    from rapidfuzz.distance import DamerauLevenshtein

    return (
        process.extractOne(
            word, index.vocabulary, scorer=DamerauLevenshtein.distance, score_cutoff=1
        )
        is not None
    )


def _lower_case_name(word: str, k: int, analysis: Analysis) -> bool:
    """Whether a word of a text written all in lower case is a name: no English word
    ("firefox", "jumpcloud"), no misspelling the matcher corrected, and no word with an
    English inflection ("onboarding", "webhooks": jargon the word list lacks; a name is
    seldom inflected)."""
    return (
        word.isalpha()
        and len(word) >= MIN_LOWER_CASE_NAME
        and k not in analysis.corrected
        and not is_real_word(word)
        and stem(word) == word
    )


def _texts(cap: Any) -> list[str]:
    return [cap.name, *cap.aliases, cap.description or "", *cap.caveats]


def _stems_said(index: CatalogIndex, doc: int) -> frozenset[str]:
    """The stems of every word a capability's texts use, filler included."""
    return frozenset(stem(w) for text_of in _texts(index.docs[doc].cap) for w in word_list(text_of))


#: Share of a requirement's words written with a capital above which it is in title
#: case ("The Platform Must Support SSO"): capitals then say nothing of names.
TITLE_CASE = 0.6


def _filler_in_names(
    analysis: Analysis, said: set[str], capitalised: Callable[[int], bool]
) -> list[str]:
    """Filler words inside a product name ("Salesforce *Service* Cloud"): dropped from
    the ask's content, they would let "Salesforce Service Cloud" pass for the catalogue's
    "Sales Cloud". A run of capitalised words that holds an uncommon word (a brand) is a
    name, and every filler word in it must be one the capabilities' texts use (``said``:
    their stems, filler included)."""
    text, spans = analysis.rewritten, analysis.spans
    content = set(analysis.content)
    if not spans or sum(capitalised(k) for k in range(len(spans))) > TITLE_CASE * len(spans):
        return []
    # The first word may be a brand too ("Salesforce Service Cloud ...").
    caps = [
        text[spans[k][2] : spans[k][3]][:1].isupper() and text[spans[k][2] : spans[k][3]].isalpha()
        for k in range(len(spans))
    ]
    found = []
    k = 0
    while k < len(spans):
        if not caps[k]:
            k += 1
            continue
        run = [k]
        while (
            run[-1] + 1 < len(spans)
            and caps[run[-1] + 1]
            and not text[spans[run[-1]][3] : spans[run[-1] + 1][2]].strip(" -")
        ):
            run.append(run[-1] + 1)  # the next word, with nothing but a space between
        k = run[-1] + 1
        names = [text[spans[j][2] : spans[j][3]] for j in run]
        if (
            spans[run[0]][1] in FILLER
            and not text[: spans[run[0]][2]].strip()
            and not all(is_common_word(n) for n in names[1:])
        ):
            # A filler word that opens the text is capitalised as its first word ("Current
            # SOC 2 report", "Native Salesforce integration"), not as part of the name.
            run, names = run[1:], names[1:]
        if len(run) < 2 or all(is_common_word(n) for n in names):
            continue  # one word, or ordinary words capitalised
        for j, name in zip(run, names):
            if j not in content and spans[j][1] in FILLER and spans[j][0] not in said:
                found.append(name)
    return found


#: The stems of the countries' names (lexicon.yaml: country_names), which their
#: adjectives share (stem_families: "Canadian" stems to "canada").
_COUNTRY_STEMS = frozenset(stem(c) for c in LEXICON.country_names)


def _nationality(word: str) -> bool:
    """Whether ``word`` is a country's adjective ("Canadian", "Swiss"), not its name."""
    lower = word.lower()
    return lower not in LEXICON.country_names and stem(lower) in _COUNTRY_STEMS


def _kind(word: str) -> str:
    """What kind of name a word is: a country (or its adjective), a language, a coded
    name or any other."""
    lower = word.lower()
    if lower in LEXICON.country_names or _nationality(word):
        return "country"
    if lower in LEXICON.language_names:
        return "language"
    if _CODED.fullmatch(word):
        return "coded"
    return "name"


def _shape(word: str) -> tuple[int, int]:
    """How many letters and digits a coded name has ("RS256": 2 and 3)."""
    coded = _CODED.fullmatch(word)
    return (len(coded[1]), len(coded[2])) if coded else (0, 0)


#: Words of a caveat's clause that say nothing of *what* it keeps to a list: "only", the
#: words about places and availability (lexicon.yaml: place_clause_words,
#: availability_words, flow_verbs) and the joining words.
LIST_FRAME = (
    {"only", "is", "are", "be"}
    | LEXICON.place_clause_words
    | LEXICON.availability_words
    | LEXICON.flow_verbs
    | LEXICON.prepositions
    | LEXICON.determiners
    | LEXICON.coordinators
)


def clause_names(clause: str) -> tuple[list[str], list[str]]:
    """A list clause's words as written, and the names it lists: its capitalised words,
    not the first where that is capitalised only as a first word is ("Toll-free numbers
    in the US, Canada and UK only": US, Canada, UK)."""
    raw = [w.strip(",.:()\"'") for w in clause.split()]
    listed = [
        w for i, w in enumerate(raw) if w and w[:1].isupper() and (i > 0 or _kind(w) != "name")
    ]
    return raw, listed


def names_outside(kept: str, names: list[str], evidence: Evidence, doc: int) -> list[str]:
    """The names of the ask that the capability's list rules out: "Japanese" against
    "English, Spanish and French only", "HS256" against "RS256 and ES256 only", "Mexico"
    against "SMS in US and Canada only".

    Only lists of a kind whose members can be told: countries (every item one; a list
    with a region or continent, "US, Europe and Asia only", has members a word cannot
    tell), languages, and coded names of one shape (letters and digits as many as the
    list's: "PS256" against "RS256", not "ISO27001"). A list of products is an open kind
    ("AWS KMS only" against "Azure Key Vault"): a person decides. And only

    * where the ask names nothing on the list (then the list is met, and the other name
      says something else: "SMS for our US customers; our team in Ireland sends them");
    * where the list is the capability's own, not a part's: the clause's other words
      ("SMS" in "SMS in US and Canada only") are in the capability's name or the ask (or
      an alias, where the ask names one of them beyond the name: "Phone support in
      English ... only" of a helpdesk called "site support", asked for by phone)
      ("Toll-free numbers in the US and UK only" says nothing of the local numbers
      asked for in Germany, though an alias says "toll-free numbers");
    * for a country that is the ask's whole name as written ("San Diego" is no San
      Marino) and not where the buyer's own people sit ("our team in Ireland",
      lexicon.yaml: home_base_words).
    """
    analysis = evidence.analysis
    clause = next(c for c in kept.split(";") if KEEPS_TO_ONLY.search(c))
    raw, listed = clause_names(clause)
    if not listed:
        return []
    asked = set(word_list(analysis.text))
    if {w.lower() for w in listed} & asked:
        return []  # the ask names an item of the list: it is met
    kinds = {_kind(w) for w in listed}
    if len(kinds) != 1 or kinds == {"name"}:
        return []  # mixed ("US, EMEA and APAC only") or open (products)
    (kind,) = kinds
    # The clause's own subject must be the capability's, or the ask's. An alias may say
    # the rest of it where the ask names a word of it beyond the capability's name
    # ("Phone support in English ... only" of a helpdesk also called "site support",
    # asked for by phone), not all of it: an alias naming a part ("toll-free numbers")
    # does not make the part's list the capability's.
    own = set(evidence.index.docs[doc].name_tokens)
    frame = {stem(w) for w in LIST_FRAME}
    subject = {t for w in raw if w not in listed for t in tokens(w) if t not in frame}
    left = subject - own - set(analysis.toks)
    if left:
        aliases = {t for alias in evidence.index.docs[doc].cap.aliases for t in tokens(alias)}
        if not (left <= aliases and (subject - own) & set(analysis.toks)):
            return []
    shapes = {_shape(w) for w in listed}
    text = analysis.rewritten
    outside = []
    for name in names:
        if _kind(name) != kind or (kind == "coded" and _shape(name) not in shapes):
            continue
        if kind == "country" and not _a_country_of_the_ask(name, text):
            continue
        if kind == "language" and (_whose(name, text) or _joined(name, text)):
            # "our Italian sales team", "our Irish contact centre": whose, not what; a
            # "French-language interface", "French-speaking agents": of what else.
            continue
        outside.append(name)
    return outside


#: A run of capitalised words ("San Diego", "New Zealand", "Germany").
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*")


def _whose(name: str, text: str) -> bool:
    """Whether ``name`` is written right after a possessive ("our Irish contact centre")
    wherever it stands."""
    at = [m.start() for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
    return bool(at) and all(
        (text[max(0, i - 12) : i].lower().split() or [""])[-1] in POSSESSIVES for i in at
    )


def _joined(name: str, text: str) -> bool:
    """Whether ``name`` is joined by a hyphen to the word after it wherever it stands
    ("French-language user interface")."""
    after = [text[m.end() : m.end() + 1] for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
    return bool(after) and all(a == "-" for a in after)


def _a_country_of_the_ask(name: str, text: str) -> bool:
    """Whether each place the text writes ``name`` in is a country on its own ("Germany",
    not "San Diego" nor "New Jersey") and the ask's, not where the buyer's own people
    sit ("our marketing team in Ireland", "headquartered in Dublin")."""
    found = False
    for m in _CAPITALISED_RUN.finditer(text):
        if name not in m[0].split():
            continue
        if m[0] != name:
            return False
        before = text[max(0, m.start() - 40) : m.start()].lower().split()
        if set(before[-4:]) & LEXICON.home_base_words:
            return False
        found = True
    return found


def outside_the_list(evidence: Evidence, doc: int, names: list[str]) -> str | None:
    """The plain statement that the capability's list rules out names of the ask
    (:func:`names_outside`), or None."""
    kept = kept_to(evidence.index, doc)
    outside = names_outside(kept, names, evidence, doc) if kept else []
    if not outside:
        return None
    cap_id = evidence.index.docs[doc].cap.id
    return f'{", ".join(outside)}: not among what {cap_id} keeps to ("{kept}")'


def check(evidence: Evidence) -> list[Reason]:
    strong = evidence.strong()
    if not strong:
        return []
    names = unexplained_names(
        evidence.analysis,
        evidence.index,
        evidence.place_tokens,
        [c.doc for c in strong],
        evidence.deal_edition,
    )
    if not names:
        return []
    ids = ", ".join(c.cap_id for c in strong)
    if len(strong) == 1 and (kept := kept_to(evidence.index, strong[0].doc)):
        # The plain reason: the name is not on the list the one answer keeps to.
        message = f'{", ".join(names)}: not mentioned by {ids}, which keeps to "{kept}"'
        said = outside_the_list(evidence, strong[0].doc, names)
        if said:
            return [Reason(ID, message, strong[0].cap_id, rules_out=said)]
        return [Reason(ID, message)]
    return [Reason(ID, f"{', '.join(names)}: not mentioned by {ids}; needs review")]
