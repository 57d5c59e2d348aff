"""The catalogue, indexed once per run for matching.

For every capability the index keeps its name and aliases as stemmed
phrases (for exact and near-exact phrase matching), a weighted bag of its
words (name and aliases count more than description and category) for
lexical relevance, and which metrics it carries limits on. Document
frequencies give each word its specificity (idf): "saml" says far more
than "user".
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar, cast

from dealcheck.catalog.model import Capability, Catalog
from dealcheck.engine.text import (
    FILLER,
    LEXICON,
    NOT_YET,
    STOPWORDS,
    TAKE_BACK_GRAMMAR,
    Canon,
    fold,
    has_country_us,
    learn_acronyms,
    offered_clauses,
    statements,
    stem,
    taken_back_clauses,
    withdrawn_clauses,
    words,
)

T = TypeVar("T")

#: The words of a take-back that say it is one (negations, "aren't", "no longer"), as
#: tokens: they name nothing it takes back.
_NEGATION_STEMS = (
    frozenset(stem(w) for w in LEXICON.negations)
    | frozenset(t for w in TAKE_BACK_GRAMMAR for t in words(w))
    | frozenset(stem(t) for w in TAKE_BACK_GRAMMAR for t in words(w))
)

#: The stems of the words a caveat uses to say what is (not) offered (lexicon.yaml:
#: caveat_boilerplate): they name nothing a caveat takes back.
_BOILERPLATE_STEMS = frozenset(stem(w) for w in LEXICON.caveat_boilerplate)

#: Where a capability's name lists two or more things ("Live captions and transcripts",
#: "Roles, teams & permissions").
NAME_PARTS = re.compile(r"\s+(?:and|&)\s+|\s*,\s+", re.I)


@dataclass
class Phrase:
    tokens: tuple[str, ...]
    doc: int
    kind: str  # "name" | "alias" | "name part" (one thing a name lists)
    text: str


@dataclass
class CapabilityDoc:
    cap: Capability
    phrases: list[Phrase] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)  # token -> field weight
    #: (word, number) pairs in the name and aliases ("SOC 2" -> ("soc", "2")), and also
    #: in the description: a requirement naming another number names another thing.
    numbered: frozenset[tuple[str, str]] = frozenset()
    numbered_anywhere: frozenset[tuple[str, str]] = frozenset()
    #: versions the capability states as the lowest it supports ("Kubernetes 1.28 or
    #: later", "Windows Server 2016 and later", "RHEL 8+"): the whole name before the
    #: number, as stems (("window", "server"), "2016")
    numbered_from: frozenset[tuple[tuple[str, ...], str]] = frozenset()
    name_tokens: frozenset[str] = frozenset()
    metrics: tuple[str, ...] = ()
    #: initials of every run of two to six words in the name and aliases ("first-time fix
    #: rate" -> "ftfr", "preventive maintenance" -> "pm"), with and without stop words
    initialisms: frozenset[str] = frozenset()
    #: tokens of the caveat clauses that take nothing back ("Java and Go only", "Okta and
    #: Microsoft Entra ID only"): what the capability says it works with
    offered_tokens: frozenset[str] = frozenset()
    #: tokens only the description's or caveats' clauses that take something back hold
    #: ("Does not provide single sign-on (SSO)", "Audit log events are not included"):
    #: words the capability's text names only to say it does not do them
    taken_back: frozenset[str] = frozenset()
    #: the statements that take them back, as written
    withdrawn: tuple[str, ...] = ()

    def speaks_of(self, tok: str) -> bool:
        """Whether its text holds the word other than to take it back."""
        return tok in self.weights and tok not in self.taken_back


@dataclass(frozen=True)
class Packaging:
    """How a catalogue sells: its editions, lowest first, its regions and deployments,
    and the names of its add-ons (read by the caveat rule's conditions)."""

    editions: tuple[str, ...]
    places: tuple[str, ...]
    add_ons: tuple[str, ...]
    #: the product's name ("GitLab" of "GitLab Premium", which names the edition)
    product: str = ""


@dataclass
class MetricPhrase:
    tokens: tuple[str, ...]
    metric: str


class CatalogIndex:
    """Everything the matcher needs to know about a catalogue, computed once."""

    NAME_WEIGHT = 3.0
    ALIAS_WEIGHT = 3.0
    CATEGORY_WEIGHT = 1.0
    DESCRIPTION_WEIGHT = 1.0

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.docs: list[CapabilityDoc] = []
        self.by_id: dict[str, int] = {}
        self.phrases: list[Phrase] = []
        # Exact lookup: one-word phrases by their word, longer ones by their first two words.
        self.single_phrases: dict[str, list[Phrase]] = defaultdict(list)
        self.phrases_by_bigram: dict[tuple[str, str], list[Phrase]] = defaultdict(list)
        # Near-phrase lookup: longer phrases by their rarest word (short lists to check).
        self.phrases_by_rarest: dict[str, list[Phrase]] = defaultdict(list)
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self.vocabulary: set[str] = set()  # folded words, for typo correction
        self.metric_phrases: list[MetricPhrase] = []
        self._metric_nouns: dict[str, frozenset[str]] = {}  # metric -> what it counts
        self.metric_caps: dict[str, list[int]] = defaultdict(list)
        self.region_words: dict[str, str] = {}
        #: what rules derive from one capability alone, computed once per run
        self._per_doc: dict[tuple[str, int], Any] = {}
        self._build()

    def per_doc(self, name: str, doc: int, compute: Callable[[int], T]) -> T:
        """``compute(doc)``, once per capability and ``name``: for what a rule derives
        from a capability's own texts, which no requirement changes."""
        key = (name, doc)
        if key not in self._per_doc:
            self._per_doc[key] = compute(doc)
        return cast(T, self._per_doc[key])

    def _build(self) -> None:
        learned: dict[str, str] = {}
        for cap in self.catalog.capabilities:
            for text in (cap.name, *cap.aliases, cap.description or ""):
                if "(" in text:
                    learned.update(learn_acronyms(text))
            # An alias that is an acronym of the name: "SCIM" for "SCIM provisioning" is
            # not one, but "RBAC" for "Role-based access control" is.
        self.canon = Canon(learned)
        tokens = self.canon.tokens
        # A device's token -> the token of the operating system it runs ("iphon" -> "ios";
        # lexicon.yaml device_platforms).
        self.devices = devices = {
            "".join(tokens(device)): "".join(tokens(platform))
            for device, platform in LEXICON.device_platforms.items()
        }
        df: dict[str, int] = defaultdict(int)
        # Words the catalogue writes both closed and hyphenated ("rollback" and
        # "roll-back"): a phrase with the closed form is found written either way ("rolled
        # back"). Only spellings the catalogue itself uses: a dictionary's splits are
        # often wrong ("format" is no "for mat").
        texts = [
            t
            for c in self.catalog.capabilities
            for t in (c.name, *c.aliases, c.description or "", *c.caveats)
        ]
        closed = {w.lower() for t in texts for w in re.findall(r"[A-Za-z]+", t)}
        split_forms: dict[str, str] = {}
        for t in texts:
            for a, b in re.findall(r"\b([A-Za-z]{2,})-([A-Za-z]{2,})\b", t):
                if a.lower() in STOPWORDS or b.lower() in STOPWORDS:
                    continue  # "log-in", "back-up": split, a part is no word of a phrase
                if (a + b).lower() in closed:
                    split_forms[(a + b).lower()] = f"{a.lower()} {b.lower()}"
        for i, cap in enumerate(self.catalog.capabilities):
            doc = CapabilityDoc(cap=cap)
            self.by_id[cap.id] = i
            weights: dict[str, float] = defaultdict(float)
            seen_phrases: set[tuple[str, ...]] = set()
            named = [("name", cap.name)] + [("alias", a) for a in cap.aliases]
            # A name that lists two things ("Live captions and transcripts") names each:
            # every part of two words or more is a phrase too.
            parts = NAME_PARTS.split(cap.name)
            if len(parts) > 1:
                named += [("name part", p) for p in parts if len(tokens(p)) >= 2]
            if split_forms:
                for kind, text in list(named):
                    written = re.sub(
                        r"[A-Za-z]+",
                        lambda m: split_forms.get(m.group().lower(), m.group()),
                        text,
                    )
                    if written != text:
                        named.append((kind, written))
            for kind, text in named:
                toks = tuple(tokens(text))
                if toks and toks not in seen_phrases:
                    seen_phrases.add(toks)
                    phrase = Phrase(toks, i, kind, text)
                    doc.phrases.append(phrase)
                    self.phrases.append(phrase)
                    if len(toks) == 1:
                        self.single_phrases[toks[0]].append(phrase)
                    else:
                        self.phrases_by_bigram[(toks[0], toks[1])].append(phrase)
                for t in toks:
                    weights[t] = max(weights[t], self.NAME_WEIGHT)
            doc.name_tokens = frozenset(tokens(cap.name))
            doc.initialisms = initialisms((cap.name, *cap.aliases))
            # Every version the capability states: in its name and aliases, in its
            # description, and in the caveat clauses that take nothing back ("Only Python
            # 3.10 and 3.11"; "TLS 1.0 and 1.1 are not supported" offers neither).
            offered = [clause for caveat in cap.caveats for clause in offered_clauses(caveat)]
            doc.numbered = frozenset(
                pair
                for text in (cap.name, *cap.aliases, cap.description or "", *offered)
                for pair in numbered_names(text)
            )
            doc.numbered_anywhere = doc.numbered
            doc.numbered_from = frozenset(
                pair
                for text in (cap.name, *cap.aliases, cap.description or "", *offered)
                for pair in lower_bounds(text)
            )
            # What it works with: a clause that names an edition or add-on restricts the
            # capability to it instead, for the caveat rule to read. The capability's own
            # words name no add-on ("SMS in US and Canada only" beside the "SMS Pack").
            own = {t for phrase in doc.phrases for t in phrase.tokens}
            doc.offered_tokens = frozenset(
                t
                for clause in offered
                if not set(tokens(clause)) & (self._packaging_tokens - own)
                for t in tokens(clause)
            )
            # Words its text names only to say it does not offer them ("Does not provide
            # single sign-on (SSO)"): no word of its name, aliases or any other clause.
            own_texts = (cap.description or "", *cap.caveats)
            back = [clause for text in own_texts for clause in withdrawn_clauses(text)]
            if back:
                kept = {
                    t for text in (cap.name, *cap.aliases, cap.category or "") for t in tokens(text)
                } | {
                    t
                    for text in own_texts
                    for piece in statements(text)
                    if piece not in back
                    for t in tokens(piece)
                }
                kept |= _NEGATION_STEMS  # the word that says it is a take-back
                doc.taken_back = frozenset(t for c in back for t in tokens(c)) - kept
                doc.withdrawn = tuple(" ".join(c.split()) for c in back)
            for text, weight in (
                (cap.category or "", self.CATEGORY_WEIGHT),
                (cap.description or "", self.DESCRIPTION_WEIGHT),
            ):
                for t in tokens(text.replace("_", " ")):
                    weights[t] = max(weights[t], weight)
            for text in [cap.name, *cap.aliases, cap.description or "", cap.category or ""]:
                self.vocabulary.update(w for w in words(text) if w.isalpha())
            # A capability that limits a metric explains the words for it ("rate limits").
            for metric_name in cap.limits:
                metric = self.catalog.metrics.get(metric_name)
                texts = [metric_name.replace("_", " "), *(metric.aliases if metric else [])]
                for text in texts:
                    for t in tokens(text):
                        weights[t] = max(weights[t], self.CATEGORY_WEIGHT)
            doc.weights = dict(weights)
            # The devices that run an operating system its name, aliases or category name
            # ("iPhones" beside an alias "iOS app"; lexicon.yaml device_platforms) are
            # what it works with too. Not from the description or a caveat, which name a
            # platform as often to take it back or bound it ("Not available on iOS", "View
            # only on iOS"), nor where it bounds the platform's version ("iOS 17 or
            # later"): "our iPhone 8s" may not run it.
            identity = set(own) | set(tokens(cap.category or ""))
            bounded = {name for name, _ in doc.numbered}
            doc.offered_tokens |= {
                device
                for device, platform in devices.items()
                if platform in identity and platform not in bounded
            }
            doc.metrics = tuple(sorted(cap.limits))
            for limited in doc.metrics:
                self.metric_caps[limited].append(i)
            for t in doc.weights:
                df[t] += 1
            self.docs.append(doc)
        n = max(1, len(self.docs))
        self.n_docs = n
        self.idf: dict[str, float] = {
            t: math.log(1.0 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()
        }
        # A word no capability uses is maximally specific.
        self.max_idf = math.log(1.0 + (n + 0.5) / 0.5)
        for i, doc in enumerate(self.docs):
            for t, w in doc.weights.items():
                self.postings[t].append((i, w))
        for phrase in self.phrases:
            if len(phrase.tokens) > 1:
                rarest = max(phrase.tokens, key=lambda t: (self.idf_of(t), t))
                self.phrases_by_rarest[rarest].append(phrase)
        # Words in more than this many capabilities are too common to find candidates by.
        self.common_df = max(50, n // 20)
        self.df = dict(df)
        for name, metric in self.catalog.metrics.items():
            variants: set[tuple[str, ...]] = set()
            for text in [name.replace("_", " "), *metric.aliases]:
                toks = tuple(self.canon.tokens(text))
                if toks:
                    variants.add(toks)
                    # "first response time" is also said "first response".
                    core = tuple(t for t in toks if t not in GENERIC_METRIC_STEMS)
                    if len(core) >= 2 and core != toks:
                        variants.add(core)
            for toks in sorted(variants):
                self.metric_phrases.append(MetricPhrase(toks, name))
        #: first token -> indexes into metric_phrases (a phrase is found only where its
        #: first word is, so a requirement looks at a handful, not all of them)
        self.metric_phrases_by_first: dict[str, list[int]] = defaultdict(list)
        for i, mp in enumerate(self.metric_phrases):
            self.metric_phrases_by_first[mp.tokens[0]].append(i)
        for region in self.catalog.regions:
            self.region_words[fold(region)] = region
            for synonym in REGION_SYNONYMS.get(fold(region), ()):
                self.region_words[synonym] = region
        self.deployment_words: dict[str, str] = {}
        for deployment in self.catalog.deployments:
            key = fold(deployment)
            for variant in {key, key.replace("-", " "), key.replace("-", "")}:
                self.deployment_words[variant] = deployment
            for synonym in DEPLOYMENT_SYNONYMS.get(key, ()):
                self.deployment_words[synonym] = deployment

    def region_name_positions(self, toks: list[str]) -> frozenset[int]:
        """The positions of the words of each region name of several words ("united
        kingdom", "asia pacific") the tokens hold whole, side by side."""
        found: set[int] = set()
        for seq in self._long_region_names:
            for i in range(len(toks) - len(seq) + 1):
                if toks[i : i + len(seq)] == list(seq):
                    found.update(range(i, i + len(seq)))
        return frozenset(found)

    @cached_property
    def product_tokens(self) -> frozenset[str]:
        """The tokens of the catalogue's own product name ("Tallyhall CRM": the brand and
        "crm"). Where an ask's words name the product it is put to ("visible on the
        account in the CRM"), not a system of the buyer's ("our existing CRM"), is
        :func:`dealcheck.engine.rules.own_product`'s to tell."""
        return frozenset(self.canon.tokens(self.catalog.product or ""))

    @cached_property
    def region_name_parts(self) -> frozenset[str]:
        """The words of region names of several words that name no region alone ("asia"
        of "asia pacific", "north" of "north america"; not "america", a name of "us")."""
        alone = {
            t
            for w in self.region_words
            if len(self.canon.tokens(w)) == 1
            for t in self.canon.tokens(w)
        }
        return frozenset(t for seq in self._long_region_names for t in seq) - alone

    @cached_property
    def _long_region_names(self) -> tuple[tuple[str, ...], ...]:
        names = {tuple(self.canon.tokens(w)) for w in self.region_words}
        return tuple(sorted(n for n in names if len(n) > 1))

    def places_named(self, text: str) -> tuple[set[str], set[str]]:
        """Regions and deployments a requirement names in its own words."""
        folded = " " + " ".join(words(text)) + " "
        regions = {
            r
            for w, r in self.region_words.items()
            if f" {w} " in folded and (w not in STOPWORDS or _names_stopword_place(w, text))
        }
        # Punctuation ends a word: "installed on-premises." names on-prem too.
        plain = " " + " ".join(_PUNCTUATION.sub(" ", fold(text).replace("-", " ")).split()) + " "
        deployments = set()
        # Longest names first, each taken out of the text once found: "private cloud"
        # names the private-cloud deployment, not the cloud one as well.
        for w, d in sorted(self.deployment_words.items(), key=lambda kv: -len(kv[0])):
            name = f" {' '.join(w.replace('-', ' ').split())} "
            if name in plain:
                deployments.add(d)
                plain = plain.replace(name, " | ")
        return regions, deployments

    def deployments_stated(self, text: str) -> set[str]:
        """Deployments a requirement states for the product: named within
        ``STATED_WINDOW`` words of a word about where a product runs ("must be installed
        on-premises", "our on-prem deployment", "an on-premises solution"), or named by a
        word that is one ("must be self-hosted"). Not a deployment named for the buyer's
        own systems, right before a name ("sync from our on-premises Active Directory
        installation"), nor one a negation near it rejects ("an on-premises installation
        is not acceptable")."""
        found = set()
        for clause in _CLAUSE_END.split(text):
            written = _PUNCTUATION.sub(" ", clause.replace("-", " ")).split()
            bare = [fold(w) for w in written]
            named: list[tuple[int, int, str, tuple[str, ...]]] = []
            for phrase, deployment in self.deployment_words.items():
                pattern = tuple(phrase.replace("-", " ").split())
                n = len(pattern)
                for k in range(len(bare) - n + 1):
                    if tuple(bare[k : k + n]) == pattern:
                        named.append((k, k + n, deployment, pattern))
            # A name inside a longer one is not named: "cloud" of "private cloud".
            named = [
                x
                for x in named
                if not any(
                    y[0] <= x[0] and x[1] <= y[1] and y[1] - y[0] > x[1] - x[0] for y in named
                )
            ]
            for k, end, deployment, pattern in named:
                after = written[end] if end < len(written) else ""
                if after[:1].isupper() and after.lower() not in LEXICON.deployment_context:
                    continue  # "on-premises Active Directory": the buyer's system
                before = range(max(0, k - STATED_WINDOW), k)
                behind = range(end, min(len(bare), end + STATED_WINDOW))
                if any(
                    bare[j] in LEXICON.negations and (k, end) in _rejected(j, named, bare)
                    for j in (*before, *behind)
                ):
                    continue  # rejected ("an on-premises installation is not acceptable")
                near = [bare[j] for j in (*before, *behind)]
                inside = set(pattern) & LEXICON.deployment_context
                if inside or any(w in LEXICON.deployment_context for w in near):
                    found.add(deployment)
        return found

    def regions_stated(self, text: str) -> set[str]:
        """Regions a requirement states the deal's data is kept in: named with a word for
        where data is kept at most ``STATED_WINDOW`` words before the name or
        ``RESIDENCY_AFTER`` words after it (lexicon
        ``residency_words``: "must be stored in Australia", "data must stay in the UK",
        "hosted in the EU"), within its clause and not beside a negation. A region named
        for anything else ("UK business hours", "our EU staff") states nothing."""
        found = set()
        for clause in _CLAUSE_END.split(text):
            written = _PUNCTUATION.sub(" ", clause.replace("-", " ")).split()
            bare = [fold(w) for w in written]
            for phrase, region in self.region_words.items():
                pattern = phrase.split()
                n = len(pattern)
                for k in range(len(bare) - n + 1):
                    if bare[k : k + n] != pattern:
                        continue
                    if phrase in STOPWORDS and not _names_stopword_place(phrase, clause):
                        continue  # "us" as a word, not the US
                    if _OWNERS & set(bare[max(0, k - 3) : k]):
                        continue  # "our US instance", "our British and European offices"
                    after = written[k + n] if k + n < len(written) else ""
                    if phrase.endswith(_ADJECTIVE_ENDINGS) and after[:1].isupper():
                        continue  # "British Columbia", "the Australian App Store": names
                    near = (
                        bare[max(0, k - STATED_WINDOW) : k] + bare[k + n : k + n + RESIDENCY_AFTER]
                    )
                    if any(w in LEXICON.negations for w in near):
                        continue
                    if any(stem(w) in _RESIDENCY_STEMS for w in near):
                        found.add(region)
        return found

    def metric_nouns(self, metric: str) -> frozenset[str]:
        """The tokens of a metric's name, unit and aliases (what it counts)."""
        if metric not in self._metric_nouns:
            m = self.catalog.metrics[metric]
            found = set(self.canon.tokens(metric.replace("_", " ") + " " + m.unit))
            for alias in m.aliases:
                found.update(self.canon.tokens(alias))
            self._metric_nouns[metric] = frozenset(found)
        return self._metric_nouns[metric]

    def metric_words(self, metric: str) -> frozenset[str]:
        """The tokens of a metric's name and aliases."""
        return frozenset(t for mp in self.metric_phrases if mp.metric == metric for t in mp.tokens)

    def idf_of(self, token: str) -> float:
        return self.idf.get(token, self.max_idf)

    @cached_property
    def take_back_clauses(self) -> tuple[tuple[int, str, frozenset[str]], ...]:
        """Every clause of a caveat that takes something back or says it is not there yet,
        with its capability (by index) and the tokens of what it speaks of (not the words
        that say it is a take-back: "supported" of "... is not supported"), in catalogue
        order."""
        return tuple(
            (i, clause, frozenset(self.canon.tokens(clause)) - _BOILERPLATE_STEMS)
            for i, doc in enumerate(self.docs)
            for caveat in doc.cap.caveats
            for clause in taken_back_clauses(caveat)
        )

    @cached_property
    def taken_back_words(self) -> dict[str, tuple[int, str]]:
        """Words the catalogue uses only where a caveat takes them back or says they are
        not there yet ("offline" of a mobile app's "No offline mode - the app needs a
        network connection"): word -> (the capability, by index, and its caveat), the
        first in catalogue order. A word any name, alias, description, category, metric
        or offering clause uses is not one, nor an edition's or add-on's name, nor a word
        caveats use to say what is (not) offered ("supported", "available")."""
        said: set[str] = set(self._packaging_tokens) | _BOILERPLATE_STEMS
        for doc in self.docs:
            said.update(doc.weights)
            said.update(doc.offered_tokens)
        found: dict[str, tuple[int, str]] = {}
        for i, doc in enumerate(self.docs):
            for caveat in doc.cap.caveats:
                for clause in taken_back_clauses(caveat):
                    for t in self.canon.tokens(clause):
                        if t not in said and len(t) > 2 and not NOT_YET.fullmatch(t):
                            found.setdefault(t, (i, caveat))
        return found

    @cached_property
    def withdrawn_by_word(self) -> dict[str, tuple[tuple[int, str, frozenset[str]], ...]]:
        """The statements each capability's text makes of what it does not offer
        (:attr:`CapabilityDoc.withdrawn`), by each of their words: word -> (the
        capability, by index, the statement, its tokens), in catalogue order. Built on
        first use."""
        found: dict[str, list[tuple[int, str, frozenset[str]]]] = defaultdict(list)
        for i, doc in enumerate(self.docs):
            for said in doc.withdrawn:
                named = frozenset(self.canon.tokens(said))
                for t in sorted(named):
                    found[t].append((i, said, named))
        return {t: tuple(entries) for t, entries in found.items()}

    @cached_property
    def _packaging_tokens(self) -> frozenset[str]:
        """The tokens of the catalogue's edition and add-on names."""
        add_ons = [c.add_on for c in self.catalog.capabilities if c.add_on]
        return self.edition_tokens | {t for name in add_ons for t in self.canon.tokens(name)}

    @cached_property
    def edition_tokens(self) -> frozenset[str]:
        """The tokens of the catalogue's edition names ("on the Enterprise plan")."""
        return frozenset(t for e in self.catalog.editions for t in self.canon.tokens(e))

    @cached_property
    def packaging(self) -> Packaging:
        """The catalogue's editions (lowest first), places, add-on names and product."""
        catalog = self.catalog
        return Packaging(
            tuple(sorted(catalog.editions, key=catalog.edition_rank)),
            tuple([*catalog.regions, *catalog.deployments]),
            tuple(sorted({c.add_on for c in catalog.capabilities if c.add_on})),
            catalog.product,
        )

    @cached_property
    def named_by(self) -> dict[str, frozenset[int]]:
        """The capabilities whose name holds each token, built on first use."""
        found: dict[str, set[int]] = defaultdict(set)
        for i, doc in enumerate(self.docs):
            for token in doc.name_tokens:
                found[token].add(i)
        return {token: frozenset(docs) for token, docs in found.items()}

    def is_content(self, token: str, word: str | None = None) -> bool:
        """Whether a token says which capability is meant (not filler, not a number).

        Given the ``word`` as written, filler is judged on it: "customer" is filler
        but "custom" is not, though both stem to "custom". A token that is not the
        word's own stem (a typo read as another word, an acronym) is judged by itself.
        """
        if token.isdigit():
            return False
        if word is not None and stem(word) == token:
            return word not in FILLER
        return token not in FILLER_STEMS


def initialisms(texts: Sequence[str]) -> frozenset[str]:
    """Initials of every run of 2 to 6 consecutive words of each text, with and without
    its stop words: the acronyms a customer may write for it ("FTFR", "PM", "BYOK")."""
    found: set[str] = set()
    for text in texts:
        every = re.findall(r"[a-z0-9]+", fold(text))
        for seq in (every, [w for w in every if w not in STOPWORDS]):
            for i in range(len(seq)):
                for n in range(2, 7):
                    if i + n <= len(seq):
                        found.add("".join(w[0] for w in seq[i : i + n]))
    return frozenset(found)


#: A negation rejects a deployment named within this many words after it ("never as
#: SaaS", "no private cloud"); with none there, the nearest one before it ("an
#: on-premises installation is not acceptable").
NEGATED_AHEAD = 3


def _rejected(
    j: int, named: list[tuple[int, int, str, tuple[str, ...]]], bare: list[str]
) -> set[tuple[int, int]]:
    """The spans of the deployments the negation at word ``j`` rejects: the first named
    within ``NEGATED_AHEAD`` words after it and those joined to it by "or", "nor" or
    "and" ("installed on-premises, not SaaS or a dedicated instance" rejects both), else
    the nearest before it and those joined to it ("an on-premises installation is not
    acceptable", "SaaS and dedicated instances are not acceptable")."""
    ordered = sorted(named, key=lambda x: x[0])
    ahead = [x for x in ordered if j < x[0] <= j + NEGATED_AHEAD]
    if ahead:
        spans = {(ahead[0][0], ahead[0][1])}
        last = ahead[0][1]
        for x in ordered:
            between = bare[last : x[0]]
            if (
                x[0] >= last
                and len(between) <= NEGATED_AHEAD
                and {"or", "nor", "and"} & set(between)
            ):
                spans.add((x[0], x[1]))
                last = x[1]
        return spans
    behind = [x for x in named if x[1] <= j] or named
    first = min(behind, key=lambda x: (j - x[1], x[0]))
    spans = {(first[0], first[1])}
    start = first[0]
    for x in sorted(behind, key=lambda x: -x[0]):
        between = bare[x[1] : start]
        if x[1] <= start and len(between) <= NEGATED_AHEAD and {"or", "nor", "and"} & set(between):
            spans.add((x[0], x[1]))  # "SaaS and dedicated instance are not acceptable"
            start = x[0]
    return spans


def _names_stopword_place(word: str, text: str) -> bool:
    """A region named by a stop word ("us") counts only when written as a name ("US")."""
    return word == "us" and has_country_us(text)


_NUMBERED = re.compile(
    # (A name may follow a digit or a slash inside a longer one: "HANA" of "S/4HANA 2020".)
    r"(?<![A-Za-z])([A-Za-z][A-Za-z-]*?)[ /-]?(?:v|version\s)?(\d+(?:\.\d+)*)"
    r"(?![\w%]|/(?!\d)|[.:]\d)"
)


#: Further numbers of the same name in a list: "Python 3.10 and 3.11", "TLS 1.2/1.3".
_MORE_NUMBERS = re.compile(
    r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s*/\s*)(?:v|version\s)?"
    r"(\d+(?:\.\d+)*)(?![\w%/]|[.:]\d)"
)


def numbered_names(text: str, skip: Sequence[tuple[int, int]] = ()) -> frozenset[tuple[str, str]]:
    """Things named by a word and a number: "SOC 2", "ISO 27001", "TLS 1.2", "OAuth2",
    "HTTP/2";
    a list names every number ("Python 3.10 and 3.11", "TLS 1.2/1.3").

    Stop words and filler before a number ("for 7", "of 99.9") are not names; nor is a
    number inside one of the ``skip`` spans (the requirement's quantities).
    """
    found = set()
    for m in _NUMBERED.finditer(text):
        if any(a <= m.start(2) < b for a, b in skip):
            continue
        word = fold(m.group(1)).strip("-")
        if not word or word in STOPWORDS or word in FILLER:
            continue
        numbers = [m.group(2)]
        end = m.end()
        while (more := _MORE_NUMBERS.match(text, end)) is not None:
            if any(a <= more.start(1) < b for a, b in skip):
                break
            numbers.append(more.group(1))
            end = more.end()
        for number in numbers:
            number = re.sub(r"(?:\.0)+$", "", number)  # "SAML 2.0" is "SAML 2"
            found.add((stem(word), number))
    return frozenset(found)


#: A version stated as the lowest supported, right after its number ("1.28 or later",
#: "2016 and later", "8+", "1.2 or higher").
_OR_LATER = re.compile(
    r"\s*(?:\+|(?:or|and)\s+(?:later|higher|above|newer|greater)|onwards?)(?![\w+])", re.I
)


#: A capitalised word right before a versioned name's own word ("*Windows* Server 2016",
#: "*SQL* Server 2017"): part of the name.
_NAME_WORD_BEFORE = re.compile(r"([A-Z][\w-]*)\s+$")


def versioned_names(text: str, or_later: bool = False) -> frozenset[tuple[tuple[str, ...], str]]:
    """Versioned names with the whole name before the number, as stems: "SQL Server 2017
    on Windows Server 2022" gives (("sql", "server"), "2017") and (("window", "server"),
    "2022"); the capitalised words right before the number's own word belong to the name.
    With ``or_later``, only the versions stated as the lowest supported ("Kubernetes 1.28
    or later", "Windows Server 2016 and later only", "RHEL 8+")."""
    found = set()
    for m in _NUMBERED.finditer(text):
        if or_later and not _OR_LATER.match(text, m.end()):
            continue
        word = fold(m.group(1)).strip("-")
        if not word or word in STOPWORDS or word in FILLER:
            continue
        name = [stem(word)]
        start = m.start(1)
        for _ in range(2):  # at most two words before: "Microsoft SQL Server 2019"
            before = _NAME_WORD_BEFORE.search(text, 0, start)
            if before is None or fold(before.group(1)) in STOPWORDS:
                break
            name.insert(0, stem(fold(before.group(1))))
            start = before.start(1)
        number = re.sub(r"(?:\.0)+$", "", m.group(2))
        found.add((tuple(name), number))
        # A dotted name ("Node.js 18", "Vue.js 3") is read by its last part ("js"); it is
        # named by its first part too ("Node 16" against "Node.js 18 or later").
        dotted = re.search(r"([A-Za-z][\w-]*)\.$", text[: m.start(1)])
        if dotted is not None and fold(dotted.group(1)) not in STOPWORDS:
            found.add(((stem(fold(dotted.group(1))),), number))
    return frozenset(found)


def lower_bounds(text: str) -> frozenset[tuple[tuple[str, ...], str]]:
    """The versions ``text`` states as the lowest supported, by whole name
    (:func:`versioned_names`)."""
    return versioned_names(text, or_later=True)


def version_key(number: str) -> tuple[int, ...]:
    """A version number to compare ("1.28" -> (1, 28), "2016" -> (2016,))."""
    return tuple(int(part) for part in number.split(".") if part.isdigit())


#: How customers name common regions and deployments (keys: declared names, folded).
#: The adjectives too ("Australian data centres only", "European hosting"). A name is the
#: region's only if it names the same place or a wider one that holds it (a US region is
#: in North America, an EU region in Europe): an ask for a place *inside* a region is not
#: met by wherever in that region the product is hosted ("data residency in Singapore"
#: against an APAC region hosted in Sydney), so Singapore, Japan, Australia and Asia are
#: no names of "apac"; they are countries and places like any other.
REGION_SYNONYMS: dict[str, tuple[str, ...]] = {
    "eu": ("europe", "european", "european union", "eea", "european economic area"),
    "us": ("usa", "united states", "america", "north america"),
    "uk": ("united kingdom", "great britain", "britain", "british"),
    "apac": ("asia pacific", "asia-pacific"),
    "ca": ("canada", "canadian"),
    "au": ("australia", "australian"),
}
_PUNCTUATION = re.compile(r"[^\w\s]")
#: Where a clause ends: a deployment is stated within its own clause.
_CLAUSE_END = re.compile(r"[.;:!?](?:\s|$)|,\s+(?:and|but|while|whereas)\b")

#: Words for where data is kept, in every inflection ("data centres", "stores").
_RESIDENCY_STEMS = frozenset(stem(w) for w in LEXICON.residency_words)

#: How far after a region's name a word for where data is kept may stand for the
#: requirement to state the deal's region ("Australian data centres"); further off, the
#: word is about something else ("Support staff in the UK must have access to stored
#: tickets"). Before the name, ``STATED_WINDOW`` ("must be hosted in the EU or the UK").
RESIDENCY_AFTER = 3
#: A region's adjective ("British", "Australian") before a capitalised word is part of
#: a name ("British Columbia", "the Australian App Store"), not the region.
_ADJECTIVE_ENDINGS = ("an", "ish")

#: A region right after one of these is the buyer's own ("our EU entity", "their US
#: office"), not where the product keeps the data.
_OWNERS = frozenset({"our", "my", "their", "his", "her"})

#: How far from a deployment's name, within its clause, a word about where a product runs
#: may stand for the requirement to state the deal's deployment ("must be hosted by the
#: vendor as SaaS").
STATED_WINDOW = 6

DEPLOYMENT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "on-prem": (
        "on premises",
        "on premise",
        "on prem",
        "self hosted",
        "our own data centre",
        "our own data center",
    ),
    "self-managed": ("self hosted", "on premises", "on premise", "on prem"),
    "saas": ("software as a service", "cloud hosted", "multi tenant"),
    "dedicated": ("single tenant", "dedicated instance", "dedicated cloud", "private cloud"),
}

GENERIC_METRIC_STEMS = frozenset(
    stem(w)
    for w in "time period limit window level objective percentage capacity quota "
    "allowance size number count total amount maximum minimum guarantee commitment".split()
)

FILLER_STEMS = frozenset(stem(w) for w in FILLER if w not in STOPWORDS)
