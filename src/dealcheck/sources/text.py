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
_BARE_SIGN_OFF = re.compile(rf"^(?i:{_SIGN_OFF_WORDS})(?P<name>(?:\s+{_NAME}){{0,2}})\s*$")
_BARE_GREETING = re.compile(
    rf"^(?i:{_GREETING_WORDS})(?:\s+(?i:all|team|everyone|there))?"
    rf"(?P<name>(?:\s+{_NAME}){{0,2}})\s*$"
)
#: The header of a message forwarded or replied to ("From: Bob Lee", "Sent: Monday, 3
#: March 2026 10:14", "To: ana@example.com"): its value a name, a date or an address.
_MAIL_HEADER = re.compile(r"^(?:from|sent|to|cc|bcc|date)\s*:\s*(?P<value>.+)$", re.I)
#: A line of a signature below a sign-off: a name ("Priya", "Ana Lopez": capitalised
#: words, none an acronym or a common English word, "Workday Integration" is an ask),
#: or a contact line (a role and company written with "|", a phone number, a web or
#: email address); short, with no ask and no list marker.
_NAME_WORDS = 2
#: How often in English (the word list's count) a word of a name of two words may be:
#: "Ana Lopez" (618, 154) is a name, "Workday Integration" (325, 1,492) is an ask.
NAME_WORD_FREQUENCY = 1000
_SIGNATURE_WORDS = 8
_CONTACT = re.compile(r"[@|]|https?://|www\.|\+?\d[\d\s().-]{6,}")
#: The most lines a signature runs to below its sign-off.
_SIGNATURE_LINES = 6
#: The most words of a sign-off that ends a letter ("Thanks in advance,", "Kind
#: regards"): "Thanks for the demo yesterday!" opens one.
_CLOSING_WORDS = 3
#: A wrapped line: the line above it ran to about a line's width ("... We'd have maybe 10
#: guest users" / "at any one time.").
_WRAP_WIDTH = 60
#: The usual line that opens an email signature ("-- ").
_SIGNATURE_DELIMITER = re.compile(r"^--\s*$")
#: A line that leads in to what follows ("... a few questions, see below.", "Our
#: questions are listed below."): it says where the asks are, it is none of them. (Not
#: "Please describe your roadmap for the following:", which asks.)
_LEAD_IN = re.compile(r"\b(?:see|listed)\s+below\s*[.:]?\s*$", re.I)
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


def _breaks_off(text: str) -> bool:
    """Whether a line ends on a word that cannot end a phrase: a preposition, a
    determiner or a conjunction ("Desk booking for")."""
    from dealcheck.engine.text import LEXICON  # the engine's English

    last = text.split()[-1].lower() if text.split() else ""
    return last in LEXICON.prepositions | LEXICON.determiners | {"and", "or", "of", "to"}


def _mail_header(line: str) -> bool:
    """A mail header line: a name or addresses, or a date ("Date: format of DD/MM/YYYY on
    all reports" is an ask)."""
    m = _MAIL_HEADER.match(line)
    if m is None or _asks(line):
        return False
    value = m["value"]
    return _CONTACT.search(value) is not None or all(
        w[:1].isupper() or w[:1].isdigit() for w in value.replace(",", " ").split()
    )


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
    m = bare.match(line)
    # (The words after a bare phrase are a name: "Regards Ana", not "Best Candidate
    # Matching" nor "Kind Regards Templates".)
    named = m is not None and (not m["name"].strip() or _a_name(m["name"].strip()))
    return line.endswith((",", "!")) or named


def _signature_line(line: str) -> bool:
    """A line of a signature: a name, a role and company or contact details ("|", "@",
    a phone number, a web address), or a street address (a number and a comma among
    capitalised words); short, no ask, no list marker."""
    if _asks(line) or strip_marker(line) != line or len(line.split()) > _SIGNATURE_WORDS:
        return False
    if _CONTACT.search(line) is not None or _a_name(line):
        return True
    words = line.replace(",", " ").split()
    return (
        "," in line
        and any(w.isdigit() for w in words)
        and all(w[:1].isupper() or w.isdigit() for w in words)
    )


def _a_name(line: str) -> bool:
    """A person's name ("Priya", "Bob", "Ana Lopez"): one capitalised word, or two with
    no word English uses much ("Workday Integration", "Mark Smith" read as asks), no
    acronym ("SAML SSO"), no digit."""
    from dealcheck.engine.vocabulary import frequency  # English word frequencies

    words = line.rstrip(",.").split()
    if not 0 < len(words) <= _NAME_WORDS or not all(
        w[:1].isupper() and not w.isupper() and w.replace("-", "").replace("'", "").isalpha()
        for w in words
    ):
        return False
    return len(words) == 1 or all(frequency(w.lower()) < NAME_WORD_FREQUENCY for w in words)


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
    below = 0  # the signature's lines seen below the sign-off
    # (--all-sentences reads the letter too.)
    for i in range(len(lines) - 1, -1, -1) if not options.all_sentences else ():
        line = lines[i].strip()
        closing = _letter(line, _SIGN_OFF) and len(line.split()) <= _CLOSING_WORDS
        if _SIGNATURE_DELIMITER.match(line) or (line and closing):
            signature = i
            break
        if line:
            below += 1
            if not _signature_line(line) or below > _SIGNATURE_LINES:
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
            # (A word in lower case goes on; "iCIMS migration", "2FA for ..." start asks,
            # unless the line above breaks off after a function word: "Desk booking for")
            and (line.split()[0].islower() or _breaks_off(previous.text))
            and "?" not in line
            and (raw[:1].isspace() or len(lines[number - 2].strip()) >= _WRAP_WIDTH)
        ):
            previous.text = f"{previous.text} {line}"  # the item goes on
            continue
        why: str | None = None
        if options.all_sentences:
            pass
        elif _letter(line, _GREETING) or _letter(line, _SIGN_OFF):
            why = "a greeting" if _GREETING.match(line) else "a sign-off"
        elif signed and _a_name(line):
            why = "the signature"  # the name right below a sign-off ("Thanks," / "Ana")
        elif _mail_header(line):
            why = "a mail header"
        elif not marked and not _asks(line) and _LEAD_IN.search(line):
            why = "a line leading in to what follows"
        if why:
            result.skipped.append(Skipped(line, Location(name, number), why))
            previous = None
            # (Only a closing one signs the name below it: "Thanks for the demo
            # yesterday!" opens a letter.)
            signed = why == "a sign-off" and len(line.split()) <= _CLOSING_WORDS
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
