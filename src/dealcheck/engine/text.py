"""Text normalisation shared by the catalogue index and requirement analysis.

Words are lower-cased, split on anything that is not a letter or digit, and
stemmed with the Snowball English stemmer, so "provisioning", "provisioned"
and "provision" meet. Stop words are dropped the same way on both sides, so
"single sign-on" and "single sign on" and "Single Sign-On" are one phrase.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer  # PyStemmer: the Snowball algorithms in C (1 ms to import, fast to run)

_STEMMER = Stemmer.Stemmer("english")
_WORD_RE = re.compile(r"[a-z0-9]+")

STOPWORDS = frozenset(
    """
    a an the and or but nor of to in on at by for from with without within into onto over under
    as is are was were be been being am it its this that these those there their them they
    we our us you your i me my he she his her which who whom whose what when where why how
    all any each every some such no not only own same so than too very can could would
    do does did doing done has have had having if then else also just both either neither
    via per etc e g ie eg vs one other others more most much many out up down off about above
    below between through during before after again further once here s t
    """.split()
)

#: Words RFPs use around every ask; they say nothing about *which* capability.
FILLER = frozenset(
    """
    must shall should may will might need needs needed require requires required requirement
    requirements mandatory optional desirable essential nice have able ability capable capability
    capabilities support supports supported supporting provide provides provided providing offer
    offers offered allow allows allowed allowing enable enables enabled enabling include includes
    including solution solutions system systems platform platforms product products vendor
    vendors supplier suppliers provider providers tool tools software application applications
    app apps service services offering offerings companies functionalities
    customer customers client clients company organisation organization
    our we us please describe confirm explain whether yes available feature features
    functionality function functions use used using uses make makes way ways ensure ensures
    also well like least full fully native natively out box e g etc please kindly
    go live golive launch rollout roll initially eventually growing grow grows ramp phase
    start starting end today currently existing current future new day days month months
    year years week weeks time times every entire whole all total overall next later
    following coming upcoming soon asap immediately
    """.split()
)


def fold(text: str) -> str:
    """Lower-case and strip accents ("Entra ID", "entrá id" -> "entra id")."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower()


# Word families the Snowball stemmer leaves apart ("retained" -> retain, but
# "retention" -> retent): folded onto one stem so they meet.
_STEM_FAMILIES = {
    "retent": "retain",
    "storag": "store",
    "recoveri": "recov",
    "respons": "respond",
    "kept": "keep",
    "deprovis": "provis",
    "authent": "authent",
    "availabl": "avail",
    "notif": "notifi",
    "configur": "config",
    "analyt": "analyt",
    "translat": "translat",
    "customis": "custom",
    "customiz": "custom",
    "personalis": "personal",
    "organis": "organ",
    "organiz": "organ",
    "synchronis": "sync",
    "synchroniz": "sync",
    "synchron": "sync",
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    if word.isdigit() or len(word) <= 3:
        return word
    stemmed = _STEMMER.stemWord(word)
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


def tokens(text: str) -> list[str]:
    """Stemmed content tokens: the unit of matching."""
    if has_country_us(text):
        return [s[0] for s in token_spans(text)]
    return [stem(w) for w in _WORD_RE.findall(fold(text)) if w not in STOPWORDS]


def token_spans(text: str) -> list[tuple[str, str, int, int]]:
    """(stem, word, start, end) for each content word, positions into ``text``.

    Folding keeps string length for the scripts RFPs are written in; when it
    does not (rare ligatures), positions are approximate but still ordered.
    """
    spans = [
        (stem(m.group()), m.group(), m.start(), m.end())
        for m in _WORD_RE.finditer(fold(text))
        if m.group() not in STOPWORDS
    ]
    if not has_country_us(text):
        return spans
    cased = [("usa", m.group(), m.start(), m.end()) for m in _COUNTRY_US.finditer(text)]
    taken = [(a, b) for _, _, a, b in cased]
    kept = [s for s in spans if not any(a <= s[2] < b for a, b in taken)]
    return sorted(kept + cased, key=lambda s: s[2])


#: Expansions customers and catalogues use interchangeably with an acronym.
#: General IT and RFP vocabulary only; acronyms a catalogue defines itself
#: ("Single sign-on (SSO)") are learned from it by :func:`learn_acronyms`.
GLOSSARY: dict[str, tuple[str, ...]] = {
    "sso": ("single sign-on", "single sign on", "single-sign-on", "singlesignon"),
    "mfa": (
        "multi-factor authentication",
        "multifactor authentication",
        "2fa",
        "two-factor authentication",
        "two factor authentication",
        "2-factor authentication",
        "two-step verification",
        "2-step verification",
        "multi-factor auth",
        "two-factor",
    ),
    "rbac": (
        "role-based access control",
        "role based access control",
        "role based access",
        "role-based access",
        "role-based permissions",
    ),
    "scim": ("system for cross-domain identity management",),
    "api": ("application programming interface",),
    "sla": ("service level agreement", "service-level agreement"),
    "rpo": ("recovery point objective",),
    "rto": ("recovery time objective",),
    "dlp": ("data loss prevention", "data leakage prevention"),
    "siem": ("security information and event management",),
    "pii": ("personally identifiable information",),
    "idp": ("identity provider",),
    "oidc": ("openid connect", "open id connect", "openid"),
    "ldap": ("lightweight directory access protocol",),
    "sdk": ("software development kit",),
    "byok": (
        "bring your own key",
        "customer-managed keys",
        "customer managed keys",
        "customer-managed key",
        "customer managed key",
        "cmk",
    ),
    "allowlist": ("whitelist", "whitelisting", "allow list", "allow-list", "allowlisting"),
    "denylist": ("blacklist", "blacklisting", "deny list", "block list", "blocklist"),
    "esignature": (
        "e-signature",
        "electronic signature",
        "esign",
        "e-sign",
        "electronic signatures",
        "digital signature",
    ),
    "ci": ("continuous integration",),
    "cd": ("continuous delivery", "continuous deployment"),
    "mdm": ("mobile device management",),
    "vpn": ("virtual private network",),
    "ha": ("high availability",),
    "dr": ("disaster recovery",),
    "ai": ("artificial intelligence",),
    "llm": ("large language model",),
    "gdpr": ("general data protection regulation",),
    "hipaa": ("health insurance portability and accountability act",),
    "wcag": ("web content accessibility guidelines",),
    "ux": ("user experience",),
    "ui": ("user interface",),
    "kpi": ("key performance indicator",),
    "csm": ("customer success manager",),
    "tam": ("technical account manager",),
    "saas": ("software as a service", "software-as-a-service"),
    "ip": ("internet protocol",),
    "usa": ("united states", "united states of america"),
    "ad": ("active directory", "microsoft active directory"),
    "lfs": ("large file storage",),
    "sast": ("static application security testing", "static analysis security testing"),
    "dast": ("dynamic application security testing",),
    "iast": ("interactive application security testing",),
    "sca": ("software composition analysis",),
    "iac": ("infrastructure as code", "infrastructure-as-code"),
    "kubernetes": ("k8s",),
    "mr": ("merge request", "pull request"),
    "2024": (),
}
del GLOSSARY["2024"]

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
