"""The evidence report: one self-contained HTML page (inline CSS, a little inline JS, inline SVG;
no request to any other address) with the source, a card per honoree, the overlap-aware totals
drawn as bars, the article with every figure marked and anchored, and a figures table a reader can
filter. The page is complete with JS off; JS only filters the table and shows it is ready.
"""

from __future__ import annotations

from html import escape

from .amounts import STATS_AMOUNTS, chinese_amount, money_scale, total_text
from .facts import FactBase
from .model import period_label, web_url

LABELS = {
    "zh": {"lang": "zh-Hans", "report": "证据报告", "source": "来源", "holds": "数据库", "figures": "数字",
           "honorees": "获表彰对象", "totals": "合计（不重复计算）", "article": "原文（每个数字均已标出）",
           "table": "全部数字", "all": "全部", "honoree": "对象", "region": "地区", "metric": "指标",
           "unit": "单位", "total": "合计", "period": "时期", "excluded": "已剔除", "kind": "类型", "raw": "原文",
           "value": "数值", "id": "编号", "within": "包含于", "motto": "格言", "partners": "帮扶地区",
           "individual": "先进个人", "collective": "先进集体", "headline": "主要数字", "link": "原文链接",
           "may_overlap": "可能重复", "lower": "≥ 下限", "filter": "筛选"},
    "en": {"lang": "en", "report": "Evidence report", "source": "Source", "holds": "Database", "figures": "figures",
           "honorees": "Honorees", "totals": "Totals (nothing counted twice)",
           "article": "The article, every figure marked", "table": "Every figure", "all": "all",
           "honoree": "honoree", "region": "region", "metric": "metric", "unit": "unit", "total": "total",
           "period": "period", "excluded": "left out", "kind": "kind", "raw": "as written", "value": "value",
           "id": "id", "within": "lies within", "motto": "motto", "partners": "partner regions",
           "individual": "individual", "collective": "collective", "headline": "headline figures",
           "link": "original", "may_overlap": "may overlap", "lower": "≥ lower bound", "filter": "Filter"},
}

_CSS = """
:root{--ink:#1b1b1b;--muted:#555;--line:#ccc;--mark:#fff1a8;--bar:#2b5c8a;--bar2:#a9c4de;--bg:#fff}
body{font:16px/1.7 system-ui,-apple-system,"Noto Sans CJK SC","PingFang SC",sans-serif;color:var(--ink);
background:var(--bg);max-width:72rem;margin:0 auto;padding:1rem 1.5rem}
h1{font-size:1.6rem;line-height:1.3}h2{margin-top:2.5rem;border-bottom:2px solid var(--ink)}
.meta{color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:1rem}
.card{border:1px solid var(--line);border-radius:6px;padding:.5rem 1rem}
.card h3{margin:.3rem 0;font-size:1.05rem}dl{display:grid;grid-template-columns:auto 1fr;gap:0 .8rem;margin:0}
dt{color:var(--muted)}table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border-bottom:1px solid var(--line);padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.num{text-align:right;white-space:nowrap}
mark{background:var(--mark);color:var(--ink);border-bottom:2px solid #b38f00;position:relative;cursor:help}
mark:target{outline:3px solid #b00}
mark:hover::after,mark:focus::after{content:attr(data-tip);position:absolute;left:0;top:1.6em;z-index:2;
white-space:pre;background:#222;color:#fff;font-size:.8rem;line-height:1.4;padding:.4rem .6rem;border-radius:4px}
.article p{margin:.6rem 0}svg{display:block}form{margin:.5rem 0 1rem}label{margin-right:1rem}
@media print{mark::after{content:none!important}form,nav{display:none}body{max-width:none}
tr[hidden]{display:table-row!important}}
"""

_JS = """
(function(){
  var t0 = performance.now();
  var selects = document.querySelectorAll('#filters select');
  function apply(){
    var want = {};
    selects.forEach(function(s){ if (s.value) want[s.name] = s.value; });
    var shown = 0;
    document.querySelectorAll('#figtable tbody tr').forEach(function(row){
      var ok = (!want.honoree || row.dataset.honoree === want.honoree)
        && (!want.metric || row.dataset.metric === want.metric)
        && (!want.region || (' ' + row.dataset.regions + ' ').indexOf(' ' + want.region + ' ') >= 0);
      row.hidden = !ok; if (ok) shown++;
    });
    document.getElementById('shown').textContent = shown;
    document.documentElement.dataset.visibleRows = shown;
  }
  selects.forEach(function(s){ s.addEventListener('change', apply); });
  var m = /filter=([^&]*)(?:&|$)/.exec(location.hash.slice(1));
  // A link's #filter= is anyone's text: a bad escape (%) or quote must not stop the page.
  if (m) m[1].split(',').forEach(function(pair){
    var kv = pair.split(':');
    selects.forEach(function(s){
      if (s.name !== kv[0]) return;
      try { s.value = decodeURIComponent(kv[1] || ''); } catch (e) { s.value = ''; }
    });
  });
  apply();
  document.documentElement.dataset.ready = 'yes';
  document.documentElement.dataset.renderMs = Math.round(performance.now() - t0);
})();
"""


def _e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def html(base: FactBase, figures: list[dict], totals: list[dict], texts: dict[str, str], lang: str = "zh") -> str:
    """The page for these figures (selected by the caller's filters) and their totals."""
    t = LABELS[lang]
    within = _within(base)
    parts = [f'<!doctype html>\n<html lang="{t["lang"]}" data-ready="no">\n<head>\n<meta charset="utf-8">\n'
             '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
             f"<title>{_e(t['report'])} · qdaid</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"]
    parts.append(_header(base, figures, t))
    parts.append('<nav><a href="#honorees">' + _e(t["honorees"]) + '</a> · <a href="#totals">' + _e(t["totals"])
                 + '</a> · <a href="#article">' + _e(t["article"]) + '</a> · <a href="#figures">'
                 + _e(t["table"]) + "</a></nav>\n<main>\n")
    parts.append(_cards(base, figures, t))
    parts.append(_totals(totals, t))
    parts.append(_article(base, figures, texts, within, t))
    parts.append(_table(base, figures, within, t))
    parts.append(f"</main>\n<script>{_JS}</script>\n</body>\n</html>\n")
    return "".join(parts)


def _within(base: FactBase) -> dict[str, list[str]]:
    """figure id → "id (reason)" of each figure that holds it."""
    found: dict[str, list[str]] = {}
    for f in base.figures_all:
        for outer, reason, certain in base.containers(f["id"]):
            found.setdefault(f["id"], []).append(f"{outer} ({reason}{'' if certain else ', possibly'})")
    return found


def _header(base: FactBase, figures: list[dict], t: dict) -> str:
    rows = []
    for s in base.sources.values():
        url = web_url(s.get("url"))
        link = f' · <a href="{_e(url)}">{_e(t["link"])}</a>' if url else ""
        rows.append(f'<p class="meta">{_e(t["source"])}: {_e(s.get("publisher"))} · {_e(s.get("date"))}{link}</p>')
    title = next(iter(base.sources.values()), {}).get("title") or t["report"]
    held = (f'{len(figures)} {_e(t["figures"])} · {len(base.honorees)} {_e(t["honorees"])} · '
            f'{len(base.regions)} {_e(t["region"])}')
    return f"<header>\n<h1>{_e(title)}</h1>\n" + "\n".join(rows) + f'\n<p class="meta">{_e(t["holds"])}: {held}</p>\n</header>\n'


def _cards(base: FactBase, figures: list[dict], t: dict) -> str:
    shown = {f["honoree"] for f in figures}
    out = [f'<section id="honorees">\n<h2>{_e(t["honorees"])}</h2>\n<div class="cards">\n']
    for h in base.honorees.values():
        if h["id"] not in shown:
            continue
        mine = [f for f in figures if f["honoree"] == h["id"]]
        top = sorted((f for f in mine if f["kind"] == "amount" and f["unit"] in ("cny", "person")),
                     key=lambda f: (f["unit"] != "cny", -f["value"]))[:3]
        items = "".join(f'<li><a href="#{_e(f["id"])}">{_e(f["raw"])}</a> {_e(f["metric"])}</li>' for f in top)
        out.append(f'<article class="card" id="honoree-{_e(h["id"])}">\n<h3>{_e(h["name"])}</h3>\n<dl>'
                   f'<dt>{_e(t["kind"])}</dt><dd>{_e(t.get(h["kind"], h["kind"]))}</dd>'
                   f'<dt>{_e(t["motto"])}</dt><dd>{_e(h.get("motto") or "—")}</dd>'
                   f'<dt>{_e(t["partners"])}</dt><dd>{_e(", ".join(h.get("partner_regions") or []) or "—")}</dd>'
                   f'<dt>{_e(t["figures"])}</dt><dd>{len(mine)}</dd></dl>\n'
                   f'<p>{_e(t["headline"])}:</p><ul>{items}</ul>\n</article>\n')
    out.append("</div>\n</section>\n")
    return "".join(out)


def _amounts_in(t: dict) -> str:
    return "en" if t["lang"] == "en" else "zh"


def _totals(rows: list[dict], t: dict) -> str:
    largest: dict[str, float] = {}
    for r in rows:
        top = r["total_max"] if r["total_max"] is not None else r["total"]
        if top is not None:
            largest[r["unit"]] = max(largest.get(r["unit"], 0), float(top))
    lang = _amounts_in(t)
    scale = money_scale([r[k] for r in rows if r["unit"] == "cny" for k in STATS_AMOUNTS[:3]], lang)  # one per column
    out = [f'<section id="totals">\n<h2>{_e(t["totals"])}</h2>\n<table>\n<thead><tr>'
           f'<th scope="col">{_e(t["metric"])}</th><th scope="col">{_e(t["unit"])}</th>'
           f'<th scope="col">{_e(t["total"])}</th><th scope="col">{_e(t["period"])}</th>'
           f'<th scope="col">{_e(t["excluded"])}</th><th scope="col"></th></tr></thead>\n<tbody>\n']
    for r in rows:
        attrs = " ".join(f'data-{k.replace("_", "-")}="{_e("" if r[k] is None else r[k])}"'
                         for k in ("metric", "unit", "total", "total_min", "total_max", "excluded"))
        out.append(f'<tr {attrs}><th scope="row">{_e(r["metric"])}</th><td>{_e(r["unit"])}</td>'
                   f'<td class="num">{_e(total_text(r, lang, scale))}</td>'
                   f'<td class="num">{_e(period_label(r["period_start"], r["period_end"]))}</td>'
                   f'<td class="num">{r["excluded"]}</td><td>{_bar(r, largest.get(r["unit"]), t)}</td></tr>\n')
    out.append("</tbody>\n</table>\n</section>\n")
    return "".join(out)


def _bar(r: dict, top: float | None, t: dict) -> str:
    """An SVG bar scaled within its unit: solid to what the text proves, light on to the interval's top."""
    if r["total"] is None or not top:
        return ""
    width = 240
    low = float(r["total_min"] if r["overlap_possible"] else r["total"])
    high = float(r["total_max"]) if r["overlap_possible"] else low
    label = _e(total_text(r, _amounts_in(t)) + (f" ({t['may_overlap']})" if r["overlap_possible"] else ""))
    mark = (f'<text x="{width * high / top + 4:.1f}" y="13" font-size="12">≥</text>'
            if r["total_is_lower_bound"] else "")
    return (f'<svg width="{width + 20}" height="18" role="img" aria-label="{label}"><title>{label}</title>'
            f'<rect x="0" y="3" width="{width * high / top:.1f}" height="12" fill="#a9c4de"/>'
            f'<rect x="0" y="3" width="{width * low / top:.1f}" height="12" fill="#2b5c8a"/>{mark}</svg>')


def _tip(base: FactBase, f: dict, within: dict[str, list[str]], t: dict) -> str:
    honoree = base.honorees.get(f["honoree"] or "", {}).get("name") or "—"
    lines = [f"{f['id']}", f"{t['value']}: {chinese_amount(f['value'], f['unit'], _amounts_in(t))} {f['unit']} "
             f"({f['approx']})",
             f"{t['kind']}: {f['kind']} · {t['metric']}: {f['metric']}",
             f"{t['period']}: {period_label(f['period_start'], f['period_end']) or '—'} · {t['region']}: "
             f"{f['region'] or '—'}", f"{t['honoree']}: {honoree}"]
    if f["id"] in within:
        lines.append(f"{t['within']}: " + "; ".join(within[f["id"]]))
    return "\n".join(lines)


# Every character str.splitlines breaks at: the article is cut into paragraphs after its marks
# are made, so a line break inside a tooltip is written as a character reference, not as itself.
_LINE_BREAKS = {ord(c): f"&#{ord(c)};" for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


def _attr(text: str) -> str:
    return _e(text).translate(_LINE_BREAKS)


def _article(base: FactBase, figures: list[dict], texts: dict[str, str], within, t: dict) -> str:
    out = [f'<section id="article" class="article">\n<h2>{_e(t["article"])}</h2>\n']
    by_source: dict[str, list[dict]] = {}
    for f in figures:
        by_source.setdefault(f["source"], []).append(f)
    for source, text in texts.items():
        marks = sorted(by_source.get(source, []), key=lambda f: f["start"])
        pieces, at = [], 0
        for f in marks:
            if f["start"] < at:
                continue  # overlapping marks: the first one stands
            pieces.append(_e(text[at:f["start"]]))
            tip = _tip(base, f, within, t)
            pieces.append(f'<mark id="{_e(f["id"])}" tabindex="0" data-tip="{_attr(tip)}" aria-label="{_attr(tip)}">'
                          f'{_e(text[f["start"]:f["end"]])}</mark>')
            at = f["end"]
        pieces.append(_e(text[at:]))
        body = "".join(pieces)
        out += [f"<p>{line}</p>\n" for line in body.splitlines() if line.strip()]
    out.append("</section>\n")
    return "".join(out)


def _table(base: FactBase, figures: list[dict], within, t: dict) -> str:
    def options(name: str, values) -> str:
        opts = "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in sorted({v for v in values if v}))
        return (f'<label>{_e(t[name])} <select name="{name}"><option value="">{_e(t["all"])}</option>'
                f"{opts}</select></label>")

    regions = {f["region"] for f in figures}
    lang = _amounts_in(t)
    scale = money_scale([f["value"] for f in figures if f["unit"] == "cny"], lang)  # one scale for the column
    out = [f'<section id="figures">\n<h2>{_e(t["table"])} (<span id="shown">{len(figures)}</span>)</h2>\n'
           f'<form id="filters" aria-label="{_e(t["filter"])}">'
           + options("honoree", (f["honoree"] for f in figures))
           + options("region", regions | {a for r in regions if r for a in _ancestors(base, r)})
           + options("metric", (f["metric"] for f in figures)) + "</form>\n"
           '<table id="figtable">\n<thead><tr>'
           + "".join(f'<th scope="col">{_e(t[c])}</th>' for c in
                     ("id", "honoree", "metric", "raw", "value", "unit", "kind", "period", "region", "within"))
           + "</tr></thead>\n<tbody>\n"]
    for f in figures:
        regions_up = " ".join([f["region"], *_ancestors(base, f["region"])]) if f["region"] else ""
        out.append(f'<tr data-honoree="{_e(f["honoree"] or "")}" data-metric="{_e(f["metric"])}" '
                   f'data-regions="{_e(regions_up)}"><td><a href="#{_e(f["id"])}">{_e(f["id"])}</a></td>'
                   f'<td>{_e(f["honoree"] or "—")}</td><td>{_e(f["metric"])}</td><td>{_e(f["raw"])}</td>'
                   f'<td class="num">{_e(chinese_amount(f["value"], f["unit"], lang, scale))}</td><td>{_e(f["unit"])}</td>'
                   f'<td>{_e(f["kind"])}</td><td>{_e(period_label(f["period_start"], f["period_end"]))}</td>'
                   f'<td>{_e(f["region"] or "—")}</td><td>{_e("; ".join(within.get(f["id"], [])))}</td></tr>\n')
    out.append("</tbody>\n</table>\n</section>\n")
    return "".join(out)


def _ancestors(base: FactBase, region_id: str) -> list[str]:
    chain, current, seen = [], base.regions.get(region_id, {}).get("parent"), {region_id}
    while current and current not in seen:
        chain.append(current)
        seen.add(current)
        current = base.regions.get(current, {}).get("parent")
    return chain
