"""``--format html``: one self-contained page a sales lead would rather look at than read.

A deal header, the gate, coverage, risk and what the deal needs as cards, an
SVG bar chart of the verdicts, the warnings, and the requirements as a table
that sorts by clicking a header and filters by verdict, priority, risk and
free text.

Self-contained and inert by construction:

* everything is inline (CSS, SVG, a small vanilla script); there is no URL of
  any kind in the page, and a Content-Security-Policy meta tag forbids the
  browser to fetch anything even if one slipped in (``default-src 'none'``);
* every piece of report text goes through :func:`text` (control characters
  dropped, then ``html.escape(quote=True)``) and only into element content or
  quoted attributes; the script carries no report data at all, it reads the
  table's ``data-*`` attributes;
* the output depends only on the report: no clock, no random ids.

Without JavaScript the page is still complete (the filters stay hidden).
When the script has run, ``<body>`` carries ``data-ready="1"``.
"""

from __future__ import annotations

import html

from dealcheck import __version__
from dealcheck.formats import RenderOptions
from dealcheck.formats._cells import capability_text, needs_text, reasons
from dealcheck.report import VERDICTS, Report, RequirementResult
from dealcheck.safe_text import one_line

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)

COLORS = {
    "unsupported": "#b42318",
    "unknown": "#86198f",
    "roadmap": "#b54708",
    "upgrade": "#0e7090",
    "partial": "#175cd3",
    "supported": "#067647",
}
LABELS = {
    "unsupported": "Unsupported",
    "unknown": "Unknown",
    "roadmap": "Roadmap",
    "upgrade": "Upgrade",
    "partial": "Partial",
    "supported": "Supported",
}
PRIORITIES = ("must", "should", "may")
DOT, DASH = " \u00b7 ", "\u2014"
SORTED = ' aria-sort="ascending"'

STYLE = """
:root{--fg:#1d2939;--muted:#667085;--bg:#f6f7f9;--card:#fff;--line:#e4e7ec;--accent:#175cd3}
@media (prefers-color-scheme:dark){:root{--fg:#e6e9ef;--muted:#98a2b3;--bg:#11151c;
--card:#1a202b;--line:#2c3442;--accent:#84adff}}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:var(--fg);background:var(--bg)}
main{max-width:1280px;margin:0 auto;padding:24px}
header .eyebrow{margin:0;color:var(--muted);text-transform:uppercase;letter-spacing:.08em;
font-size:12px}
h1{margin:4px 0 2px;font-size:28px}
h2{font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:0 0 8px}
.sub{margin:0;color:var(--muted)}
.context{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0 0;padding:0;list-style:none}
.context li{background:var(--card);border:1px solid var(--line);border-radius:999px;
padding:2px 10px;font-size:13px}
.context b{font-weight:600;color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:16px;
margin:20px 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:16px}
.big{font-size:30px;font-weight:700;margin:0}
.card p{margin:4px 0 0}
.card ul{margin:6px 0 0;padding-left:18px;font-size:13px}
.pass .big{color:#067647}.fail .big{color:#b42318}
.fail{border-color:#f04438}
.panel{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:16px;
margin:0 0 16px}
.chart svg{width:100%;max-width:720px;height:auto}
.chart text{fill:var(--fg);font-size:13px}
.warnings li{margin:2px 0}
.filters{display:flex;flex-wrap:wrap;gap:12px 24px;align-items:center;margin:0 0 12px}
.filters[hidden]{display:none}
.filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 10px;
align-items:center}
.filters legend{float:left;margin-right:8px;font-weight:600}
.filters input[type=search]{padding:4px 8px;border:1px solid var(--line);border-radius:6px;
background:var(--card);color:var(--fg)}
.shown{color:var(--muted);font-size:13px}
.scroll{overflow-x:auto}
table{width:100%;border-collapse:collapse;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:8px;border-bottom:1px solid var(--line)}
th{position:sticky;top:0;background:var(--card);white-space:nowrap}
th button{all:unset;cursor:pointer;font-weight:600}
th button:focus-visible{outline:2px solid var(--accent)}
th[aria-sort=ascending] button::after{content:" \\25B2";font-size:10px}
th[aria-sort=descending] button::after{content:" \\25BC";font-size:10px}
tr.gate td:first-child{box-shadow:inset 4px 0 #f04438}
td.num{color:var(--muted);text-align:right}
td.id{white-space:nowrap;font-weight:600}
.badge{display:inline-block;border-radius:6px;padding:1px 8px;color:#fff;font-size:12px;
font-weight:600;white-space:nowrap}
.tag{display:inline-block;border:1px solid var(--line);border-radius:6px;padding:0 6px;
font-size:12px;margin:2px 4px 0 0;color:var(--muted)}
.tag.risk{color:#b42318;border-color:#f04438}
.tag.waived{color:#b54708;border-color:#f79009}
.section{display:block;color:var(--muted);font-size:12px}
.reason{margin:0;padding-left:16px}
.src{color:var(--muted);font-size:12px;white-space:nowrap}
footer{color:var(--muted);font-size:12px;margin-top:24px}
@media print{.filters{display:none}th{position:static}body{background:#fff}}
"""

SCRIPT = """
(function () {
  "use strict";
  var table = document.getElementById("requirements");
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var filters = document.getElementById("filters");
  var search = document.getElementById("search");
  var riskOnly = document.getElementById("risk-only");
  var shown = document.getElementById("shown");
  var collator = new Intl.Collator(undefined, {numeric: true, sensitivity: "base"});

  function selected(name) {
    var set = {};
    filters.querySelectorAll("input[name='" + name + "']").forEach(function (box) {
      if (box.checked) { set[box.value] = true; }
    });
    return set;
  }

  function apply() {
    var verdicts = selected("verdict");
    var priorities = selected("priority");
    var query = search.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var visible = verdicts[row.dataset.verdict] === true &&
        priorities[row.dataset.priority] === true &&
        (!riskOnly.checked || row.dataset.risk === "1") &&
        (query === "" || row.textContent.toLowerCase().indexOf(query) !== -1);
      row.hidden = !visible;
      if (visible) { count += 1; }
    });
    shown.textContent = count + " of " + rows.length + " shown";
  }

  function key(row, column) {
    var cell = row.cells[column];
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
  }

  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (th, column) {
    var button = th.querySelector("button");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var direction = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", direction);
      var sign = direction === "ascending" ? 1 : -1;
      var numeric = th.dataset.type === "number";
      var sorted = rows.slice().sort(function (a, b) {
        var ka = key(a, column), kb = key(b, column);
        var d = numeric ? Number(ka) - Number(kb) : collator.compare(ka, kb);
        return d !== 0 ? d * sign : Number(a.dataset.n) - Number(b.dataset.n);
      });
      sorted.forEach(function (row) { tbody.appendChild(row); });
    });
  });

  filters.addEventListener("input", apply);
  filters.addEventListener("change", apply);
  filters.hidden = false;
  apply();
  document.body.setAttribute("data-ready", "1");
})();
"""


def text(value: object) -> str:
    """Untrusted text as HTML: control characters dropped, folded, escaped (quotes too)."""
    return html.escape(one_line("" if value is None else str(value)), quote=True)


def _source(r: RequirementResult) -> str:
    src = r.source
    where = str(src.get("file", ""))
    if src.get("sheet") is not None:
        where += f" [{src['sheet']}]"
    if src.get("row") is not None:
        where += f" row {src['row']}"
    elif src.get("line") is not None:
        where += f":{src['line']}"
    return where


def _header(report: Report) -> list[str]:
    deal = report.deal
    version = report.catalog.version
    product = report.catalog.product + (f" {version}" if version else "")
    title = deal.deal or deal.customer or "Requirement coverage"
    sub = [f"against {text(product)}"]
    if deal.customer and deal.deal:
        sub.append(f"customer {text(deal.customer)}")
    context = [
        (label, value)
        for label, value in (
            ("Edition", deal.edition),
            ("Deployment", deal.deployment),
            ("Region", deal.region),
            ("Go-live", deal.go_live),
        )
        if value
    ]
    if deal.add_ons:
        context.append(("Add-ons", ", ".join(deal.add_ons)))
    out = [
        "<header>",
        '<p class="eyebrow">dealcheck coverage report</p>',
        f"<h1>{text(title)}</h1>",
        '<p class="sub">' + DOT.join(sub) + "</p>",
    ]
    if context:
        out.append('<ul class="context">')
        out += [f"<li><b>{label}</b> {text(value)}</li>" for label, value in context]
        out.append("</ul>")
    else:
        out.append(
            '<ul class="context"><li>No deal context given: editions, deployments and '
            "regions do not constrain the verdicts</li></ul>"
        )
    out.append("</header>")
    return out


def _coverage_bar(report: Report) -> str:
    """A one-line stacked bar of the verdicts (SVG), most severe on the right."""
    s = report.summary
    total = s.total or 1
    x = 0.0
    parts = []
    for v in reversed(VERDICTS):
        n = s.verdicts.get(v, 0)
        if not n:
            continue
        w = 240 * n / total
        parts.append(
            f'<rect x="{x:.2f}" y="0" width="{w:.2f}" height="10" fill="{COLORS[v]}">'
            f"<title>{LABELS[v]}: {n}</title></rect>"
        )
        x += w
    return (
        '<svg viewBox="0 0 240 10" width="240" height="10" role="img" '
        f'aria-label="verdict mix">{"".join(parts)}</svg>'
    )


def _cards(report: Report) -> list[str]:
    s = report.summary
    risk = s.at_risk_by_priority
    gate_reasons = "".join(f"<li>{text(x)}</li>" for x in s.gate_reasons)
    needs = []
    if report.deal.edition:
        needs.append(f"quoted: {text(report.deal.edition)}")
    if s.add_ons:
        needs.append("add-ons: " + ", ".join(text(a) for a in s.add_ons))
    edition = text(s.minimum_edition) if s.minimum_edition else DASH
    out = [
        '<section class="cards">',
        f'<div class="card gate {s.gate}"><h2>Gate</h2><p class="big">{s.gate.upper()}</p>',
        f"<ul>{gate_reasons}</ul>" if gate_reasons else "<p>no requirement fails the gate</p>",
        "</div>",
        f'<div class="card"><h2>Coverage</h2><p class="big">{s.coverage:.1%}</p>'
        f"<p>{s.verdicts.get('supported', 0)} of {s.total} supported</p>"
        f"<p>{_coverage_bar(report)}</p></div>",
        f'<div class="card"><h2>At risk</h2><p class="big">{s.at_risk}</p>'
        f"<p>must {risk.get('must', 0)} \u00b7 should {risk.get('should', 0)}"
        f" \u00b7 may {risk.get('may', 0)}"
        + (f" \u00b7 waived {s.waived}" if s.waived else "")
        + "</p></div>",
        f'<div class="card"><h2>Minimum edition</h2><p class="big">{edition}</p>'
        f"<p>{'; '.join(needs) if needs else 'no add-on needed'}</p></div>",
        "</section>",
    ]
    return out


def _chart(report: Report) -> list[str]:
    """Horizontal bars, one per verdict, labelled with the count and share (never colour alone)."""
    s = report.summary
    total = s.total or 1
    row_h, label_w, bar_w = 30, 110, 440
    height = row_h * len(VERDICTS) + 4
    out = [
        '<section class="panel chart"><h2>Verdicts</h2>',
        f'<svg viewBox="0 0 {label_w + bar_w + 110} {height}" role="img" '
        'aria-labelledby="chart-title">',
        '<title id="chart-title">Requirements per verdict</title>',
    ]
    for i, v in enumerate(VERDICTS):
        n = s.verdicts.get(v, 0)
        y = i * row_h + 4
        w = bar_w * n / total
        out.append(
            f'<g><text x="0" y="{y + 16}">{LABELS[v]}</text>'
            f'<rect x="{label_w}" y="{y}" width="{bar_w}" height="20" rx="4" fill="{COLORS[v]}"'
            ' fill-opacity="0.12"/>'
            f'<rect x="{label_w}" y="{y}" width="{w:.2f}" height="20" rx="4" fill="{COLORS[v]}">'
            f"<title>{LABELS[v]}: {n} of {s.total}</title></rect>"
            f'<text x="{label_w + bar_w + 8}" y="{y + 16}">{n} ({n / total:.0%})</text></g>'
        )
    out += ["</svg>", "</section>"]
    return out


def _warnings(report: Report) -> list[str]:
    if not report.warnings:
        return []
    items = "".join(f"<li>{text(w)}</li>" for w in report.warnings)
    return [f'<section class="panel warnings"><h2>Warnings</h2><ul>{items}</ul></section>']


def _filters(report: Report) -> list[str]:
    counts = report.summary.verdicts
    verdicts = "".join(
        f'<label><input type="checkbox" name="verdict" value="{v}" checked> '
        f'<span class="badge" style="background:{COLORS[v]}">{v}</span> {counts.get(v, 0)}</label>'
        for v in VERDICTS
    )
    priorities = "".join(
        f'<label><input type="checkbox" name="priority" value="{p}" checked> {p}</label>'
        for p in PRIORITIES
    )
    return [
        '<div class="filters" id="filters" hidden>',
        f"<fieldset><legend>Verdict</legend>{verdicts}</fieldset>",
        f"<fieldset><legend>Priority</legend>{priorities}</fieldset>",
        '<label><input type="checkbox" id="risk-only"> at risk only</label>',
        '<label>Search <input type="search" id="search" autocomplete="off"></label>',
        '<span class="shown" id="shown" aria-live="polite"></span>',
        "</div>",
    ]


def _row(n: int, r: RequirementResult) -> str:
    classes = ["gate"] if r.fails_gate else []
    tags = []
    if r.fails_gate:
        tags.append('<span class="tag risk">fails gate</span>')
    elif r.at_risk:
        tags.append('<span class="tag risk">at risk</span>')
    if r.waiver is not None:
        tags.append(
            f'<span class="tag waived" title="{text(r.waiver.reason)}">waived by '
            f"{text(r.waiver.approved_by)} until {text(r.waiver.expires)}</span>"
        )
    needed = needs_text(r)
    if needed:
        tags.insert(0, f'<span class="tag needs">{text(needed)}</span>')
    section = f'<span class="section">{text(r.section)}</span>' if r.section else ""
    why = reasons(r)
    if r.waiver is not None:
        why = [f"waiver: {r.waiver.reason}", *why]
    reason_html = (
        '<ul class="reason">' + "".join(f"<li>{text(x)}</li>" for x in why) + "</ul>" if why else ""
    )
    attrs = (
        f'data-n="{n}" data-verdict="{r.verdict}" data-priority="{r.priority}"'
        f' data-risk="{int(r.at_risk)}" data-waived="{int(r.waiver is not None)}"'
    )
    cls = f' class="{" ".join(classes)}"' if classes else ""
    return (
        f"<tr {attrs}{cls}>"
        f'<td class="num" data-sort="{n}">{n}</td>'
        f'<td class="id">{text(r.id)}</td>'
        f'<td data-sort="{PRIORITIES.index(r.priority)}">{r.priority}</td>'
        f'<td data-sort="{VERDICTS.index(r.verdict)}"><span class="badge" '
        f'style="background:{COLORS[r.verdict]}">{r.verdict}</span>{"".join(tags)}</td>'
        f"<td>{section}{text(r.text)}</td>"
        f"<td>{text(capability_text(r)) or DASH}</td>"
        f"<td>{reason_html}</td>"
        f'<td class="src">{text(_source(r))}</td>'
        "</tr>"
    )


def _table(report: Report) -> list[str]:
    heads = [
        ("#", "number", True),
        ("ID", "text", False),
        ("Priority", "number", False),
        ("Verdict", "number", False),
        ("Requirement", "text", False),
        ("Capability", "text", False),
        ("Reason", "text", False),
        ("Source", "text", False),
    ]
    cells = "".join(
        f'<th scope="col" data-type="{kind}"{SORTED if first else ""}>'
        f'<button type="button">{label}</button></th>'
        for label, kind, first in heads
    )
    out = ['<section class="panel"><h2>Requirements</h2>', *_filters(report)]
    out += [
        '<div class="scroll"><table id="requirements">',
        f"<thead><tr>{cells}</tr></thead>",
        "<tbody>",
    ]
    out += [_row(n, r) for n, r in enumerate(report.requirements, start=1)]
    out += ["</tbody></table></div></section>"]
    return out


def page_head(title: str, style: str, csp: str) -> list[str]:
    """The document's start: a strict Content-Security-Policy, no referrer, the title."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="dealcheck {__version__}">',
        f"<title>{text(title)}</title>",
        f"<style>{style}</style>",
        "</head>",
    ]


def render(report: Report, options: RenderOptions) -> str:
    deal = report.deal
    title = " \u2014 ".join(
        x for x in ("dealcheck", deal.deal or deal.customer, report.catalog.product) if x
    )
    parts = [
        *page_head(title, STYLE, CSP),
        "<body>",
        "<main>",
        *_header(report),
        *_cards(report),
        *_chart(report),
        *_warnings(report),
        *_table(report),
        f"<footer>dealcheck {__version__} \u00b7 report schema {text(report.schema_)}"
        " \u00b7 verdicts from the capability catalogue; <em>unknown</em> means a product"
        " manager must answer</footer>",
        "</main>",
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)
