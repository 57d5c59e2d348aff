"""``--format html``: one self-contained page of the gaps, with a bar chart of the top themes.

Inert by construction, like the coverage report (:mod:`dealcheck.formats.html`):
CSS and SVG inline, no script at all, no URL of any kind, and a
Content-Security-Policy that forbids fetching anything; every piece of report
text goes through :func:`dealcheck.formats.html.text` (escaped, quotes too).
The output depends only on the reports read.
"""

from __future__ import annotations

from dealcheck import __version__
from dealcheck.formats.html import page_head, text
from dealcheck.gaps.formats import (
    GapsOptions,
    capability_label,
    money,
    shown,
    source_text,
    summary_line,
    verdict_mix,
    weights_text,
)
from dealcheck.gaps.themes import GapsResult, Theme

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
#: themes drawn in the bar chart
CHART_THEMES = 10
#: characters of a theme's wording shown as its bar's label
LABEL_CHARS = 48
DASH = "\u2014"

STYLE = """
:root{--fg:#1d2939;--muted:#667085;--bg:#f6f7f9;--card:#fff;--line:#e4e7ec;--bar:#b42318}
@media (prefers-color-scheme:dark){:root{--fg:#e6e9ef;--muted:#98a2b3;--bg:#11151c;
--card:#1a202b;--line:#2c3442;--bar:#f97066}}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:var(--fg);background:var(--bg)}
main{max-width:1280px;margin:0 auto;padding:24px}
.eyebrow{margin:0;color:var(--muted);text-transform:uppercase;letter-spacing:.08em;font-size:12px}
h1{margin:4px 0 2px;font-size:28px}
h2{font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:0 0 8px}
.sub{margin:0;color:var(--muted)}
.panel{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:16px;
margin:16px 0}
.chart svg{width:100%;height:auto}
.chart text{fill:var(--fg);font-size:13px}
.chart .bar{fill:var(--bar)}
.chart .track{fill:var(--bar);fill-opacity:.12}
.scroll{overflow-x:auto}
table{width:100%;border-collapse:collapse;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:8px;border-bottom:1px solid var(--line)}
th{background:var(--card)}
td.num{text-align:right;white-space:nowrap}
.also{display:block;color:var(--muted);font-size:13px}
details{margin-top:6px}
summary{cursor:pointer;color:var(--muted);font-size:13px}
.reqs td{font-size:13px;padding:4px 6px}
.warnings li{margin:2px 0}
footer{color:var(--muted);font-size:12px;margin-top:24px}
"""


def _chart(themes: list[Theme]) -> list[str]:
    """Horizontal bars of the top themes' scores, each labelled in words (not colour alone)."""
    top = themes[:CHART_THEMES]
    if not top:
        return []
    row_h, label_w, bar_w, note_w = 30, 380, 420, 230
    height = row_h * len(top) + 4
    best = max(t.score for t in top) or 1.0
    out = [
        '<section class="panel chart"><h2>Top themes by weighted demand</h2>',
        f'<svg viewBox="0 0 {label_w + bar_w + note_w} {height}" role="img"'
        ' aria-labelledby="chart-title">',
        '<title id="chart-title">Weighted demand of the top themes</title>',
    ]
    for i, t in enumerate(top):
        y = i * row_h + 4
        label = t.representative
        if len(label) > LABEL_CHARS:
            label = label[: LABEL_CHARS - 1].rstrip() + "\u2026"
        width = bar_w * t.score / best
        note = f"{t.score:g} \u00b7 {len(t.deals)} deals \u00b7 {t.must} must"
        out.append(
            f'<g><text x="0" y="{y + 16}">{t.rank}. {text(label)}</text>'
            f'<rect class="track" x="{label_w}" y="{y}" width="{bar_w}" height="20" rx="4"/>'
            f'<rect class="bar" x="{label_w}" y="{y}" width="{width:.2f}" height="20" rx="4">'
            f"<title>{text(t.representative)}: {text(note)}</title></rect>"
            f'<text x="{label_w + bar_w + 8}" y="{y + 16}">{text(note)}</text></g>'
        )
    out += ["</svg>", "</section>"]
    return out


def _requirements(theme: Theme, result: GapsResult) -> str:
    deals = result.collected.deals
    rows = "".join(
        "<tr>"
        f"<td>{text(deals[g.deal].label)}</td><td>{text(g.id)}</td><td>{g.priority}</td>"
        f"<td>{g.verdict}{' (waived)' if g.waived else ''}</td><td>{text(g.text)}</td>"
        f"<td>{text(source_text(g.source))}</td>"
        "</tr>"
        for g in theme.requirements
    )
    return (
        f"<details><summary>{len(theme.requirements)} requirements</summary>"
        '<table class="reqs"><thead><tr><th>Deal</th><th>ID</th><th>Priority</th>'
        f"<th>Verdict</th><th>Requirement</th><th>Source</th></tr></thead><tbody>{rows}"
        "</tbody></table></details>"
    )


def _table(themes: list[Theme], result: GapsResult) -> list[str]:
    out = [
        '<section class="panel"><h2>Themes</h2><div class="scroll"><table>',
        "<thead><tr><th>#</th><th>Theme</th><th>Capability</th><th>Deals</th><th>Reqs</th>"
        "<th>Must</th><th>Customers</th><th>Value</th><th>Score</th></tr></thead><tbody>",
    ]
    for t in themes:
        also = "".join(f'<span class="also">also: {text(e)}</span>' for e in t.examples)
        out.append(
            "<tr>"
            f'<td class="num">{t.rank}</td>'
            f"<td><b>{text(t.representative)}</b>{also}{_requirements(t, result)}</td>"
            f'<td>{text(capability_label(t))}<span class="also">{text(verdict_mix(t))}</span></td>'
            f'<td class="num">{len(t.deals)}</td>'
            f'<td class="num">{len(t.requirements)}</td>'
            f'<td class="num">{t.must}</td>'
            f"<td>{text(', '.join(t.customers)) or DASH}</td>"
            f"<td>{text(money(t.value)) or DASH}</td>"
            f'<td class="num">{t.score:g}</td>'
            "</tr>"
        )
    out.append("</tbody></table></div>")
    hidden = len(result.themes) - len(themes)
    if hidden:
        out.append(f'<p class="sub">{hidden:,} more themes: --top 0 shows them all.</p>')
    out.append("</section>")
    return out


def render(result: GapsResult, options: GapsOptions) -> str:
    themes = shown(result, options)
    warnings = ""
    if result.warnings:
        items = "".join(f"<li>{text(w)}</li>" for w in result.warnings)
        warnings = f'<section class="panel warnings"><h2>Warnings</h2><ul>{items}</ul></section>'
    parts = [
        *page_head("dealcheck gaps", STYLE, CSP),
        "<body>",
        "<main>",
        "<header>",
        '<p class="eyebrow">dealcheck gaps</p>',
        "<h1>What customers ask for that the product lacks</h1>",
        f'<p class="sub">{text(summary_line(result))}. Ranked by weighted demand'
        f" ({text(weights_text(result))}).</p>",
        "</header>",
        warnings,
        *_chart(themes),
        *_table(themes, result),
        f"<footer>dealcheck {__version__} \u00b7 schema dealcheck.gaps/1</footer>",
        "</main>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(p for p in parts if p)
