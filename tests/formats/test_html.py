"""--format html: self-contained, strict CSP, escaped, deterministic (structure checks; see
test_html_browser.py for the real browser)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from dealcheck.formats.html import CSP


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        else:
            self.text.append(data)


def parse(page: str) -> Collector:
    c = Collector()
    c.feed(page)
    return c


def test_csp_and_self_contained(render):
    page = render("html")
    doc = parse(page)
    metas = [a for t, a in doc.tags if t == "meta" and a.get("http-equiv")]
    assert metas and metas[0]["http-equiv"] == "Content-Security-Policy"
    assert metas[0]["content"] == CSP
    assert CSP.startswith(
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
    )
    forbidden_tags = {"link", "img", "iframe", "object", "embed", "base", "form", "audio", "video"}
    assert not [t for t, _ in doc.tags if t in forbidden_tags]
    for tag, attrs in doc.tags:
        for name in ("src", "href", "action", "xlink:href", "srcset", "poster", "data"):
            assert name not in attrs, (tag, attrs)
        assert not any(n.startswith("on") for n in attrs), (tag, attrs)
    # No URL outside escaped requirement text (the fixture holds one in a formula payload).
    outside_text = re.sub(r">[^<]*<", "><", page)
    assert not re.search(
        r"(https?:)?//[\w.-]", outside_text.replace("http://www.w3.org/2000/svg", "")
    ), "an external reference slipped in"
    assert "url(" not in page and "@import" not in page


def test_chart_table_and_summary(render, report):
    page = render("html")
    doc = parse(page)
    assert page.count("<svg") >= 1
    rows = [a for t, a in doc.tags if t == "tr" and "data-n" in a]
    assert [a["data-verdict"] for a in rows] == [r.verdict for r in report.requirements]
    assert [a["data-priority"] for a in rows] == [r.priority for r in report.requirements]
    text = " ".join(doc.text)
    for needle in (
        "Globex 2027 renewal",
        "FAIL",
        "13.3%",
        "enterprise",
        "Security Pack",
        "waived by Dana Reyes <VP Sales> until 2027-01-31",
    ):
        assert needle in text, needle
    # filters exist for every verdict and priority
    boxes = [a for t, a in doc.tags if t == "input" and a.get("type") == "checkbox"]
    assert {a["value"] for a in boxes if a.get("name") == "verdict"} == set(report.summary.verdicts)
    assert {a["value"] for a in boxes if a.get("name") == "priority"} == {"must", "should", "may"}


def test_script_has_no_report_data(render, report):
    doc = parse(render("html"))
    assert len(doc.scripts) == 1
    script = doc.scripts[0]
    for r in report.requirements:
        assert r.text not in script
        assert r.id not in script
    assert "Globex" not in script


def test_hostile_text_is_escaped(render):
    page = render("html")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\x1b" not in page
    assert "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)" in page


def test_deterministic(render):
    assert render("html") == render("html")
