"""Plain text and standard input: each non-empty line is a requirement.

List markers and numbering are stripped (a leading number or reference is
the id). A short line that ends with ':' and has no requirement keyword
("Security:") names the section of the lines below it instead; so does a
priority label alone ("Must have:", "Could have:", "Nice to have:"), and the
lines below it take its priority unless they state their own, down to the
next section line.
"""

from __future__ import annotations

import re

from dealcheck.requirements import Location, priority_from_text
from dealcheck.sources import ReadOptions, SourceResult
from dealcheck.sources.common import (
    HeadingPriority,
    heading_priority,
    make_requirement,
    split_id,
    strip_marker,
)
from dealcheck.textio import decode_text

_HEADING_MD = re.compile(r"^#{1,6}\s+(?P<title>.+?)\s*#*\s*$")
_ONLY_MARKER = re.compile(r"^[-*+\u2022\d.)(\[\]\s]*$")


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


def read(data: bytes, name: str, options: ReadOptions) -> SourceResult:
    text = decode_text(data, name)
    result = SourceResult()
    section: str | None = None
    priority = HeadingPriority()
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line or _ONLY_MARKER.match(line):
            continue
        title = _heading(line)
        if title is not None:
            section = title
            priority.heading(title, 1)
            continue
        if not strip_marker(line):
            continue
        result.requirements.append(
            make_requirement(
                line, Location(name, number), section=section, section_priority=priority.priority
            )
        )
    return result
