"""``unnamed-product``: a capability for one named product is no promise for a kind of product.

"CRM integration" or "Sync contacts with our CRM" against "Salesforce integration":
the words and their meaning agree, but the buyer's CRM may be HubSpot. A capability
whose name connects to another company's product (a noun of connection, such as
"integration", "connector" or "add-in", beside a product's name: "Salesforce",
"HubSpot", "SharePoint", or an English word the catalogue always capitalises, such as
"Slack") answers a requirement only when the requirement names that product: one of the
product names in the capability's name or aliases, or a one-word alias ("SFDC"),
written capitalised or, for a word English does not know, in any case. Otherwise a
person confirms which product the buyer means, however the capability was found (an
alias "Teams notifications" met by "notifications from our team messaging app" names
no Microsoft Teams).

The words of the catalogue's ``product`` are its own brand ("GitLab Pages"): they name
the product being sold, not another one. Acronyms ("SAML", "WCAG") name standards and
kinds of things, which any instance meets; they are left to the other rules.

Fires: "Sync contacts with our CRM" against "Salesforce integration".
Does not fire: "Sync opportunities with Salesforce" or "SFDC sync" (a one-word alias)
against the same capability, nor "Code intelligence in the browser" against "Code
intelligence by Sourcegraph" (a product that provides the capability, not one it
connects to).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dealcheck.engine.candidates import Reason
from dealcheck.engine.index import CatalogIndex
from dealcheck.engine.rules import Evidence
from dealcheck.engine.text import LEXICON, stem, tokens, words
from dealcheck.engine.vocabulary import is_real_word

ID = "unnamed-product"

#: Nouns that make a capability's name a connection to the product it names
#: (lexicon.yaml: connection_nouns).
CONNECTING = LEXICON.connection_nouns


@dataclass(frozen=True)
class Connection:
    """A capability that connects to other products: their names, and the words of its
    name and aliases that name one of them (in the requirement, any of these will do)."""

    products: tuple[str, ...]
    naming: frozenset[str]


def _written(text: str) -> list[tuple[str, bool, bool]]:
    """The words of ``text`` as written (case kept; "add-in" is one word, "GitLab-Figma"
    two), each with whether it starts a sentence (where a capital says nothing) and
    whether it ends a name (punctuation after it: "QuickBooks Online, Xero")."""
    out: list[tuple[str, bool, bool]] = []
    starts = True
    for raw in text.replace("/", " / ").split():
        word = raw.strip("()[]{},.:;'\"!?")
        ends = raw.rstrip("'\"")[-1:] in ",.:;)]}!?"
        if "-" in word and word.lower() not in CONNECTING:
            # "GitLab-Figma": two names, each a run of its own.
            parts = [p for p in word.split("-") if p.isalpha()]
            out.extend((part, starts and n == 0, True) for n, part in enumerate(parts))
        elif word.replace("-", "").isalpha() and not word.startswith("-"):
            out.append((word, starts, ends))
        elif out:
            out[-1] = (out[-1][0], out[-1][1], True)
        starts = raw.endswith((".", ":", ";", "!", "?"))
    return out


def _texts(cap: Any) -> list[str]:
    return [cap.name, *cap.aliases, cap.description or ""]


@lru_cache(maxsize=8)
def connections(index: CatalogIndex) -> dict[int, Connection]:
    """The capabilities of a catalogue whose names connect to other products, by index.

    A product's name is a word of the capability's name that the catalogue never writes
    in lower case, that is not an acronym, a noun of connection or a word of the
    catalogue's own ``product``, and that is in mixed case ("HubSpot"), unknown to English
    word lists ("Salesforce") or capitalised mid-sentence somewhere in the catalogue
    ("post alerts to Slack channels")."""
    lower: set[str] = set()
    capitalised: set[str] = set()
    for doc in index.docs:
        for text in _texts(doc.cap):
            for word, starts, _ in _written(text):
                if word[0].islower():
                    lower.add(word.lower())
                elif not starts:
                    capitalised.add(word.lower())
    own = {stem(w) for w in words(index.catalog.product or "")}

    def product_name(word: str) -> bool:
        low = word.lower()
        return (
            len(word) >= 3
            and not word.isupper()
            and low not in lower
            and low not in CONNECTING
            and (
                any(ch.isupper() for ch in word[1:]) or not is_real_word(low) or low in capitalised
            )
        )

    def products_in(text: str) -> list[str]:
        """Runs of product-name words ("Microsoft Teams", "QuickBooks Online"); a run
        with a word of the catalogue's own product in it ("Acme Drive") is its own."""
        runs: list[list[str]] = [[]]
        for word, _, ends in _written(text):
            if product_name(word) or (word[:1].isupper() and stem(word.lower()) in own):
                runs[-1].append(word)
                if ends:
                    runs.append([])
            elif runs[-1]:
                runs.append([])
        return [
            " ".join(run) for run in runs if run and not any(stem(w.lower()) in own for w in run)
        ]

    found: dict[int, Connection] = {}
    for i, doc in enumerate(index.docs):
        cap = doc.cap
        if not {w.lower() for w, _, _ in _written(cap.name)} & CONNECTING:
            continue
        products = tuple(products_in(cap.name))
        if not products:
            continue
        naming = {
            stem(w.lower())
            for text in (cap.name, *cap.aliases)
            for product in products_in(text)
            for w in product.split()
        }
        # An alias of one word ("SFDC", "Outlook") names the product too. An English word
        # in a product's name ("QuickBooks *Online*") does not on its own: "our online
        # accounting system" names no QuickBooks.
        for alias in cap.aliases:
            said = tokens(alias)
            if len(said) == 1:
                naming.update(said)
        found[i] = Connection(products, frozenset(naming))
    return found


def _names_asked(evidence: Evidence) -> set[str]:
    """The stems of the words the requirement writes as a name: capitalised, or unknown
    to English word lists ("salesforce" in lower case still names it). "Our team
    messaging app" names no Microsoft Teams; "alerts in Teams" does."""
    text, spans = evidence.analysis.rewritten, evidence.analysis.spans
    found = set()
    for tok, _, start, end in spans:
        written = text[start:end]
        if written[:1].isupper() or not is_real_word(written.lower()):
            found.add(tok)
    return found


def check(evidence: Evidence) -> list[Reason]:
    table = connections(evidence.index)
    if not table:
        return []
    asked: set[str] | None = None
    reasons = []
    for cand in evidence.strong():
        link = table.get(cand.doc)
        if link is None:
            continue
        if asked is None:
            asked = _names_asked(evidence)
        if asked & link.naming:
            continue  # the requirement names the product
        names = " and ".join(link.products)
        reasons.append(
            Reason(
                ID,
                f"{cand.cap_id} connects to {names}, which the requirement does not name:"
                " a person must confirm which product the buyer uses",
                cand.cap_id,
            )
        )
    return reasons
