"""Making untrusted text (requirements, catalogue entries) safe to print.

Terminal escape sequences in a customer's spreadsheet must not move the
cursor, retitle the window or hide lines: every control character except
tab and newline is dropped before text reaches a terminal. Rich markup is
never interpreted because text is always passed to rich as ``Text``.

An error or warning message quotes an input's value to say what is wrong with
it, so there the value must read as it is: :func:`visible` shows each control
character and invisible mark as an escape instead of dropping it. "unknown
edition '\x1b[31menterprise'" says why the name is unknown; dropped (or obeyed by
the terminal), it read "unknown edition 'enterprise' (did you mean 'enterprise'?)".
"""

from __future__ import annotations

import re

# ESC-initiated sequences (CSI, OSC, ...) first, then any remaining C0/C1 control.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC ... ST
    r"|\x1b[@-Z\\-_]?"  # other two-byte escapes, or a lone ESC
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_terminal(text: str) -> str:
    """``text`` without escape sequences or control characters (tab and newline kept)."""
    if not text:
        return text
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def one_line(text: str) -> str:
    """``text`` cleaned and folded onto one line (for table cells and messages)."""
    return " ".join(clean_terminal(text).split())


#: What a message shows as an escape: every control character (tab and newline too: a
#: message is one line), and the marks that print as nothing yet change the text: soft
#: hyphen, zero-width characters, line separators, bidirectional controls, BOM.
_INVISIBLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def visible(text: str) -> str:
    """``text`` with every control character and invisible mark written as its escape
    (``\\x1b``, ``\\n``, ``\\u202e``), for messages that quote an input's value."""
    if not text:
        return text
    return _INVISIBLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
