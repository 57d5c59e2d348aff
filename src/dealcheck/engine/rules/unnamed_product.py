"""``unnamed-product``: a capability for one named product is no promise for a kind of product.

"CRM integration" or "Sync contacts with our CRM" against "Salesforce integration":
the words and their meaning agree, but the buyer's CRM may be HubSpot. A capability
whose name connects to another company's product (a noun of connection, such as
"integration", "connector", "add-in" or "sync", beside a product's name: "Salesforce",
"HubSpot", "Microsoft Teams", or an English word a description always capitalises, such
as "Slack") answers a requirement only when the requirement names that product: every
word of one of the product names in the capability's name or aliases, a one-word alias
("SFDC") or a proper-name alias ("Sales Cloud"), written as a name. Otherwise a person
confirms which product the buyer means, however the capability was found (an alias
"Teams notifications" met by "notifications from our team messaging app" names no
Microsoft Teams; "Microsoft Outlook" names no Microsoft Teams either).

The catalogue's own brand (the first word of its ``product``: "Acme" of "Acme for
Microsoft 365") names the product being sold, so "Acme Drive integration" connects to
nothing else. Acronyms alone ("SAML", "WCAG") name standards and kinds of things, which
any instance meets; they are left to the other rules.

Fires: "Sync contacts with our CRM" against "Salesforce integration".
Does not fire: "Sync opportunities with Salesforce" or "SFDC sync" (a one-word alias)
against the same capability, nor "Code intelligence in the browser" against "Code
intelligence by Sourcegraph" (a product that provides the capability, not one it
connects to).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dealcheck.engine.candidates import Reason
from dealcheck.engine.index import CatalogIndex
from dealcheck.engine.rules import Evidence
from dealcheck.engine.text import LEXICON, fold
from dealcheck.engine.vocabulary import is_real_word

ID = "unnamed-product"

#: Nouns that make a capability's name a connection to the product it names
#: (lexicon.yaml: connection_nouns).
CONNECTING = LEXICON.connection_nouns


@dataclass(frozen=True)
class Connection:
    """A capability that connects to other products: their names as written, and the
    stems of every way of naming one of them (a requirement names it by holding one of
    these sequences, written as a name)."""

    products: tuple[str, ...]
    #: each name's tokens, as a requirement is read, and its words as written (folded)
    names: tuple[tuple[tuple[str, ...], str], ...]


#: Trademark signs go; every Unicode hyphen is "-" ("Zendesk add\u2011in").
_MARKS = str.maketrans(
    {"\u2122": None, "\u00ae": None, "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-"}
)


def _written(text: str) -> list[tuple[str, bool, bool]]:
    """The words of ``text`` as written (case kept; "add-in" is one word, "GitLab-Figma"
    two), each with whether it starts a sentence (where a capital says nothing) and
    whether it ends a name (punctuation after it: "QuickBooks Online, Xero")."""
    out: list[tuple[str, bool, bool]] = []
    starts = True
    text = text.translate(_MARKS).replace("/", " / ")
    for raw in text.split():
        word = raw.strip("()[]{},.:;'\"!?")
        ends = raw.rstrip("'\"")[-1:] in ",.:;)]}!?"
        if "-" in word and word.lower() not in CONNECTING:
            # "GitLab-Figma": two names, each a run of its own.
            parts = [p for p in word.split("-") if p.isalnum()]
            out.extend((part, starts and n == 0, True) for n, part in enumerate(parts))
        elif word.replace("-", "").isalnum() and not word.startswith("-"):
            out.append((word, starts, ends))
        elif out:
            out[-1] = (out[-1][0], out[-1][1], True)
        starts = raw.endswith((".", ":", ";", "!", "?"))
    return out


def _acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


@lru_cache(maxsize=8)
def connections(index: CatalogIndex) -> dict[int, Connection]:
    """The capabilities of a catalogue whose names connect to other products, by index.

    A product's name is a run of words in the capability's name ("Salesforce", "Microsoft
    Teams", "Power BI") with at least one word that the catalogue never writes in lower
    case, that is no noun of connection, and that is in mixed case ("HubSpot"), unknown
    to English word lists ("Salesforce") or capitalised mid-sentence in some description
    ("post alerts to Slack channels"; a name in Title Case says nothing). A run holding
    the catalogue's own brand (the first word of its ``product``) names the product being
    sold ("Acme Drive")."""
    lower: set[str] = set()
    capitalised: set[str] = set()
    for doc in index.docs:
        cap = doc.cap
        for text in (cap.name, *cap.aliases, cap.description or ""):
            for word, starts, _ in _written(text):
                if word[0].islower():
                    lower.add(word.lower())
                elif not starts and text is cap.description:
                    capitalised.add(word.lower())
    # The seller's brand is the product's first word ("Acme" of "Acme for Microsoft 365").
    product = [w for w, _, _ in _written(index.catalog.product or "")]
    own = {product[0].lower()} if product else set()

    def product_name(word: str) -> bool:
        low = word.lower()
        return (
            len(word) >= 3
            and word.isalpha()
            and not word.isupper()
            and low not in lower
            and low not in CONNECTING
            and (
                any(ch.isupper() for ch in word[1:]) or not is_real_word(low) or low in capitalised
            )
        )

    def products_in(text: str) -> list[list[str]]:
        """Runs of product-name words and the acronyms beside them ("Power BI", "SAP
        Ariba"), but for runs holding the catalogue's own brand."""
        runs: list[list[str]] = [[]]
        for word, _, ends in _written(text):
            if product_name(word) or _acronym(word) or word.lower() in own:
                runs[-1].append(word)
                if ends:
                    runs.append([])
            elif runs[-1]:
                runs.append([])
        # A run inside a term the glossary folds ("Active" of "Active Directory", read as
        # "AD") is that whole term: a requirement naming it is read as the term too.
        terms = [
            text[start:end].split()
            for _, word, start, end in index.canon.spans(text)
            if " " in word and len(text[start:end].split()) == len(word.split())
        ]
        named = []
        for run in runs:
            if not any(product_name(w) for w in run) or any(w.lower() in own for w in run):
                continue
            inside = [t for t in terms if {w.lower() for w in run} <= {w.lower() for w in t}]
            named.append(inside[0] if inside else run)
        return named

    found: dict[int, Connection] = {}
    for i, doc in enumerate(index.docs):
        cap = doc.cap
        if not {w.lower() for w, _, _ in _written(cap.name)} & CONNECTING:
            continue
        runs = products_in(cap.name)
        if not runs:
            continue
        # Read as a requirement is read: "Active Directory" is one term ("ad").
        said_as = index.canon.tokens
        names: set[tuple[tuple[str, ...], str]] = set()
        for text in (cap.name, *cap.aliases):
            for run in products_in(text):
                names.add((tuple(said_as(" ".join(run))), _plain(" ".join(run))))
        for alias in cap.aliases:
            written = _written(alias)
            said = tuple(said_as(alias))
            # An alias of one word ("SFDC", "Outlook") names the product, and so does a
            # proper name of several ("Sales Cloud"); "Teams notifications" does not.
            if len(said) == 1 or (said and all(w[:1].isupper() for w, _, _ in written)):
                names.add((said, _plain(alias)))
        products = tuple(" ".join(run) for run in runs)
        found[i] = Connection(products, tuple(sorted(n for n in names if n[0])))
    return found


def _written_as_names(evidence: Evidence) -> tuple[list[bool], list[bool]]:
    """For each word of the requirement: whether it is written like part of a name
    (capitalised, or unknown to English word lists: "salesforce" in lower case still
    names it), and whether it is written as a name on its own (the same, but for an
    English word whose capital only starts a sentence). "Our team messaging app" names
    no Microsoft Teams, nor does "Team chat notifications"; "alerts in Teams" does, and
    so does "Power BI connector" at the start of a sentence."""
    text, spans = evidence.analysis.rewritten, evidence.analysis.spans
    part, alone = [], []
    for _, _, start, end in spans:
        written = text[start:end]
        before = text[:start].rstrip()
        starts = not before or before[-1] in ".:;!?\n"
        known = is_real_word(written.lower())
        mixed = written[1:] != written[1:].lower()
        capital = written[:1].isupper()
        part.append(capital or not known or mixed)
        alone.append((capital and not starts) or not known or mixed)
    return part, alone


def _plain(text: str) -> str:
    return " ".join(fold(text).replace("-", " ").split())


def _names(evidence: Evidence, link: Connection, written: tuple[list[bool], list[bool]]) -> bool:
    """Whether the requirement holds one of the product's names, written as a name. A
    capital that only starts a sentence counts when the words are the name's own, as
    written ("Slack notifications"), not another form of them ("Team chat" is no
    "Teams")."""
    analysis = evidence.analysis
    toks, spans = analysis.toks, analysis.spans
    part, alone = written
    for name, as_written in link.names:
        n = len(name)
        for k in range(len(toks) - n + 1):
            if tuple(toks[k : k + n]) != name or not all(part[k : k + n]):
                continue
            if any(alone[k : k + n]):
                return True
            if _plain(analysis.rewritten[spans[k][2] : spans[k + n - 1][3]]) == as_written:
                return True
    return False


def check(evidence: Evidence) -> list[Reason]:
    table = connections(evidence.index)
    if not table:
        return []
    as_names: tuple[list[bool], list[bool]] | None = None
    reasons = []
    for cand in evidence.strong():
        link = table.get(cand.doc)
        if link is None:
            continue
        if as_names is None:
            as_names = _written_as_names(evidence)
        if _names(evidence, link, as_names):
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
