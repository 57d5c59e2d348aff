"""The values the customer's formulas showed, kept in the answered workbook.

A workbook stores each formula cell with the value it last computed (its cached value,
``<c r="A29" t="str"><f>"KH-"&amp;"22"</f><v>KH-22</v></c>``). Every reader that does not
calculate shows that value: dealcheck's own reader (``data_only``), pandas, previews,
procurement portals. openpyxl, which writes the answered workbook, keeps a formula or
its cached value but not both: loaded with formulas (as the writer must, so that
nothing is flattened), it saves each formula with an empty ``<v>``. A requirement id
written as a formula then read back empty, and a second run renumbered it (KH-22 became
R-22).

:func:`keep_cached_values` puts the values back: it reads them from the customer's
file and writes each into the same formula cell of the workbook openpyxl saved. Only
formula cells are touched (dealcheck never writes a formula: a cell it answers holds
text), and only a value the customer's file held is written. The caller asks the
spreadsheet application to recalculate on open (``fullCalcOnLoad``), so a formula over
the cells dealcheck answered shows its new value there; a reader that does not
calculate shows what the customer's file showed.

The customer's file (already opened by the reader, so a zip bomb is refused) is parsed
with :mod:`xml.etree.ElementTree`, which fetches no external entity; the saved file is
openpyxl's own output, whose formula cells have one fixed form
(:data:`_EMPTY_FORMULA_CELL`).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from typing import IO
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

#: the cached value's type (the cell's ``t``) -> how it is kept: a number has no ``t``
_KEPT_TYPES = {None: None, "n": None, "str": "str", "b": "b", "e": "e"}

#: A formula cell as openpyxl writes it: its reference first, no type, the formula (or a
#: formula one cell lends to others, an array or a data-table ``<f .../>``), then an
#: empty value (``<v></v>`` from the lxml writer, ``<v />`` from ElementTree's).
#: Formula text never holds ``<``: it is escaped.
_EMPTY_FORMULA_CELL = re.compile(
    rb'<c r="(?P<ref>[A-Z]{1,3}[0-9]{1,7})"(?P<attrs>[^>]*)>'
    rb"(?P<formula><f\b[^>]*?(?:/>|>[^<]*</f>))"
    rb"<v\s*(?:/>|></v>)</c>"
)


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _attribute(element: ET.Element, local: str) -> str | None:
    """An attribute by its local name, whatever its namespace (``r:id``)."""
    for key, value in element.attrib.items():
        if _local(key) == local:
            return value
    return None


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship id -> the member it points to, for ``part`` ("" for the package)."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    try:
        root = ET.fromstring(archive.read(rels))
    except (KeyError, ET.ParseError):
        return {}
    targets: dict[str, str] = {}
    for rel in root:
        ident, target = rel.get("Id"), rel.get("Target")
        if not ident or not target or rel.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        targets[ident] = posixpath.normpath(path)
    return targets


def _officedocument(archive: zipfile.ZipFile) -> str | None:
    try:
        root = ET.fromstring(archive.read("_rels/.rels"))
    except (KeyError, ET.ParseError):
        return None
    for rel in root:
        if str(rel.get("Type", "")).endswith("/officeDocument"):
            return posixpath.normpath(str(rel.get("Target", "")).lstrip("/"))
    return None


def worksheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the archive member holding it, as the workbook part lists them."""
    workbook = _officedocument(archive)
    if workbook is None:
        return {}
    targets = _relationships(archive, workbook)
    try:
        root = ET.fromstring(archive.read(workbook))
    except (KeyError, ET.ParseError):
        return {}
    parts: dict[str, str] = {}
    for element in root.iter():
        if _local(element.tag) != "sheet":
            continue
        name, ident = element.get("name"), _attribute(element, "id")
        if name is not None and ident in targets:
            parts[name] = targets[str(ident)]
    return parts


def _formula_cells(stream: IO[bytes]) -> Iterator[tuple[str, str | None, str]]:
    """(reference, type, cached value) of every formula cell of a worksheet that has one."""
    for _, element in ET.iterparse(stream, events=("end",)):
        tag = _local(element.tag)
        if tag == "c":
            formula = value = None
            for child in element:
                if _local(child.tag) == "f":
                    formula = child
                elif _local(child.tag) == "v":
                    value = child
            ref = element.get("r")
            if formula is not None and value is not None and value.text is not None and ref:
                yield ref, element.get("t"), value.text
            element.clear()
        elif tag == "row":
            element.clear()


def cached_values(data: bytes) -> dict[str, dict[str, tuple[str | None, str]]]:
    """Sheet name -> cell reference -> (``t``, text) of each formula's cached value in the
    workbook ``data`` (a type that cannot be kept, such as an index into the string table,
    is left out)."""
    found: dict[str, dict[str, tuple[str | None, str]]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name, part in worksheet_parts(archive).items():
                cells: dict[str, tuple[str | None, str]] = {}
                try:
                    with archive.open(part) as stream:
                        for ref, kind, text in _formula_cells(stream):
                            if kind in _KEPT_TYPES:
                                cells[ref] = (_KEPT_TYPES[kind], text)
                except (KeyError, ET.ParseError):
                    continue
                if cells:
                    found[name] = cells
    except zipfile.BadZipFile:
        return {}
    return found


def _fill(xml: bytes, cells: dict[str, tuple[str | None, str]]) -> bytes:
    def put_back(match: re.Match[bytes]) -> bytes:
        ref = match.group("ref").decode("ascii")
        attrs = match.group("attrs")
        if ref not in cells or b" t=" in attrs:
            return match.group(0)
        kind, text = cells[ref]
        typed = f' t="{kind}"'.encode("ascii") if kind else b""
        value = escape(text).encode("utf-8")
        head = b'<c r="' + match.group("ref") + b'"' + attrs + typed + b">"
        return head + match.group("formula") + b"<v>" + value + b"</v></c>"

    return _EMPTY_FORMULA_CELL.sub(put_back, xml)


def keep_cached_values(saved: bytes, values: dict[str, dict[str, tuple[str | None, str]]]) -> bytes:
    """The workbook openpyxl ``saved``, with each formula cell's cached value from
    ``values`` (:func:`cached_values` of the customer's file) put back."""
    if not values:
        return saved
    with zipfile.ZipFile(io.BytesIO(saved)) as archive:
        sheets = worksheet_parts(archive)
        parts = {part: values[name] for name, part in sheets.items() if name in values}
        if not parts:
            return saved
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as out:
            for info in archive.infolist():
                data = archive.read(info)
                if info.filename in parts:
                    data = _fill(data, parts[info.filename])
                out.writestr(info, data)
    return buffer.getvalue()
