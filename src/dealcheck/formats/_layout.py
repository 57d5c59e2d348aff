"""Fixed-width text tables for the terminal: words kept whole, linear in the number of rows.

rich's ``Table`` measures every cell of every row before it draws one (0.5 ms a row: 30 s
for a 67,000-requirement report) and folds a hyphenated id such as ``data-residency-eu``
anywhere once its column is narrow. This module lays a table out once from the terminal
width and the widest *word* of each column, then writes rows as they come:

* a *fixed* column is as wide as its longest cell (up to ``cap``), so ids fit whole;
* *flex* columns share the rest by ``ratio``; text wraps at spaces (``textwrap``), and
  only a word longer than its whole column is cut;
* when the flex columns would get narrower than ``min_width``, :func:`fit` says so and the
  caller picks a narrower layout (fewer columns, details on continuation lines).

Widths are display cells (``rich.cells.cell_len``), so wide characters line up. Cell text
must already be safe (:func:`dealcheck.safe_text.one_line`); a ``\\n`` in a cell starts a
new line inside it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console

GAP = "  "
RULE = "\u2500"
#: A word longer than this may be cut rather than squeeze the other columns (a URL).
WORD_CAP = 24


@dataclass(frozen=True)
class Column:
    header: str
    fixed: bool = False  # width from content (up to cap) instead of a share of the rest
    cap: int = 24
    ratio: int = 1
    min_width: int = 12


#: One line of output: (text, style or "") segments.
Line = list[tuple[str, str]]


def _longest_word(text: str) -> int:
    return max((cell_len(w) for w in text.split()), default=0)


def fit(columns: Sequence[Column], rows: Sequence[Sequence[str]], total: int) -> list[int] | None:
    """Column widths for ``total`` display cells, or None when the flex columns would be
    narrower than their ``min_width`` (the caller then drops to a narrower layout)."""
    widths = [0] * len(columns)
    for i, column in enumerate(columns):
        if column.fixed:
            longest = max(
                [cell_len(column.header)]
                + [cell_len(line) for row in rows for line in row[i].split("\n")]
            )
            widths[i] = min(longest, column.cap)
    room = total - 1 - len(GAP) * (len(columns) - 1) - sum(widths)
    flex = [i for i, c in enumerate(columns) if not c.fixed]
    # Each flex column first gets room for its longest word (so words stay whole), then
    # the rest is shared by ratio; a column whose every line already fits takes no more.
    least = {
        i: max(
            columns[i].min_width,
            cell_len(columns[i].header),
            min(max((_longest_word(row[i]) for row in rows), default=0), WORD_CAP),
        )
        for i in flex
    }
    if room < sum(least.values()):
        return None
    natural = {
        i: max([least[i]] + [cell_len(line) for row in rows for line in row[i].split("\n")])
        for i in flex
    }
    for i in flex:
        widths[i] = least[i]
    spare = room - sum(least.values())
    hungry = [i for i in flex if natural[i] > widths[i]]
    while spare > 0 and hungry:
        ratios = sum(columns[i].ratio for i in hungry)
        given = 0
        for n, i in enumerate(hungry):
            share = spare - given if n == len(hungry) - 1 else spare * columns[i].ratio // ratios
            share = min(share, natural[i] - widths[i])
            widths[i] += share
            given += share
        spare -= given
        hungry = [i for i in hungry if natural[i] > widths[i]]
        if given == 0:
            break
    if spare > 0 and flex:  # every line fits: the last flex column takes what is left
        widths[flex[-1]] += spare
    return widths


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` display cells, broken at spaces."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if cell_len(paragraph) <= width:
            lines.append(paragraph)
        elif paragraph.isascii():
            lines.extend(
                textwrap.wrap(paragraph, width, break_on_hyphens=False, break_long_words=True)
                or [""]
            )
        else:
            lines.extend(_wrap_cells(paragraph, width))
    return lines


def _wrap_cells(text: str, width: int) -> list[str]:
    """Greedy word wrap by display cells (wide characters count double)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while cell_len(word) > width:  # a word wider than the column: cut it
            head = ""
            for char in word:
                if cell_len(head + char) > width:
                    break
                head += char
            if current:
                lines.append(current)
                current = ""
            lines.append(head)
            word = word[len(head) :]
        candidate = f"{current} {word}" if current else word
        if cell_len(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return lines


def _pad(text: str, width: int) -> str:
    return text + " " * (width - cell_len(text))


def rows_to_lines(
    widths: Sequence[int],
    rows: Iterable[tuple[Sequence[str], Sequence[str]]],
) -> Iterator[Line]:
    """Each row (cells, one style per cell) as its output lines, cells wrapped and padded."""
    for cells, styles in rows:
        wrapped = [wrap(cell, width) for cell, width in zip(cells, widths)]
        height = max(len(w) for w in wrapped)
        for k in range(height):
            line: Line = [(" ", "")]
            for i, (lines, width) in enumerate(zip(wrapped, widths)):
                text = lines[k] if k < len(lines) else ""
                last = i == len(widths) - 1
                line.append((text if last else _pad(text, width), styles[i] if text else ""))
                if not last:
                    line.append((GAP, ""))
            yield line


def header_lines(columns: Sequence[Column], widths: Sequence[int]) -> list[Line]:
    """The header row (bold) and the rule under it."""
    header = list(rows_to_lines(widths, [([c.header for c in columns], ["bold"] * len(columns))]))
    total = 1 + sum(widths) + len(GAP) * (len(widths) - 1)
    return [*header, [(" " + RULE * (total - 1), "")]]


def write(console: Console, lines: Iterable[Line], chunk: int = 400) -> None:
    """Write ``lines`` to ``console``, ``chunk`` lines at a time (see :func:`write_chunks`)."""
    for _ in write_chunks(console, lines, chunk):
        pass


def write_chunks(console: Console, lines: Iterable[Line], chunk: int = 400) -> Iterator[None]:
    """Write ``lines`` to ``console``, ``chunk`` lines at a time, yielding after each chunk
    (so a caller can hand on what was written before the next is made).

    Without colour (piped, ``NO_COLOR``, a file) the text goes straight to the console's
    file; with colour, each chunk is one :class:`rich.text.Text` (styles, never markup)."""
    colour = console.color_system is not None and not console.no_color
    batch: list[Line] = []

    def flush() -> None:
        if colour:
            from rich.text import Text

            text = Text(no_wrap=True, overflow="ignore", end="")
            for line in batch:
                for piece, style in line:
                    text.append(piece, style=style or None)
                text.append("\n")
            console.print(text, crop=False, soft_wrap=True)
        else:
            console.file.write("".join(plain(line) + "\n" for line in batch))
        batch.clear()

    for line in lines:
        batch.append(line)
        if len(batch) >= chunk:
            flush()
            yield
    if batch:
        flush()
        yield


def plain(line: Line) -> str:
    return "".join(text for text, _ in line).rstrip()
