"""The HTML report in a real headless browser (Chromium): it renders, its script runs, it sorts
and filters, and hostile requirement text neither runs nor fetches anything.

Skipped when no Chromium is installed (``apt-get install chromium`` on Debian). Run by hand
with ``scripts/check-html.sh``.
"""

from __future__ import annotations

import html
import http.server
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest

from dealcheck.engine import GateOptions
from dealcheck.formats import RenderOptions
from dealcheck.formats.html import render

from .conftest import CONTEXT, TODAY, build_requirements

BROWSER = next(
    (
        p
        for p in (
            os.environ.get("DEALCHECK_CHROMIUM"),
            shutil.which("chromium"),
            shutil.which("chromium-browser"),
            shutil.which("google-chrome"),
        )
        if p
    ),
    None,
)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium installed")

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
    "--enable-logging=stderr",
    "--v=0",
]


def load(page: str, tmp_path: Path) -> tuple[str, list[str]]:
    """Load ``page`` in Chromium; return the DOM after scripts ran and the console messages."""
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run(
            [BROWSER, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", path.as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    if not proc.stdout.strip():
        pytest.skip(f"Chromium did not start here (exit {proc.returncode}): {proc.stderr[-500:]}")
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line]
    console += [line for line in proc.stderr.splitlines() if "Refused to" in line]
    return proc.stdout, console


def test_report_renders_and_script_runs(report, tmp_path):
    dom, console = load(render(report, RenderOptions()), tmp_path)
    assert console == [], console
    assert re.search(r'<body[^>]*data-ready="1"', dom), "the script did not run"
    assert len(re.findall(r"<tr data-n=", dom)) == len(report.requirements)
    assert re.search(r'id="filters"(?![^>]*hidden)', dom), "the filters stayed hidden"
    assert f"{len(report.requirements)} of {len(report.requirements)} shown" in dom


PROBE = """
<script>
(function () {
  var ids = function () {
    return Array.prototype.map.call(document.querySelectorAll("#requirements tbody tr"),
      function (tr) { return tr.cells[1].textContent; });
  };
  var visible = function () {
    return document.querySelectorAll("#requirements tbody tr:not([hidden])").length;
  };
  var out = {initial: ids()};
  var heads = document.querySelectorAll("#requirements th button");
  heads[3].click();                       /* Verdict: most severe first */
  out.byVerdict = ids();
  heads[3].click();                       /* and back: least severe first */
  out.byVerdictDesc = ids();
  heads[0].click();                       /* # : input order again */
  out.restored = ids();
  var box = document.querySelector("input[name=verdict][value=unknown]");
  box.checked = false; box.dispatchEvent(new Event("change", {bubbles: true}));
  out.withoutUnknown = visible();
  var must = document.querySelector("input[name=priority][value=must]");
  must.checked = false; must.dispatchEvent(new Event("change", {bubbles: true}));
  out.withoutUnknownOrMust = visible();
  out.shown = document.getElementById("shown").textContent;
  document.body.setAttribute("data-probe", JSON.stringify(out));
})();
</script>
"""


def test_sort_and_filter(report, tmp_path):
    page = render(report, RenderOptions()).replace("</body>", PROBE + "</body>")
    dom, console = load(page, tmp_path)
    assert console == [], console
    probe = json.loads(html.unescape(re.search(r'data-probe="([^"]*)"', dom).group(1)))
    order = [r.id for r in report.requirements]
    assert probe["initial"] == order
    severity = ["unsupported", "unknown", "roadmap", "upgrade", "partial", "supported"]
    expected = sorted(report.requirements, key=lambda r: severity.index(r.verdict))
    assert probe["byVerdict"] == [r.id for r in expected]
    assert [r for r in probe["byVerdictDesc"]][0] in {
        r.id for r in report.requirements if r.verdict == "supported"
    }
    assert probe["restored"] == order
    not_unknown = [r for r in report.requirements if r.verdict != "unknown"]
    assert probe["withoutUnknown"] == len(not_unknown)
    assert probe["withoutUnknownOrMust"] == len([r for r in not_unknown if r.priority != "must"])
    assert probe["shown"] == f"{probe['withoutUnknownOrMust']} of {len(order)} shown"


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        type(self).hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_hostile_text_neither_runs_nor_fetches(engine, tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        hostile = [
            ("Hostile", f'<img src="{base}/img" onerror="document.title=\'pwned\'"> must work'),
            ("Hostile", f"<script>fetch('{base}/script');document.title='pwned'</script>"),
            ("Hostile", f'"><link rel="stylesheet" href="{base}/css"><iframe src="{base}/frame">'),
            ("Hostile", f"</td></tr></table><svg onload=\"fetch('{base}/svg')\"></svg>"),
            ("Hostile", "<style>body{background:url(" + base + "/bg)}</style> \x1b]0;title\x07"),
        ]
        reqs = build_requirements(hostile, file="hostile.txt")
        report = engine.check(reqs, CONTEXT, GateOptions(), today=TODAY)
        report.deal.customer = f'<img src="{base}/customer">'
        dom, console = load(render(report, RenderOptions()), tmp_path)
    finally:
        server.shutdown()
        server.server_close()
    assert _Recorder.hits == [], f"the page fetched {_Recorder.hits}"
    assert console == [], console
    assert "pwned" not in dom.split("<body", 1)[0]
    assert len(re.findall(r"<tr data-n=", dom)) == len(hostile)
    assert "&lt;script&gt;fetch(" in dom and "&lt;img src=" in dom
    assert re.search(r'<body[^>]*data-ready="1"', dom)
