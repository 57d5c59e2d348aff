"""Text normalisation shared by the catalogue index and requirement analysis.

Words are lower-cased, split on anything that is not a letter or digit, and
stemmed with the Snowball English stemmer, so "provisioning", "provisioned"
and "provision" meet. Stop words are dropped the same way on both sides, so
"single sign-on" and "single sign on" and "Single Sign-On" are one phrase.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import Stemmer  # PyStemmer: the Snowball algorithms in C (1 ms to import, fast to run)

from dealcheck.engine.lexicon import load_lexicon

_STEMMER = Stemmer.Stemmer("english")
#: A word: letters and digits; or one or two of them either side of an ampersand, as
#: names and initialisms are written ("AT&T", "H&M", "Q&A"), where "SSO&MFA" is two words
#: and "IT & HR", spaced, two departments, but a single letter either side of a spaced
#: ampersand is still one initialism ("Q & A", "R & D", read as "q&a"). Not a "re" on its
#: own, as a contraction ("we're", "they’re") and an e-mail subject ("RE: call
#: recording") write it: only the prefix "re" joined by a hyphen or dash ("re-approve",
#: "re–approve", "re -approve") or in parentheses ("(re)approve") is a word of its own:
#: "re-approve" is not "approve", "re–identification" not "identification".
_WORD_RE = re.compile(
    r"(?<![a-z0-9])[a-z0-9]{1,2}&[a-z0-9]{1,2}(?![a-z0-9&])"
    r"|(?<![a-z0-9])[a-z] & [a-z](?![a-z0-9])"
    r"|(?<![a-z0-9])(?!re(?![a-z0-9\-\u2010\u2011\u2013\u2014]|\s-(?=[a-z])|(?<=\(re)\)))"
    r"[a-z0-9]+"
)


_LEXICON = load_lexicon()
#: The whole lexicon (lexicon.yaml), for the rules that read its other tables.
LEXICON = _LEXICON

#: Words that carry no meaning for matching, dropped on both sides.
STOPWORDS = _LEXICON.stopwords

#: Words RFPs use around every ask; they say nothing about *which* capability.
FILLER = _LEXICON.filler


def fold(text: str) -> str:
    """Lower-case and strip accents ("Entra ID", "entrá id" -> "entra id")."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower()


def _snowball(word: str) -> str:
    if word.isdigit() or len(word) <= 3:
        return word
    return _STEMMER.stemWord(word)


#: Words the stemmer folds onto another word's stem ("customer" onto "custom"): each
#: stems to its family's first word as written.
_OWN_STEMS = {word: family[0] for family in _LEXICON.own_stems for word in family}


#: British endings and their American spelling (lexicon.yaml: spelling_variants).
_VARIANTS = _LEXICON.spelling_variants


def american(word: str) -> str:
    """The American spelling of a British word ("organisation" -> "organization",
    "licence" -> "license", "colour" -> "color"); other words as they are."""
    for british, us, before in _VARIANTS:
        if word.endswith(british) and len(word) - len(british) >= before:
            return word[: len(word) - len(british)] + us
    return word


def spellings(word: str) -> set[str]:
    """The word in its British and American spellings ("licence" -> licence, license;
    "license" -> license, licence): for patterns that must find it as written."""
    found = {word, american(word)}
    for british, us, before in _VARIANTS:
        if word.endswith(us) and len(word) - len(us) >= before:
            found.add(word[: len(word) - len(us)] + british)
    return found


# Word families the Snowball stemmer leaves apart ("retained" -> retain, but
# "retention" -> retent): each word's stem folds onto the family's first word's, each
# read in its American spelling as :func:`stem` reads every word ("premises" is read as
# "premizes" by the -ise ending, so its family's "prem" must fold onto that).
_STEM_FAMILIES = {
    _snowball(american(word)): _snowball(american(family[0]))
    for family in _LEXICON.stem_families
    for word in family[1:]
    if _snowball(american(word)) != _snowball(american(family[0]))
}


def alternation(phrases: Iterable[str], any_space: bool = True) -> str:
    """A regex alternation of words or phrases, longest first (ties in alphabetical
    order), each escaped; a space in a phrase matches any white space, or with
    ``any_space`` off one space as written."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    escaped = (re.escape(p) for p in ordered)
    return "|".join(e.replace(r"\ ", r"\s+") if any_space else e for e in escaped)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    if " & " in word:
        return stem(word.replace(" ", ""))  # "q & a", one initialism spaced
    if word in _OWN_STEMS:
        return _OWN_STEMS[word]
    stemmed = _snowball(american(word))
    return _STEM_FAMILIES.get(stemmed, stemmed)


def words(text: str) -> list[str]:
    """Folded words of ``text`` in order (stop words kept)."""
    return _WORD_RE.findall(fold(text))


#: "US" in capitals is the country, not the pronoun: keeping it as a token stops
#: "US data residency" from becoming "data residency" (which any region would match).
#: Ignored in text written all in capitals ("CONTACT US").
_COUNTRY_US = re.compile(r"\b(?:US|USA)\b|\bU\.S\.(?:A\.)?")


def has_country_us(text: str) -> bool:
    return "U" in text and not text.isupper() and _COUNTRY_US.search(text) is not None


#: An acronym's plural as written: two capitals or more (digits allowed), then a
#: lower-case "s" ("MRs", "CVEs", "SDKs", "2FAs"). English forms it so; the stemmer
#: leaves "mrs" and "cves" apart from "mr" and "cve", so such a word is read as its
#: singular. A numeronym ("K8s") has one capital and stays as written.
#: ... unless the S is the acronym's own ("HTTPs" is HTTPS; lexicon.yaml).
_S_ACRONYMS = _LEXICON.acronyms_ending_in_s
_ACRONYM_PLURAL = re.compile(r"(?=(?:[0-9]*[A-Z]){2})[A-Z0-9]+s")


def _stem_as_written(word: str, written: str) -> str:
    """The stem of a folded word, reading an acronym's plural as its singular."""
    if word[-1:] == "s" and _ACRONYM_PLURAL.fullmatch(written) and word not in _S_ACRONYMS:
        return stem(word[:-1])
    return stem(word)


#: A text that may hold an acronym's plural: most texts do not, and keep the fast path.
_MAY_HOLD_PLURAL = re.compile(r"[A-Z0-9][A-Z]s\b")


def tokens(text: str) -> list[str]:
    """Stemmed content tokens: the unit of matching."""
    if has_country_us(text) or _MAY_HOLD_PLURAL.search(text):
        return [s[0] for s in token_spans(text)]
    return [stem(w) for w in _WORD_RE.findall(fold(text)) if w not in STOPWORDS]


def token_spans(text: str) -> list[tuple[str, str, int, int]]:
    """(stem, word, start, end) for each content word, positions into ``text``.

    Folding keeps string length for the scripts RFPs are written in; when it
    does not (rare ligatures), positions are approximate but still ordered.
    """
    folded = fold(text)
    # An acronym's plural is seen as written, where positions are exact.
    as_written = len(folded) == len(text) and _MAY_HOLD_PLURAL.search(text) is not None
    spans = []
    for m in _WORD_RE.finditer(folded):
        word = m.group()
        if word in STOPWORDS:
            continue
        start, end = m.span()
        root = _stem_as_written(word, text[start:end]) if as_written else stem(word)
        spans.append((root, word, start, end))
    if not has_country_us(text):
        return spans
    cased = [("usa", m.group(), m.start(), m.end()) for m in _COUNTRY_US.finditer(text)]
    taken = [(a, b) for _, _, a, b in cased]
    kept = [s for s in spans if not any(a <= s[2] < b for a, b in taken)]
    return sorted(kept + cased, key=lambda s: s[2])


#: Expansions customers and catalogues use interchangeably with an acronym
#: (lexicon.yaml: general IT and RFP vocabulary only); acronyms a catalogue defines
#: itself ("Single sign-on (SSO)") are learned from it by :func:`learn_acronyms`.
GLOSSARY: dict[str, tuple[str, ...]] = _LEXICON.glossary

_ACRONYM_RE = re.compile(r"((?:[A-Za-z][\w'-]*\s+){0,5}[A-Za-z][\w'-]*)\s*\(([A-Za-z0-9]{2,6})\)")


def learn_acronyms(text: str) -> dict[str, str]:
    """Acronyms a text defines: "Single sign-on (SSO)" -> {"single sign-on": "sso"}."""
    found: dict[str, str] = {}
    for m in _ACRONYM_RE.finditer(text):
        acronym = m.group(2)
        letters = [ch for ch in acronym.lower() if ch.isalpha()]
        if not letters or not any(ch.isupper() for ch in acronym):
            continue
        wordlist = re.split(r"[\s-]+", m.group(1))
        # Take as many trailing words as the acronym has letters, if initials agree.
        for n in range(len(letters), 0, -1):
            tail = [w for w in wordlist[-n:] if w]
            if len(tail) == n and [w[0].lower() for w in tail] == letters[:n] and n == len(letters):
                found[" ".join(tail)] = acronym.lower()
                break
    return found


class Canon:
    """Rewrites token sequences to one canonical token (expansion -> acronym)."""

    def __init__(self, expansions: dict[str, str] | None = None) -> None:
        self.table: dict[tuple[str, ...], str] = {}
        #: first token -> the lengths of the forms that start with it, longest first
        self.lengths: dict[str, list[int]] = {}
        for acronym, forms in GLOSSARY.items():
            for form in forms:
                self.add(form, acronym)
        for form, acronym in (expansions or {}).items():
            self.add(form, acronym)

    def add(self, form: str, acronym: str) -> None:
        key = tuple(stem(w) for w in words(form) if w not in STOPWORDS)
        target = stem(acronym.lower())
        if len(key) == 1 and len(words(form)) > 1:
            return  # "e-sign" would turn every "signed" into e-signature
        if key and key != (target,) and key not in self.table:
            self.table[key] = target
            lengths = self.lengths.setdefault(key[0], [])
            if len(key) not in lengths:
                lengths.append(len(key))
                lengths.sort(reverse=True)

    def tokens(self, text: str) -> list[str]:
        return [s[0] for s in self.spans(text)]

    def spans(self, text: str) -> list[tuple[str, str, int, int]]:
        return self.merge(token_spans(text))

    def merge(self, raw: list[tuple[str, str, int, int]]) -> list[tuple[str, str, int, int]]:
        """Rewrite runs of token spans that spell an expansion into its acronym."""
        if not self.table:
            return raw
        out: list[tuple[str, str, int, int]] = []
        i = 0
        while i < len(raw):
            for n in self.lengths.get(raw[i][0], ()):
                if i + n > len(raw):
                    continue
                target = self.table.get(tuple(s[0] for s in raw[i : i + n]))
                if target is not None:
                    word = " ".join(s[1] for s in raw[i : i + n])
                    out.append((target, word, raw[i][2], raw[i + n - 1][3]))
                    i += n
                    break
            else:
                out.append(raw[i])
                i += 1
        return out


#: A clause that takes something back ("not", "no", "except", ...): what it names is what
#: is *not* offered (read by the caveat rule and by the index's versions).
TAKES_BACK = re.compile(
    # What is not needed takes nothing back: "not required", "does not need an agent",
    # "no need to open a ticket", "no longer requires a VPN client". "Can't require" and
    # "no mandatory X" do take something back.
    r"\b(?:do|does|did)(?:\s+not\b|n't\b)(?!\s+(?:require|need|have\s+to)\b)"
    r"|(?<!\bdo )(?<!\bdoes )(?<!\bdid )\bnot\b"
    r"(?!\s+(?:be\s+)?(?:required|needed|necessary|mandatory)\b)"
    # ("No more than 1,000 cards per board", "not to exceed 10 GB" bound an amount.)
    r"(?!\s+(?:more|fewer|less|greater|longer|later)\s+than\b|\s+(?:to\s+)?exceed)"
    r"|\bno\b(?!\s+(?:need|longer\s+(?:required|needed|necessary|mandatory|requires?|needs?))\b)"
    r"(?!\s+(?:more|fewer|less|greater|longer|later)\s+than\b)"
    r"|\b(?:never|cannot|can't|except|excluding|without|unavailable|unsupported|neither"
    r"|lacks?|lacking|missing|absent|impossible|unable|discontinued|prohibited)\b"
    r"|(?<!\bdo)(?<!\bdoes)(?<!\bdid)n't\b(?!\s+(?:be\s+)?(?:required|needed|necessary|mandatory)\b)",
    re.I,
)
#: Where a caveat's clauses part: a semicolon, a full stop (not the one in "3.10"), "but",
#: a dash between spaces ("No offline mode - the app needs a network connection"; not
#: the hyphen of "read-only").
CLAUSES = re.compile(r";\s*|\.(?=\s|$)\s*|\s+but\s+|\s+[-\u2013\u2014]+\s+", re.I)


#: A clause about what is not there yet, or only on trial ("Azure Key Vault support is
#: planned for 2027", "Gmail sync is in beta"): it offers nothing today.
NOT_YET = re.compile(
    r"\b(?:plann(?:ed|ing)|roadmap|upcoming|coming\s+soon|future|in\s+development"
    r"|beta|preview|pilot|experimental|will\s+be)\b",
    re.I,
)


#: Words that say whose a thing is: a word right after one names the buyer's own ("our
#: Azure tenant", "our Italian sales team"), not what is asked.
POSSESSIVES = frozenset({"our", "their", "my", "your"})

#: A caveat clause that keeps a capability to what it lists ("US and UK only", "Okta and
#: Microsoft Entra ID only"; not the "only" of "read-only").
#: The stems of the nouns that count people in general, and of those a product counts
#: its accounts by (lexicon.yaml people_nouns, account_nouns): "400 people", "26,000
#: staff" and "more than 200 participants" count the same kind of thing.
PEOPLE_STEMS = frozenset(stem(w) for w in _LEXICON.people_nouns)
ACCOUNT_STEMS = frozenset(stem(w) for w in _LEXICON.account_nouns)
GATHERING_STEMS = frozenset(stem(w) for w in _LEXICON.gathering_nouns)

KEEPS_TO_ONLY = re.compile(r"(?<![\w-])only\b", re.I)


def kept_clauses(caveat: str) -> list[str]:
    """The clauses of a caveat that keep the capability to what they list ("AWS KMS only"
    of "AWS KMS only; Azure Key Vault is not supported")."""
    return [part for part in CLAUSES.split(caveat) if KEEPS_TO_ONLY.search(part)]


def taken_back_clauses(text: str) -> list[str]:
    """The clauses of a caveat that take something back ("TLS 1.0 and 1.1 are not
    supported", "No offline mode") or say it is not there yet ("Azure Key Vault support
    is planned"): the clauses :func:`offered_clauses` leaves out."""
    return [
        clause
        for clause in CLAUSES.split(text)
        if TAKES_BACK.search(clause) or NOT_YET.search(clause)
    ]


#: The words of a take-back that say it is one ("aren't", "no longer", "not yet"): they
#: name nothing it takes back.
TAKE_BACK_GRAMMAR = (
    "not cannot can't doesn't don't isn't aren't won't wasn't weren't no longer yet currently"
).split()
#: An adverb between the negation and the verb ("not *currently* sent"); not "only" or
#: "just" ("Journeys not only send email but also SMS" widens).
_ADVERB = r"(?:yet\s+|currently\s+|(?!only\b)\w+ly\s+)?"
#: A statement of a description or caveat that says the capability does not offer what
#: it names: a negation before a verb of offering (lexicon ``offering_verbs``), "be" or
#: "been" between ("Does not provide single sign-on", "Audit log events are not
#: included", "is not available on mobile"), a passive negated with "not" ("isn't
#: integrated", "cannot be issued"), or "out of scope". A negation of anything else ("the
#: images do not have known vulnerabilities", "without leaving the IDE") says how the
#: capability works, not what it leaves out; so does a statement of purpose
#: (``_PURPOSE``: "Ensure you are not exposed to web application vulnerabilities").
WITHDRAWN = re.compile(
    r"\b(?:not|cannot|can't|doesn't|don't|isn't|aren't|won't|no\s+longer)\s+"
    + _ADVERB
    + r"(?:be\s+|been\s+)?(?:"
    + alternation(LEXICON.offering_verbs)
    + r")\b"
    # ... or any verb in the passive, negated: what is not done with the thing named
    # ("status is not reported back", "refunds cannot be issued from Salesforce").
    # (Not "never": "Secret values are never shown in build logs", "Raw card numbers are
    # never shared with merchants" are guarantees of how it works.)
    r"|(?:\b(?:is|are|was|were|be|been)\s+not|\b(?:isn't|aren't|wasn't|weren't)"
    r"|\b(?:cannot|can't|won't|will\s+not)\s+be)\s+" + _ADVERB + r"\w+(?:ed|en|wn|nt)\b"
    # ... or said to be outside what it covers ("audit events are out of scope").
    r"|\b(?:out\s+of|not\s+in)\s+scope\b",
    re.I,
)
#: Where a clause parts into the statements it joins: a comma, "so", "which", "while",
#: "whereas" or "because" between words, or "and" before a verb of its own, at most two
#: words (its subject) between ("... in build logs *and cannot be exported*", "... in
#: Honeycomb *and audit events are* not exported"); not "and" inside a longer list ("Azure
#: Key Vault and Google Cloud KMS are not supported"). A take-back is read in its own
#: statement.
_STATEMENTS = re.compile(
    r",\s+|\s+(?=(?:so|which|while|whereas|because)\s)"
    r"|\s+(?=and\s+(?:\w+\s+){0,2}(?:is|are|was|were|does|do|did|can|cannot|will|won't|may|must)\b)",
    re.I,
)
#: A statement of purpose or consequence ("so card numbers are never sent to your
#: servers", "to ensure they are not shared"), or one with its condition ("are not
#: included in search results unless OCR is on", "Refunds are not issued until the item
#: is received"): it says how the capability works, and takes nothing back.
_PURPOSE = re.compile(
    r"^(?:so|because|which\s+means)\b"
    r"|\b(?:ensur\w*|so\s+that|in\s+order\s+to|unless|until)\b"
    r"|(?<![\w-])(?:once|before)\b",  # (not "exactly-once")
    re.I,
)


#: The fewest words before a joining word for what precedes it to be a statement of its
#: own: "Zigbee *and* Z-Wave are not supported" is one statement, its subject a list.
STATEMENT_WORDS = 4


def statements(text: str) -> list[str]:
    """A capability's text as the statements a take-back is read in: its clauses, split
    at commas and joining words (``_STATEMENTS``), a piece of fewer than
    ``STATEMENT_WORDS`` words that takes nothing back joined to the next."""
    found = []
    for clause in CLAUSES.split(text):
        carry = ""
        for piece in _STATEMENTS.split(clause):
            joined = f"{carry} {piece}" if carry else piece
            if len(joined.split()) < STATEMENT_WORDS and not WITHDRAWN.search(joined):
                carry = joined
                continue
            carry = ""
            found.append(joined)
        if carry:
            found.append(carry)
    return found


#: Where the items of a list part ("Zigbee and Z-Wave", "quotes, contracts or renewals").
LIST_ITEMS = re.compile(r",\s*|\s+(?:and|or|nor)\s+|\s*/\s*", re.I)


def taken_back_items(statement: str) -> list[str]:
    """The items of the list a take-back's subject is ("Zigbee and Z-Wave are not
    supported": "Zigbee", "Z-Wave"): the text before its negation, split at commas and
    "and"/"or"."""
    m = WITHDRAWN.search(statement)
    head = statement[: m.start()] if m else statement
    return [item for item in LIST_ITEMS.split(head) if item.strip()]


def withdrawn_clauses(text: str) -> list[str]:
    """The statements of a capability's text that say it does not offer what they name
    (not a statement of purpose or with its condition)."""
    return [p for p in statements(text) if WITHDRAWN.search(p) and not _PURPOSE.search(p)]


def offered_clauses(text: str) -> list[str]:
    """The clauses of a caveat that offer what they name: not one that takes something
    back ("TLS 1.0 and 1.1 are not supported"), nor one about what is not there yet
    ("Python 3.13 support is planned")."""
    return [
        clause
        for clause in CLAUSES.split(text)
        if not TAKES_BACK.search(clause) and not NOT_YET.search(clause)
    ]
