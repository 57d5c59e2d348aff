"""Hostile and broken catalogues: one clear line naming the file, exit 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dealcheck.cli import main

GOOD = Path(__file__).parents[1] / "engine" / "catalog.yaml"


def lint(path: Path, capsys, *extra: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(["lint", str(path), *extra])
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghijk":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = name
    return "\n".join(lines) + "\n"


CASES = {
    "empty.yaml": (b"", "empty"),
    "blank.yaml": (b"   \n\n# only a comment\n", "empty"),
    "list.yaml": (b"- a\n- b\n", "must be a mapping"),
    "scalar.yaml": (b"just a string\n", "must be a mapping"),
    "binary.yaml": (bytes(range(256)) * 4, "binary"),
    "not-yaml.yaml": (b"product: [unclosed\ncapabilities: {\n", "invalid YAML"),
    "bomb.yaml": (alias_bomb().encode(), "alias"),
    # Deeper than any YAML parser allows: refused cleanly, by the parser or by us (the
    # wording is the parser's then, so only the behaviour is asserted).
    "deep.yaml": (b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n", None),
    # Deeper than dealcheck allows (64) but well within the parsers' own limits:
    # our check, our wording.
    "deep-flow.yaml": (b"a: " + b"[" * 100 + b"]" * 100 + b"\n", "nested more than 64"),
    "deep-map.yaml": (
        b"".join(b"  " * i + b"k:\n" for i in range(200)) + b"  " * 200 + b"v\n",
        "nested more than 64",
    ),
    "python-tag.yaml": (
        b"product: !!python/object/apply:os.system ['echo pwned']\n",
        "unsupported tag",
    ),
    "custom-tag.yaml": (b"product: !secret x\ncapabilities: []\n", "unsupported tag"),
    "two-docs.yaml": (b"product: a\n---\nproduct: b\n", "one YAML document"),
    "dup-key.yaml": (b"product: a\nproduct: b\ncapabilities: []\n", "duplicate key"),
    "nul.yaml": (b"product: a\x00b\ncapabilities: []\n", "binary"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_catalogue_is_a_clean_error(name, tmp_path, capsys):
    data, expected = CASES[name]
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = lint(path, capsys)
    assert code == 2
    assert "Traceback" not in err + out
    lines = [line for line in err.splitlines() if line.startswith("dealcheck: error:")]
    assert lines, err
    assert str(path) in lines[0]
    if expected is not None:
        assert expected.lower() in err.lower()


def test_alias_bomb_is_refused_quickly(tmp_path):
    # Run in a fresh process with a hard timeout: an unbounded expansion would hang.
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb())
    proc = subprocess.run(
        [sys.executable, "-m", "dealcheck", "lint", str(path)],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert proc.returncode == 2 and "alias" in proc.stderr


def test_oversized_catalogue_is_refused(tmp_path, capsys):
    path = tmp_path / "big.yaml"
    path.write_bytes(GOOD.read_bytes() + b"#" * 5000)
    code, _, err = lint(path, capsys, "--max-bytes", "1000")
    assert code == 2 and "limit" in err and "--max-bytes" in err


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8-sig"),
        lambda t: t.encode("utf-16"),
        lambda t: t.encode("utf-16-le"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.replace("\n", "\r").encode("utf-8"),
        lambda t: t.replace("Testbed", "Testbed caf\u00e9").encode("cp1252"),
    ],
    ids=["utf8-bom", "utf16-bom", "utf16-le-no-bom", "crlf", "lone-cr", "cp1252"],
)
def test_catalogue_encodings_and_line_endings_are_read(encode, tmp_path, capsys):
    path = tmp_path / "c.yaml"
    path.write_bytes(encode(GOOD.read_text(encoding="utf-8")))
    code, out, err = lint(path, capsys)
    assert code in (0, 1), err
    assert "error" not in out


def test_errors_keep_line_numbers_with_crlf(tmp_path, capsys):
    path = tmp_path / "c.yaml"
    path.write_bytes(
        b"product: X\r\ncapabilities:\r\n  - id: ok\r\n    name: ok\r\n    status: nope\r\n"
    )
    code, out, err = lint(path, capsys)
    assert code == 2 and f"{path}:5:13" in out + err
