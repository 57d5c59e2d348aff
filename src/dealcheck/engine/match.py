"""Find the capabilities a requirement asks for, each with a confidence.

The pipeline, over one requirement:

1. ``analyse`` (:mod:`dealcheck.engine.analyse`): the text read once into a frozen
   :class:`~dealcheck.engine.analyse.Analysis` value.
2. Signals propose scored :class:`~dealcheck.engine.candidates.Candidate` values
   (each can be switched off for the ablation bench):

   ``pin``
       a reviewed ``capability:`` mapping: it replaces matching, never evaluation.
   ``phrase``
       a capability's name or alias appears in the text as a phrase (stemmed,
       stop words ignored), contiguously or within a small window.
   ``fuzzy``
       tolerance to typos: a word that is neither a catalogue word nor a real English
       word is corrected to a catalogue word one or two edits away.
   ``lexical``
       idf-weighted overlap of each clause with a capability's name, aliases,
       description and category, for paraphrases.
   ``semantic``
       cosine similarity under the offline WordLlama model; fused with the lexical
       ranking by reciprocal rank, and on its own for whole-requirement retrieval.
   ``metric``
       a quantity next to a metric alias ("99.95% availability") points at the
       capabilities that carry a limit on that metric.
   ``specificity``
       a generic phrase that a more specific matched capability also explains is
       claimed by the specific one; a more specific sibling the rest of the words
       point to joins the match, and so does the one capability related to a matched
       phrase whose name or aliases hold a name the match never mentions ("Audit logs
       pushed to Datadog": the SIEM export).

3. Rules (:mod:`dealcheck.engine.rules`) attach typed reasons where the
   requirement's own words narrow the ask beyond what the catalogue confirms.
4. The decision (:mod:`dealcheck.engine.decide`) turns evidence into the matched
   capabilities and a confidence. When nothing is sure and no rule fired,
   whole-requirement retrieval (:meth:`Matcher._retrieve`) may still answer.

Precision beats recall: a requirement is matched only when every part of it
is explained by some capability with enough confidence. Anything else is
``unknown`` and goes to a person, with its closest candidate as a suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from dealcheck.engine.analyse import Analysis, analyse
from dealcheck.engine.candidates import THRESHOLD, Candidate, MatchResult, Reason
from dealcheck.engine.decide import AGREED_FREE_SIMILARITY, AGREED_RESIDUAL_FREE, BELOW, decide
from dealcheck.engine.encoders import Encoder
from dealcheck.engine.index import CatalogIndex, Phrase
from dealcheck.engine.rules import (
    ALL_RULES,
    Evidence,
    apply_rules,
    caveat,
    claimed,
    compound,
    looks_like_a_name,
    negation,
    unexplained_name,
    unlimited,
    unread_number,
)
from dealcheck.engine.semantic import ranked
from dealcheck.engine.text import (
    ACCOUNT_STEMS,
    GATHERING_STEMS,
    LEXICON,
    PEOPLE_STEMS,
    STOPWORDS,
    stem,
    tokens,
)
from dealcheck.engine.vocabulary import is_common_word, is_real_word
from dealcheck.requirements import Quantity

ALL_SIGNALS = frozenset({"pin", "phrase", "fuzzy", "lexical", "metric", "specificity", "semantic"})

#: The verdict a capability (by index in the catalogue index) would get for the
#: requirement being matched, in the deal being checked.
VerdictOf = Callable[[int], str]

#: How many capabilities each ranking (lexical, semantic) contributes to the fusion.
RETRIEVAL_DEPTH = 30
#: Reciprocal-rank fusion constant (score 1 / (RRF_K + rank)). Cormack et al. (2009) use
#: 60 for long result lists; with 30 candidates a smaller constant keeps the first ranks
#: decisive. Chosen on the development part (GitLab buyer set): 5..20 rank alike.
RRF_K = 10
#: A lexical score is scaled into a confidence by this factor (coverage of a paraphrase
#: is never as sure as a phrase found as written).
LEXICAL_SCALE = 0.92
#: Lexical runner-ups closer than this to the best score make the choice ambiguous.
LEXICAL_MARGIN = 0.08
#: When the lexical and semantic rankings agree on the first capability, the agreed
#: candidate's confidence. On the development part agreed top candidates were right in
#: about nine cases of ten; the narrowing rules and the residual check still apply.
AGREED_SCORE = 0.72
#: The agreed capability's cosine similarity must reach this (WordLlama l2_supercat:
#: unrelated short texts score below about 0.2) ...
MIN_AGREED_SIMILARITY = 0.35
#: ... and beat the best capability that would give another verdict by this much.
#: Both chosen by a grid over the development part (similarity 0.30-0.45, margin
#: 0.02-0.10): accuracy moved by under one point; this pair had the fewest false
#: promises and the best accuracy.
AGREED_MARGIN = 0.1
#: A weak agreement (the meaning's similarity below the decision's
#: ``AGREED_FREE_SIMILARITY``) answers by itself only where the retrieved capability
#: leaves at most ``AGREED_RESIDUAL_FREE`` of the ask unexplained or at most this many
#: words ("Sync accounts with our legacy CRM nightly" against contact management, 0.38,
#: leaves "sync", "legacy", "CRM" and "nightly": a person decides; "Timesheets for our
#: employees" leaves one word, and is answered). On the development part: one false
#: promise fewer, one plain answer lost; held-out and the GitLab buyer set unchanged.
#: Not taken: every weak agreement through the residual check (three plain answers lost
#: for the one false promise, one held-out answer lost, and short plain asks such as
#: "24/7 phone support line").
WEAK_AGREEMENT_WORDS = 2
#: Whole-requirement retrieval also takes the semantic ranking's first capability when
#: the lexical ranking holds it within its first NEAR_TOP, behind one that would give the
#: same verdict ("candidates that would give the same verdict are not ambiguity"), and no
#: capability with another verdict is within AGREED_MARGIN (no narrower gap than two
#: agreeing rankings get): then only if its own words explain the text (the decision's
#: residual check). On the development part: 3 more right (of 1,162), no false promise
#: added. Not taken: the mirror case, words first and meaning second ("log in
#: from unlimited devices" read as the audit log), and agreed rankings with a gap under
#: AGREED_MARGIN, which answered one more development case but, in an independent
#: review's probes on terse catalogues, 15 false promises ("clock in by fingerprint from
#: the mobile app": the biometric terminals were the close rival).
NEAR_TOP = 2
#: Whole-requirement retrieval trusts the semantic first candidate alone when its
#: similarity reaches this and the best capability with another verdict is at least
#: SEMANTIC_MARGIN below. Chosen on the development part (GitLab buyer set and the team
#: corpus) for precision: on the requirements the other signals left unknown, this rule
#: answered 36 of 40 right.
MIN_SEMANTIC_ALONE = 0.45
SEMANTIC_MARGIN = 0.1
#: ... and the capability's text holds at least this many of the requirement's content
#: words: one shared word ("merge" of "merge duplicate user accounts" against "close
#: issues when a merge request is merged") is the meaning model's guess, not evidence.
MIN_SEMANTIC_ALONE_WORDS = 2
#: The confidence given to an answer from the semantic ranking alone.
SEMANTIC_SCORE = 0.65
#: How many words a count's label may end before its number ("Guest users: 5,000",
#: "Number of guest users is 5,000"), counted in tokens.
LABEL_GAP = 2
#: The score of a capability found only because the ask names something its caveat takes
#: back ("Fitbit and Garmin are not supported"): below the threshold, so it is never an
#: answer by itself, and above the engine's suggestion floor, so its caveat is read.
NAMED_IN_A_CAVEAT_SCORE = 0.5


#: The confidence in a capability that limits the metric a quantity of the requirement is
#: on ("RPO of 15 minutes" names rpo; disaster recovery limits it).
METRIC_SCORE = 0.85

#: The score of a capability brought in by specificity: an answer, but never surer than
#: the phrase it specialises.
SPECIFIC_SCORE = 0.75
#: One of the things a capability's name lists ("live captions" in "Live captions and
#: transcripts"): a candidate, less sure than a whole name or alias.
NAME_PART_SCORE = 0.7


#: Words that start no noun a word before them could qualify ("capture *inside* the
#: portal", "duplicates *and* errors"): lexicon.yaml's prepositions, determiners and
#: coordinators.
_JOINERS = LEXICON.prepositions | LEXICON.determiners | LEXICON.coordinators


def _liftable(reason: Reason) -> bool:
    """A negation of the whole ask, which a retrieved capability saying the same lifts;
    or words an answer left out that a close rival is about (``claimed``), which only
    that rival lifts, retrieved and explaining the whole ask by itself."""
    return (reason.rule == negation.ID and reason.capability is None) or (reason.rule == claimed.ID)


@lru_cache(maxsize=1024)
def _as_written(name: str) -> re.Pattern[str]:
    """A name as written, its parts joined by any one separator or none ("AS/400",
    "AS400", "AS-400"), standing apart from other words and numbers."""
    parts = re.findall(r"[A-Za-z0-9]+", name)
    joined = r"[\s/_.-]?".join(re.escape(p) for p in parts)
    return re.compile(r"(?<![\w.])" + joined + r"(?![\w]|[.,]\d)", re.I)


def _written_at(name: str, text: str, spans: Sequence[tuple[str, str, int, int]], i: int) -> bool:
    """Whether a name that is a number once its stop words go ("I-9", "AS/400") is written
    as such where its number stands (token ``i``), not as a bare number ("9 seats")."""
    if not text or i >= len(spans):
        return False
    at = spans[i][2]
    return any(m.start() <= at < m.end() for m in _as_written(name).finditer(text))


#: Words that may stand between an ask for no limit and the metric it is on ("no cap on
#: the number of participants"): stop words and nouns of counting (lexicon.yaml).
_COUNTING = LEXICON.counting_nouns
#: A digit: an amount in the ask, a number in a caveat.
_DIGIT = re.compile(r"\d")
#: Nouns that count people in general ("people", "staff", "employees"; lexicon.yaml
#: people_nouns), as written.
PEOPLE_NOUNS = LEXICON.people_nouns


def _unlimited_at(analysis: Analysis) -> tuple[int, int, frozenset[str]] | None:
    """Where a metric named right after an ask for no limit may start: the token positions
    from the first after it to the first after the stop words and nouns of counting that
    follow ("no cap on |the number of |users"), and the ask's own tokens ("cap"); None
    when the text asks for no limit nowhere."""
    found = unlimited.UNLIMITED.search(analysis.rewritten)
    if found is None:
        return None
    spans = analysis.spans
    first = next((i for i, sp in enumerate(spans) if sp[2] >= found.end()), len(spans))
    k = first
    while k < len(spans) and (spans[k][1] in STOPWORDS or spans[k][1] in _COUNTING):
        k += 1
    return first, k, frozenset(tokens(found.group()))


def _timeless_at(analysis: Analysis) -> int | None:
    """The token position of the first word asking for no end of a duration, if any;
    not "permanently", which more often says how something is done ("permanently
    blocked", "permanently anonymised")."""
    found = unlimited.TIMELESS.search(analysis.rewritten)
    if found is None or found.group().lower().startswith("permanent"):
        return None
    spans = analysis.spans
    return next((i for i, sp in enumerate(spans) if sp[2] >= found.start()), None)


def _is_duration(unit: str) -> bool:
    from dealcheck.units import parse_unit  # as the quantity links import it

    parsed = parse_unit(unit)
    return parsed is not None and parsed[0] == "time"


class Matcher:
    """The matching pipeline over one catalogue index: analyse, signals, rules, decide.

    Per-requirement state never lives here: a requirement's :class:`Analysis` and its
    evidence are values made and dropped within one call. What the matcher keeps is
    per catalogue (the index, the semantic model's catalogue embeddings, a memo of
    typo corrections).
    """

    def __init__(
        self,
        index: CatalogIndex,
        signals: frozenset[str] = ALL_SIGNALS,
        rules: frozenset[str] = ALL_RULES,
        encoder: Encoder | None = None,
    ) -> None:
        self.index = index
        self.signals = signals
        self.rules = rules
        self._encoder = encoder  # None: the process's encoder (WordLlama by default)
        self._corrections: dict[str, str | None] = {}
        self._places: frozenset[str] | None = None
        self._one_word_places: frozenset[str] | None = None
        self._vocab = sorted(index.vocabulary)
        self._semantic: Any = None

    @property
    def encoder(self) -> Any:
        """The encoder the semantic signal uses (not loaded by asking)."""
        if self._encoder is not None:
            return self._encoder
        from dealcheck.engine.semantic import current_encoder

        return current_encoder()

    @property
    def semantic(self) -> Any:
        if self._semantic is None:
            from dealcheck.engine.semantic import SemanticIndex

            self._semantic = SemanticIndex(
                [
                    f"{d.cap.name}. {'; '.join(d.cap.aliases)}. {d.cap.description or ''}"
                    for d in self.index.docs
                ],
                self._encoder,
            )
        return self._semantic

    # -- typo tolerance -------------------------------------------------
    def _correct(self, word: str) -> str | None:
        """The catalogue word a word the catalogue does not know is a typo of, if any.

        A real English word is never a typo ("interaction" is not "integration").
        """
        if word in self._corrections:
            return self._corrections[word]
        if is_real_word(word):
            self._corrections[word] = None
            return None
        from rapidfuzz import process  # only when a word is unknown to the catalogue
        from rapidfuzz.distance import DamerauLevenshtein

        limit = 1 if len(word) <= 8 else 2
        best = process.extractOne(
            word, self._vocab, scorer=DamerauLevenshtein.distance, score_cutoff=limit
        )
        fixed = None
        if best is not None and best[0][0] == word[0]:
            fixed = best[0]
        self._corrections[word] = fixed
        return fixed

    # -- phrases --------------------------------------------------------
    def _phrase_hits(
        self,
        toks: list[str],
        corrected: set[int],
        spans: Sequence[tuple[str, str, int, int]] = (),
        text: str = "",
    ) -> list[tuple[frozenset[int], Phrase, bool, bool]]:
        """(token positions, phrase, exact, uses_correction) for every phrase found."""
        hits = []
        present: dict[str, list[int]] = {}
        for i, t in enumerate(toks):
            present.setdefault(t, []).append(i)
        idx = self.index
        for i, t in enumerate(toks):
            for phrase in idx.single_phrases.get(t, ()):
                if t.isdigit() and not _written_at(phrase.text, text, spans, i):
                    continue  # "I-9" is not the 9 of "99.9%" or "9 seats"
                if i < len(spans) and _derived_apart(spans[i][1], phrase.text):
                    continue  # "local" is no "localisation": the stemmer cut a derivation off
                hits.append((frozenset((i,)), phrase, True, i in corrected))
            if i + 1 < len(toks):
                for phrase in idx.phrases_by_bigram.get((t, toks[i + 1]), ()):
                    n = len(phrase.tokens)
                    if tuple(toks[i : i + n]) == phrase.tokens:
                        fixed = any(k in corrected for k in range(i, i + n))
                        hits.append((frozenset(range(i, i + n)), phrase, True, fixed))
        # Near-exact: every word of a multi-word phrase, in any order, within a small window.
        seen = {(h[1].doc, h[1].tokens) for h in hits}
        for t in present:
            for phrase in idx.phrases_by_rarest.get(t, ()):
                n = len(phrase.tokens)
                if (phrase.doc, phrase.tokens) in seen:
                    continue
                if not all(pt in present for pt in phrase.tokens):
                    continue
                positions = sorted(
                    min(present[pt], key=lambda p: abs(p - present[t][0])) for pt in phrase.tokens
                )
                if positions[-1] - positions[0] <= n + 2 and not any(
                    toks[k][:1].isdigit() and toks[k] not in phrase.tokens
                    for k in range(positions[0], positions[-1])
                ):
                    # (A number between the words parts two things: "support at least
                    # 600 customer price lists" names no customer support.)
                    if self._modifies_the_next(phrase, positions, toks, spans, text):
                        continue
                    fixed = any(k in corrected for k in positions)
                    hits.append((frozenset(positions), phrase, False, fixed))
                    seen.add((phrase.doc, phrase.tokens))
        return hits

    def _modifies_the_next(
        self,
        phrase: Phrase,
        positions: list[int],
        toks: list[str],
        spans: Sequence[tuple[str, str, int, int]],
        text: str,
    ) -> bool:
        """Whether a phrase found with its words in another order ends on a word that
        qualifies the noun right after it: "Detect *duplicate* expense claims" is about
        duplicate expense claims, where "detect duplicates" would be duplicate detection.
        The next word is one the phrase's capability never uses, written right after it
        (a space between, in the same noun phrase), and no preposition, determiner or
        conjunction."""
        last = positions[-1]
        if [toks[k] for k in positions] == list(phrase.tokens) or last + 1 >= len(toks):
            return False
        if last + 1 >= len(spans) or text[spans[last][3] : spans[last + 1][2]] != " ":
            return False
        word = spans[last + 1][1]
        if word in _JOINERS:
            return False  # "capture *inside* the portal": a preposition, no noun
        return toks[last + 1] not in self.index.docs[phrase.doc].weights

    def _phrase_score(self, phrase: Phrase, exact: bool, fixed: bool) -> float:
        idx = self.index
        specificity = sum(idx.idf_of(t) for t in phrase.tokens) / (len(phrase.tokens) * idx.max_idf)
        if phrase.kind == "name part":
            score = NAME_PART_SCORE
        elif len(phrase.tokens) >= 2:
            score = 0.96 if phrase.kind == "name" else 0.94
        elif specificity < 0.45:
            # A common word ("project", "group") alone is context, not an ask.
            score = 0.5 + 0.2 * specificity
        else:
            score = 0.78 + 0.17 * min(1.0, specificity * 1.3)
        if not exact:
            score -= 0.1
        if fixed:
            score -= 0.08
        return round(min(score, 0.99), 3)

    # -- the whole match ------------------------------------------------
    def analyse(self, text: str, quantities: list[Quantity] | None = None) -> Analysis:
        """The requirement read once, as a value (typos corrected when ``fuzzy`` is on)."""
        correct = self._correct if "fuzzy" in self.signals else None
        return analyse(text, quantities or [], self.index, correct)

    def match(
        self,
        analysis: Analysis,
        pinned: Sequence[str] = (),
        verdict_of: VerdictOf | None = None,
        edition: str | None = None,
    ) -> MatchResult:
        """The capabilities a requirement asks for.

        ``verdict_of`` gives the verdict a capability (by index) would get for this
        requirement in this deal: candidates that would give the same verdict are not
        ambiguity. Without it every close runner-up is. ``edition``: the edition the deal
        quotes, a term of the deal where the ask names it.
        """
        idx = self.index
        rewritten = analysis.rewritten
        spans = list(analysis.spans)
        toks = analysis.toks
        pins = [p for p in pinned if p in idx.by_id] if "pin" in self.signals else []
        if pins:
            return self._pinned(analysis, pins)

        notes = list(analysis.notes)
        corrected = set(analysis.corrected)

        candidates: dict[int, Candidate] = {}
        explained_positions: set[int] = set()
        taken: list[tuple[frozenset[int], int]] = []

        if "phrase" in self.signals:
            hits = self._phrase_hits(toks, corrected, spans, rewritten)
            # Longer phrases first; a shorter one inside an accepted longer one is dropped.
            hits.sort(key=lambda h: (-len(h[0]), not h[2], min(h[0]), h[1].doc))
            for positions, phrase, is_exact, uses_fix in hits:
                if positions & analysis.excluded_positions:
                    continue  # "Slack integration (not Microsoft Teams)": what is excluded
                if any(
                    doc != phrase.doc and len(other) > len(positions) and other & positions
                    for other, doc in taken
                ):
                    continue
                score = self._phrase_score(phrase, is_exact, uses_fix)
                if score >= THRESHOLD:
                    taken.append((positions, phrase.doc))
                how = "phrase" if is_exact else "near phrase"
                signal = f"{how} '{phrase.text}' ({phrase.kind})"
                known = candidates.get(phrase.doc)
                if known is None:
                    candidates[phrase.doc] = Candidate(
                        phrase.doc, idx.docs[phrase.doc].cap.id, score, [signal]
                    )
                else:
                    known.score = max(known.score, score)
                    known.signals.append(signal)
                if score >= THRESHOLD:
                    explained_positions.update(positions)
            if "specificity" in self.signals and len(candidates) > 1:
                self._claim_generic_phrases(candidates, taken, toks)
            if "specificity" in self.signals:
                self._specific_siblings(candidates, taken, toks, spans, explained_positions)
                self._name_holders(candidates, taken, analysis)

        content = list(analysis.content)
        metric_links = self._link_metrics(analysis, list(candidates.values()))
        metric_positions: set[int] = set()
        linked_metric_at: dict[int, str] = {}  # position of a linked metric's name -> metric
        if "metric" in self.signals:
            mentions = list(analysis.metric_mentions)
            present = set(toks)
            for qi, metric in sorted(metric_links.items()):
                # People counted in general words ("26,000 people") name the metric
                # that counts them (users, seats) as "26,000 users" would.
                q = analysis.quantities[qi]
                if q.dimension == "count" and q.unit in PEOPLE_NOUNS:
                    if not any(m == metric for *_, m in mentions):
                        at = analysis.token_index(q)
                        mentions.append((at, at + 1, metric))
            for metric in sorted(set(metric_links.values()) - {m for _, _, m in mentions}):
                # A metric a quantity's unit links, whose name the text holds word for
                # word though not side by side ("Help center articles in 12 languages"
                # names help center languages): it is mentioned, with no positions.
                if any(
                    mp.metric == metric and len(mp.tokens) > 1 and set(mp.tokens) <= present
                    for mp in idx.metric_phrases
                ):
                    mentions.append((0, 0, metric))
            # An ask for no limit ("unlimited storage per workspace", "no cap on the number
            # of participants") is an amount too: the most there is, on the metric named
            # right after it. One named elsewhere ("unlimited pay runs for all our
            # companies", "users can log in from unlimited devices") is not what is asked
            # unlimited, nor is either of two ("unlimited document storage for employee
            # files").
            boundless = _unlimited_at(analysis) if len({m for *_, m in mentions}) == 1 else None
            timeless = _timeless_at(analysis) if boundless is not None else None
            for mp_start, mp_end, metric in mentions:
                # (Not a word of the ask inside the amount: "400 alerts *are suppressed*
                # every minute" names the alerts-per-minute metric around it.)
                named_at = [k for k in range(mp_start, mp_end) if k not in analysis.quantity_inner]
                metric_positions.update(named_at)
                quantified = any(m == metric for m in metric_links.values())
                linked = quantified or (
                    boundless is not None
                    and (
                        boundless[0] <= mp_start <= boundless[1] < mp_end
                        and toks[boundless[1]] in idx.metric_words(metric)
                        # "chat history retained indefinitely": no end, on the duration
                        # named right before it ("permanently blocked" is no duration)
                        or timeless is not None
                        and mp_end <= timeless <= mp_end + 1
                        and _is_duration(idx.catalog.metrics[metric].unit)
                    )
                )
                carriers = idx.metric_caps.get(metric, [])
                if not linked or not carriers:
                    continue
                linked_metric_at.update(dict.fromkeys(named_at, metric))
                limiting = [c for c in carriers if c in candidates]
                if limiting:
                    # A phrase found the one capability that limits the metric the
                    # quantity is on ("traces retained for 30 days", trace retention): the
                    # metric confirms it, as it would have proposed it. Several found are
                    # the other signals' to choose between.
                    doc = limiting[0]
                    if len(limiting) == 1 and candidates[doc].score < METRIC_SCORE:
                        candidates[doc].score = METRIC_SCORE
                        candidates[doc].signals.append(
                            f"quantity on metric '{metric}', limited by this capability"
                        )
                    continue
                metric_words = {toks[k] for k in range(mp_start, mp_end)}
                if len(carriers) > 1:
                    # Several capabilities limit the metric: the one named for it ("Uptime SLA").
                    carriers = [c for c in carriers if metric_words & idx.docs[c].name_tokens]
                if not quantified and len(carriers) == 1:
                    # No amount, only "no limit": the capability must explain the rest of
                    # the ask ("no limit on the number of contacts in a webinar" is no ask
                    # about the contact database's limit).
                    said = idx.docs[carriers[0]].weights
                    itself = boundless[2] if boundless is not None else frozenset()
                    rest = {
                        toks[k]
                        for k in analysis.content
                        if not mp_start <= k < mp_end and toks[k] not in itself
                    }
                    if not rest <= set(said):
                        continue
                if len(carriers) == 1 and self._counts_people_itself(
                    metric, candidates, set(metric_links.values())
                ):
                    # "Desk booking for 26,000 employees" against desk booking limited in
                    # users and an employee directory limited in employees: the people
                    # are the asked capability's own, counted another way, not an ask for
                    # the directory. The count stays on its metric, which the answer does
                    # not limit: a person compares.
                    continue
                if len(carriers) == 1:
                    d = carriers[0]
                    candidates[d] = Candidate(
                        d,
                        idx.docs[d].cap.id,
                        METRIC_SCORE,
                        [f"quantity on metric '{metric}', limited by this capability"],
                    )

        clauses = [list(c) for c in analysis.clauses]
        if "lexical" in self.signals:
            content_set = set(content)
            for clause in clauses:
                if any(k in explained_positions for k in clause):
                    continue  # this part of the ask is already matched by a phrase
                query = [k for k in clause if k in content_set and k not in metric_positions]
                if sum(idx.idf_of(toks[k]) for k in query) >= 0.5 * idx.max_idf:
                    clause_text = rewritten[spans[clause[0]][2] : spans[clause[-1]][3]]
                    self._lexical(toks, query, candidates, clause_text, verdict_of)

        self._named_in_a_caveat(analysis, candidates)
        evidence = Evidence(
            analysis=analysis,
            index=idx,
            candidates=candidates,
            taken=taken,
            explained_positions=explained_positions,
            metric_positions=metric_positions,
            linked_metric_at=linked_metric_at,
            place_tokens=self._place_tokens,
            verdict_of=verdict_of,
            deal_edition=frozenset(tokens(edition)) if edition else frozenset(),
            meaning=self._meaning(analysis),
        )
        reasons = apply_rules(evidence, self.rules)
        decision = decide(evidence, reasons)
        answers, confidence = decision.answers, decision.confidence
        if (
            answers
            and confidence >= THRESHOLD
            and "specificity" in self.signals
            and (
                self._text_siblings(candidates, taken, toks, spans, explained_positions)
                | self._taken_back_siblings(candidates, taken, toks, spans, explained_positions)
            )
        ):
            # A capability the rest of the words ask for joined the answer: the rules
            # read it too, and the decision is made again with it.
            for c in candidates.values():
                c.rejections.clear()
            reasons = apply_rules(evidence, self.rules)
            decision = decide(evidence, reasons)
            answers, confidence = decision.answers, decision.confidence
        # Retrieval answers what nothing else answered. Where the words found a capability
        # but left much of the text unexplained, it may find the one the whole text asks
        # for ("automatic rollback ... if a critical alert fires" is no ask for alerts):
        # that capability must then explain the text by itself (the decision's residual
        # check), or the doubt stands. So must one the rankings only nearly agree on.
        held_back = bool(answers) and confidence < THRESHOLD
        # Two doubts retrieval may lift. A negation: a capability whose own text negates
        # the same thing ("is never used to train models") answers it, which the negation
        # rule re-checks for the capability retrieved. (Not its doubt about one
        # capability, which is what a "(not X)" aside excludes: that stands like any other.)
        # And words an answer left out that a close rival is about (``claimed``): the
        # capability the whole text asks for may be that rival, when retrieval finds it
        # (no other), and the rules re-check it.
        doubts = any(r.doubt and not _liftable(r) for r in reasons)
        found: Candidate | None = None
        alone = evidence  # the evidence the answer stands on
        if (not answers or held_back) and "semantic" in self.signals and not doubts and content:
            # (An answer a rival claimed words of is still the words' choice: retrieval
            # must not disagree with its phrase unless the phrase is part of its ask.)
            chosen = answers or [
                c for c in candidates.values() if any(r.rule == claimed.ID for r in c.rejections)
            ]
            found, clear = self._retrieve(
                analysis, candidates, chosen, verdict_of, taken, evidence.meaning
            )
            if found is not None and held_back:
                if any(c.doc == found.doc for c in answers):
                    found = None  # the same capability: the decision has judged it
            rivals = {r.rival for r in reasons if r.rule == claimed.ID}
            if found is not None and rivals and found.cap_id not in rivals:
                found = None  # only the rival the words point to may answer instead
            if found is not None:
                alone = Evidence(
                    analysis,
                    idx,
                    {found.doc: found},
                    [],
                    set(),
                    set(),
                    evidence.place_tokens,
                    verdict_of,
                    evidence.deal_edition,
                    meaning=evidence.meaning,
                )
                # Every rule but `compound` re-checks it: the retrieved capability was
                # chosen for the meaning of the whole text, not for the words of each
                # clause, and a compound ask whose parts the phrase signal matched is
                # checked by `compound` before retrieval runs at all.
                found_reasons = apply_rules(alone, self.rules - {compound.ID})
                found_doubts = any(r.doubt for r in found_reasons)
                # What the retrieved capability leaves unexplained is what a reviewer
                # reads, whether or not it answers: not the words before it was found.
                alone_decision = decide(alone, [])
                # A weak agreement is clear only where most of the ask is explained, or
                # little of it is left (``WEAK_AGREEMENT_WORDS``).
                weak = found.agreed and found.agreed_similarity < AGREED_FREE_SIMILARITY
                if (
                    not found_doubts
                    and not held_back
                    and clear
                    and (
                        not weak
                        or alone_decision.share <= AGREED_RESIDUAL_FREE
                        or len(alone_decision.unexplained) <= WEAK_AGREEMENT_WORDS
                    )
                ):
                    answers = [found]
                    confidence = round(found.score, 3)
                elif not found_doubts:
                    if alone_decision.confidence >= THRESHOLD:
                        answers, confidence = [found], alone_decision.confidence
                # A tentative candidate (the meaning's choice against the words', not in
                # the candidates) leaves no trace unless it answers: neither its rules'
                # reasons nor what it would leave unexplained describe this result.
                tentative = candidates.get(found.doc) is not found
                if answers == [found] or not tentative:
                    reasons.extend(found_reasons)
                    if not held_back or alone_decision.confidence >= THRESHOLD:
                        decision = alone_decision
                else:
                    alone = evidence
                if answers == [found]:
                    candidates[found.doc] = found  # (a tentative one joins the candidates)
                    # It says what a negation asks, if one does: no doubt is left.
                    reasons = [r for r in reasons if not _liftable(r)]
        for reason in reasons:
            if reason.message not in notes:
                notes.append(reason.message)
        for c in answers:
            c.accepted = confidence >= THRESHOLD
        ranked = sorted(candidates.values(), key=lambda c: (-c.score, c.cap_id))
        matches = [c for c in ranked if c.accepted] if confidence >= THRESHOLD else []
        if matches and len(metric_links) < len(analysis.quantities):
            # An answer found after the quantities were tied (by the meaning of the whole
            # text: "syncs every fifteen minutes" against scheduled syncs) ties a measure
            # that nothing named to the one metric of its kind it limits, as a phrase's
            # would. (Not a count: "our 30,000 employees all need video meetings" counts
            # no meeting's participants.)
            for qi, metric in self._link_metrics(analysis, matches).items():
                if analysis.quantities[qi].dimension != "count":
                    metric_links.setdefault(qi, metric)
        # An amount no unit was read for, on the one count the one answer limits ("Guest
        # access for 2,000 external partners"): the evaluation compares it with the limit.
        counted: list[tuple[Quantity, str]] = []
        # (The rule drops its doubt exactly where this reading applies: the same evidence,
        # whatever signals are on.)
        if matches and unread_number.ID in self.rules:
            final = alone if found is not None and answers == [found] else evidence
            read = unread_number.counted_by_elimination(final)
            if read is not None and any(c.doc == read[2] for c in matches):
                counted.append((read[0], read[1]))
        return MatchResult(
            matches=sorted(matches, key=lambda c: c.doc),
            candidates=ranked,
            confidence=confidence,
            notes=notes,
            unexplained=decision.unexplained,
            negative=any(r.rule == "negation" for r in reasons),
            metric_links=metric_links,
            reasons=reasons,
            counted=counted,
        )

    def _named_in_a_caveat(self, analysis: Analysis, candidates: dict[int, Candidate]) -> None:
        """A name of the ask that the catalogue writes only in a caveat taking it back
        ("Pull daily step counts from our patients' Fitbits" against a wearables
        capability whose caveat reads "Fitbit and Garmin are not supported") makes that
        capability a candidate, scored ``NAMED_IN_A_CAVEAT_SCORE``: never an answer on
        its own, but the closest candidate whose caveat the engine reads against the ask
        (``unsupported`` where it rules the ask out, else a suggestion for a person)."""
        denied = self.index.taken_back_words
        if not denied:
            return
        text = analysis.rewritten
        for k in analysis.content:
            tok, word, start, end = analysis.spans[k]
            if tok not in denied:
                continue
            doc = denied[tok][0]
            # (The first word is capitalised as every first word is: there an uncommon
            # word the catalogue takes back is the name it takes back, "Looker
            # dashboards" against "Qlik and Looker are not supported".)
            original = text[start:end]
            first = k == 0 and original[:1].isupper() and not is_common_word(original.lower())
            if not looks_like_a_name(original, start) and not first:
                continue  # an everyday word says too little on its own
            signal = f"'{text[start:end]}' is named only where its caveat takes it back"
            cand = candidates.get(doc)
            if cand is None:
                cand = candidates[doc] = Candidate(doc, self.index.docs[doc].cap.id, 0.0)
            if cand.score < NAMED_IN_A_CAVEAT_SCORE:
                cand.score = NAMED_IN_A_CAVEAT_SCORE
                cand.signals.append(signal)

    def unexplained_by(self, analysis: Analysis, cand: Candidate) -> list[str]:
        """The words of the requirement that one candidate's own text leaves unexplained,
        read as if it were the answer: for the suggestion of an ``unknown``, so that a
        reviewer sees what the closest capability does not say ("okta", "space" of an
        SSO ask against SAML SSO), not every word of the ask."""
        probe = Candidate(cand.doc, cand.cap_id, max(cand.score, THRESHOLD))
        evidence = Evidence(
            analysis, self.index, {cand.doc: probe}, [], set(), set(), self._place_tokens
        )
        return decide(evidence, []).unexplained

    def caveats_of(self, analysis: Analysis, cand: Candidate) -> list[Reason]:
        """What the capability's own statements say of the requirement, read as if the
        candidate were an answer: its caveats, its finite limits against an ask for none
        ("Audit events must be kept forever" against a retention of 365 days), and the
        names of the ask it does not mention or its list rules out ("UI in Italian and
        Polish" against "English, Spanish ... only"). For the suggestion of an
        ``unknown``, so that "closest: X, which would be supported" never contradicts
        what the catalogue says of the ask."""
        readers = [
            rule.check for rule in (caveat, unlimited, unexplained_name) if rule.ID in self.rules
        ]
        if not readers:
            return []
        probe = Candidate(cand.doc, cand.cap_id, max(cand.score, THRESHOLD))
        evidence = Evidence(
            analysis, self.index, {cand.doc: probe}, [], set(), set(), self._place_tokens
        )
        # (A name's reason speaks of the one candidate read, whichever it names.)
        return [
            r
            for read in readers
            for r in read(evidence)
            if r.capability == cand.cap_id
            or (r.rule == unexplained_name.ID and r.capability is None)
        ]

    def _retrieve(
        self,
        analysis: Analysis,
        candidates: dict[int, Candidate],
        accepted: list[Candidate],
        verdict_of: VerdictOf | None,
        taken: list[tuple[frozenset[int], int]] = (),  # type: ignore[assignment]
        meaning: Callable[[], Any] | None = None,
    ) -> tuple[Candidate | None, bool]:
        """Whole-requirement retrieval when the per-phrase signals are not sure.

        Customers rarely write a capability's name: "emails need to turn into tickets".
        The lexical ranking of the whole requirement and the semantic ranking (WordLlama
        cosine of the whole text against each capability's name, aliases and
        description) are fused; the fused first candidate is trusted when

        * both rankings put it first, its similarity reaches ``MIN_AGREED_SIMILARITY``
          and no capability that would give *another verdict* is within
          ``AGREED_MARGIN`` (two independent signals agree), or
        * the semantic ranking puts it first with similarity ``MIN_SEMANTIC_ALONE``, no
          capability that would give *another verdict* is within ``SEMANTIC_MARGIN``,
          and its text holds ``MIN_SEMANTIC_ALONE_WORDS`` of the requirement's words, or
        * the semantic ranking puts it first, the lexical ranking within its first
          ``NEAR_TOP`` behind a capability with the same verdict, and no capability with
          another verdict is within ``AGREED_MARGIN``: not clear by itself, so the
          caller's residual check applies, or
        * the fusion put another first, and the semantic ranking's first capability meets
          the second case's terms: a tentative answer, not clear by itself either (the
          words chose otherwise), and not among the candidates unless it answers.

        It never overrides a narrowing rule, a negative requirement or a part of a
        compound ask that matched nothing (the caller checks), and it never disagrees
        with a capability the phrase signal already accepted. Returns the candidate (or
        None) and whether it is clear by itself, without the residual check.
        """
        idx = self.index
        query = {analysis.toks[k] for k in analysis.content}
        lexical = [doc for _, doc, _, _ in self._lexical_ranking(query)]
        sims = meaning() if meaning is not None else self.semantic.similarities(analysis.rewritten)
        order = self._semantic_order(sims)
        fused = self._fuse(lexical, sims)
        if not fused:
            return None, False
        top = fused[0]
        similarity, margin, shared = self._standing(top, sims, order, query, verdict_of)
        if shared and shared <= self._place_names:
            # All the text shares with the capability is a place ("support in UK business
            # hours" and "UK data residency"): where, not what, so no answer.
            return None, False
        agreed = bool(lexical) and lexical[0] == top == order[0]
        clear = True
        if agreed and similarity >= MIN_AGREED_SIMILARITY and margin >= AGREED_MARGIN:
            score, why = AGREED_SCORE, "lexical and semantic rankings agree"
        elif (
            order[0] == top
            and similarity >= MIN_SEMANTIC_ALONE
            and margin >= SEMANTIC_MARGIN
            and len(shared) >= MIN_SEMANTIC_ALONE_WORDS
        ):
            score, why = SEMANTIC_SCORE, "semantic ranking is clear"
            agreed = False
        elif (
            order[0] == top
            and top in lexical[:NEAR_TOP]
            and similarity >= MIN_AGREED_SIMILARITY
            and margin >= AGREED_MARGIN
            and verdict_of is not None
            and verdict_of(lexical[0]) == verdict_of(top)
        ):
            # The meaning puts it first and the words nearly so, behind a capability that
            # gives the same verdict: no ambiguity about the answer, only about the
            # capability, so its own words must explain the text. (Not the other way
            # round: words first and meaning second is how "log in from unlimited devices"
            # reads as an ask for the audit log.)
            score, why = AGREED_SCORE, "semantic ranking first, lexical ranking near it"
            agreed = False
            clear = False
        elif order[0] != top:
            # The words favour a capability whose text shares more of them, and the
            # fusion put it first ("Failed deployments should roll back to the last good
            # release by themselves" against a release toolkit that rolls back by hand):
            # the meaning's first candidate (automatic rollback) is judged on the terms it
            # is trusted on alone, and must also explain the ask by its own words, since
            # the words chose otherwise (the caller's residual check; there it leaves
            # "deployments", "back", "last", "good" unexplained, and a person decides): a
            # tentative answer.
            top = order[0]
            similarity, margin, shared = self._standing(top, sims, order, query, verdict_of)
            if not (
                similarity >= MIN_SEMANTIC_ALONE
                and margin >= SEMANTIC_MARGIN
                and len(shared) >= MIN_SEMANTIC_ALONE_WORDS
                and not shared <= self._place_names
            ):
                return None, False
            score, why = SEMANTIC_SCORE, "semantic ranking is clear"
            agreed = False
            clear = False
        else:
            return None, False
        if accepted and all(c.doc != top for c in accepted):
            # The words point elsewhere. Only when the retrieved capability's own text
            # holds every word of those phrases too ("a critical alert fires" inside an
            # ask for automatic rollback on alerts) is the phrase part of its ask.
            own = idx.docs[top].weights
            words = {analysis.toks[k] for positions, _ in taken for k in positions}
            if not words or not words <= set(own):
                return None, False
        signal = (
            f"retrieval: {why} (similarity {similarity:.2f},"
            f" margin {margin:.2f} to another verdict)"
        )
        cand = candidates.get(top)
        if top != fused[0]:
            # The tentative answer is not written into the candidates unless it answers
            # (the caller puts it there): unanswered, its score is the model's, not one its
            # own words earned, and a later reading that trusts a candidate's score ("not
            # available whatever a person decides") must not read it.
            return Candidate(
                top,
                idx.docs[top].cap.id,
                max(score, cand.score if cand is not None else 0.0),
                [*(cand.signals if cand is not None else []), signal],
            ), False
        if cand is None:
            cand = candidates[top] = Candidate(top, idx.docs[top].cap.id, score, [signal])
        else:
            cand.score = max(cand.score, score)
            cand.signals.append(signal)
        if agreed and not cand.agreed:
            cand.agreed_similarity = similarity
        cand.agreed = cand.agreed or agreed
        return cand, clear

    def _pinned(self, analysis: Analysis, pins: list[str]) -> MatchResult:
        """A reviewed mapping says which capabilities the requirement asks for.

        It never says that every quantity in the text is met: the quantities are linked
        to metrics exactly as for a matched requirement, and the verdict is evaluated the
        same way. A requirement asking for no limit ("retained forever") is still sent to
        a person when the pinned capability states a finite one, and what a caveat ties
        the ask to ("Enforcing MFA for all users requires the Team edition") is a
        condition of the deal as for a matched one (the caveat's doubts are the review's
        to have settled). An amount a caveat's number bounds ("8 approval steps" against
        "At most 6 approval steps per offer") is a limit like any other: the mapping says
        which capability, not how many, so a person confirms it.
        """
        idx = self.index
        cands = [
            Candidate(idx.by_id[p], p, 1.0, ["pinned: a reviewed mapping"], True) for p in pins
        ]
        evidence = Evidence(
            analysis, idx, {c.doc: c for c in cands}, [], set(), set(), self._place_tokens
        )
        enabled = self.rules & {unlimited.ID}
        reasons = apply_rules(evidence, enabled)
        said = caveat.check(evidence) if caveat.ID in self.rules else []
        if _DIGIT.search(analysis.text):
            # (A caveat's doubt with a number, against an ask with one: how many.)
            reasons += [r for r in said if r.doubt and _DIGIT.search(r.message)]
        notes = [r.message for r in reasons]
        if reasons:
            for c in cands:
                c.accepted = False
            return MatchResult([], cands, BELOW, notes=notes, pinned=True, reasons=reasons)
        conditions = [r for r in said if not r.doubt]
        return MatchResult(
            cands,
            cands,
            1.0,
            notes=[r.message for r in conditions],
            metric_links=self._link_metrics(analysis, cands),
            pinned=True,
            reasons=conditions,
        )

    def _claim_generic_phrases(
        self,
        candidates: dict[int, Candidate],
        taken: list[tuple[frozenset[int], int]],
        toks: list[str],
    ) -> None:
        """Drop a capability whose every phrase is also explained by a more specific one."""
        idx = self.index
        spans_by_doc: dict[int, list[frozenset[int]]] = {}
        for positions, doc in taken:
            spans_by_doc.setdefault(doc, []).append(positions)
        for doc, spans in spans_by_doc.items():
            own_words = idx.docs[doc].weights
            for other in spans_by_doc:
                if other == doc or other not in candidates:
                    continue
                # (Not a word its text names only to take it back: "Okta user import ...
                # Does not provide single sign-on (SSO)" claims no "SSO with Okta".)
                other_doc = idx.docs[other]
                # `other` must be matched by a phrase this capability does not explain.
                other_specific = any(
                    any(toks[k] not in own_words for k in span) for span in spans_by_doc[other]
                )
                if not other_specific:
                    continue
                if all(all(other_doc.speaks_of(toks[k]) for k in span) for span in spans):
                    cand = candidates.pop(doc, None)
                    if cand is not None:
                        claimed = " ".join(toks[k] for span in spans for k in sorted(span))
                        candidates[other].signals.append(f"claims '{claimed}' over {cand.cap_id}")
                    break

    def _specific_siblings(
        self,
        candidates: dict[int, Candidate],
        taken: list[tuple[frozenset[int], int]],
        toks: list[str],
        spans: list[tuple[str, str, int, int]],
        explained: set[int],
    ) -> None:
        """A more specific capability the rest of the words point to is asked for too.

        "Malware scanning with our own signatures" matches "Malware scanning" by name,
        but "Custom signatures for malware scanning" contains that name and a word
        the rest of the requirement uses: the customer may mean it, and it may need a
        higher edition. It joins the matches, so the verdict is the more severe of the
        two and never a promise the general capability alone would make.
        """
        idx = self.index
        rest = {
            toks[k]
            for k in range(len(toks))
            if k not in explained and idx.is_content(toks[k], spans[k][1]) and toks[k] in idx.idf
        }
        if not rest:
            return
        for positions, doc in list(taken):
            cand = candidates.get(doc)
            if cand is None or cand.score < THRESHOLD:
                continue
            phrase = {toks[k] for k in positions}
            rarest = max(phrase, key=lambda t: (idx.idf_of(t), t))
            for other, _ in idx.postings.get(rarest, ()):
                if other == doc or other in candidates:
                    continue
                names = idx.docs[other].name_tokens
                extra = (names - phrase) & rest
                if phrase <= names and extra:
                    candidates[other] = Candidate(
                        other,
                        idx.docs[other].cap.id,
                        round(min(cand.score, SPECIFIC_SCORE), 3),
                        [
                            f"more specific than {cand.cap_id}:"
                            f" its name adds '{' '.join(sorted(extra))}' from the requirement"
                        ],
                    )

    def _text_siblings(
        self,
        candidates: dict[int, Candidate],
        taken: list[tuple[frozenset[int], int]],
        toks: list[str],
        spans: list[tuple[str, str, int, int]],
        explained: set[int],
    ) -> bool:
        """A capability whose text holds the whole of an answer's phrase, whose
        name or aliases hold a word of the rest of the ask, and whose text explains at
        least two words of that rest that no answer's text explains ("If a Windows
        quality update starts crashing machines in the pilot ring it should be rolled
        back automatically": the phrase "quality update" of Windows update management;
        "Automatic patch roll-back" rolls a quality update back when crash rates rise on
        a pilot ring). It joins the answers, so the verdict is the more severe of the
        two and never a promise the matched capability alone would make."""
        idx = self.index
        rest: set[str] | None = None  # the words no phrase explains, read once needed
        mine: set[str] = set()
        added = False
        for positions, doc in list(taken):
            cand = candidates.get(doc)
            if cand is None or cand.score < THRESHOLD or cand.rejections:
                continue
            phrase = {toks[k] for k in positions}
            rarest = max(phrase, key=lambda t: (idx.idf_of(t), t))
            for other, _ in idx.postings.get(rarest, ()):
                if other == doc or other in candidates:
                    continue
                text = idx.docs[other].weights
                if not phrase <= set(text):
                    continue
                if rest is None:
                    rest = {
                        toks[k]
                        for k in range(len(toks))
                        if k not in explained
                        and toks[k] in idx.idf
                        and idx.is_content(toks[k], spans[k][1])
                    }
                    strong = [
                        c for c in candidates.values() if c.score >= THRESHOLD and not c.rejections
                    ]
                    mine = {t for c in strong for t in idx.docs[c.doc].weights}
                said = {
                    t
                    for p in idx.docs[other].phrases
                    if p.kind in ("name", "alias")
                    for t in p.tokens
                }
                extra = {t for t in (said - phrase) & rest if t not in mine}
                covered = {t for t in rest if t not in mine and t in text}
                if extra and len(covered) >= 2:
                    candidates[other] = Candidate(
                        other,
                        idx.docs[other].cap.id,
                        round(min(cand.score, SPECIFIC_SCORE), 3),
                        [
                            f"its text holds '{' '.join(sorted(phrase))}' and explains"
                            f" '{' '.join(sorted(covered))}' of the rest of the requirement"
                        ],
                    )
                    added = True
        return added

    def _taken_back_siblings(
        self,
        candidates: dict[int, Candidate],
        taken: list[tuple[frozenset[int], int]],
        toks: list[str],
        spans: list[tuple[str, str, int, int]],
        explained: set[int],
    ) -> bool:
        """A capability whose caveat takes back an answer's phrase together with every
        word of the ask no answer explains ("Redeem gift cards while offline" against
        gift cards, where offline mode's caveat reads "Gift card redemption is not
        available offline"): the catalogue says in so many words that this ask is not
        offered. It joins the answers, and the caveat rule reads its caveat against the
        ask, so the verdict is the more severe and never the promise the matched
        capability alone would make. A caveat that names only the phrase says nothing of the
        rest."""
        idx = self.index
        strong = [c for c in candidates.values() if c.score >= THRESHOLD and not c.rejections]
        mine = {t for c in strong for t in idx.docs[c.doc].weights}
        rest = {
            toks[k]
            for k in range(len(toks))
            if k not in explained
            and toks[k] not in mine
            and toks[k] in idx.idf
            and idx.is_content(toks[k], spans[k][1])
        }
        if not rest:
            return False
        added = False
        for positions, doc in list(taken):
            cand = candidates.get(doc)
            if cand is None or cand.score < THRESHOLD or cand.rejections:
                continue
            phrase = {toks[k] for k in positions}
            # The caveat may name the matched capability by its name or another alias
            # ("Group visits cannot be recorded" of an ask matched by the alias "group
            # therapy sessions"): the same thing, taken back.
            names = [set(p.tokens) for p in idx.docs[doc].phrases if p.kind != "name part"]
            for other, clause, said in idx.take_back_clauses:
                if other == doc or other in candidates:
                    continue
                if (phrase <= said or any(n <= said for n in names)) and rest <= said:
                    candidates[other] = Candidate(
                        other,
                        idx.docs[other].cap.id,
                        round(min(cand.score, SPECIFIC_SCORE), 3),
                        [f'its caveat "{clause.strip()}" takes back what is asked'],
                    )
                    added = True
        return added

    def _name_holders(
        self,
        candidates: dict[int, Candidate],
        taken: list[tuple[frozenset[int], int]],
        analysis: Analysis,
    ) -> None:
        """A name no matched capability mentions, which one capability related to a
        matched phrase does mention, brings that capability in.

        "Audit logs pushed to Datadog" matches "Audit log" by name; Datadog is in the text
        of "Activity export to SIEM" ("stream audit and activity events ... to Splunk,
        Microsoft Sentinel, Datadog ..."), which speaks of audit too. The customer needs
        that capability: it joins the matches, so the verdict is the more severe of the
        two (here the add-on it needs). Related: the capability's text holds every word of
        the matched phrase, and the name stands in its name or aliases, not only in its
        description ("we integrate with Zoom ... instead of building calls"); half the
        phrase's words were too few ("scheduled reports delivered by FTP" is no SFTP
        import). A name several related capabilities hold, or one no related capability
        holds, is left to the ``unexplained-name`` rule.
        """
        idx = self.index
        toks, spans, text = analysis.toks, analysis.spans, analysis.rewritten
        phrases = [
            (positions, doc)
            for positions, doc in taken
            if doc in candidates and candidates[doc].score >= THRESHOLD
        ]
        if not phrases:
            return
        said: set[str] = set()
        for _, doc in phrases:
            said.update(idx.docs[doc].weights)
        places = self._place_tokens
        for k in analysis.content:
            tok, _, start, end = spans[k]
            if tok in said or tok in places or not looks_like_a_name(text[start:end], start):
                continue
            # Held by name or alias: a description may name it in passing ("we integrate
            # with Zoom ... instead of building calls").
            holders = {
                d
                for d, _ in idx.postings.get(tok, ())
                if d not in candidates and idx.docs[d].weights.get(tok, 0.0) >= idx.ALIAS_WEIGHT
            }
            for positions, doc in phrases:
                words = {toks[p] for p in positions}
                related = [
                    h for h in sorted(holders) if all(idx.docs[h].speaks_of(w) for w in words)
                ]
                if len(related) != 1:
                    continue
                other = related[0]
                candidates[other] = Candidate(
                    other,
                    idx.docs[other].cap.id,
                    round(min(candidates[doc].score, SPECIFIC_SCORE), 3),
                    [
                        f"names '{text[start:end]}', which {candidates[doc].cap_id} never"
                        f" mentions and this capability does"
                    ],
                )
                said.update(idx.docs[other].weights)
                break

    @property
    def _place_names(self) -> frozenset[str]:
        """Stems of the one-word names of regions, deployments and countries ("uk", "eu",
        "saas", "canada"): not the words of longer ones ("data" of "our own data
        centre"). A country is a place whether or not the catalogue sells a region there:
        "Audit trail for Canada" shares only where with "Canada data residency"."""
        if self._one_word_places is None:
            idx = self.index
            names = (*idx.region_words, *idx.deployment_words, *LEXICON.country_names)
            words = (tokens(w) for w in names)
            self._one_word_places = frozenset(t[0] for t in words if len(t) == 1)
        return self._one_word_places

    @property
    def _place_tokens(self) -> frozenset[str]:
        if self._places is None:
            idx = self.index
            places = {stem(w) for w in (*idx.region_words, *idx.deployment_words)}
            places |= {t for w in places for t in tokens(w)} | {"usa"}
            self._places = frozenset(places)
        return self._places

    def _lexical(
        self,
        toks: list[str],
        positions: list[int],
        candidates: dict[int, Candidate],
        clause_text: str = "",
        verdict_of: VerdictOf | None = None,
    ) -> None:
        """Paraphrase matching: idf-weighted word overlap fused with semantic similarity.

        The lexical ranking (idf-weighted coverage of a capability's names, aliases and
        description by the clause's words) and the semantic ranking (cosine similarity of
        the clause and the capability's text under the WordLlama model) are independent
        signals. Their reciprocal-rank fusion proposes the candidate; when both rank the
        same capability first and no capability that would give *another verdict* comes
        close, the match is trusted. Runner-ups that would give the same verdict are not
        ambiguity (catalogues hold near-duplicates).
        """
        idx = self.index
        query = {toks[k] for k in positions}
        if not query:
            return
        lexical = self._lexical_ranking(query)
        sims = None
        if "semantic" in self.signals and clause_text:
            sims = self.semantic.similarities(clause_text)
        if not lexical and sims is None:
            return
        lex_scores = {doc: (score, cov, q_cov) for score, doc, cov, q_cov in lexical}
        fused = self._fuse([doc for _, doc, _, _ in lexical], sims)
        if not fused:
            return  # an empty catalogue
        best_doc = fused[0]
        if best_doc in candidates:
            return
        best_score, coverage, q_cov = lex_scores.get(best_doc, (0.0, 0.0, 0.0))
        signals = [f"lexical: name/alias coverage {coverage:.2f}, text coverage {q_cov:.2f}"]
        score = round(best_score * LEXICAL_SCALE, 3)
        lex_top = lexical[0][1] if lexical else None
        agreed = False
        top_sim = 0.0
        runner_up = max((sc for sc, doc, _, _ in lexical if doc != best_doc), default=0.0)
        ambiguous = best_score - runner_up < LEXICAL_MARGIN
        if ambiguous and verdict_of is not None and lexical:
            # Close lexical runner-ups that would give the same verdict are no ambiguity.
            mine = verdict_of(best_doc)
            ambiguous = any(
                best_score - sc < LEXICAL_MARGIN and verdict_of(doc) != mine
                for sc, doc, _, _ in lexical
                if doc != best_doc
            )
        if sims is not None:
            order = self._semantic_order(sims)
            sem_top = order[0]
            top_sim = float(sims[best_doc])
            rival = self._best_rival(best_doc, order, verdict_of)
            margin = top_sim - (float(sims[rival]) if rival is not None else 0.0)
            signals.append(f"semantic {top_sim:.2f}, margin {margin:.2f} to another verdict")
            enough_words = len(query & set(idx.docs[best_doc].weights)) >= 2 or coverage >= 1.0
            if sem_top == best_doc == lex_top and top_sim >= MIN_AGREED_SIMILARITY:
                if margin >= AGREED_MARGIN and enough_words:
                    # Two independent signals agree and nothing with another verdict is close.
                    ambiguous = False
                    agreed = True
                    score = max(score, AGREED_SCORE)
                    signals.append("lexical and semantic rankings agree")
            elif lex_top is not None and sem_top != lex_top and best_doc != lex_top:
                # The fusion overruled the words: a suggestion for a person, not an answer.
                score = min(score, THRESHOLD - 0.03)
            if top_sim < MIN_AGREED_SIMILARITY:
                score = min(score, THRESHOLD - 0.03)
        if coverage < 0.5 and score < AGREED_SCORE:
            score = min(score, THRESHOLD - 0.05)
        if len(query & set(idx.docs[best_doc].weights)) < 2 and coverage < 1.0:
            # One word that is only part of a name or alias ("sales" of "Sales Cloud")
            # does not name the capability: a suggestion, not an answer.
            score = min(score, THRESHOLD - 0.05)
        if ambiguous:
            # Two capabilities explain the words about equally well: do not pick one.
            score = min(score, THRESHOLD - 0.02)
        candidates[best_doc] = Candidate(
            best_doc,
            idx.docs[best_doc].cap.id,
            score,
            signals,
            agreed=agreed,
            agreed_similarity=top_sim if agreed else 0.0,
        )
        for doc in fused[1:4]:
            if doc not in candidates:
                other_score, cov, qc = lex_scores.get(doc, (0.0, 0.0, 0.0))
                candidates[doc] = Candidate(
                    doc,
                    idx.docs[doc].cap.id,
                    round(min(other_score * LEXICAL_SCALE, THRESHOLD - 0.03), 3),
                    [f"runner-up: name/alias coverage {cov:.2f}, text coverage {qc:.2f}"],
                )

    def _lexical_ranking(self, query: set[str]) -> list[tuple[float, int, float, float]]:
        """(score, doc, name/alias coverage, text coverage), best first, for a bag of stems."""
        idx = self.index
        # In a fixed order: a sum of floats taken in a set's order (which changes with each
        # run's string hashing) may differ in its last bit, and break ties another way.
        ordered = sorted(query)
        total = sum(idx.idf_of(t) for t in ordered)
        scores: dict[int, float] = {}
        # Candidates come from the specific words; very common ones only add to their score
        # (walking a posting list as long as the catalogue would make cost quadratic).
        finders = [t for t in ordered if idx.df.get(t, 0) <= idx.common_df]
        if not finders:
            finders = sorted(query, key=lambda t: idx.df.get(t, 0))[:1]
        for t in finders:
            for doc, _ in idx.postings.get(t, ()):
                scores[doc] = scores.get(doc, 0.0) + idx.idf_of(t)
        if not scores:
            return []
        common = [t for t in ordered if t not in finders]
        for doc in list(scores):
            weights = idx.docs[doc].weights
            scores[doc] += sum(idx.idf_of(t) for t in common if t in weights)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:RETRIEVAL_DEPTH]
        lexical: list[tuple[float, int, float, float]] = []
        for doc, _ in ranked:
            d = idx.docs[doc]
            coverage = 0.0
            for phrase in d.phrases:
                if phrase.kind == "name part":
                    continue  # a part of the name covers less than the name it is in
                mass = sum(idx.idf_of(t) for t in phrase.tokens)
                got = sum(idx.idf_of(t) for t in phrase.tokens if t in query)
                coverage = max(coverage, got / mass if mass else 0.0)
            weighted = sum(
                idx.idf_of(t) * min(1.0, d.weights[t] / idx.NAME_WEIGHT + 0.34)
                for t in ordered
                if t in d.weights
            )
            q_cov = weighted / total
            lexical.append((0.5 * coverage + 0.5 * q_cov, doc, coverage, q_cov))
        lexical.sort(key=lambda x: (-x[0], x[1]))
        return lexical

    @staticmethod
    def _semantic_order(sims: Any) -> list[int]:
        """Capabilities by semantic similarity, best first (ties by catalogue order)."""
        return ranked(sims, RETRIEVAL_DEPTH)

    def _fuse(self, lexical: list[int], sims: Any) -> list[int]:
        """Reciprocal-rank fusion of the lexical and the semantic rankings."""
        fused: dict[int, float] = {}
        for rank, doc in enumerate(lexical[:RETRIEVAL_DEPTH]):
            fused[doc] = fused.get(doc, 0.0) + 1.0 / (RRF_K + rank)
        if sims is not None:
            for rank, doc in enumerate(self._semantic_order(sims)):
                fused[doc] = fused.get(doc, 0.0) + 1.0 / (RRF_K + rank)
        return sorted(fused, key=lambda d: (-round(fused[d], 9), d))

    def _meaning(self, analysis: Analysis) -> Callable[[], Any] | None:
        """The semantic similarities of the whole text, computed once when first asked
        (by retrieval or a rule); None when the semantic signal is off."""
        if "semantic" not in self.signals:
            return None
        memo: list[Any] = []

        def similarities() -> Any:
            if not memo:
                memo.append(self.semantic.similarities(analysis.rewritten))
            return memo[0]

        return similarities

    def _standing(
        self, doc: int, sims: Any, order: list[int], query: set[str], verdict_of: VerdictOf | None
    ) -> tuple[float, float, set[str]]:
        """A retrieved capability's similarity, its margin over the best capability that
        would give another verdict, and the requirement's words its text holds."""
        similarity = float(sims[doc])
        rival = self._best_rival(doc, order, verdict_of)
        margin = similarity - (float(sims[rival]) if rival is not None else 0.0)
        return similarity, margin, query & set(self.index.docs[doc].weights)

    @staticmethod
    def _best_rival(doc: int, order: list[int], verdict_of: VerdictOf | None) -> int | None:
        """The best-ranked other capability that would give another verdict."""
        mine = verdict_of(doc) if verdict_of is not None else None
        for other in order:
            if other == doc:
                continue
            if verdict_of is None or verdict_of(other) != mine:
                return other
        return None

    def link_metrics(self, analysis: Analysis, docs: list[int]) -> dict[int, str]:
        """Tie each quantity to the catalogue metric it is about, given the capabilities
        (by index) that answer the requirement."""
        return self._link_metrics(
            analysis, [Candidate(d, self.index.docs[d].cap.id, 0.0) for d in docs]
        )

    def _counts_people_itself(
        self, metric: str, candidates: dict[int, Candidate], counted: set[str]
    ) -> bool:
        """Whether ``metric`` counts people and a candidate the words found (at least
        ``THRESHOLD``) limits another metric that counts people, on which no amount of
        the ask is (``counted``): an amount of people on ``metric`` may be that
        capability's own people, so the metric's carrier does not join as a second ask.
        ("200 licensed users and 120 guest users" counts each on its own metric.)"""
        idx = self.index
        everyone = PEOPLE_STEMS | ACCOUNT_STEMS | GATHERING_STEMS

        def people(m: str) -> bool:
            return bool(set(idx.canon.tokens(idx.catalog.metrics[m].unit)) & everyone)

        return people(metric) and any(
            other != metric and other not in counted and people(other)
            for c in candidates.values()
            if c.score >= THRESHOLD
            for other in idx.docs[c.doc].metrics
        )

    def _people_metric(self, compatible: list[str], matched: list[Candidate]) -> list[str]:
        """The metric people counted in general words ("26,000 people", "40,000 staff")
        are on, as a list of one, or none.

        Where a matched capability limits a count of people, only one counted in such
        words ("employees") is taken here; one counted in accounts or at a gathering
        ("desk booking for 26,000 staff" against a limit in users, a town hall against
        webinar attendees) is left to what decides any count: the metric named near the
        number, or the one metric the matched capabilities carry. Where none does, the
        catalogue's one metric counted in such words, else its one counted in accounts
        ("SSPR for our 26,000 people" against the directory's users), is what they
        are."""
        idx = self.index

        def unit_of(m: str) -> set[str]:
            return set(idx.canon.tokens(idx.catalog.metrics[m].unit))

        everyone = PEOPLE_STEMS | ACCOUNT_STEMS | GATHERING_STEMS
        limited = {m for c in matched for m in idx.docs[c.doc].metrics}
        theirs = [m for m in compatible if m in limited and unit_of(m) & everyone]
        if theirs:
            general = [m for m in theirs if unit_of(m) & PEOPLE_STEMS]
            return general if len(general) == len(theirs) == 1 else []
        people = [m for m in compatible if unit_of(m) & PEOPLE_STEMS]
        if not people:
            people = [m for m in compatible if unit_of(m) & ACCOUNT_STEMS]
        return people if len(people) == 1 else []

    def _link_metrics(self, analysis: Analysis, matched: list[Candidate]) -> dict[int, str]:
        """Tie each quantity to the catalogue metric it is about."""
        from dealcheck.units import parse_unit

        quantities = analysis.quantities
        if not quantities:
            return {}
        idx = self.index
        mentions = list(analysis.metric_mentions) if "metric" in self.signals else []
        links: dict[int, str] = {}
        for qi, q in enumerate(quantities):
            compatible = []
            for name, metric in idx.catalog.metrics.items():
                parsed = parse_unit(metric.unit)
                if parsed is not None and parsed[0] == q.dimension:
                    compatible.append(name)
            if not compatible:
                continue
            # The metric named nearest the number ("RPO of 15 minutes and RTO of 4 hours").
            here = analysis.token_index(q)
            # (At the same distance the longer name first: "audit log retention" over the
            # "retention" inside it.)
            near = sorted(
                (m for m in mentions if m[2] in compatible),
                key=lambda m: (
                    min(abs(here - m[0]), abs(here - (m[1] - 1))),
                    m[0] > here,
                    m[0] - m[1],
                ),
            )
            named = [m[2] for m in near]
            if q.dimension == "count":
                # "5,000 users" ties to a metric named by the noun (users, seats...), before
                # any metric named nearby: "envelopes with 120 signers each" counts signers.
                noun = stem(q.unit)
                by_noun = [m for m in compatible if noun in idx.metric_nouns(m)]
                if not by_noun and q.unit in PEOPLE_NOUNS:
                    by_noun = self._people_metric(compatible, matched)
                # Of those, one the quantity itself names comes first: "120 guest users"
                # counts guests (an alias "guest users"), not every user; a metric named
                # elsewhere in the text ("300 users, some of them read-only users") does
                # not decide what this number counts.
                last = here
                while last + 1 in analysis.quantity_tokens:
                    last += 1
                # (The longest first: "guest users" over its "users".)
                own = [
                    m[2]
                    for m in sorted(mentions, key=lambda m: (m[0] - m[1], m[0]))
                    if m[2] in by_noun and here <= m[0] and m[1] - 1 <= last
                ]
                # A metric named right before the number, as its label ("Guest users:
                # 5,000"), is what it counts, before another counted in the same noun.
                labelled = [
                    m[2]
                    for m in sorted(mentions, key=lambda m: (m[0] - m[1], m[0]))
                    if m[2] in by_noun and 0 <= here - m[1] < LABEL_GAP
                ]
                named = own + labelled + by_noun + named
            carried = {m for c in matched for m in idx.docs[c.doc].metrics if m in compatible}
            choice = None
            if named:
                choice = sorted(set(named), key=named.index)[0]
            elif len(carried) == 1:
                choice = next(iter(carried))
            if choice:
                links[qi] = choice
        return links


#: The endings that make a verb's noun of doing it ("anonymise": "anonymisation",
#: "deploy": "deployment", "schedule": "scheduling").
_ACTION_NOUNS = ("ation", "ion", "ment", "ing", "er")
#: How many more letters one of two words with one stem may have before the longer is a
#: derivation of the shorter ("localisation" of "local"), not an inflection ("invoices").
DERIVATION_LETTERS = 4


def _derived_apart(written: str, alias: str) -> bool:
    """Whether a word of the text and a one-word alias share a stem only because the
    stemmer cut a derivational suffix off one of them ("local" / "localisation",
    "segment" / "segmentation"): both plain words, lengths apart by a suffix's worth."""
    from dealcheck.engine.text import american

    alias = alias.strip().lower()
    if not (written.isalpha() and alias.isalpha()):
        return False
    short, long = sorted((american(written.lower()), american(alias)), key=len)
    base = short[:-1] if short.endswith("e") else short
    if long in {base + end for end in _ACTION_NOUNS} | {short + end for end in _ACTION_NOUNS}:
        return False  # a verb and the noun of doing it ("anonymise", "anonymisation")
    return len(long) - len(short) >= DERIVATION_LETTERS
