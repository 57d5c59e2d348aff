"""Write to the answer library: add answers and merge phrasings, keeping the file as people left it.

``answers.yaml`` is kept in git and edited by hand, so a write must keep
comments, key order and quoting: the file is edited with ruamel.yaml's
round-trip mode, never regenerated. Every write is checked before it lands:
the new text is read back through dealcheck's own safe loader and validated,
and every answer that was there must still be there, unchanged but for the
phrasings merged into it. Only then is the file replaced, atomically.

Values are quoted where PyYAML (dealcheck's reader, YAML 1.1) would read
them as something other than text ("yes", "2026.11", "12:30").
"""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass, field
from typing import Any

import yaml

from dealcheck.answers.loader import validate_library
from dealcheck.answers.model import Answer, AnswerLibrary
from dealcheck.errors import InputError
from dealcheck.output import write_atomic
from dealcheck.yamlsafe import loads

HEADER = (
    "# The answer library: reviewed answers that dealcheck uses before matching.\n"
    "# Written by 'dealcheck learn' and 'dealcheck review'; edit by hand freely\n"
    "# (dealcheck lint checks it). Format: docs/answers.md\n"
)

_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()


@dataclass
class Changes:
    """What to write: new answers, and phrasings to merge into existing ones (by index)."""

    added: list[Answer] = field(default_factory=list)
    merged: dict[int, list[str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.added or any(self.merged.values()))


def _text(value: str) -> Any:
    """``value`` as a scalar that PyYAML reads back as the same text."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    plain = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR_TAG
    if not plain or value != value.strip() or "\n" in value or not value:
        return DoubleQuotedScalarString(value)
    return value


def _entry(answer: Answer) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    entry = CommentedMap()
    entry["text"] = _text(answer.text)
    if answer.phrasings:
        entry["phrasings"] = CommentedSeq(_text(p) for p in answer.phrasings)
    if answer.capabilities:
        capabilities = CommentedSeq(answer.capabilities)
        capabilities.fa.set_flow_style()
        entry["capabilities"] = capabilities
    if answer.verdict:
        entry["verdict"] = answer.verdict
        entry["reason"] = _text(answer.reason or "")
    if answer.response:
        entry["response"] = _text(answer.response)
    entry["reviewed_by"] = _text(answer.reviewed_by)
    # A fresh date object per entry: ruamel.yaml would write one shared object as an anchor.
    entry["reviewed"] = dt.date.fromordinal(answer.reviewed.toordinal())
    if answer.catalog_version:
        entry["catalog_version"] = _text(answer.catalog_version)
    return entry


def _yaml() -> Any:
    from ruamel.yaml import YAML

    handler = YAML()  # round-trip: comments, key order and styles are kept
    handler.preserve_quotes = True
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.width = 4096  # never fold a long requirement over several lines
    return handler


def render(current_text: str | None, before: AnswerLibrary, changes: Changes) -> str:
    """The library file's new text: ``current_text`` with ``changes`` applied."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    handler = _yaml()
    document = handler.load(current_text) if current_text and current_text.strip() else None
    header = ""
    if document is None:
        document = CommentedMap()
        header = HEADER if not (current_text or "").strip() else current_text or ""
    if document.get("answers") is None:
        document["answers"] = CommentedSeq()
    entries = document["answers"]
    for index, phrasings in sorted(changes.merged.items()):
        entry = entries[index]
        if entry.get("phrasings") is None:
            position = list(entry).index("text") + 1 if "text" in entry else 0
            entry.insert(position, "phrasings", CommentedSeq())
        for phrasing in phrasings:
            entry["phrasings"].append(_text(phrasing))
    for answer in changes.added:
        entries.append(_entry(answer))
    buffer = io.StringIO()
    handler.dump(document, buffer)
    return header + buffer.getvalue()


def _verify(text: str, name: str, before: AnswerLibrary, changes: Changes) -> None:
    """The new text must read back as the old library plus exactly the changes."""
    data, positions = loads(text, name)
    after = validate_library(data, positions)
    expected = [
        a.model_copy(update={"phrasings": [*a.phrasings, *changes.merged.get(i, [])]})
        for i, a in enumerate(before.answers)
    ] + list(changes.added)
    if after.answers != expected:  # pragma: no cover - a guard against a YAML round-trip surprise
        raise RuntimeError(f"writing {name} would change answers it already holds: not written")


def apply(path: str, before: AnswerLibrary, changes: Changes) -> None:
    """Write ``changes`` to the library at ``path`` (created if missing), atomically."""
    from dealcheck.textio import display_name, read_text

    if not changes:
        return
    current = read_text(path) if os.path.exists(path) else None
    text = render(current, before, changes)
    name = display_name(path)
    try:
        _verify(text, name, before, changes)
    except InputError as exc:  # pragma: no cover - same guard
        raise RuntimeError(f"writing {name} would produce an invalid file: {exc}") from None
    write_atomic(path, text.encode("utf-8"))
