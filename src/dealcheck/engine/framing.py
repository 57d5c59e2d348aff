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
  optionally says who asks ("from our ops side", every word a department or role), and
  ends with a separator: "Question banks for quizzes" has none and is an ask. Who the ask
  is for ("quick q from our Arabic-speaking staff: ...") stays in the ask;
* an aside abbreviation ("FYI", "BTW") stands at the start or after those;
* a sign-off ends the text after a sentence's end or a dash ("... ? Thanks!"), or after a
  comma in lower case (", cheers"; "DocuSign, Cheers" ends a list), optionally with a
  name ("Thanks, Sam"); an abbreviated one ("TIA") only after a sentence's end, as a
  list's last item may be the same letters.

Nothing else is touched: a text with none of these is read as it always was. The
framing is blanked with spaces, so every offset (of quantities, of places) stays that of
the text as written.
"""

from __future__ import annotations

import re

from dealcheck.engine.text import LEXICON, alternation

_FORMS = LEXICON.conversation


#: A first name after a greeting ("Hi Dana", "Dear Sam Smith"): capitalised as written.
_NAME = r"(?-i:[A-Z][a-z]+)"
#: What ends a part of the framing: punctuation, or a dash with white space after it
#: (not the hyphen inside "e-commerce").
_SEP = r"\s*(?:[,:;!.?]+|[-\u2013\u2014]+(?=\s))\s*"

_GREETING = re.compile(
    rf"\s*(?P<greeting>{alternation(_FORMS['greeting'])})\b"
    rf"(?:\s+(?:(?P<address>{alternation(_FORMS['address'])})\b"
    rf"|(?P<name>{_NAME}(?:\s+{_NAME})?)\b))?",
    re.I,
)
#: Who asks, in an opener: "from our CX lead", "from the finance and legal teams", every
#: word a department, function or role (lexicon.yaml: asker).
_ASKER = rf"\s+from\s+(?:our|the|my)(?:\s+(?:{alternation(_FORMS['asker'])})\b){{1,4}}"
_OPENER = re.compile(
    rf"\s*(?:{alternation(_FORMS['opener'])})\b"
    # ... then who asks and a separator; or who the ask is for ("quick q from our
    # Arabic-speaking staff: ..."), which stays in the ask: only the opener's own words go.
    rf"(?:(?:{_ASKER})?{_SEP}|(?=\s+from\b))",
    re.I,
)
_ASIDE = re.compile(rf"\s*(?:{alternation(_FORMS['aside'])})\b(?:{_SEP})?", re.I)
_SEPARATOR = re.compile(_SEP)
_INFORMAL = re.compile(rf"\byou\s+(?P<who>{alternation(_FORMS['informal_address'])})\b", re.I)
#: A sign-off's own end: "!", ".", a first name or two ("Thanks, Sam Smith").
_SIGN_OFF_END = rf"[!.]*(?:,?\s*{_NAME}(?:\s+{_NAME})?[!.]*)?\s*$"
_SIGN_OFF = re.compile(
    rf"(?:[.!?]|\s[-\u2013\u2014]+)\s*(?P<off>(?:{alternation(_FORMS['sign_off'])})\b"
    rf"{_SIGN_OFF_END})"
    # After a comma, in lower case only ("..., thanks"): "DocuSign, Cheers" ends a list.
    rf"|,\s*(?P<low>(?-i:{alternation(_FORMS['sign_off'])})\b{_SIGN_OFF_END})"
    # The abbreviations only after a sentence's end: after a comma "TIA" may be a list's
    # last item (the data-centre standard).
    rf"|[.!?]\s*(?P<abbr>(?:{alternation(_FORMS['sign_off_abbreviation'])})\b{_SIGN_OFF_END})",
    re.I,
)
#: How far from the end a sign-off is looked for: past a long name and punctuation, and
#: no further (a bounded search on any length of text).
_SIGN_OFF_REACH = 80
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
    tail = len(text.rstrip())
    off = _SIGN_OFF.search(text, max(pos, tail - _SIGN_OFF_REACH))
    if off is not None:
        found.append(off.span(next(g for g in ("off", "low", "abbr") if off[g])))
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
