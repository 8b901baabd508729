"""What the HTML report and the batch dashboard share: escaping, status colours, the stylesheet,
and a page skeleton whose Content-Security-Policy admits only the inline style and script it ships.

Everything is inlined (no font, stylesheet, script or image is fetched), so a file opened by
double-click from a USB stick looks the same as on the office network, and prints on A4.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterable, Iterator

from ruleset.model import Status

# Foreground (text, borders, bars) and background of each status; both readable when printed.
PALETTE: dict[Status, tuple[str, str]] = {
    Status.MET: ("#17692f", "#e3f3e7"),
    Status.PARTIALLY_MET: ("#7a4f00", "#fdefc8"),
    Status.NOT_MET: ("#a61b10", "#fde2de"),
    Status.CLAIMED_WITHOUT_EVIDENCE: ("#5f34b0", "#ede4fb"),
    Status.NOT_APPLICABLE: ("#4f5863", "#eaedf0"),
    Status.MISSING: ("#6b1313", "#f3cfcf"),
}
# A mark beside every colour, so a grey print or a colour-blind reader loses nothing.
GLYPHS: dict[Status, str] = {
    Status.MET: "✓",
    Status.PARTIALLY_MET: "◐",
    Status.NOT_MET: "✗",
    Status.CLAIMED_WITHOUT_EVIDENCE: "?",
    Status.NOT_APPLICABLE: "–",
    Status.MISSING: "∅",
}


HTML_MARK = "<!-- written by ruleset -->\n"  # output.REPORT_HEADS knows our pages by it


def esc(text: object) -> str:
    """Text or attribute value, with &, <, >, " and ' escaped: nothing a submission says is markup."""
    return html.escape(str(text), quote=True)


def rate_colour(rate: float | None) -> str:
    """Bar colour for a compliance rate or score: red below 50, amber below 80, else green."""
    if rate is None:
        return PALETTE[Status.NOT_APPLICABLE][0]
    if rate < 50:
        return PALETTE[Status.NOT_MET][0]
    if rate < 80:
        return PALETTE[Status.PARTIALLY_MET][0]
    return PALETTE[Status.MET][0]


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def bar_chart(title: str, items: list[tuple[str, str, float | None]], label_width: int) -> str:
    """Horizontal bars, 0..100: (label, tooltip, value) each; inline SVG, no library."""
    if not items:
        return ""
    row, width, right = 22, 900, 56
    span = width - label_width - right
    height = row * len(items) + 26
    out = [
        f'<svg viewBox="0 0 {width} {height}" width="{width}" role="img" aria-label="{esc(title)}"'
        ' font-family="sans-serif" font-size="12" xmlns="http://www.w3.org/2000/svg">'
    ]
    for tick in (0, 25, 50, 75, 100):
        x = label_width + span * tick / 100
        out.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 18}" stroke="#d5dae1"/>'
            f'<text x="{x:.1f}" y="{height - 4}" text-anchor="middle" fill="#5b6470">{tick}%</text>'
        )
    for index, (label, tooltip, value) in enumerate(items):
        y = index * row + 4
        length = span * (value or 0.0) / 100
        out.append(
            f"<g><title>{esc(tooltip)}</title>"
            f'<text x="{label_width - 8}" y="{y + 13}" text-anchor="end">{esc(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="16" '
            f'fill="{rate_colour(value)}"/>'
            f'<text x="{label_width + length + 5:.1f}" y="{y + 13}">{percent(value)}</text></g>'
        )
    out.append("</svg>")
    return "".join(out)


def status_css(template: str) -> str:
    """One CSS rule per status from a template with {s} (status value), {fg} and {bg}."""
    return "".join(
        template.format(s=status.value, fg=fg, bg=bg) + "\n" for status, (fg, bg) in PALETTE.items()
    )


BASE_CSS = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#eef1f4;color:#1d2430;
font:15px/1.5 "Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif}
main{max-width:64rem;margin:0 auto;padding:1.2rem 1.4rem 2rem;background:#fff}
h1{font-size:1.45rem;margin:.2rem 0 .7rem;line-height:1.25}
h2{font-size:1.15rem;margin:1.8rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid #d5dae1}
h3{font-size:1rem;margin:0}
code{font-family:ui-monospace,Menlo,Consolas,"Liberation Mono",monospace;font-size:.88em;
overflow-wrap:anywhere}
a{color:#0b4f8a}
.muted{color:#5b6470}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
.meta dt{font-weight:600;color:#5b6470}
.meta dd{margin:0;overflow-wrap:anywhere}
.warn{border-left:4px solid #a61b10;background:#fde2de;padding:.5rem .8rem;margin:.8rem 0}
.badge{display:inline-block;padding:0 .5rem;border:1px solid;border-radius:.8rem;
font-weight:600;font-size:.85em;white-space:nowrap}
.counts{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;padding:0;margin:.6rem 0}
.counts li{border:1px solid;border-radius:.4rem;padding:.2rem .6rem;min-width:8.5rem}
.counts .n{font-size:1.3rem;font-weight:700;margin-right:.35rem}
.counts .zero{opacity:.45}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #d5dae1;padding:.3rem .45rem;text-align:left;vertical-align:top}
thead th{background:#f3f5f7;font-size:.9em}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
svg{max-width:100%;height:auto}
footer.doc-foot{margin-top:2rem;font-size:.85em;color:#5b6470;overflow-wrap:anywhere}
@media (max-width:40rem){
body{font-size:16px}
main{padding:.7rem .8rem 1.5rem}
.meta{grid-template-columns:1fr}
.meta dt{margin-top:.35rem}
.counts li{min-width:0;flex:1 1 45%}
}
@media print{
body{background:#fff;font-size:10pt}
main{max-width:none;padding:0}
.no-print{display:none!important}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
a{color:inherit;text-decoration:none}
h2{break-after:avoid}
tr{break-inside:avoid}
}
""" + status_css(".st-{s}{{color:{fg};background:{bg};border-color:{fg}}}")


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def page(
    *, lang: str, title: str, css: str, body: Iterable[str], script: str | None = None
) -> Iterator[str]:
    """A complete document, streamed; the policy forbids every fetch and any other script."""
    scripts = _csp_hash(script) if script else "'none'"
    policy = (
        f"default-src 'none'; style-src {_csp_hash(css)}; script-src {scripts}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    yield (
        f"<!DOCTYPE html>\n{HTML_MARK}"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(policy)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n<main>\n"
    )
    yield from body
    yield "</main>\n"
    if script:
        yield f"<script>{script}</script>\n"
    yield "</body>\n</html>\n"


DASHBOARD_CSS = (
    BASE_CSS
    + """
main{max-width:90rem}
nav.toc{display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.92em}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem;margin:.8rem 0}
.card{border:1px solid #d5dae1;border-radius:.4rem;padding:.4rem .7rem}
.card .n{display:block;font-size:1.5rem;font-weight:700}
.legend{display:flex;flex-wrap:wrap;gap:.3rem;list-style:none;padding:0;margin:.4rem 0}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;padding:.6rem .8rem;
margin:.6rem 0;background:#f3f5f7;border:1px solid #d5dae1;border-radius:.4rem;position:sticky;
top:0;z-index:5}
.filters[hidden]{display:none}
.filters label{display:flex;flex-direction:column;font-size:.85em;font-weight:600}
.filters select,.filters input{font:inherit;font-weight:400;padding:.25rem .4rem;min-width:10rem}
.filters p{margin:0;font-size:.9em}
.scroll>table{min-width:44rem}
.scroll>svg{min-width:40rem}
td>code{white-space:nowrap}
.sc-low{color:#a61b10;font-weight:700}.sc-mid{color:#7a4f00;font-weight:700}.sc-high{color:#17692f}
.file{display:block;font-size:.8em;color:#5b6470}
.reason{white-space:pre-wrap;overflow-wrap:anywhere;margin:0;font-size:.85em}
.matrix-wrap{max-height:85vh;overflow:auto;border:1px solid #d5dae1}
#matrix-table{width:auto;font-size:.85em}
#matrix-table thead th{position:sticky;top:0;z-index:2;background:#f3f5f7}
#matrix-table .ag{position:sticky;left:0;z-index:1;background:#fff;min-width:12rem;max-width:20rem}
#matrix-table thead .ag{z-index:3;background:#f3f5f7}
#matrix-table th.rot{vertical-align:bottom;padding:.3rem .15rem}
#matrix-table th.rot span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}
#matrix-table td.c{text-align:center;padding:.1rem .3rem;border:1px solid #fff;min-width:1.7rem}
@media (max-width:40rem){.filters{position:static}.filters label{flex:1 1 100%}}
@page{size:A4 landscape;margin:10mm}
@media print{.matrix-wrap{max-height:none;overflow:visible}#matrix-table thead th,#matrix-table .ag{position:static}}
"""
    + status_css("#matrix-table[data-status={s}] td.c:not(.st-{s}){{opacity:.2}}")
)

# The filters of the dashboard: by province, by status, by agency name (without diacritics, like
# ruleset.rules.vocabulary.fold, whose output the rows carry in data-q).
DASHBOARD_JS = """
(function () {
  "use strict";
  var bar = document.getElementById("filters");
  if (!bar) { return; }
  var province = document.getElementById("f-province");
  var status = document.getElementById("f-status");
  var query = document.getElementById("f-query");
  var matrix = document.getElementById("matrix-table");
  var rows = document.querySelectorAll("tr[data-p]");
  var counters = document.querySelectorAll("output.shown");
  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/\\p{M}/gu, "").toLowerCase().replace(/[\\s,.;:\\/()_-]+/g, " ").trim();
  }
  function apply() {
    var p = province.value, s = status.value, q = fold(query.value);
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var keep = (!p || row.getAttribute("data-p") === p) &&
        (!s || (" " + row.getAttribute("data-s") + " ").indexOf(" " + s + " ") !== -1) &&
        (!q || row.getAttribute("data-q").indexOf(q) !== -1);
      row.hidden = !keep;
      if (keep && row.parentNode.parentNode.id === "ranking-table") { shown += 1; }
    }
    if (matrix) { matrix.setAttribute("data-status", s); }
    for (var j = 0; j < counters.length; j++) { counters[j].textContent = String(shown); }
  }
  bar.addEventListener("input", apply);
  bar.addEventListener("change", apply);
  bar.hidden = false;
  apply();
})();
"""
