"""Find the capabilities a requirement asks for, each with a confidence.

Signals, strongest first (each can be switched off for the ablation bench):

``pin``
    a reviewed ``capability:`` mapping in the deal file: always wins.
``phrase``
    a capability's name or alias appears in the text as a phrase (stemmed,
    stop words ignored), contiguously or within a small window.
``fuzzy``
    tolerance to typos: a word the catalogue does not know is corrected to a
    catalogue word one or two edits away before phrase matching.
``lexical``
    idf-weighted overlap of the requirement with a capability's name,
    aliases, description and category, for paraphrases.
``metric``
    a quantity next to a metric alias ("99.95% availability") points at the
    capabilities that carry a limit on that metric.
``specificity``
    a generic phrase ("single sign-on") that a more specific matched
    capability also explains ("OpenID Connect single sign-on") is claimed by
    the specific one, so close neighbours are told apart.

Precision beats recall: a requirement is matched only when every part of it
is explained by some capability with enough confidence. Anything else is
``unknown`` and goes to a person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dealcheck.engine.analyse import Analysis, analyse
from dealcheck.engine.index import CatalogIndex, Phrase, numbered_names
from dealcheck.engine.text import GLOSSARY, stem, tokens
from dealcheck.requirements import Quantity

ALL_SIGNALS = frozenset({"pin", "phrase", "fuzzy", "lexical", "metric", "specificity"})
#: Signals that are off unless asked for (their cost or their benefit is not proven).
OPTIONAL_SIGNALS = frozenset({"semantic"})

#: Below this confidence a match is not trusted: the verdict is ``unknown``.
THRESHOLD = 0.6


@dataclass
class Candidate:
    doc: int
    cap_id: str
    score: float
    signals: list[str] = field(default_factory=list)
    accepted: bool = False


@dataclass
class MatchResult:
    matches: list[Candidate]  # the asks: accepted capabilities, in text order
    candidates: list[Candidate]  # everything considered, best first (for --verbose)
    confidence: float
    notes: list[str] = field(default_factory=list)
    unexplained: list[str] = field(default_factory=list)
    negative: bool = False
    metric_links: dict[int, str] = field(default_factory=dict)  # quantity index -> metric
    pinned: bool = False  # the capabilities come from a reviewed mapping, not from matching


#: A clause that starts with one of these qualifies the ask rather than adding one.
_UNLIMITED = re.compile(
    r"\b(?:unlimited|unmetered|unrestricted|uncapped|infinite|limitless"
    r"|no\s+(?:upper\s+|hard\s+)?(?:limits?|caps?|quotas?|restrictions?\s+on\s+(?:the\s+)?number)"
    r"|without\s+(?:any\s+)?(?:limits?|caps?|quotas?))\b",
    re.I,
)

#: Words that join a qualifier to the phrase it narrows ("support in German").
_PREPOSITIONS = frozenset(
    "in with for on via using through into to from across over inside within against at".split()
)
_JOINERS = _PREPOSITIONS | frozenset("a an the our their your its all every only".split())

QUALIFIER_STEMS = frozenset(
    stem(w)
    for w in "including include includes especially particularly incl e.g eg "
    "ie i.e for when where whenever while if unless so because since during after before "
    "across within under".split()
)


class Matcher:
    def __init__(self, index: CatalogIndex, signals: frozenset[str] = ALL_SIGNALS) -> None:
        self.index = index
        self.signals = signals
        self._corrections: dict[str, str | None] = {}
        self._places: set[str] | None = None
        self._vocab = sorted(index.vocabulary)
        self._semantic: Any = None

    @property
    def semantic(self) -> Any:
        if self._semantic is None:
            from dealcheck.engine.semantic import SemanticIndex

            self._semantic = SemanticIndex(
                [
                    f"{d.cap.name}. {'; '.join(d.cap.aliases)}. {d.cap.description or ''}"
                    for d in self.index.docs
                ]
            )
        return self._semantic

    # -- typo tolerance -------------------------------------------------
    def _correct(self, word: str) -> str | None:
        if word in self._corrections:
            return self._corrections[word]
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
        self, toks: list[str], corrected: set[int]
    ) -> list[tuple[frozenset[int], Phrase, bool, bool]]:
        """(token positions, phrase, exact, uses_correction) for every phrase found."""
        hits = []
        present: dict[str, list[int]] = {}
        for i, t in enumerate(toks):
            present.setdefault(t, []).append(i)
        idx = self.index
        for i, t in enumerate(toks):
            for phrase in idx.single_phrases.get(t, ()):
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
                if positions[-1] - positions[0] <= n + 2:
                    fixed = any(k in corrected for k in positions)
                    hits.append((frozenset(positions), phrase, False, fixed))
                    seen.add((phrase.doc, phrase.tokens))
        return hits

    def _phrase_score(self, phrase: Phrase, exact: bool, fixed: bool) -> float:
        idx = self.index
        specificity = sum(idx.idf_of(t) for t in phrase.tokens) / (len(phrase.tokens) * idx.max_idf)
        if len(phrase.tokens) >= 2:
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

    def match(self, analysis: Analysis, pinned: Sequence[str] = ()) -> MatchResult:
        idx = self.index
        quantities = list(analysis.quantities)
        text, rewritten = analysis.text, analysis.rewritten
        spans = list(analysis.spans)
        toks = analysis.toks
        pins = [p for p in pinned if p in idx.by_id] if "pin" in self.signals else []
        if pins:
            return self._pinned(analysis, pins)

        # Capabilities a narrowing word disqualified ("SOC 1", "GraphQL API", "in German"):
        # their part of the ask is then unmatched, so the requirement goes to a person.
        narrowed: set[int] = set()
        negative = analysis.negative
        notes = list(analysis.notes)
        corrected = set(analysis.corrected)

        candidates: dict[int, Candidate] = {}
        explained_positions: set[int] = set()

        if "phrase" in self.signals:
            hits = self._phrase_hits(toks, corrected)
            # Longer phrases first; a shorter one inside an accepted longer one is dropped.
            hits.sort(key=lambda h: (-len(h[0]), not h[2], min(h[0]), h[1].doc))
            taken: list[tuple[frozenset[int], int]] = []
            for positions, phrase, is_exact, uses_fix in hits:
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
            self._qualified_phrases(candidates, taken, spans, rewritten, notes, narrowed)
            if "specificity" in self.signals:
                self._specific_siblings(candidates, taken, toks, spans, explained_positions)

        content = list(analysis.content)
        metric_links = self._link_metrics(analysis, list(candidates.values()))
        metric_positions: set[int] = set()
        if "metric" in self.signals:
            for mp_start, mp_end, metric in self._metric_mentions(toks):
                metric_positions.update(range(mp_start, mp_end))
                linked = any(m == metric for m in metric_links.values())
                carriers = idx.metric_caps.get(metric, [])
                if not linked or not carriers:
                    continue
                if any(c in candidates for c in carriers):
                    continue
                metric_words = {toks[k] for k in range(mp_start, mp_end)}
                if len(carriers) > 1:
                    # Several capabilities limit the metric: the one named for it ("Uptime SLA").
                    carriers = [c for c in carriers if metric_words & idx.docs[c].name_tokens]
                if len(carriers) == 1:
                    d = carriers[0]
                    candidates[d] = Candidate(
                        d,
                        idx.docs[d].cap.id,
                        0.85,
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
                    self._lexical(toks, query, candidates, clause_text)

        self._numbered_conflicts(text, quantities, candidates, notes, narrowed)
        strong = [c for c in candidates.values() if c.score >= THRESHOLD]
        self._unlimited(text, strong, notes, narrowed)

        # What the accepted capabilities explain; what is left is an unmatched ask.
        accepted = [c for c in candidates.values() if c.score >= THRESHOLD]
        explained_tokens: set[str] = set()
        for c in accepted:
            explained_tokens.update(idx.docs[c.doc].weights)
        region_tokens = {stem(w) for w in idx.region_words}
        residual = [
            k
            for k in content
            if k not in explained_positions
            and k not in metric_positions
            and toks[k] not in explained_tokens
            and toks[k] not in region_tokens
        ]
        total_mass = sum(idx.idf_of(toks[k]) for k in content) or 1.0
        residual_mass = sum(idx.idf_of(toks[k]) for k in residual)
        unexplained = [spans[k][1] for k in residual]
        confidence = min((c.score for c in accepted), default=0.0)
        if accepted:
            ratio = residual_mass / total_mass
            if ratio > 0.34:
                # Much of the text matches nothing: part of the ask may be unmatched.
                confidence *= max(0.0, 1.0 - (ratio - 0.34) * 1.2)
            if self._unexplained_clause(clauses, toks, content, explained_tokens):
                confidence = min(confidence, THRESHOLD - 0.01)
                notes.append("part of the requirement matches no capability")
            if narrowed:
                confidence = min(confidence, THRESHOLD - 0.01)
        confidence = round(confidence, 3)
        for c in accepted:
            c.accepted = confidence >= THRESHOLD
        ranked = sorted(candidates.values(), key=lambda c: (-c.score, c.cap_id))
        matches = [c for c in ranked if c.accepted] if confidence >= THRESHOLD else []
        if negative:
            notes.append("negative requirement: a person must confirm what the product does not do")
        return MatchResult(
            matches=sorted(matches, key=lambda c: c.doc),
            candidates=ranked,
            confidence=confidence,
            notes=notes,
            unexplained=unexplained,
            negative=negative,
            metric_links=metric_links,
        )

    def _pinned(self, analysis: Analysis, pins: list[str]) -> MatchResult:
        """A reviewed mapping says which capabilities the requirement asks for.

        It never says that every quantity in the text is met: the quantities are linked
        to metrics exactly as for a matched requirement, and the verdict is evaluated the
        same way. A requirement asking for no limit ("retained forever") is still sent to
        a person when the pinned capability states a finite one.
        """
        idx = self.index
        cands = [
            Candidate(idx.by_id[p], p, 1.0, ["pinned: a reviewed mapping"], True) for p in pins
        ]
        notes: list[str] = []
        narrowed: set[int] = set()
        self._unlimited(analysis.text, cands, notes, narrowed)
        if narrowed:
            for c in cands:
                c.accepted = False
            return MatchResult([], cands, THRESHOLD - 0.01, notes=notes, pinned=True)
        return MatchResult(
            cands,
            cands,
            1.0,
            notes=notes,
            metric_links=self._link_metrics(analysis, cands),
            pinned=True,
        )

    def _unlimited(
        self, text: str, accepted: list[Candidate], notes: list[str], narrowed: set[int]
    ) -> None:
        """A catalogue states finite limits; "unlimited" is a promise only it can make."""
        if not _UNLIMITED.search(text):
            return
        for cand in accepted:
            if stem("unlimited") not in self.index.docs[cand.doc].weights:
                cand.score = min(cand.score, THRESHOLD - 0.01)
                narrowed.add(cand.doc)
                cand.signals.append("asks for no limit, which the capability does not state")
                note = "asks for no limit: the catalogue states none, a person must confirm"
                if note not in notes:
                    notes.append(note)

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
                other_words = idx.docs[other].weights
                # `other` must be matched by a phrase this capability does not explain.
                other_specific = any(
                    any(toks[k] not in own_words for k in span) for span in spans_by_doc[other]
                )
                if not other_specific:
                    continue
                if all(all(toks[k] in other_words for k in span) for span in spans):
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

        "Secret detection with custom rules" matches "Secret Detection" by name, but
        "Custom Rulesets for Secret Detection" contains that name and the word "custom"
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
                        round(min(cand.score, 0.75), 3),
                        [
                            f"more specific than {cand.cap_id}:"
                            f" its name adds '{' '.join(sorted(extra))}' from the requirement"
                        ],
                    )

    def _qualified_phrases(
        self,
        candidates: dict[int, Candidate],
        taken: list[tuple[frozenset[int], int]],
        spans: list[tuple[str, str, int, int]],
        text: str,
        notes: list[str],
        narrowed: set[int],
    ) -> None:
        """A name the catalogue does not know, right before a matched phrase, narrows it.

        "GraphQL API" is not "API", "Kafka integration" is not "integration": when the
        qualifier is a product or technology name (capitalised mid-sentence, mixed case
        or an acronym) that nothing in the catalogue mentions, the match is not trusted.
        """
        idx = self.index
        for positions, doc in taken:
            if doc in candidates:
                others = [
                    p
                    for p, d in taken
                    if d != doc and d in candidates and candidates[d].score >= THRESHOLD
                ]
                self._qualified_after(
                    candidates[doc], max(positions), others, spans, text, notes, narrowed
                )
            first = min(positions)
            if first == 0 or doc not in candidates:
                continue
            stem_before, word, start, end = spans[first - 1]
            if stem_before in idx.idf or not idx.is_content(stem_before, word):
                continue
            original = text[start:end]
            looks_like_a_name = (
                (original[:1].isupper() and first - 1 > 0)
                or any(ch.isupper() for ch in original[1:])
                or (original.isupper() and len(original) >= 2)
            )
            if not looks_like_a_name:
                continue
            cand = candidates[doc]
            if cand.score >= THRESHOLD:
                narrowed.add(doc)
            cand.score = min(cand.score, THRESHOLD - 0.01)
            cand.signals.append(f"qualified by '{original}', which the catalogue never mentions")
            notes.append(
                f"'{original}' narrows the ask to something the catalogue does not mention"
            )

    def _numbered_conflicts(
        self,
        text: str,
        quantities: list[Quantity],
        candidates: dict[int, Candidate],
        notes: list[str],
        narrowed: set[int],
    ) -> None:
        """ "SOC 1" is not "SOC 2", nor "TLS 1.3" "TLS 1.2": a requirement that names a thing
        with another number than the capability's name does is not that capability."""
        asked = numbered_names(text, [(q.start, q.end) for q in quantities])
        if not asked:
            return
        for cand in candidates.values():
            doc = self.index.docs[cand.doc]
            for word, number in sorted(asked):
                others = sorted(n for w, n in doc.numbered if w == word and n != number)
                if others and (word, number) not in doc.numbered_anywhere:
                    if cand.score >= THRESHOLD:
                        narrowed.add(cand.doc)
                    cand.score = min(cand.score, THRESHOLD - 0.01)
                    cand.signals.append(f"names {number} where the capability has {others[0]}")
                    note = f"the requirement names {number} where the catalogue has {others[0]}"
                    if note not in notes:
                        notes.append(note)
                    break

    def _qualified_after(
        self,
        cand: Candidate,
        last: int,
        others: list[frozenset[int]],
        spans: list[tuple[str, str, int, int]],
        text: str,
        notes: list[str],
        narrowed: set[int],
    ) -> None:
        """A name after a matched phrase ("support in German", "SSO with Ping Identity")
        narrows the ask; if the capability never mentions it, the match is not trusted.

        Only a capitalised word joined to the phrase by a preposition counts, and not
        one naming a region or deployment (those are checked against the catalogue).
        """
        if cand.score < THRESHOLD or last + 1 >= len(spans):
            return
        nxt = last + 1
        while nxt < len(spans) and spans[nxt][1] in _JOINERS:
            nxt += 1  # prepositions that are not stop words ("across", "inside")
        if nxt >= len(spans) or any(nxt in positions for positions in others):
            return  # nothing follows, or another matched ask does ("wiki with WYSIWYG")
        tok, _, start, end = spans[nxt]
        between = text[spans[last][3] : start].lower().split()
        if not between or not set(between) <= _JOINERS or not set(between) & _PREPOSITIONS:
            return
        original = text[start:end]
        if not original[:1].isupper() or not original[:1].isalpha():
            return
        idx = self.index
        if tok in idx.docs[cand.doc].weights or tok in self._place_tokens or tok in GLOSSARY:
            return  # mentioned, a place, or general IT vocabulary ("for UI mockups")
        cand.score = min(cand.score, THRESHOLD - 0.01)
        narrowed.add(cand.doc)
        cand.signals.append(f"qualified by '{original}', which this capability never mentions")
        notes.append(f"'{original}' narrows the ask to something the capability does not mention")

    @property
    def _place_tokens(self) -> set[str]:
        if self._places is None:
            idx = self.index
            self._places = {stem(w) for w in (*idx.region_words, *idx.deployment_words)}
            self._places |= {t for w in self._places for t in tokens(w)} | {"usa"}
        return self._places

    def _lexical(
        self,
        toks: list[str],
        positions: list[int],
        candidates: dict[int, Candidate],
        clause_text: str = "",
    ) -> None:
        """Paraphrase matching: idf-weighted coverage of names/aliases and of the text."""
        idx = self.index
        query = {toks[k] for k in positions}
        if not query:
            return
        total = sum(idx.idf_of(t) for t in query)
        scores: dict[int, float] = {}
        # Candidates come from the specific words; very common ones only add to their score
        # (walking a posting list as long as the catalogue would make cost quadratic).
        finders = [t for t in query if idx.df.get(t, 0) <= idx.common_df]
        if not finders:
            finders = sorted(query, key=lambda t: idx.df.get(t, 0))[:1]
        for t in finders:
            for doc, _ in idx.postings.get(t, ()):
                scores[doc] = scores.get(doc, 0.0) + idx.idf_of(t)
        if not scores:
            return
        common = [t for t in query if t not in finders]
        for doc in list(scores):
            weights = idx.docs[doc].weights
            scores[doc] += sum(idx.idf_of(t) for t in common if t in weights)
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])[:12]
        lexical: list[tuple[float, int, float, float]] = []
        for doc, _ in ranked:
            d = idx.docs[doc]
            coverage = 0.0
            for phrase in d.phrases:
                mass = sum(idx.idf_of(t) for t in phrase.tokens)
                got = sum(idx.idf_of(t) for t in phrase.tokens if t in query)
                coverage = max(coverage, got / mass if mass else 0.0)
            weighted = sum(
                idx.idf_of(t) * min(1.0, d.weights[t] / idx.NAME_WEIGHT + 0.34)
                for t in query
                if t in d.weights
            )
            q_cov = weighted / total
            score = 0.5 * coverage + 0.5 * q_cov
            lexical.append((score, doc, coverage, q_cov))
        lexical.sort(key=lambda x: (-x[0], x[1]))
        best_score, best_doc, coverage, q_cov = lexical[0]
        runner_up = lexical[1][0] if len(lexical) > 1 else 0.0
        if best_doc in candidates:
            return
        score = round(best_score * 0.92, 3)
        ambiguous = best_score - runner_up < 0.08
        signals = [f"lexical: name/alias coverage {coverage:.2f}, text coverage {q_cov:.2f}"]
        if "semantic" in self.signals and clause_text:
            sims = self.semantic.similarities(clause_text)
            order = sorted(range(len(sims)), key=lambda d: -float(sims[d]))
            top, second = order[0], order[1] if len(order) > 1 else order[0]
            margin = float(sims[top] - sims[second])
            if top == best_doc and margin >= 0.03:
                ambiguous = False  # meaning agrees with the words: the tie is broken
                signals.append(f"semantic agrees ({float(sims[top]):.2f}, margin {margin:.2f})")
            elif top != best_doc and float(sims[best_doc]) < float(sims[top]) - 0.05:
                score = min(score, THRESHOLD - 0.03)
                signals.append(f"semantic points to {idx.docs[top].cap.id} instead")
        if coverage < 0.5:
            score = min(score, THRESHOLD - 0.05)
        if ambiguous:
            # Two capabilities explain the words about equally well: do not pick one.
            score = min(score, THRESHOLD - 0.02)
        candidates[best_doc] = Candidate(best_doc, idx.docs[best_doc].cap.id, score, signals)
        for other_score, doc, cov, qc in lexical[1:4]:
            if doc not in candidates:
                candidates[doc] = Candidate(
                    doc,
                    idx.docs[doc].cap.id,
                    round(min(other_score * 0.92, THRESHOLD - 0.03), 3),
                    [f"lexical runner-up: name/alias coverage {cov:.2f}, text coverage {qc:.2f}"],
                )

    def _metric_mentions(self, toks: list[str]) -> list[tuple[int, int, str]]:
        """(start, end, metric) for each metric named, as a phrase or within a small window
        ("audit logs must be retained" names "retain audit logs")."""
        found = []
        present: dict[str, list[int]] = {}
        for i, t in enumerate(toks):
            present.setdefault(t, []).append(i)
        for mp in self.index.metric_phrases:
            n = len(mp.tokens)
            if not all(t in present for t in mp.tokens):
                continue
            exact = False
            for i in present[mp.tokens[0]]:
                if tuple(toks[i : i + n]) == mp.tokens:
                    found.append((i, i + n, mp.metric))
                    exact = True
            if exact or n < 2:
                continue
            anchor = present[mp.tokens[0]][0]
            positions = sorted(min(present[t], key=lambda p: abs(p - anchor)) for t in mp.tokens)
            if positions[-1] - positions[0] <= n + 2:
                found.append((positions[0], positions[-1] + 1, mp.metric))
        return found

    def _link_metrics(self, analysis: Analysis, matched: list[Candidate]) -> dict[int, str]:
        """Tie each quantity to the catalogue metric it is about."""
        from dealcheck.units import parse_unit

        quantities = analysis.quantities
        toks = analysis.toks
        if not quantities:
            return {}
        idx = self.index
        mentions = self._metric_mentions(toks) if "metric" in self.signals else []
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
            near = sorted(
                (m for m in mentions if m[2] in compatible),
                key=lambda m: (min(abs(here - m[0]), abs(here - (m[1] - 1))), m[0] > here),
            )
            named = [m[2] for m in near]
            if q.dimension == "count":
                # "5,000 users" ties to a metric named by the noun (users, seats...).
                noun = stem(q.unit)
                named += [
                    m
                    for m in compatible
                    if noun
                    in idx.canon.tokens(m.replace("_", " ") + " " + idx.catalog.metrics[m].unit)
                    or any(noun in idx.canon.tokens(a) for a in idx.catalog.metrics[m].aliases)
                ]
            carried = {m for c in matched for m in idx.docs[c.doc].metrics if m in compatible}
            choice = None
            if named:
                choice = sorted(set(named), key=named.index)[0]
            elif len(carried) == 1:
                choice = next(iter(carried))
            if choice:
                links[qi] = choice
        return links

    def _unexplained_clause(
        self,
        clauses: list[list[int]],
        toks: list[str],
        content: list[int],
        explained_tokens: set[str],
    ) -> bool:
        """True when one clause of a compound ask has specific words nothing explains."""
        idx = self.index
        if len(clauses) < 2:
            return False
        content_set = set(content)
        for clause in clauses:
            if clause and toks[clause[0]] in QUALIFIER_STEMS:
                continue  # "including contractors", "such as ...": qualifies, does not ask
            words = [toks[k] for k in clause if k in content_set]
            mass = sum(idx.idf_of(t) for t in words)
            if mass < 0.5 * idx.max_idf:
                continue  # a few common words: not an ask of its own
            got = sum(idx.idf_of(t) for t in words if t in explained_tokens)
            if got < 0.34 * mass:
                return True
        return False
