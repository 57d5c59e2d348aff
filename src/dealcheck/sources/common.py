"""Helpers every requirement source shares: ids, list markers, priorities."""

from __future__ import annotations

import re
from collections.abc import Iterable

from dealcheck.requirements import (
    Location,
    PriorityTag,
    Requirement,
    priority_from_value,
    priority_label,
    resolve_priority,
)

#: Prose (a paragraph or sentence) is a requirement only if it has one of these.
KEYWORD_RE = re.compile(
    r"\b(must|shall|required|requires?|should|may|will\s+provide|will\s+support|will\s+offer"
    r"|need(?:s)?\s+to|has\s+to|have\s+to|mandatory|recommended|optional|desirable"
    r"|(?:nice|good)[\s-]to[\s-]have|would\s+be\s+nice|is\s+expected\s+to"
    r"|are\s+expected\s+to)\b",
    re.I,
)

# List markers: bullets, check boxes, "(a)", "a)", "i." ...
_MARKER_RE = re.compile(
    r"""^(?:
        [-*+\u2022\u25aa\u25cf\u2023\u2043\u25e6\u2013\u2014](?:\s+|$)   # bullets
      | \[[ xX]\]\s+                                                     # [ ] / [x]
      | \(?[a-z]\)\s+                                                    # a) (b)
      | \((?:[ivx]+|\d+)\)\s+                                            # (iv) (3)
    )""",
    re.X,
)

# A leading number or reference is the requirement's id (docs/catalogue.md, "Requirement inputs").
_NUMBER_ID_RE = re.compile(
    r"""^(?P<id>\d{1,3}(?:\.\d{1,3})+)\.?(?:\s*[:)\-\u2013\u2014]\s*|\s+)   # 3.1  4.2.1.  3.1:
      | ^(?P<num>\d{1,4})(?:[.)]\s+|:(?!\d)\s*|\s+[-\u2013\u2014:]\s+)       # 1.  2)  3:  4 -
      | ^(?P<ref>[A-Za-z]{1,12}(?:[-_.][A-Za-z]{1,8})?[-_.]\d+[A-Za-z]?(?:[-_.]\d+[A-Za-z]?)*)
         (?:\s*[:.)]\s*|\s+[-\u2013\u2014]\s+|\s+)                           # SEC-4 -  R-12:
      | ^(?P<tag>[A-Z]{1,10}\d{1,6})(?:\s*:\s*|\s+[-\u2013\u2014]\s+)       # FR12: ...
      | ^\[(?P<bracket>[A-Za-z0-9][\w.\-]{0,20})\]\s+                       # [SEC-4] ...
    """,
    re.X,
)

# Words that, right after a leading number, say the number is a quantity, not an id.
_UNIT_AFTER_RE = re.compile(
    r"^(?:%|percent|per\s*cent|[kmgtp]?b\b|[kmgtp]i?b|bytes?|hours?|hrs?|days?|"
    r"minutes?|mins?|seconds?|secs?|weeks?|months?|years?|yrs?|thousand|million|billion)\b",
    re.I,
)

# After a leading number, a dash and another number: a range, not an id and its text.
_RANGE_RE = re.compile(r"\s+[-\u2013\u2014]\s+\d")


# Names of standards and technologies that look like references ("AES-256
# encryption", "ISO-27001 certified", "X.509 certificates"): a leading one is
# part of the requirement, not its id, unless an explicit ":" or " - " follows.
_STANDARD_PREFIXES = frozenset(
    """aes sha md rsa ecdsa ed tls ssl ssh iso iec soc pci dss hipaa fips nist sp x utf
    http https ipv ip wcag en bs cve cwe rfc oauth saml gpt llm hl fhir ihe din ansi ieee
    ecma csa ccm cobit itil gdpr ccpa sox glba ferpa coppa dora nis mifid ps iso27001 pcidss
    h api owasp asvs samm cis cmmc fedramp irap c5 ens tisax hds g k8s s3 ec2 vm win ios
    android macos rhel sles ubuntu debian centos oracle sql db py js es java net node php""".split()
)


def _is_standard_name(ident: str, after: str) -> bool:
    prefix = re.split(r"[-_.]", ident, maxsplit=1)[0].lower()
    explicit = re.match(r"\s*(?::|[-\u2013\u2014]\s)", after) is not None
    return prefix in _STANDARD_PREFIXES and not explicit


#: An id's separator from its text: a colon, a full stop, a bracket or a spaced dash.
_SEPARATED = re.compile(r"\s*[:.)]|\s+[-\u2013\u2014]\s")


def strip_marker(text: str) -> str:
    """Remove list markers (bullets, check boxes, lettered items) from the start."""
    previous = None
    text = text.strip()
    while previous != text:
        previous = text
        text = _MARKER_RE.sub("", text, count=1).strip()
    return text


def split_id(text: str) -> tuple[str | None, str]:
    """Split a leading id (``3.1``, ``R-12:``, ``SEC-4 -``) and list markers off ``text``.

    Returns ``(id or None, the rest)``. A number that is really a quantity
    ("5 TB of storage", "99.9% uptime", "4 - 6 weeks") or a time ("09:00") is left alone.
    """
    text = strip_marker(text)
    match = _NUMBER_ID_RE.match(text)
    if match:
        rest = text[match.end() :].strip()
        ident = next(g for g in match.groups() if g is not None)
        if match.group("ref") is not None and _is_standard_name(ident, text[len(ident) :]):
            return None, text
        if (
            match.group("ref") is not None
            and not _SEPARATED.match(text[len(ident) :])
            and (rest[:1].islower() or rest[:1] in "&,")
        ):
            # "VETS-4212 reporting", "EEO-1 and VETS-4212 reports": a name the text goes
            # on from, not an id before it. An id stands apart ("SEC-4 - ...", "R-12:
            # ..."), or before a sentence of its own ("SEC-4 Audit log ..."). Where a
            # lower-case word follows, the reference stays in the text: a lost id is a
            # person's to read, a lost name ("VETS-4212 reporting must be supported" read
            # as "reporting must be supported") would be a promise nobody asked for.
            return None, text
        looks_like_quantity = (match.group("id") is not None and _UNIT_AFTER_RE.match(rest)) or (
            # a range ("4 - 6 weeks", "2026 - 2027"), not item 4 of a list
            match.group("num") is not None and _RANGE_RE.match(text[len(ident) :])
        )
        if rest and not looks_like_quantity and rest[0] not in "%.,":
            remainder = strip_marker(rest)
            if remainder:  # "A-0 *" has no text after its id: keep the line whole
                return ident, remainder
    return None, text


#: The line above ended a sentence or a label (before any closing quote, bracket or emphasis).
_LINE_ENDED = re.compile(r"[.!?:;][\"')\]\u201d\u2019*_]*$")


def _numbers(ident: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", ident))


def starts_requirement(ident: str, above: str, current: str | None) -> bool:
    """Whether a paragraph's line that starts with ``ident`` starts a requirement.

    ``above`` is the line above it and ``current`` the id of the requirement that line
    belongs to. A reference ("R-2", "SEC-5") is never the rest of a sentence; an outline
    number may be ("...SAML / 2.0 single sign-on", "...Kubernetes / 1.27 clusters"), so
    it starts one only after a line that ended, or when it is the number that comes
    next after ``current`` (3.1, then 3.2, 3.1.1 or 4; not 3.27).
    """
    if not ident[:1].isdigit():
        return True
    if _LINE_ENDED.search(above):
        return True
    if current is None or not current[:1].isdigit():
        return False
    return _numbers(ident) in _next_numbers(_numbers(current))


def _next_numbers(number: tuple[int, ...]) -> set[tuple[int, ...]]:
    """The outline numbers that may follow ``number``: its next sibling, its first child,
    or the next sibling of one of its parents ((3, 1) -> (3, 2), (3, 1, 1), (4,))."""
    following = {(*number, 1)}
    for depth in range(1, len(number) + 1):
        following.add((*number[: depth - 1], number[depth - 1] + 1))
    return following


def id_led_parts(content: str, first_line: int = 1, number: str = "") -> list[tuple[str, int]]:
    """A paragraph's requirements: (text as written, line) for each one, in order.

    A paragraph is one requirement, its lines joined by one space, unless lines in it
    start with ids of their own (:func:`starts_requirement`): each such line starts the
    next. Markdown's paragraphs (CommonMark joins lines written without a blank line
    between them) and Word's (lines parted by manual line breaks) are read so.
    ``first_line`` is the line of ``content``'s first line; ``number`` is the number of
    the ordered item whose text this is, if any: the id of the first requirement when
    its text has none.
    """
    parts: list[tuple[list[str], int]] = []
    current: str | None = None
    above = ""
    for offset, raw in enumerate(content.split("\n")):
        line = raw.strip()
        if not line:
            continue
        ident = split_id(line)[0]
        if not parts or (ident is not None and starts_requirement(ident, above, current)):
            parts.append(([line], first_line + offset))
            current = ident or number or None  # only the first part may have no id
        else:
            parts[-1][0].append(line)
        above = line
    return [(" ".join(lines), line) for lines, line in parts]


# A tag in front of a requirement: a letter or a priority word in brackets ("[M]", "[d]",
# "[Nice to have]") or in parentheses ("(D)", "(Optional)"; "(d)" is a list marker).
_TAG_RE = re.compile(
    r"""^(?:\[\s*(?P<bracket>[A-Za-z](?:[A-Za-z'\u2019 -]{0,18}[A-Za-z])?)\s*\]
         |\((?P<paren>[A-Z]|[A-Za-z][A-Za-z'\u2019 -]{0,18}[A-Za-z])\))
        (?:\s*[:\-\u2013\u2014])?\s+(?=\S)""",
    re.X,
)


def split_priority_tag(text: str) -> tuple[str | None, str]:
    """Split a leading priority tag off ``text``: ``("M", "Audit trail")`` for
    "[M] Audit trail", ``(None, text)`` when there is none.

    A tag is a priority word ("[Must]", "(Nice to have)",
    :func:`dealcheck.requirements.priority_label`) or a single letter. Whether a letter is
    a priority code or an id ("[A] ...", "[B] ..." is a lettered list) is for the
    document's other letters to say: :func:`settle_priority_tags`.
    """
    match = _TAG_RE.match(text)
    if not match:
        return None, text
    code = match.group("bracket") or match.group("paren")
    if len(code) > 1 and priority_label(code) is None:
        return None, text
    return code, text[match.end() :]


def own_id(text: str) -> str | None:
    """The id ``text`` starts with, before or after a priority tag ("[M] R-6 - ...")."""
    stripped = strip_marker(text)
    code, rest = split_priority_tag(stripped)
    return split_id(rest if code is not None else stripped)[0]


def _tag_reading(raw_text: str, explicit_id: str | None) -> PriorityTag | None:
    """The requirement read with a priority tag at its start or after its id, if it has one."""
    text = strip_marker(raw_text)
    code, rest = split_priority_tag(text)
    if code is not None:  # "[M] Audit trail", "[M] R-6 - Goals cascade ..."
        ident, rest = (explicit_id, strip_marker(rest)) if explicit_id else split_id(rest)
    else:  # "R-5: [D] Calibration sessions"
        ident, after = (explicit_id, text) if explicit_id else split_id(text)
        code, rest = split_priority_tag(after)
        if code is None:
            return None
    rest = strip_marker(rest)
    return PriorityTag(code, ident or "", rest) if rest else None


def settle_priority_tags(requirements: Iterable[Requirement]) -> None:
    """Read the priority tags of one document's requirements, or read them as text.

    A priority word ("[Must]", "(Optional)") is a priority wherever it is. A letter is
    read as a priority column's letters are (:func:`dealcheck.sources.columns.letter_legend`),
    by the letters the document uses together: only M and D is Mandatory/Desirable (D is
    ``should``), H, M and L is High/Medium/Low (M is ``should``), one letter alone is read
    as a priority cell holding it (M, S, C, W). When any letter of the document is no
    priority code there ([A], [B], [C] ...; [M], [D], [F]), none is: the letters stay
    what they were, the requirements' ids. A tag read as a priority is the customer's
    explicit priority: it wins over the text's words, not over a priority column.
    """
    from dealcheck.sources.columns import letter_legend

    tagged = [r for r in requirements if r.priority_tag is not None]
    letters = {
        r.priority_tag.code.lower()
        for r in tagged
        if r.priority_tag and len(r.priority_tag.code) == 1
    }
    legend = letter_legend(letters)
    if len(letters) == 1:
        (letter,) = letters
        alone = priority_from_value(letter)
        legend = {letter: alone} if alone else {}
    readable = letters <= legend.keys()
    for req in tagged:
        tag = req.priority_tag
        req.priority_tag = None
        if tag is None:  # pragma: no cover - filtered above
            continue
        if len(tag.code) == 1:
            priority = legend.get(tag.code.lower()) if readable else None
        else:
            priority = priority_label(tag.code)
        if priority is None:
            continue  # the reading without a tag stands
        req.id, req.text = tag.id, tag.text
        if not req.priority_explicit:
            req.priority, req.priority_explicit = priority, True


# A heading that is a priority: MoSCoW's four ("Could have", "Must-haves", "Won't have
# (this time)"), "Nice to have", Mandatory/Desirable/Optional/Essential, "Low priority",
# each alone or before "requirements", "features" ...
_HEADING_PRIORITY = re.compile(
    r"""^(?:(?P<moscow>must|should|could|won['’]?t|nice[\s-]+to|good[\s-]+to)[\s-]+haves?
        |(?P<word>mandatory|desirable|optional|essential)
        |(?P<level>high|medium|low)[\s-]+priority)
        (?:\s+(?:requirements?|features?|items?|capabilities|functionality|asks?))?
        (?:\s*\([^)]*\))?\s*:?$""",
    re.I | re.X,
)


def heading_priority(title: str) -> str | None:
    """The priority a heading or section label gives the requirements under it, or None.

    "Could have", "4. Won't have (this time)", "Nice-to-have requirements", "Desirable",
    "Low priority" are priorities (read as in a priority column); a heading that is not
    only a priority label ("Security", "Must-have integrations with Sage") is none."""
    _, rest = split_id(title.strip())
    match = _HEADING_PRIORITY.match(rest.strip())
    if not match:
        return None
    if match.group("moscow"):
        word = match.group("moscow").lower()
        if word in ("must", "should"):
            return word
        return "may"  # could, won't, nice to, good to
    return priority_label(match.group("word") or match.group("level"))


class HeadingPriority:
    """Follows a document's headings; says what priority the ones above give.

    A heading that is a priority (:func:`heading_priority`) gives it to the requirements
    below it down to the next heading of the same or a higher level, through the
    headings nested in it; the requirements' own priority wins (:func:`make_requirement`).
    A text list's section labels are headings of one level."""

    def __init__(self) -> None:
        self._current: tuple[str, int] | None = None  # the priority and its heading's level

    def heading(self, title: str, level: int) -> None:
        if self._current is not None and level <= self._current[1]:
            self._current = None
        priority = heading_priority(title)
        if priority is not None:
            self._current = (priority, level)

    @property
    def priority(self) -> str | None:
        return self._current[0] if self._current is not None else None


def make_requirement(
    raw_text: str,
    source: Location,
    *,
    explicit_id: str | None = None,
    explicit_priority: str | None = None,
    section: str | None = None,
    capability: str | None = None,
    priority_note: str | None = None,
    section_priority: str | None = None,
) -> Requirement:
    """Build a requirement from text as read: id and markers split off, priority resolved.

    An empty id means the input gave none; :func:`dealcheck.sources.read_requirements`
    then numbers it ``R-<n>`` by its position in the deal. A leading priority tag
    ("[M] Audit trail") is kept aside as :attr:`Requirement.priority_tag`, for
    :func:`settle_priority_tags` to read once the whole document is read.
    ``section_priority`` is the priority the headings above give (:class:`HeadingPriority`):
    it applies when the requirement states none of its own.
    """
    given = str(explicit_id).strip() if explicit_id is not None else ""
    if given:
        ident = given
        text = strip_marker(raw_text)
    else:
        found_id, text = split_id(raw_text)
        ident = found_id or ""
    if not text:
        text = raw_text.strip()  # only a marker ("-", "*"): nothing is dropped silently
    priority, explicit = resolve_priority(text, explicit_priority, section_priority)
    return Requirement(
        id=ident,
        text=text,
        priority=priority,
        priority_explicit=explicit,
        section=section,
        source=source,
        capability=capability,
        priority_note=priority_note,
        priority_tag=_tag_reading(raw_text, given or None),
    )


#: An outline number at the start of a line: "2.", "2.1", "3)" (not a reference id).
OUTLINE_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)[.)]?\s")


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", text) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def typed_heading(line: str) -> str | None:
    """The number of a top-level numbered heading typed as a plain paragraph ("2. Payroll",
    "1. Overview"), or None. A numbered line deeper in the outline ("3.1 SSO via Okta")
    is as likely a requirement without a keyword: without the next line to tell, it is
    kept as one (nothing lost)."""
    number = numbered_heading(line)
    return number if number is not None and "." not in number else None


def numbered_heading(
    line: str, next_number: str | None = None, next_is_item: bool = False
) -> str | None:
    """The outline number of a line that is a section heading, not a requirement: short,
    no closing punctuation, no requirement keyword, and either the next numbered line
    extends its number ("2. Identity" then "2.1 ...") or it is in Title Case and prose,
    not an item, follows ("1. Overview", "3. Payroll"). None for anything else; a
    reference id ("R-1: SSO via Okta") is never a heading."""
    m = OUTLINE_NUMBER.match(line + " ")
    if not m:
        return None
    number = m.group(1)
    rest = line[m.end() - 1 :].strip() if m.end() <= len(line) else ""
    if not rest or KEYWORD_RE.search(rest) or rest[-1] in ".,;:!?" or len(rest.split()) > 10:
        return None
    if next_number and next_number.startswith(number + "."):
        return number
    return number if not next_is_item and _title_case(rest) else None
