"""Plain text and standard input: each non-empty line is a requirement.

List markers and numbering are stripped (a leading number or reference is
the id). A short line that ends with ':' and has no requirement keyword
("Security:") names the section of the lines below it instead; so does a
priority label alone ("Must have:", "Could have:", "Nice to have:"), and the
lines below it take its priority unless they state their own, down to the
next section line.

Buyers paste their questions from an email, so the letter around them is not
read as requirements: a greeting ("Hi Sam,"), a line that leads in to what
follows with no requirement keyword ("... a few questions, see below."), a
forwarded message's "From:" line, and a sign-off ("Thanks in advance,", "Kind
regards") with the name below it; the last sign-off, with nothing after it but a
signature's lines (a name, a role, a phone number, an address), starts the
signature. Each is listed as not read, with why (``dealcheck read``);
``--all-sentences`` reads them as requirements too. A list item wrapped onto the
next line ("Our biggest plan" / "   has around 4,500 tasks.") is one requirement:
a line with no marker of its own and no question, indented, or in lower case after
a line about a line's width long, right below an item that has a marker and does
not end a sentence, goes on that item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dealcheck.requirements import Location, priority_from_text
from dealcheck.sources import ReadOptions, Skipped, SourceResult
from dealcheck.sources.common import (
    KEYWORD_RE,
    HeadingPriority,
    heading_priority,
    make_requirement,
    split_id,
    strip_marker,
)
from dealcheck.textio import decode_text

_HEADING_MD = re.compile(r"^#{1,6}\s+(?P<title>.+?)\s*#*\s*$")
_ONLY_MARKER = re.compile(r"^[-*+\u2022\d.)(\[\]\s]*$")

#: How a letter opens ("Hi Sam,", "Hello team", "Dear Ms Smith,") and closes ("Thanks in
#: advance,", "Kind regards", "Cheers!"), in English.
_GREETING_WORDS = r"hi|hello|hey|dear|greetings|good\s+(?:morning|afternoon|evening)"
_SIGN_OFF_WORDS = (
    r"thanks|thank\s+you|many\s+thanks|thx|cheers|regards|kind\s+regards|best\s+regards"
    r"|warm\s+regards|best\s+wishes|best|all\s+the\s+best|sincerely"
    r"|yours\s+(?:sincerely|faithfully|truly)"
)
#: The line a greeting or sign-off opens, with a few words and its comma ("Thanks again
#: for your help,").
_GREETING = re.compile(rf"^(?:{_GREETING_WORDS})\b[^.?!:;]*[,!.]?$", re.I)
_SIGN_OFF = re.compile(rf"^(?:{_SIGN_OFF_WORDS})\b[^.?!:;]*[,!.]?$", re.I)
#: The words a greeting or a sign-off may run to.
_LETTER_WORDS = 6
#: A greeting or sign-off without its comma or "!": the phrase alone, or with a name
#: ("Kind regards", "Thanks", "Regards Ana", "Hello team"), not "Best practices".
_NAME = r"[A-Z][\w.'-]*"
_BARE_SIGN_OFF = re.compile(rf"^(?i:{_SIGN_OFF_WORDS})(?:\s+{_NAME}){{0,2}}\s*$")
_BARE_GREETING = re.compile(
    rf"^(?i:{_GREETING_WORDS})(?:\s+(?:(?i:all|team|everyone|there)|{_NAME})){{0,2}}\s*$"
)
#: The header of a message forwarded or replied to ("From: Bob Lee", "Sent: Monday").
_MAIL_HEADER = re.compile(r"^(?:from|sent|to|cc|bcc|date)\s*:\s", re.I)
#: A line of a signature below a sign-off: a name, a role or a company ("Priya",
#: "Priya Raman | PMO Lead | Coastline Utilities"), a phone number, an address or a
#: web or email address; short, with no ask and no list marker.
_SIGNATURE_WORDS = 8
_CONTACT = re.compile(r"[@|]|https?://|www\.|\+?\d[\d\s().-]{6,}")
#: A wrapped line: the line above it ran to about a line's width ("... We'd have maybe 10
#: guest users" / "at any one time.").
_WRAP_WIDTH = 60
#: The usual line that opens an email signature ("-- ").
_SIGNATURE_DELIMITER = re.compile(r"^--\s*$")
#: A line that leads in to what follows ("... a few questions, see below.", "Our
#: questions are listed below."): it says where the asks are, it is none of them. (Not
#: "Please describe your roadmap for the following:", which asks.)
_LEAD_IN = re.compile(r"\b(?:see|(?:listed|set\s+out|shown))\s+below\s*[.:]?\s*$", re.I)
#: How a sentence ends: a line that does not end so may go on on the next line.
_ENDS_SENTENCE = re.compile(r"[.?!;:]\s*$")


def _heading(line: str) -> str | None:
    md = _HEADING_MD.match(line)
    if md:
        return md["title"].strip()
    if line.endswith(":") and len(line.split()) <= 6:
        # "Security:" names a section; so does a priority label alone ("Must have:"), which
        # gives its priority to the lines below it. "Nice to have: a dark mode" is a line.
        if priority_from_text(line) is None or heading_priority(line) is not None:
            _, title = split_id(line[:-1])
            return title.strip() or None
    return None


def _asks(line: str) -> bool:
    """Whether a line reads as an ask: a question or a requirement keyword."""
    return "?" in line or KEYWORD_RE.search(line) is not None


def _letter(line: str, pattern: re.Pattern[str]) -> bool:
    """A greeting or sign-off line: its phrase, a few words, and the comma or "!" that
    ends one ("Hi Sam,", "Thanks in advance,"), or the phrase with a name at most ("Kind
    regards", "Hello team"); not a line that only opens with its word ("Best practice
    templates for onboarding", "Best practices")."""
    n = len(line.split())
    if pattern.match(line) is None or _asks(line) or n > _LETTER_WORDS:
        return False
    bare = _BARE_SIGN_OFF if pattern is _SIGN_OFF else _BARE_GREETING
    return line.endswith((",", "!")) or bare.match(line) is not None


def _signature_line(line: str) -> bool:
    """A line of a signature: a name, role, company, phone number or address (short, no
    ask, no list marker, every word capitalised or a contact detail)."""
    if _asks(line) or strip_marker(line) != line or len(line.split()) > _SIGNATURE_WORDS:
        return False
    if _CONTACT.search(line):
        return True
    return all(w[:1].isupper() or not w[:1].isalpha() for w in line.split())


@dataclass
class _Item:
    text: str
    number: int
    section: str | None
    priority: str | None
    marked: bool  # written with a list marker or an id of its own


def read(data: bytes, name: str, options: ReadOptions) -> SourceResult:
    text = decode_text(data, name)
    result = SourceResult()
    lines = text.split("\n")
    # Where the signature starts: the last sign-off or "--" line, with nothing after it but
    # a signature's lines (a name, a role, a phone number). An earlier sign-off with more
    # of the letter after it ("Thanks, Ana" and then Bob's lines) is only a sign-off.
    signature = len(lines)
    # (--all-sentences reads the letter too.)
    for i in range(len(lines) - 1, -1, -1) if not options.all_sentences else ():
        line = lines[i].strip()
        if _SIGNATURE_DELIMITER.match(line) or (line and _letter(line, _SIGN_OFF)):
            signature = i
            break
        if line and not _signature_line(line):
            break
    section: str | None = None
    priority = HeadingPriority()
    items: list[_Item] = []
    previous: _Item | None = None  # the item on the line right above, if any
    signed = False  # the line right above is a sign-off or a signature's
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if number - 1 >= signature:
            if line and not _ONLY_MARKER.match(line):
                part = "the sign-off" if number - 1 == signature else "the signature"
                result.skipped.append(Skipped(line, Location(name, number), part))
            continue
        if not line or _ONLY_MARKER.match(line):
            previous = None
            signed = signed and bool(line)  # a blank line ends what a sign-off signs
            continue
        title = _heading(line)
        if title is not None:
            section = title
            priority.heading(title, 1)
            previous = None
            continue
        stripped = strip_marker(line)
        if not stripped:
            previous = None
            continue
        marked = stripped != line or split_id(line)[0] is not None
        if (
            previous is not None
            and previous.marked
            and not marked
            and not _ENDS_SENTENCE.search(previous.text)
            and not line[:1].isupper()
            and "?" not in line
            and (
                raw[:1].isspace()
                or (line[:1].islower() and len(lines[number - 2].strip()) >= _WRAP_WIDTH)
            )
        ):
            previous.text = f"{previous.text} {line}"  # the item goes on
            continue
        why: str | None = None
        if options.all_sentences:
            pass
        elif _letter(line, _GREETING) or _letter(line, _SIGN_OFF):
            why = "a greeting" if _GREETING.match(line) else "a sign-off"
        elif signed and _signature_line(line):
            why = "the signature"  # right below a sign-off ("Thanks," / "Ana")
        elif _MAIL_HEADER.match(line) and not _asks(line):
            why = "a mail header"
        elif not marked and not _asks(line) and _LEAD_IN.search(line):
            why = "a line leading in to what follows"
        if why:
            result.skipped.append(Skipped(line, Location(name, number), why))
            previous = None
            signed = why in ("a sign-off", "the signature")
            continue
        signed = False
        previous = _Item(line, number, section, priority.priority, marked)
        items.append(previous)
    for item in items:
        result.requirements.append(
            make_requirement(
                item.text,
                Location(name, item.number),
                section=item.section,
                section_priority=item.priority,
            )
        )
    return result
