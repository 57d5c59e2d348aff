"""The framing of a question written as an email or chat message, left out of the ask.

Customers paste quick questions as they wrote them to a colleague: "Hi team, quick q
from our CX lead - do you guys support WhatsApp as a channel? Thanks!" asks about
WhatsApp and nothing else. The greeting ("Hi team,"), the opener that announces the
question ("quick q from our CX lead -"), a chat abbreviation before it ("FYI"), the
informal address ("you *guys*") and the sign-off ("Thanks!") name no capability; left
in, "team", "lead" and "CX" would read as wording no capability explains, or as a name
that narrows the ask.

The words of each part come from lexicon.yaml (table ``conversation``); the shapes
are these:

* a greeting opens the text, with the readers it addresses ("team", "all", a first
  name) and a separator ("," "-" ":" "!"); without a separator only the greeting word
  itself and an address word of the lexicon ("hey team do you ...") are framing;
* an opener ("quick one", "question") stands at the start or right after the greeting,
  optionally says who asks ("from our ops side"), and ends with a separator: "Question
  banks for quizzes" has none and is an ask;
* an aside abbreviation ("FYI", "BTW") stands at the start or after those;
* a sign-off ends the text after a sentence's end, a comma or a dash ("... ? Thanks!",
  ", cheers"), optionally with a first name ("Thanks, Sam").

Nothing else is touched: a text with none of these is read as it always was. The
framing is blanked with spaces, so every offset (of quantities, of places) stays that of
the text as written.
"""

from __future__ import annotations

import re

from dealcheck.engine.text import LEXICON

_FORMS = LEXICON.conversation


def _alternation(forms: tuple[str, ...]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any white space."""
    ordered = sorted(set(forms), key=lambda f: (-len(f), f))
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered)


#: A first name after a greeting ("Hi Dana", "Dear Sam Smith"): capitalised as written.
_NAME = r"(?-i:[A-Z][a-z]+)"
#: What ends a part of the framing: punctuation, or a dash with white space after it
#: (not the hyphen inside "e-commerce").
_SEP = r"\s*(?:[,:;!.?]+|[-\u2013\u2014]+(?=\s))\s*"

_GREETING = re.compile(
    rf"\s*(?P<greeting>{_alternation(_FORMS['greeting'])})\b"
    rf"(?:\s+(?:(?P<address>{_alternation(_FORMS['address'])})\b"
    rf"|(?P<name>{_NAME}(?:\s+{_NAME})?)\b))?",
    re.I,
)
_OPENER = re.compile(
    rf"\s*(?:{_alternation(_FORMS['opener'])})\b"
    # who asks: "from our CX lead", "from the ops side" (no number, no sentence end)
    r"(?:\s+from\s+(?:our|the|my)\s+[^\d,:;.!?\u2013\u2014]{1,40}?)?"
    rf"{_SEP}",
    re.I,
)
_ASIDE = re.compile(rf"\s*(?:{_alternation(_FORMS['aside'])})\b(?:{_SEP})?", re.I)
_SEPARATOR = re.compile(_SEP)
_INFORMAL = re.compile(rf"\byou\s+(?P<who>{_alternation(_FORMS['informal_address'])})\b", re.I)
_SIGN_OFF = re.compile(
    rf"(?:[.!?,;]|\s[-\u2013\u2014]+)\s*(?P<off>(?:{_alternation(_FORMS['sign_off'])})\b"
    rf"[\s!.]*(?:,?\s*{_NAME}[\s!.]*)?)$",
    re.I,
)
#: The most parts (openers and asides) read after a greeting: "Hi - FYI, quick one -".
_MOST_PARTS = 3


def framing_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each part of the text that frames a message rather than asks."""
    found: list[tuple[int, int]] = []
    pos = 0
    m = _GREETING.match(text)
    # (Not a word in capitals: "HI" may be a state or a code, never a greeting.)
    if m is not None and not (m["greeting"].isupper() and len(m["greeting"]) > 1):
        sep = _SEPARATOR.match(text, m.end())
        if sep is not None:
            pos = sep.end()
        elif m["name"] is not None:
            pos = m.end("greeting")  # "Hey Siri support": the name may be the ask
        else:
            pos = m.end()
        found.append((m.start("greeting"), pos))
    for _ in range(_MOST_PARTS):
        part = _OPENER.match(text, pos) or _ASIDE.match(text, pos)
        if part is None or part.end() == pos:
            break
        found.append((pos, part.end()))
        pos = part.end()
    found.extend(m.span("who") for m in _INFORMAL.finditer(text, pos))
    off = _SIGN_OFF.search(text, pos)
    if off is not None:
        found.append(off.span("off"))
    return [(a, b) for a, b in found if text[a:b].strip()]


def blank_framing(text: str) -> tuple[str, list[str]]:
    """The text with its framing blanked by spaces (offsets kept), and the parts blanked
    as written (for a reviewer)."""
    spans = framing_spans(text)
    if not spans:
        return text, []
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars), [text[a:b].strip() for a, b in spans]
