"""Word's automatic list numbering: the number a reader sees in front of a paragraph.

A list item's number is not in the paragraph's text: Word draws it from the
numbering definitions (``word/numbering.xml``), so python-docx gives the text
without it. :class:`WordNumbering` computes it the way Word lays it out
(ECMA-376 part 1, 17.9), in document order:

* a paragraph is numbered by its own ``w:numPr`` or its style's (following
  ``w:basedOn``); ``numId`` 0 switches numbering off;
* a numbering instance (``w:num``) inherits an abstract definition, and
  instances of the same definition share one sequence, except that an
  instance with ``w:startOverride`` restarts that level the first time it is
  used (Word's "Restart numbering");
* a level starts at ``w:start``, and restarts when a higher level is used
  (or as ``w:lvlRestart`` says); its label is ``w:lvlText`` with ``%1``..``%9``
  replaced by each level's counter in that level's ``w:numFmt`` (decimal,
  letters, roman numerals; ``w:isLgl`` forces decimal);
* bullets (``numFmt`` bullet or none) have no number.

Only the XML is read (no python-docx API beyond the parts), so any document
Word writes is understood, and a malformed definition gives no number rather
than an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{_W}val"
_LEVELS = 9


def _int(element: Any, default: int | None = None) -> int | None:
    if element is None:
        return default
    try:
        return int(element.get(_VAL))
    except (TypeError, ValueError):
        return default


def _ilvl(element: Any) -> int:
    try:
        return int(element.get(f"{_W}ilvl") or 0)
    except ValueError:
        return 0


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart (1-based level; 0: never); None: default
    legal: bool = False
    style: str | None = None  # w:pStyle: the paragraph style bound to this level


def _level(lvl: Any) -> _Level:
    fmt = lvl.find(f"{_W}numFmt")
    text = lvl.find(f"{_W}lvlText")
    style = lvl.find(f"{_W}pStyle")
    return _Level(
        start=_int(lvl.find(f"{_W}start"), 1) or 0,
        fmt=(fmt.get(_VAL) if fmt is not None else None) or "decimal",
        text=(text.get(_VAL) if text is not None else None) or "",
        restart=_int(lvl.find(f"{_W}lvlRestart")),
        legal=lvl.find(f"{_W}isLgl") is not None,
        style=style.get(_VAL) if style is not None else None,
    )


@dataclass
class _Instance:
    abstract: str
    levels: dict[int, _Level] = field(default_factory=dict)  # w:lvlOverride/w:lvl
    start_overrides: dict[int, int] = field(default_factory=dict)


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, then aaa.. (the letter repeated)."""
    if n < 1:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        text = _letters(n)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman") and n > 0:
        text = _roman(n)
        return text.upper() if fmt == "upperRoman" else text
    return str(n)  # decimal, ordinal, and every other format: the number itself


class WordNumbering:
    """The displayed number of each paragraph, given in document order to :meth:`label`."""

    def __init__(self, document: Any) -> None:
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.instances: dict[str, _Instance] = {}
        self.style_numbering: dict[str, tuple[str | None, int | None]] = {}
        self.style_parent: dict[str, str] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[tuple[str, int]] = set()
        self.abstract_links: dict[str, str] = {}  # abstract -> numbering style it links to
        try:
            self._load(document)
        except Exception:  # noqa: BLE001 - a damaged definition: numbers are a nicety
            self.instances = {}

    def _load(self, document: Any) -> None:
        part = document.part
        numbering = None
        try:
            numbering = part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        if numbering is not None:
            for abstract in numbering.iterfind(f"{_W}abstractNum"):
                ident = abstract.get(f"{_W}abstractNumId")
                self.abstracts[ident] = {
                    _ilvl(lvl): _level(lvl) for lvl in abstract.iterfind(f"{_W}lvl")
                }
                link = abstract.find(f"{_W}numStyleLink")
                if link is not None and link.get(_VAL):
                    self.abstract_links[ident] = link.get(_VAL)
            for num in numbering.iterfind(f"{_W}num"):
                ref = num.find(f"{_W}abstractNumId")
                if ref is None:
                    continue
                instance = _Instance(str(ref.get(_VAL)))
                for override in num.iterfind(f"{_W}lvlOverride"):
                    ilvl = _ilvl(override)
                    start = _int(override.find(f"{_W}startOverride"))
                    if start is not None:
                        instance.start_overrides[ilvl] = start
                    lvl = override.find(f"{_W}lvl")
                    if lvl is not None:
                        instance.levels[ilvl] = _level(lvl)
                self.instances[str(num.get(f"{_W}numId"))] = instance
        styles = part.styles.element
        for style in styles.iterfind(f"{_W}style"):
            ident = style.get(f"{_W}styleId")
            based = style.find(f"{_W}basedOn")
            if based is not None and based.get(_VAL):
                self.style_parent[ident] = based.get(_VAL)
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                num_id = num_pr.find(f"{_W}numId")
                self.style_numbering[ident] = (
                    num_id.get(_VAL) if num_id is not None else None,
                    _int(num_pr.find(f"{_W}ilvl")),
                )

    def _style_numbering(self, style: str | None) -> tuple[str | None, int | None]:
        seen: set[str] = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.style_numbering:
                return self.style_numbering[style]
            style = self.style_parent.get(style)
        return None, None

    def _abstract_levels(self, abstract: str) -> tuple[str, dict[int, _Level]]:
        """The abstract definition's levels, through a numbering style link if it has one."""
        link = self.abstract_links.get(abstract)
        if link and not self.abstracts.get(abstract):
            num_id, _ = self._style_numbering(link)
            linked = self.instances.get(num_id or "")
            if linked is not None and linked.abstract != abstract:
                return linked.abstract, self.abstracts.get(linked.abstract, {})
        return abstract, self.abstracts.get(abstract, {})

    def label(self, paragraph: Any) -> str | None:
        """The number Word shows before ``paragraph`` (``"2.1."``), advancing the counters;
        None when it is not numbered or its list is a bullet list."""
        if not self.instances:
            return None
        p_pr = paragraph.find(f"{_W}pPr")
        style_el = p_pr.find(f"{_W}pStyle") if p_pr is not None else None
        style = style_el.get(_VAL) if style_el is not None else None
        num_id, ilvl = self._style_numbering(style)
        num_pr = p_pr.find(f"{_W}numPr") if p_pr is not None else None
        if num_pr is not None:
            own_id = num_pr.find(f"{_W}numId")
            if own_id is not None:
                num_id = own_id.get(_VAL)
            own_level = _int(num_pr.find(f"{_W}ilvl"))
            if own_level is not None:
                ilvl = own_level
        if not num_id or num_id == "0" or num_id not in self.instances:
            return None
        instance = self.instances[num_id]
        abstract, levels = self._abstract_levels(instance.abstract)
        levels = {**levels, **instance.levels}
        if ilvl is None:  # the level whose w:pStyle is this paragraph's style, else 0
            ilvl = next((k for k, lv in levels.items() if style and lv.style == style), 0)
        ilvl = max(0, min(ilvl, _LEVELS - 1))
        level = levels.get(ilvl, _Level())
        counters = self.counters.setdefault(abstract, [None] * _LEVELS)
        if ilvl in instance.start_overrides and (num_id, ilvl) not in self.started:
            counters[ilvl] = instance.start_overrides[ilvl] - 1
        self.started.add((num_id, ilvl))
        current = counters[ilvl]
        counters[ilvl] = (current if current is not None else level.start - 1) + 1
        for deeper in range(ilvl + 1, _LEVELS):
            restart = levels.get(deeper, _Level()).restart
            if restart is None or (restart != 0 and ilvl <= restart - 1):
                counters[deeper] = None
        if level.fmt in ("bullet", "none"):
            return None

        def number(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            lv = levels.get(k, _Level())
            value = counters[k] if counters[k] is not None else lv.start
            return format_number(value or 0, "decimal" if level.legal else lv.fmt)

        text = re.sub(r"%([1-9])", number, level.text).strip()
        return text or None


def label_id(label: str) -> str:
    """The id a label stands for: ``"2.1."`` -> ``"2.1"``, ``"(a)"`` -> ``"a"``."""
    return label.strip().strip("()[]").rstrip(".):").strip()
