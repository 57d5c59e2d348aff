"""A cache of the indexed answer library, so a library of thousands of answers stays cheap.

Parsing YAML is slow in Python (a 10,000-answer library takes about a second
through the safe loader), and a check must not cost much more with a library
than without. So the first check after the library changes parses it as
usual and saves the validated answers, their lines and the lookup's prepared
index as JSON; later checks read that instead (tens of milliseconds).

* The cache is keyed by a SHA-256 of the library's bytes, the catalogue's
  acronym table (which the index depends on), dealcheck's version and this
  format's version: any change to any of them is a new key, so a stale entry
  is never used.
* It lives in ``$DEALCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/dealcheck``,
  else ``~/.cache/dealcheck``; it is written atomically, and any failure to
  read or write it falls back to parsing (a read-only home is fine).
* What is read back is validated by the same pydantic model as the file.
* Libraries under :data:`CACHE_MIN_BYTES` are parsed every time: they are fast.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from dealcheck import __version__
from dealcheck.answers.loader import parse_answers
from dealcheck.answers.model import AnswerLibrary
from dealcheck.answers.resolve import LibraryAnswers
from dealcheck.catalog.model import Catalog

CACHE_ENV = "DEALCHECK_CACHE_DIR"
#: Below this size a library parses in a few milliseconds: no cache file for it.
CACHE_MIN_BYTES = 64 * 1024
FORMAT = 2


def cache_dir() -> Path:
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dealcheck"


def _key(raw: bytes, canon: Any) -> str:
    digest = hashlib.sha256()
    digest.update(f"dealcheck {__version__} answers-cache {FORMAT}\n".encode())
    table = sorted((" ".join(form), target) for form, target in canon.table.items())
    digest.update(json.dumps(table).encode())
    digest.update(raw)
    return digest.hexdigest()


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write(path: Path, document: dict[str, Any]) -> None:
    from dealcheck.errors import InputError
    from dealcheck.output import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(str(path), json.dumps(document, ensure_ascii=False).encode("utf-8"))
    except (OSError, InputError):
        pass  # no cache this time: the next check parses again


def load_library(
    path: str, catalog: Catalog, canon: Any, name: str, *, semantic: bool = True
) -> LibraryAnswers:
    """The library at ``path``, indexed, from the cache when it is there and current.

    ``semantic=False`` (``--no-semantic``): near phrasings are confirmed without the model
    only when they have the same words; others are not used.
    """
    use_model = None if semantic else False
    from pydantic import ValidationError

    from dealcheck.textio import read_bytes

    raw = read_bytes(path)
    if len(raw) < CACHE_MIN_BYTES:
        return LibraryAnswers.from_loaded(
            parse_answers(raw, name), catalog, canon=canon, semantic=use_model
        )
    cached = cache_dir() / f"answers-{_key(raw, canon)}.json"
    document = _read(cached)
    if document is not None:
        try:
            library = AnswerLibrary.model_validate({"answers": document["answers"]})
            return LibraryAnswers(
                library,
                name,
                catalog,
                lines=list(document["lines"]),
                canon=canon,
                semantic=use_model,
                prepared=list(document["prepared"]),
            )
        except (KeyError, TypeError, ValueError, ValidationError):
            pass  # a damaged cache entry: parse, and write it again
    resolver = LibraryAnswers.from_loaded(
        parse_answers(raw, name), catalog, canon=canon, semantic=use_model
    )
    lookup = resolver.lookup
    _write(
        cached,
        {
            "answers": [a.model_dump(mode="json") for a in lookup.answers],
            "lines": lookup.lines,
            "prepared": lookup.prepared(),
        },
    )
    return resolver
