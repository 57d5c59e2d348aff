"""``version``: another version or level than the capability names is another thing.

"SOC 1" is not "SOC 2", nor "TLS 1.3" "TLS 1.2", nor "HTTP/3" "HTTP/2". A requirement
that names a word with a number that the capability names with another number (and mentions
nowhere with the asked one) is not confirmed by that capability. The capability's
versions are read from its name, aliases, description and caveats: "SCIM 1.1"
against a description "over SCIM 2.0", "Python 3.12" against the caveat "Only
Python 3.10 and 3.11 runtimes are supported".

A version the capability states as the lowest it supports ("Kubernetes 1.28 or later",
"Windows Server 2016 and later", "RHEL 8+") covers every later one, and rules an earlier
one out: "Kubernetes 1.25" is not offered (the answer is ``unsupported``), "1.30" is. A
product the ask writes short, with a year for its version ("Exchange 2019" of "Exchange
Server 2016 or later"; lexicon.yaml ``server_editions``), is compared the same way.

A name with a number that the capability writes only as another name of the same word
("QuickBooks 2024" where it lists "QuickBooks Online", "Exchange 2019 servers" where it
names "Exchange Online") is another product of that maker: a person reads it.

Fires: "SOC 1 Type II report" against a capability named "SOC 2 Type II report".
Does not fire: "SOC 2 report" against the same capability.
"""

from __future__ import annotations

import re

from dealcheck.catalog.model import Capability
from dealcheck.engine.candidates import THRESHOLD, Reason
from dealcheck.engine.index import numbered_names, version_key, versioned_names
from dealcheck.engine.rules import Evidence
from dealcheck.engine.text import LEXICON, fold, stem
from dealcheck.quantities import YEAR

#: Acronyms of general concepts ("SDK", "API") and nouns for what is built for a product
#: ("Java agent", "Python client"): no part of another product's name.
NOT_A_NAME = LEXICON.concepts | LEXICON.component_nouns
#: The words after a product's name that make it its server edition ("Exchange *Server*"),
#: as stems: an ask for "Exchange 2019" asks for that product.
SERVER_EDITIONS = frozenset(stem(w) for w in LEXICON.server_editions)
#: A Roman numeral, which numbers a name as digits do ("SOC 2 Type II").
_ROMAN = re.compile(r"[IVX]+")

ID = "version"


def check(evidence: Evidence) -> list[Reason]:
    analysis = evidence.analysis
    asked = numbered_names(analysis.text, [(q.start, q.end) for q in analysis.quantities])
    if not asked:
        return []
    named = versioned_names(analysis.text)
    text_folded = analysis.text.casefold()
    reasons = []
    for cand in evidence.candidates.values():
        doc = evidence.index.docs[cand.doc]
        bounded: set[tuple[str, str]] = set()
        said = None
        for name, number in sorted(named):
            # The bound's whole name ends the ask's ("Windows Server" of "Windows Server
            # 2022", "Kubernetes" of "EKS Kubernetes 1.30"; not "Server 2019" alone).
            lowest = sorted(
                {n for bound, n in doc.numbered_from if _names_the_bound(name, number, bound, n)}
            )
            if not lowest:
                continue
            bounded.add((name[-1], number))
            if len(lowest) > 1:
                # Two lowest versions of one name ("1.27 or later on EKS, 1.28 or later on
                # AKS"): which one holds is a person's to read.
                said = said or (
                    f"the requirement names {number}; {cand.cap_id} states more than one"
                    " lowest version of it"
                )
                continue
            # "Kubernetes 1.28 or later": a later one is covered, an earlier one is not
            # offered, in so many words.
            if version_key(number) < version_key(lowest[0]):
                said = f"the requirement names {number}; {cand.cap_id} needs {lowest[0]} or later"
                reasons.append(Reason(ID, said, cand.cap_id, rules_out=said))
                break
        else:
            if said is not None:
                reasons.append(Reason(ID, said, cand.cap_id))
                continue
            # The capability states a lowest version, and the ask
            # names a version of something none of its bounds names ("Node 16" against
            # "Node.js 18 or later", ".NET Core 3.1" against ".NET 6 or later"): which
            # side of the bound it is on is a person's to read, not a silent pass.
            if doc.numbered_from and not bounded:
                loose = sorted(
                    (name, number)
                    for name, number in named
                    if (name[-1], number) not in bounded
                    and (name[-1], number) not in doc.numbered_anywhere
                    # (a name of the capability's own words: "Node" of "Node SDK"; not
                    # a rival's "Python 3.11" beside a Node SDK)
                    and set(name) & set(doc.weights)
                    # (and of a bound's: "NodeJS" of "Node.js", "Core" beside ".NET";
                    # not "Python 3.12" where only Node.js and .NET have lowest versions)
                    and _shares_a_bound(name, doc.numbered_from)
                )
                if loose:
                    name, number = loose[0]
                    own_texts = (doc.cap.name, *doc.cap.aliases, doc.cap.description or "")
                    lows = ", ".join(
                        sorted(
                            {
                                as_written((*own_texts, *doc.cap.caveats), b, n)
                                for b, n in doc.numbered_from
                            }
                        )
                    )
                    reasons.append(
                        Reason(
                            ID,
                            f"the requirement names {as_written((analysis.text,), name, number)};"
                            f" {cand.cap_id} states a lowest version of {lows}: a person compares",
                            cand.cap_id,
                        )
                    )
                    continue
            for word, number in sorted(asked - bounded):
                others = sorted(n for w, n in doc.numbered if w == word and n != number)
                if others and (word, number) not in doc.numbered_anywhere:
                    reasons.append(
                        Reason(
                            ID,
                            f"the requirement names {number} where {cand.cap_id} has {others[0]}",
                            cand.cap_id,
                        )
                    )
                    break
                written = _written_name(analysis.text, word, number)
                if (
                    others
                    or written is None
                    or (word, number) in doc.numbered_anywhere
                    # (only of a candidate that would answer: a doubt of a weak one
                    # would hold the answer back for nothing)
                    or cand.score < THRESHOLD
                ):
                    continue
                other_name = _only_as_another_name(doc.cap, word)
                # (Not where the ask names that name too: "Windows Hello on Windows 11".)
                if other_name is not None and other_name.casefold() not in text_folded:
                    reasons.append(
                        Reason(
                            ID,
                            f"the requirement names {written} {number}; {cand.cap_id} names"
                            f" {written} only as {other_name}: a person must confirm",
                            cand.cap_id,
                        )
                    )
                    break
    return reasons


def _names_the_bound(
    name: tuple[str, ...], number: str, bound: tuple[str, ...], lowest: str
) -> bool:
    """Whether the ask's versioned name is the one a lowest version bounds: the bound's
    whole name ends it ("Windows Server" of "Windows Server 2022", "Kubernetes" of "EKS
    Kubernetes 1.30"; not "Server 2019" alone), or, where both versions are years, the
    ask writes the product's name short ("Exchange 2019" of "Exchange Server 2016 or
    later", "SQL 2019" of "SQL Server 2017 or later"). Not a version of another kind
    ("Windows 10" against "Windows Server 2016"): a person reads that."""
    if name[-len(bound) :] == bound:
        return True
    # Only a name the bound writes with the word for its server edition after it
    # (lexicon.yaml server_editions): "Office Online Server 2016 or later" says nothing
    # of "Office 2019", another kind of product.
    return (
        len(bound) == 2
        and name[-1] == bound[0]
        and bound[1] in SERVER_EDITIONS
        and bool(YEAR.fullmatch(number))
        and bool(YEAR.fullmatch(lowest))
    )


def as_written(texts: tuple[str, ...], name: tuple[str, ...], number: str) -> str:
    """A versioned name as one of ``texts`` writes it ("Exchange Server 2016"), for a
    reason a person reads: the words right before ``number`` whose stems are ``name``'s;
    the stems themselves where no text writes it so."""
    for text in texts:
        for m in re.finditer(r"(?<![\w.])" + re.escape(number) + r"(?![\w])", text):
            before = re.findall(r"[\w.+/-]+", text[: m.start()])[-len(name) :]
            if len(before) == len(name) and all(
                stem(fold(w)) == n or fold(w) == n for w, n in zip(before, name)
            ):
                return " ".join(before) + " " + number
    return " ".join(name) + " " + number


def _written_name(text: str, word: str, number: str) -> str | None:
    """The name the ask writes capitalised right before ``number`` ("Exchange" of
    "Exchange 2019"), where its stem is ``word``; None where it is written in lower case
    ("phase 2")."""
    for m in re.finditer(r"\b([A-Z][\w.+-]*)\s+" + re.escape(number) + r"\b", text):
        if stem(fold(m[1])) == word:
            return m[1]
    return None


#: A word (dotted names whole: "Node.js"; not a sentence's full stop), with the
#: capitalised word that follows it as part of the same name, if any ("QuickBooks
#: *Online*", "Exchange *Online*"); the next word is looked at, not taken, so it is read as
#: a word of its own too ("for Windows and macOS").
_NEXT = re.compile(r"(?<![\w.+-])([\w+-]+(?:\.[\w+-]+)*)(?=\s+([A-Z][\w+-]*))?")


def _only_as_another_name(cap: Capability, word: str) -> str | None:
    """The longer name the capability writes ``word`` in, where it writes it in no other
    way: "QuickBooks Online" for "quickbook", "Exchange Online" for "exchang". The ask's
    "QuickBooks 2024" and "Exchange 2019" are other products of that maker, which it does not
    name. None where the capability writes the word on its own somewhere, with a number
    (a Roman numeral too: "Type II"), or before what is built for it ("Java SDK", "Java
    agent": lexicon.yaml's concepts and component_nouns)."""
    found: str | None = None
    for text in (cap.name, *cap.aliases, cap.description or "", *cap.caveats):
        for m in _NEXT.finditer(text):
            if stem(fold(m[1])) != word:
                continue
            after = m[2]
            if (
                after is None
                or after.lower() in NOT_A_NAME
                or after[:1].isdigit()
                or _ROMAN.fullmatch(after)
            ):
                return None
            found = found or f"{m[1]} {after}"
    return found


def _shares_a_bound(name: tuple[str, ...], bounds: frozenset[tuple[tuple[str, ...], str]]) -> bool:
    """Whether a versioned name of the ask shares a word with the name of one of the
    capability's lowest versions, or one starts the other ("nodej" of "NodeJS" and
    "node" of "Node.js"; "net" of ".NET Core" and of ".NET")."""
    words = {w for bound, _ in bounds for w in bound if len(w) > 1}
    return any(
        w == b or w.startswith(b) or b.startswith(w) for w in name if len(w) > 1 for b in words
    )
