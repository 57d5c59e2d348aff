"""Plain text and standard input: each non-empty line is a requirement.

List markers and numbering are stripped (a leading number or reference is
the id). A short line that ends with ':' and has no requirement keyword
("Security:") names the section of the lines below it instead; so does a
priority label alone ("Must have:", "Could have:", "Nice to have:"), and the
lines below it take its priority unless they state their own, down to the
next section line. A line about the asks that only states their priority ("All
requirements below are mandatory unless stated otherwise.") is no ask either: its
priority goes to the lines below it in the same way
(:func:`dealcheck.sources.tender.priority_statement`).

Buyers paste their questions from an email, so the letter around them is not
read as requirements: a greeting ("Hi Sam,"), a line that leads in to what
follows with no requirement keyword ("... a few questions, see below.", "...
answered inline below."), a forwarded message's "From:" line, and a sign-off
("Thanks in advance,", "Kind regards") with the name below it; the last
sign-off, with nothing after it but a signature's lines (a name, a role, a phone
number, an address), starts the signature. A whole thread is read so too: a
message's header block ("From:", "Sent:", "Date:", "Subject:", "To:", "Cc:"),
the lines where a forwarded or quoted message starts ("---------- Forwarded
message ---------", "-----Original Message-----", "On ... wrote:"), a sign-off
in the middle of the thread with the name, role and contact lines below it down
to a blank line. A quoted question directly above the reply that answers it
inline ("> Which identity provider do you use?" / "Entra ID, ...": the other
side's question; a quoted ask with a requirement keyword is read on its own) is
read with the reply as one requirement, the question first. Quote markers
("> ") are not part of a line's text; a line that is only ">" is blank (outside
a mail, "> 500 users" keeps its ">"). Each is listed as not read, with why
(``dealcheck read``); ``--all-sentences`` reads them as requirements too.

A list item wrapped onto the next line ("Our biggest plan" / "   has around
4,500 tasks.") is one requirement: a line with no marker of its own and no
question, indented, or in lower case after a line about a line's width long,
right below an item that has a marker and does not end a sentence (and is
quoted as deeply), goes on that item.
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
from dealcheck.sources.tender import priority_statement
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
#: Any header line of a message's header block ("Subject: Re: ...", "Date: Mon, 16 Nov
#: 2026 at 09:05"): in a block of two or more with a "From:" line, each is a header.
_HEADER_NAME = re.compile(
    r"^(?:from|sent|to|cc|bcc|date|subject|reply-to|importance)\s*:\s*\S", re.I
)
#: A subject line alone: a reply's or forward's ("Subject: RE: ...", "Subject: Fwd: ...").
_REPLY_SUBJECT = re.compile(r"^subject\s*:\s*(?:(?:re|fwd?|aw|wg|tr)\s*:\s*)+\S", re.I)
#: Where a forwarded or quoted message starts: "---------- Forwarded message ---------",
#: "-----Original Message-----", "Begin forwarded message:", Outlook's line of
#: underscores, and "On Fri, 13 Nov 2026 at 17:20, Dev <dev@example.com> wrote:" (a date
#: or an address before "wrote:").
_SEPARATOR = re.compile(
    r"^(?:-{2,}\s*(?:forwarded\s+message|original\s+message)\s*-{2,}"
    r"|begin\s+forwarded\s+message\s*:|_{8,}"
    r"|on\s+(?=[^\n]*(?:\d|@))[^\n]{4,}\bwrote\s*:)$",
    re.I,
)
#: The quote markers of a reply ("> ", ">> ", "> > "): a ">" before a space, another ">"
#: or the end of the line, not "> 500 users" outside a mail nor ">= 99.9%".
_QUOTE = re.compile(r"^(?:>(?=[\s>]|$)[ \t]?)+")
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
#: questions are listed below.", "... answered inline below.", "his note is pasted
#: below."): it says where the asks are, it is none of them. (Not "Please describe your
#: roadmap for the following:", which asks.)
_LEAD_IN = re.compile(
    r"\b(?:(?:see|listed|answered|pasted|copied|quoted|forwarded|included|set\s+out)"
    r"(?:\s+inline)?|inline)\s+below\s*[.:]?\s*$",
    re.I,
)
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


def _capitalised_words(line: str) -> bool:
    """A line of one to three capitalised words, no acronym, no digit ("Maria Santos")."""
    words = line.rstrip(",.").split()
    return 0 < len(words) <= 3 and all(
        w[:1].isupper() and not w.isupper() and w.replace("-", "").replace("'", "").isalpha()
        for w in words
    )


def _signer(line: str, below: str) -> bool:
    """The name right below a closing sign-off: a name (:func:`_a_name`), or capitalised
    words above a contact line ("Maria Santos" / "Head of IT | Orbis Insurance")."""
    if _asks(line):
        return False
    if _a_name(line):
        return True
    return (
        _capitalised_words(line) and _CONTACT.search(below) is not None and _signature_line(below)
    )


@dataclass
class _Line:
    shown: str  # the line as written, stripped: what ``dealcheck read`` lists
    text: str  # without its quote markers
    depth: int  # how many quote markers (">") it has
    indented: bool  # its text is indented (after its quote markers)


def _header_blocks(texts: list[str]) -> set[int]:
    """The lines of a message's header block: two or more header lines in a row, one of
    them a "From:" with a name or an address ("From:", "Sent:", "To:", "Subject:")."""
    found: set[int] = set()
    run: list[int] = []
    for i, text in enumerate([*texts, ""]):
        if _HEADER_NAME.match(text):
            run.append(i)
            continue
        if len(run) >= 2 and any(
            texts[k][:4].lower() == "from" and _mail_header(texts[k]) for k in run
        ):
            found.update(run)
        run = []
    return found


def _unquote(raw_lines: list[str]) -> list[_Line]:
    """Each line without the quote markers of a reply ("> ", ">> "). In a mail (a header
    block, a separator, a line that is only ">"), every ">" before a space is a quote
    marker; elsewhere "> 500 users" keeps its ">": a quantity, not a quote."""
    stripped = [raw.strip() for raw in raw_lines]
    plain = [_QUOTE.sub("", x).strip() for x in stripped]
    mail = (
        any(_SEPARATOR.match(x) for x in plain)
        or any(x and not y for x, y in zip(stripped, plain, strict=True))
        or bool(_header_blocks(plain))
    )
    out = []
    for raw, line in zip(raw_lines, stripped, strict=True):
        m = _QUOTE.match(line)
        rest = line[m.end() :] if m else ""
        if m and (mail or not rest.strip()[:1].isdigit()):
            out.append(_Line(line, rest.strip(), m.group().count(">"), rest[:1].isspace()))
        else:
            out.append(_Line(line, line, 0, raw[:1].isspace()))
    return out


def _answered(lines: list[_Line]) -> set[int]:
    """Quoted questions answered inline: a run of quoted lines that ends in a question
    with no requirement keyword ("> Which identity provider do you use today?"), right
    above a reply less quoted than it ("Entra ID, ..."): the other side's question, read
    with its answer as one requirement. (A quoted ask, or a quote with no reply right
    below it, is read on its own.)"""
    found: set[int] = set()
    for i, line in enumerate(lines[:-1]):
        below = lines[i + 1]
        if not line.depth or not line.text or not below.text or below.depth >= line.depth:
            continue
        if _SEPARATOR.match(below.text) or _HEADER_NAME.match(below.text):
            continue
        start = i
        while start > 0 and lines[start - 1].depth == line.depth and lines[start - 1].text:
            start -= 1
        question = " ".join(x.text for x in lines[start : i + 1])
        if question.endswith("?") and KEYWORD_RE.search(question) is None:
            found.update(range(start, i + 1))
    return found


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
    quoted = _unquote(text.split("\n"))
    lines = [x.text for x in quoted]
    keep_all = options.all_sentences  # --all-sentences reads the letter too
    headers = _header_blocks(lines) if not keep_all else set()
    answered = _answered(quoted) if not keep_all else set()
    # Where the signature starts: the last sign-off or "--" line, with nothing after it but
    # a signature's lines (a name, a role, a phone number). An earlier sign-off with more
    # of the letter after it ("Thanks, Ana" and then Bob's lines) signs only its own lines.
    signature = len(lines)
    below = 0  # the signature's lines seen below the sign-off
    for i in range(len(lines) - 1, -1, -1) if not keep_all else ():
        line = lines[i]
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
    stated: str | None = None  # the priority a line stated for the section's asks
    items: list[_Item] = []
    previous: _Item | None = None  # the item on the line right above, if any
    signed = False  # the line right above is a closing sign-off
    signing = 0  # the signature's lines so far below a sign-off mid-thread (0: none)
    asked_above: list[str] = []  # a quoted question the next line answers inline
    asked_end = 0  # the line it ends on
    for number, here in enumerate(quoted, start=1):
        line = here.text
        if asked_above and number != asked_end + 1:
            # The line below it was no answer after all (a sign-off, a header): the
            # question is read on its own, never lost.
            start = asked_end - len(asked_above) + 1
            items.append(_Item(" ".join(asked_above), start, section, priority.priority, False))
            asked_above.clear()
        if number - 1 >= signature:
            if line and not _ONLY_MARKER.match(line):
                part = "the sign-off" if number - 1 == signature else "the signature"
                result.skipped.append(Skipped(here.shown, Location(name, number), part))
            continue
        if not line or _ONLY_MARKER.match(line):
            previous = None
            signed = signed and bool(line)  # a blank line ends what a sign-off signs
            signing = 0 if not line else signing
            continue
        why: str | None = None
        if keep_all:
            pass
        elif _SEPARATOR.match(line):
            why = "where a forwarded or quoted message starts"
        elif number - 1 in headers or _mail_header(line) or _REPLY_SUBJECT.match(line):
            why = "a mail header"
        elif number - 1 in answered:
            # The other side's question, answered inline right below: the answer says
            # what is asked only with it ("> Do you need visitor badges printed?" / "Yes,
            # at all three sites."), so the two are one requirement, the question first.
            asked_above.append(line)
            asked_end = number
            continue
        if why:
            # A new message: the sections and priority labels of the one before end.
            section, priority, stated = None, HeadingPriority(), None
            result.skipped.append(Skipped(here.shown, Location(name, number), why))
            previous, signed, signing = None, False, 0
            continue
        title = _heading(line)
        if title is not None:
            section, stated = title, None
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
            and here.depth == quoted[previous.number - 1].depth
            and not _ENDS_SENTENCE.search(previous.text)
            # (A word in lower case goes on; "iCIMS migration", "2FA for ..." start asks,
            # unless the line above breaks off after a function word: "Desk booking for")
            and (line.split()[0].islower() or _breaks_off(previous.text))
            and "?" not in line
            and (here.indented or len(lines[number - 2]) >= _WRAP_WIDTH)
        ):
            previous.text = f"{previous.text} {line}"  # the item goes on
            continue
        following = lines[number] if number < len(lines) else ""
        if keep_all:
            pass
        elif _letter(line, _GREETING) or _letter(line, _SIGN_OFF):
            why = "a greeting" if _GREETING.match(line) else "a sign-off"
        elif signed and _signer(line, following):
            why = "the signature"  # the name right below a sign-off ("Thanks," / "Ana")
        elif signing and signing < _SIGNATURE_LINES and _signature_line(line):
            why = "the signature"  # its role, company and phone number, down to a blank line
        elif not marked and not _asks(line) and _LEAD_IN.search(line):
            why = "a line leading in to what follows"
        elif not marked and (statement := priority_statement(line)) is not None:
            # "All requirements below are mandatory unless stated otherwise.": about the
            # asks, not one; its priority goes to the lines below, down to the next label.
            if statement[1]:
                stated = statement[0]
                why = (
                    "a statement of the priority of the section's requirements"
                    f" ({stated}: given to those below it that state none)"
                )
            else:
                why = "a statement of the priority of the requirements it names"
        if why:
            result.skipped.append(Skipped(here.shown, Location(name, number), why))
            previous = None
            signing = signing + 1 if why == "the signature" else 0
            # (Only a closing one signs the name below it: "Thanks for the demo
            # yesterday!" opens a letter.)
            signed = why == "a sign-off" and len(line.split()) <= _CLOSING_WORDS
            continue
        signed, signing = False, 0
        if asked_above:
            line, number = " ".join([*asked_above, line]), number - len(asked_above)
            asked_above.clear()
        previous = _Item(line, number, section, stated or priority.priority, marked)
        items.append(previous)
    if asked_above:  # the file ends below the question
        start = asked_end - len(asked_above) + 1
        items.append(_Item(" ".join(asked_above), start, section, priority.priority, False))
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
