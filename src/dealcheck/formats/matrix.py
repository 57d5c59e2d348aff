"""The answered compliance matrix: which columns carry dealcheck's answers, and in whose words.

A customer's matrix usually has its own answer columns ("Compliance (Y/N/P)",
"Supplier Response", "Vendor comments"), often under a merged "Supplier
Response" header. :func:`plan` is the one place that decides, for one header
row, where each answer goes (the CSV and XLSX formats only write cells):

* the customer's **response** column (found by header, or ``--response-column``)
  gets the answer, in the customer's vocabulary: a data-validation list on the
  column, a legend in its header ("(Y/N/P)", "(Yes/No/Partial)"), a legend row
  above the table ("C = Comply, PC = Partially comply, NC = Does not comply"),
  else dealcheck's words; an answer that needs more than the quote names it
  ("Comply \u2014 Enterprise edition");
* the customer's **comment** column (``--comment-column``) gets the explanation;
  a bare "Comments" or "Notes" counts only beside a response column (else it may
  be the customer's own notes), one marked as the customer's ("Customer notes")
  never;
* every :data:`FIELDS` entry without a place is appended after the last used
  column, under the first of its names no other column uses (never two columns
  with one header);
* columns dealcheck appended on an earlier run are recognised by their header
  (from its Verdict column on) and updated in place: running again never adds
  a second set. Their headers never name a requirement column, and in a header
  of two rows a requirement column's header may be in the row above
  (:func:`requirement_columns`);
* the answer library's wording for an answer (a reviewer's ``response``) is the
  response when the response column takes free text; a customer column with a
  vocabulary keeps the customer's word, and the wording opens the comment;
* ``Reviewed by`` is appended empty, for the reviewer: a row whose cell is filled
  is one that ``dealcheck learn`` adds to the answer library (it finds these
  columns again by their headers, :func:`answered_columns`).

Adding an answer column (a reviewer, a date) is one more :class:`AnswerField`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from dealcheck.errors import InputError
from dealcheck.formats._cells import (
    NEEDS_SEPARATOR,
    RESPONSES,
    UPGRADE_UNNAMED,
    answered_as,
    capability_text,
    cell_text,
    library_response,
    needs_text,
    notes,
    response_of,
)
from dealcheck.report import Needs, RequirementResult, most_severe


@dataclass(frozen=True)
class AnswerField:
    """One answer dealcheck writes per row."""

    key: str
    #: headers dealcheck writes when it appends the column, the first one free wins
    names: tuple[str, ...]
    #: the kind of customer column that holds this answer, if the matrix has one
    customer: str | None = None


FIELDS: tuple[AnswerField, ...] = (
    AnswerField("verdict", ("Verdict", "dealcheck verdict")),
    AnswerField("response", ("Response", "Supplier response", "dealcheck response"), "response"),
    # Not "Capability": a customer's requirement column may be called that, and a matrix
    # read again must find its requirements, not dealcheck's answers.
    AnswerField("capability", ("Matched capability", "dealcheck capability")),
    AnswerField("notes", ("Notes", "Supplier notes", "dealcheck notes"), "comment"),
    # Left empty by dealcheck: the reviewer who fills it makes the row an answer that
    # ``dealcheck learn`` adds to the answer library (with its capability or verdict).
    AnswerField("reviewed_by", ("Reviewed by", "Answer reviewed by", "dealcheck reviewed by")),
)
#: headers an earlier dealcheck wrote for a field, still read back by ``learn``
LEGACY_NAMES: dict[str, tuple[str, ...]] = {"capability": ("Capability",)}

#: the columns appended to a customer's matrix that has no answer columns, in order
ANSWER_HEADERS: tuple[str, ...] = tuple(f.names[0] for f in FIELDS)
#: the requirement columns of a fresh matrix; the answers follow
BASE_HEADERS: tuple[str, ...] = ("ID", "Section", "Priority", "Requirement")
#: the columns of a fresh matrix, in order
MATRIX_HEADERS: tuple[str, ...] = (*BASE_HEADERS, *ANSWER_HEADERS)

# --- the customer's vocabulary ------------------------------------------------------------

KINDS = ("yes", "partial", "no", "roadmap", "unknown")


def answer_kind(option: str) -> str | None:
    """What a customer's answer option means: yes, partial, no, roadmap or unknown."""
    word = " ".join(re.sub(r"[^\w/?'-]+", " ", option.lower()).split())
    if not word:
        return None
    if word in ("?", "tbc", "tbd", "unknown", "to be confirmed", "to be determined"):
        return "unknown"
    if word in ("r", "roadmap", "future", "planned", "future release", "in development") or (
        word.startswith(("roadmap", "future", "planned"))
    ):
        return "roadmap"
    if word in ("p", "pc", "partial", "partly", "limited") or word.startswith(
        ("partial", "partly")
    ):
        return "partial"
    if word in ("n", "no", "nc", "x", "unsupported", "not met", "false") or word.startswith(
        ("not ", "non", "does not", "doesn't", "no ")
    ):
        return "no"
    if word in (
        "y", "yes", "c", "fc", "f", "comply", "complies", "compliant", "fully compliant",
        "fully comply", "full", "fully", "supported", "met", "meets", "available", "true",
    ):  # fmt: skip
        return "yes"
    return None


@dataclass(frozen=True)
class Vocabulary:
    """The word written for each kind of answer; a missing kind has no word of its own."""

    words: dict[str, str]
    source: str = "dealcheck"

    @classmethod
    def from_options(cls, options: Sequence[str], source: str) -> Vocabulary | None:
        words: dict[str, str] = {}
        for option in options:
            kind = answer_kind(option)
            if kind and kind not in words:
                words[kind] = option.strip()
        if "yes" in words and "no" in words:
            return cls(words, source)
        return None

    def answer(self, r: RequirementResult, needed: str | None = None) -> str:
        """The response cell for ``r``: the customer's word, naming what it needs.

        Roadmap without a word of its own is "no" (it is not there today), an unknown
        without one is left blank for a person, a partial without one is "yes" with a
        pointer to the comment. In dealcheck's own words, the answer library's wording
        comes first (:func:`~dealcheck.formats._cells.response_of`). ``needed`` replaces
        what ``r`` itself needs (a row answering several requirements)."""
        if self.source == "dealcheck":
            return response_of(r, needed)
        kind = {
            "supported": "yes",
            "upgrade": "yes",
            "partial": "partial",
            "roadmap": "roadmap",
            "unsupported": "no",
            "unknown": "unknown",
        }[answered_as(r)]
        if kind == "roadmap" and kind not in self.words:
            kind = "no"
        if kind == "unknown" and kind not in self.words:
            return ""
        if kind == "partial" and kind not in self.words:
            return f"{self.words['yes']}{NEEDS_SEPARATOR}partially (see the comment)"
        word = self.words[kind]
        if kind in ("yes", "partial"):
            needed = needs_text(r) if needed is None else needed
            if needed:
                return f"{word}{NEEDS_SEPARATOR}{needed}"
        return word


DEFAULT_VOCABULARY = Vocabulary(
    {
        "yes": RESPONSES["supported"],
        "partial": RESPONSES["partial"],
        "no": RESPONSES["unsupported"],
        "roadmap": RESPONSES["roadmap"],
        "unknown": RESPONSES["unknown"],
    }
)

_CODES = re.compile(r"\(([^()]*[/,][^()]*)\)|^\s*([A-Za-z]{1,3}(?:\s*/\s*[A-Za-z]{1,3})+)\s*$")
_PAIR = re.compile(
    r"\b([A-Za-z]{1,3})\s*(?:=|:|-|\u2013|\u2014)\s*([A-Za-z][A-Za-z' -]*[A-Za-z])\s*$"
)


def vocabulary_in(text: str, source: str) -> Vocabulary | None:
    """A vocabulary written in a header or legend: "(Y/N/P)", "(Yes/No/Partial)",
    "C = Comply, PC = Partially comply, NC = Does not comply"."""
    pairs: list[tuple[str, str]] = []
    for chunk in re.split(r"[,;|()\n]|\s/\s", text):
        pair = _PAIR.search(chunk)
        if pair and answer_kind(pair.group(2)):
            pairs.append((pair.group(1), pair.group(2)))
    if len(pairs) >= 2:
        words: dict[str, str] = {}
        for code, meaning in pairs:
            kind = answer_kind(meaning)
            if kind and kind not in words:
                words[kind] = code
        if "yes" in words and "no" in words:
            return Vocabulary(words, source)
    match = _CODES.search(text)
    if match:
        listed = match.group(1) or match.group(2)
        return Vocabulary.from_options(re.split(r"\s*[/,]\s*", listed), source)
    return None


#: what an answer needs, after :data:`NEEDS_SEPARATOR` ("Comply — Enterprise edition,
#: with the Security Pack add-on"), as :func:`~dealcheck.formats._cells.needs_text` and
#: :meth:`Vocabulary.answer` write it
_NEEDS_TAIL = re.compile(
    re.escape(NEEDS_SEPARATOR)
    + r"(?:(?:[^,—]+ edition|with the [^,—]+ add-on|"
    + re.escape(UPGRADE_UNNAMED)
    + r"|partially \(see the comment\))(?:, )?)+$"
)


def without_needs(response: str) -> str:
    """A response cell without the needs dealcheck appended to it."""
    return _NEEDS_TAIL.sub("", response.strip()).strip()


def own_response(response: str) -> bool:
    """Whether a response cell holds an answer dealcheck writes itself (its own words, or a
    word of the customer's vocabulary such as "Y" or "Partially comply", with or without
    what it needs) rather than a reviewer's wording."""
    head = without_needs(response)
    if not head or head.casefold() in {w.casefold() for w in RESPONSES.values()}:
        return True
    return answer_kind(head) is not None and len(head.split()) <= 3


# --- finding the customer's columns -------------------------------------------------------

_RESPONSE_WORDS = re.compile(
    r"\b(?:comply|complies|compliance|compliant|conform\w*|response|responses|answer|answers"
    r"|supported|meets?|y/n\w*|yes/no\w*)\b",
    re.I,
)
_COMMENT_WORDS = re.compile(
    r"\b(?:comments?|remarks?|notes?|explanation|details?|justification|clarifications?"
    r"|evidence|supporting\s+information|description\s+of\s+(?:compliance|response))\b",
    re.I,
)
_SUPPLIER_WORDS = re.compile(
    r"\b(?:suppliers?|vendors?|bidders?|tenderers?|respondents?|proposers?|contractors?"
    r"|response)\b",
    re.I,
)
_THEIRS = re.compile(
    r"\b(?:customer|buyer|client|internal|our|purchaser|evaluator|evaluation)\b", re.I
)
#: Headers about the requirement itself ("Mandatory (Y/N)", "Priority", "Weight"): the
#: customer's data, never a place for the answer, whatever codes they hold.
_ASK_ATTRIBUTE = re.compile(
    r"\b(?:mandatory|requirement\s+type|priority|weight\w*|importance|criticality"
    r"|essential|desirable|moscow|score|scoring)\b",
    re.I,
)
#: Words that name the answer itself, preferred over a bare code header "(Y/N)".
_ANSWER_WORDS = re.compile(
    r"\b(?:comply|complies|compliance|compliant|conform\w*|response|answer|supported|meets?)\b",
    re.I,
)


def _norm(value: object) -> str:
    return " ".join(str(value or "").split()).casefold()


@dataclass
class Layout:
    """Where each answer goes in one header row."""

    columns: dict[str, int]  # field key -> 0-based column index
    appended: list[tuple[int, str]]  # the new columns: (index, header)
    vocabulary: Vocabulary
    #: field keys written into the customer's own columns
    customer: set[str] = field(default_factory=set)

    @property
    def width(self) -> int:
        return max([*self.columns.values(), -1]) + 1


@dataclass
class MatrixOptions:
    response_column: str | None = None
    comment_column: str | None = None


#: every header dealcheck writes over a column it appends: an answer, never a requirement
_OWN_HEADERS = frozenset(_norm(name) for f in FIELDS for name in f.names)


def requirement_columns(headers: Sequence[str], above: Sequence[str] = ()) -> set[int]:
    """The columns of a header row that hold the requirement (its text, id, priority and
    section): never a place for an answer.

    Found by header (:func:`~dealcheck.sources.columns.find_columns`), with two rules for
    a matrix dealcheck answered before: a header dealcheck writes over its own columns
    ("Matched capability") names no requirement column, and in a header of two rows
    (``above``: the row above ``headers``, when it has several cells) a blank cell takes
    the one above it: "Requirement" over a blank, beside "Compliance (Y/N/P)" under
    "Supplier Response". Without these, a second run read "Matched capability" as the
    requirement column and appended a second capability column."""
    from dealcheck.sources.columns import find_columns

    two_rows = sum(1 for cell in above if str(cell or "").strip()) >= 2
    cells: list[str] = []
    for i, header in enumerate(headers):
        text = str(header or "")
        if not text.strip() and two_rows and i < len(above):
            text = str(above[i] or "")
        cells.append("" if _norm(text) in _OWN_HEADERS else text)
    found = find_columns(cells)
    if found is None:
        return set()
    return {i for i in (found.text, found.id, found.priority, found.section) if i is not None}


def _named(headers: Sequence[str], wanted: str, option: str, where: str) -> int:
    key = _norm(wanted)
    for i, header in enumerate(headers):
        if _norm(header) == key:
            return i
    shown = ", ".join(repr(h.strip()) for h in headers if h.strip()) or "none"
    raise InputError(f"no column named {wanted!r} ({option})", where, hint=f"headers: {shown}")


def plan(
    headers: Sequence[str],
    *,
    taken: set[int],
    width: int,
    options: MatrixOptions | None = None,
    groups: Sequence[str] = (),
    legends: Sequence[str] = (),
    choices: Callable[[int], list[str]] | None = None,
    where: str = "",
) -> Layout:
    """Decide where each answer goes for one header row.

    ``headers``: the header row's cells as text; ``taken``: the columns the reader used
    (requirement text, id, priority, section), never answers; ``width``: the number of
    used columns (new ones go after it); ``groups``: per column, the merged group header
    above it, if any; ``legends``: text of the rows above the header (a key row);
    ``choices(i)``: the options of a data-validation list on column ``i``.
    """
    options = options or MatrixOptions()
    headers = [str(h or "") for h in headers]
    groups = list(groups) + [""] * (len(headers) - len(groups))
    ours = _ours(headers, taken)
    not_ours = taken | {v for k, v in ours.items() if k != "response"}
    response = (
        _named(headers, options.response_column, "--response-column", where)
        if options.response_column
        else _response_column(headers, groups, not_ours)
    )
    if response is None:
        response = ours.get("response")
    comment = (
        _named(headers, options.comment_column, "--comment-column", where)
        if options.comment_column
        else _comment_column(
            headers,
            groups,
            taken | {v for k, v in ours.items() if k != "notes"},
            response,
            customer_response=response is not None and response != ours.get("response"),
        )
    )
    if comment is None:
        comment = ours.get("notes")
    columns: dict[str, int] = {}
    customer: set[str] = set()
    if response is not None:
        columns["response"] = response
        if response != ours.get("response"):
            customer.add("response")
    if comment is not None and comment != response:
        columns["notes"] = comment
        if comment != ours.get("notes"):
            customer.add("notes")
    for key, index in ours.items():
        columns.setdefault(key, index)
    used = {_norm(h) for h in headers if h.strip()}
    appended: list[tuple[int, str]] = []
    next_index = max(width, len(headers))
    for f in FIELDS:
        if f.key in columns:
            continue
        name = next((n for n in f.names if _norm(n) not in used), f"{f.names[0]} ({f.key})")
        used.add(_norm(name))
        columns[f.key] = next_index
        appended.append((next_index, name))
        next_index += 1
    vocabulary = DEFAULT_VOCABULARY
    if response is not None and "response" in customer:
        vocabulary = _vocabulary(headers[response], groups[response], legends, choices, response)
    return Layout(columns, appended, vocabulary, customer)


def _ours(headers: Sequence[str], taken: set[int]) -> dict[str, int]:
    """The columns an earlier run appended: from the first field's column (always appended,
    no customer column holds it) on, those headed with one of dealcheck's names. A
    customer's own "Notes" left of it is the customer's."""
    names = {f.key: {_norm(n) for n in f.names} for f in FIELDS}
    first = FIELDS[0].key
    start = next(
        (i for i, h in enumerate(headers) if i not in taken and _norm(h) in names[first]), None
    )
    if start is None:
        return {}
    ours: dict[str, int] = {}
    for i in range(start, len(headers)):
        for key, known in names.items():
            if key not in ours and i not in taken and _norm(headers[i]) in known:
                ours[key] = i
    return ours


def answered_columns(headers: Sequence[str], taken: set[int]) -> dict[str, int]:
    """Where a matrix dealcheck answered holds each answer, found again by its headers (what
    ``dealcheck learn`` reads back): the columns :func:`plan` chooses for it now (the
    customer's response and comment columns, dealcheck's appended ones by their names),
    and an appended column under a header of :data:`LEGACY_NAMES`. A field without a
    column is absent; ``taken`` are the requirement columns, never answers."""
    headers = [str(h or "") for h in headers]
    layout = plan(headers, taken=taken, width=len(headers))
    found = {key: index for key, index in layout.columns.items() if index < len(headers)}
    for key, names in LEGACY_NAMES.items():
        if key in found:
            continue
        known = {_norm(n) for n in names}
        legacy = [i for i, h in enumerate(headers) if i not in taken and _norm(h) in known]
        if legacy:
            found[key] = legacy[-1]  # the rightmost: dealcheck appended it after the customer's
    return found


def _response_column(headers: Sequence[str], groups: Sequence[str], taken: set[int]) -> int | None:
    best, best_score = None, 0
    for i, header in enumerate(headers):
        if i in taken or _THEIRS.search(header) or _COMMENT_WORDS.search(header):
            continue
        if _ASK_ATTRIBUTE.search(header):
            continue
        score = 0
        if _RESPONSE_WORDS.search(header):
            score = 3 if _SUPPLIER_WORDS.search(header) or _CODES.search(header) else 2
            if _ANSWER_WORDS.search(header):
                score += 1
        elif (
            groups[i]
            and _RESPONSE_WORDS.search(groups[i])
            and (not header.strip() or _CODES.search(header))
        ):
            score = 1  # "Y/N/P" (or nothing) under a merged "Supplier Response"
        if score > best_score:
            best, best_score = i, score
    return best


def _comment_column(
    headers: Sequence[str],
    groups: Sequence[str],
    taken: set[int],
    response: int | None,
    customer_response: bool,
) -> int | None:
    """The customer's comment column: one marked as the supplier's ("Vendor comments", or
    under a response group header); a bare "Comments" only beside the customer's own
    response column (else it may be the customer's notes)."""
    for i, header in enumerate(headers):
        if i in taken or i == response or not _COMMENT_WORDS.search(header):
            continue
        if _THEIRS.search(header):
            continue
        supplier = _SUPPLIER_WORDS.search(header) or (
            groups[i] and _RESPONSE_WORDS.search(groups[i]) and not _THEIRS.search(groups[i])
        )
        if supplier or customer_response:
            return i
    return None


def _vocabulary(
    header: str,
    group: str,
    legends: Sequence[str],
    choices: Callable[[int], list[str]] | None,
    column: int,
) -> Vocabulary:
    if choices is not None:
        listed = Vocabulary.from_options(choices(column), "data validation")
        if listed:
            return listed
    for text, source in ((header, "header"), (group, "group header")):
        found = vocabulary_in(text, source) if text else None
        if found:
            return found
    for text in legends:
        found = vocabulary_in(text, "legend")
        if found:
            return found
    return DEFAULT_VOCABULARY


# --- the cells of one row -----------------------------------------------------------------


def fresh_layout() -> Layout:
    """The answer columns of a fresh matrix (:data:`MATRIX_HEADERS`)."""
    return plan(BASE_HEADERS, taken=set(range(len(BASE_HEADERS))), width=len(BASE_HEADERS))


def base_cells(r: RequirementResult) -> list[str]:
    """The requirement cells of a fresh matrix row (:data:`BASE_HEADERS`)."""
    return [
        cell_text(r.id),
        cell_text(r.section),
        cell_text(r.priority),
        cell_text(r.text, multiline=True),
    ]


#: How bad each answer is for a row answering several requirements, as the customer reads
#: it: a partial part makes the row partial even beside a part that needs an upgrade
#: (the verdict order ranks ``upgrade`` above ``partial``; a customer's "yes — with the
#: Enterprise edition" beside a beta part would still be a promise).
ROW_SEVERITY = {
    "supported": 0,
    "upgrade": 1,
    "partial": 2,
    "roadmap": 3,
    "unknown": 4,
    "unsupported": 5,
}


def row_needs(results: list[RequirementResult]) -> str:
    """What a row of several requirements needs beyond the quote: every edition and add-on
    any of its promised parts needs ("Enterprise edition, with the Security Pack add-on").
    Parts that need different editions are each named with their id, since a matrix
    knows no edition order: "R-4.1: Business edition; R-4.2: Enterprise edition"."""
    promised = [r for r in results if r.verdict not in ("unsupported", "unknown")]
    editions = list(dict.fromkeys(r.needs.edition for r in promised if r.needs.edition))
    if len(editions) > 1:
        return "; ".join(f"{r.id}: {needs_text(r)}" for r in promised if needs_text(r))
    if not promised:
        return ""
    add_ons = list(dict.fromkeys(a for r in promised for a in r.needs.add_ons))
    union = Needs(edition=editions[0] if editions else None, add_ons=add_ons)
    # needs_text of the union, said for the most demanding verdict among the parts (an
    # upgrade nobody named still says "with an upgrade")
    verdict = most_severe([r.verdict for r in promised])
    return needs_text(promised[0].model_copy(update={"needs": union, "verdict": verdict}))


def row_answers(results: list[RequirementResult], layout: Layout) -> dict[int, str]:
    """Column index -> the text dealcheck writes, for a row holding ``results``.

    A row with several requirements (a long cell split when read) answers for all of
    them: the most severe answer of any part (a beta capability makes a yes partial),
    naming everything any promised part needs beyond the quote; capabilities and notes
    are joined, each note after its requirement id."""
    worst = results[0]
    needed: str | None = None
    if len(results) > 1:
        kind = max((answered_as(r) for r in results), key=ROW_SEVERITY.__getitem__)
        worst = next(r for r in results if answered_as(r) == kind)
        needed = row_needs(results)
    caps = list(dict.fromkeys(c for c in (capability_text(r) for r in results) if c))
    if len(results) == 1:
        explanation = notes(worst)
    else:
        explanation = " | ".join(f"{r.id}: {notes(r)}" for r in results if notes(r))
    if worst.verdict == "unknown" and "response" in layout.customer:
        explanation = f"Needs review: {explanation}" if explanation else "Needs review"
    response = layout.vocabulary.answer(worst)
    if len(results) > 1:
        # The library's wording answers one requirement, not the row: dealcheck's words.
        response = layout.vocabulary.answer(worst.model_copy(update={"answer": None}), needed)
    elif layout.vocabulary is not DEFAULT_VOCABULARY and library_response(worst):
        # The customer's column takes only its own words: the wording opens the comment.
        wording = library_response(worst)
        explanation = f"{wording}; {explanation}" if explanation else str(wording)
    values = {
        "verdict": worst.verdict,
        "response": response,
        "capability": "; ".join(caps),
        "notes": explanation,
        "reviewed_by": "",  # the reviewer's to fill; a new answer is nobody's yet
    }
    return {
        layout.columns[key]: cell_text(value)
        for key, value in values.items()
        if key in layout.columns
    }
