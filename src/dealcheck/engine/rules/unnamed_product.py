"""``unnamed-product``: a capability for one named product is no promise for a kind of product.

"CRM integration" or "Sync contacts with our CRM" against "Salesforce integration":
the words and their meaning agree, but the buyer's CRM may be HubSpot. A capability
whose name connects to another company's product (a noun of connection, such as
"integration", "connector" or "app", beside a word no English word list holds, such as
"Salesforce" or "HubSpot", or one written in mixed case, such as "SharePoint") answers a
requirement only when the requirement names that product, or the
capability is matched by one of its names or aliases as written (the catalogue's own
word for what it covers). Otherwise a person confirms which product the buyer means.

Words the catalogue builds many names on are its own brand ("GitLab Pages", "GitLab
Runner"), as are the words of the catalogue's ``product``: they name the product being
sold, not another one. Acronyms ("SAML", "WCAG") name standards and kinds of things,
which any instance meets; they are left to the other rules.

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

#: A word in this many capability names or more is the catalogue's own brand.
OWN_BRAND_NAMES = 3


@dataclass(frozen=True)
class Connection:
    """A capability that connects to other products: their names, and every word of the
    capability that names one of them (in the requirement, any of these will do)."""

    products: tuple[str, ...]
    naming: frozenset[str]


def _written(text: str) -> list[str]:
    """The alphabetic words of ``text`` as written (case kept)."""
    stripped = (raw.strip("()[]{},.:;'\"!?") for raw in text.replace("/", " ").split())
    return [word for word in stripped if word.isalpha()]


def _texts(cap: Any) -> list[str]:
    return [cap.name, *cap.aliases, cap.description or ""]


@lru_cache(maxsize=8)
def connections(index: CatalogIndex) -> dict[int, Connection]:
    """The capabilities of a catalogue whose names connect to other products, by index.

    A product's name is a word of the capability's name that is in mixed case or that
    English word lists do not hold, not an acronym, and never written in lower case
    anywhere in the catalogue; words the catalogue builds several names on, and the
    words of its ``product``, are its own brand."""
    lower: set[str] = set()
    in_names: dict[str, int] = {}
    for doc in index.docs:
        for text in _texts(doc.cap):
            lower.update(w.lower() for w in _written(text) if w[0].islower())
        for w in {stem(w) for w in words(doc.cap.name)}:
            in_names[w] = in_names.get(w, 0) + 1
    own = {w for w, n in in_names.items() if n >= OWN_BRAND_NAMES}
    own.update(stem(w) for w in words(index.catalog.product or ""))

    def product_name(word: str) -> bool:
        low = word.lower()
        return (
            len(word) >= 3
            and not word.isupper()
            and low not in lower
            and low not in CONNECTING
            and stem(low) not in own
            and (any(ch.isupper() for ch in word[1:]) or not is_real_word(low))
        )

    found: dict[int, Connection] = {}
    for i, doc in enumerate(index.docs):
        cap = doc.cap
        name = _written(cap.name)
        if not {w.lower() for w in name} & CONNECTING:
            continue
        products = tuple(w for w in name if product_name(w))
        if not products:
            continue
        naming = {stem(w.lower()) for t in _texts(cap) for w in _written(t) if product_name(w)}
        # An alias of one word ("SFDC", "Outlook") names the product too. An English word
        # in a product's name ("Microsoft *Teams*", "QuickBooks *Online*") does not on its
        # own: "our online accounting system" names no QuickBooks.
        for alias in cap.aliases:
            said = tokens(alias)
            if len(said) == 1:
                naming.update(said)
        found[i] = Connection(products, frozenset(naming))
    return found


def check(evidence: Evidence) -> list[Reason]:
    table = connections(evidence.index)
    if not table:
        return []
    asked = set(evidence.analysis.toks)
    by_phrase = {doc for _, doc in evidence.taken}
    reasons = []
    for cand in evidence.strong():
        link = table.get(cand.doc)
        if link is None or cand.doc in by_phrase or asked & link.naming:
            continue  # no connection, matched by its own name or alias, or named
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
