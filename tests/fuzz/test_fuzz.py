"""Fuzzing the readers and the catalogue loader with hypothesis.

Any input must give either a result or a clean :class:`InputError` /
:class:`ProblemsError`: never another exception. CI runs a short pass; run it
at length with::

    DEALCHECK_FUZZ_EXAMPLES=20000 python -m pytest tests/fuzz -q

Any crash found becomes a regression test in tests/hostile/.
"""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dealcheck.catalog.loader import validate_catalog
from dealcheck.errors import DealcheckError
from dealcheck.sources import FORMATS, ReadOptions, SourceResult
from dealcheck.yamlsafe import loads

EXAMPLES = int(os.environ.get("DEALCHECK_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

TEXTY = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=1000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(
        st.sampled_from(
            [
                "- ",
                "1. ",
                "3.1 ",
                "SEC-4 - ",
                "# H\n",
                "| a | b |\n",
                "|---|---|\n",
                "```\n",
                "---\n",
                "must ",
                "shall ",
                "99.9% ",
                "10 TB ",
                "\n",
                "\r\n",
                "\t",
                "  ",
                ",",
                '"',
                "\x00",
                "Requirement,ID,Priority\n",
                "requirements:\n",
                "  - ",
                "{",
                "[",
                "&a ",
                "*a ",
                "!!",
                ":",
            ]
        ),
        max_size=80,
    ).map(lambda parts: "".join(parts).encode("utf-8")),
)


def read_bytes_as(module_name: str, data: bytes, name: str) -> None:
    import importlib

    module = importlib.import_module(f"dealcheck.sources.{module_name}")
    try:
        result = module.read(data, name, ReadOptions())
    except DealcheckError:
        return
    assert isinstance(result, SourceResult)
    for req in result.requirements:
        assert req.text == req.text.strip() and req.text


@pytest.mark.parametrize("fmt", ["txt", "md", "csv", "deal"])
@FUZZ
@given(data=TEXTY)
def test_text_readers_never_crash(fmt, data):
    read_bytes_as(FORMATS[fmt], data, f"fuzz.{fmt}")


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    return buffer.getvalue()


OFFICE = st.one_of(
    st.binary(max_size=3000),
    st.dictionaries(
        st.sampled_from(
            [
                "[Content_Types].xml",
                "xl/workbook.xml",
                "word/document.xml",
                "xl/worksheets/sheet1.xml",
                "_rels/.rels",
                "docProps/app.xml",
            ]
        ),
        st.binary(max_size=300),
        max_size=4,
    ).map(zipped),
)


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf"])
@FUZZ
@given(data=OFFICE)
def test_binary_readers_never_crash(fmt, data):
    if fmt == "pdf" and data[:1] != b"%":
        data = b"%PDF-1.4\n" + data
    read_bytes_as(FORMATS[fmt], data, f"fuzz.{fmt}")


YAML_ATOMS = st.sampled_from(
    [
        "product: P\n",
        "capabilities:\n",
        "  - id: a\n",
        "    name: A\n",
        "    status: beta\n",
        "    editions: [x]\n",
        "editions: [x, y]\n",
        "metrics: {m: {unit: '%', better: higher}}\n",
        "    limits: {m: 5}\n",
        "    limits: {m: {x: 1}}\n",
        "    eta: 2027-Q2\n",
        "    eta: 2027-02-30\n",
        "    reviewed: 2026-01-01\n",
        "  - ",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a ",
        "!!str ",
        ": ",
        "\n",
        "- ",
        "'",
        '"',
        "version: 1.10\n",
        "    aliases: [x, y]\n",
    ]
)


@FUZZ
@given(parts=st.lists(YAML_ATOMS, max_size=40))
def test_catalogue_loader_never_crashes(parts):
    text = "".join(parts)
    try:
        validate_catalog(*loads(text, "fuzz.yaml"))
    except DealcheckError:
        pass
