"""The evidence report: one self-contained HTML page (inline CSS, a little inline JS, inline SVG;
no request to any other address) with the source, a card per honoree, the overlap-aware totals
drawn as bars, the article with every figure marked and anchored, and a figures table a reader can
filter. The page is complete with JS off; JS only filters the table and shows it is ready.
"""

from __future__ import annotations

from html import escape

from .amounts import bar_scales, chinese_amount, total_text
from .facts import FactBase
from .messages import Words, message, metric_label, unit_name
from .model import chain, period_label, web_url
from .order import arrange, family_of, trivia

LABELS = {
    "zh": {"lang": "zh-Hans", "report": "证据报告", "source": "来源", "holds": "数据库", "figures": "数字",
           "honorees": "获表彰对象", "totals": "合计（不重复计算）", "article": "原文（每个数字均已标出）",
           "table": "全部数字", "all": "全部", "honoree": "对象", "region": "地区", "metric": "指标",
           "unit": "单位", "total": "合计", "period": "时期", "excluded": "已剔除", "kind": "类型", "raw": "原文",
           "value": "数值", "id": "编号", "within": "包含于", "motto": "格言", "partners": "帮扶地区",
           "individual": "先进个人", "collective": "先进集体", "headline": "主要数字", "link": "原文链接",
           "may_overlap": "可能重复", "lower": "≥ 下限", "filter": "筛选", "regions": "地区", "honorees_n": "获表彰对象",
           "money": "资金", "people": "人员", "places": "地区与农户", "things": "项目与设施", "honours": "荣誉",
           "rest": "其他", "trivia": "其他：时长、名次等",
           "kinds": {"amount": "累计量", "state": "存量", "per_year": "年度量", "ratio": "比率", "rank": "名次",
                     "duration": "时长", "plan": "计划量", "change": "增减量"},
           "reasons": {"period": "时期", "scope": "范围", "region": "地区", "stock": "存量", "part_of": "其中"}},
    "en": {"lang": "en", "report": "Evidence report", "source": "Source", "holds": "Database", "figures": "figures",
           "honorees": "Honorees", "totals": "Totals (nothing counted twice)",
           "article": "The article, every figure marked", "table": "Every figure", "all": "all",
           "honoree": "honoree", "region": "region", "metric": "metric", "unit": "unit", "total": "total",
           "period": "period", "excluded": "left out", "kind": "kind", "raw": "as written", "value": "value",
           "id": "id", "within": "lies within", "motto": "motto", "partners": "partner regions",
           "individual": "individual", "collective": "collective", "headline": "headline figures",
           "link": "original", "may_overlap": "may overlap", "lower": "≥ lower bound", "filter": "Filter",
           "regions": "regions", "honorees_n": "honorees", "money": "Money", "people": "People",
           "places": "Places and households", "things": "Projects and facilities", "honours": "Honours", "rest": "Other",
           "trivia": "Other: durations, ranks and the like",
           "kinds": {}, "reasons": {}},
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
th{background:#f2f2f2}td.num{text-align:right;white-space:nowrap}td.id,td.whole{white-space:nowrap}
.wide{overflow-x:auto}select{max-width:100%}
tr.family th{background:none;border-bottom:2px solid var(--ink);padding-top:1rem}
mark.adjacent{margin-left:.3em}
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
  document.documentElement.dataset.pageWidth = document.documentElement.scrollWidth;
})();
"""


def _e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def html(base: FactBase, figures: list[dict], totals: list[dict], texts: dict[str, str], lang: str = "zh") -> str:
    """The page for these figures (selected by the caller's filters) and their totals, every word
    of it in one language (the article's text, in English a quotation, excepted)."""
    t = {**LABELS[lang], "words": Words(base), "code": "en" if lang == "en" else "zh"}
    within = _within(base, t)
    parts = [f'<!doctype html>\n<html lang="{t["lang"]}" data-ready="no">\n<head>\n<meta charset="utf-8">\n'
             '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
             f"<title>{_e(t['report'])} · qdaid</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"]
    parts.append(_header(base, figures, t))
    parts.append('<nav><a href="#honorees">' + _e(t["honorees"]) + '</a> · <a href="#totals">' + _e(t["totals"])
                 + '</a> · <a href="#article">' + _e(t["article"]) + '</a> · <a href="#figures">'
                 + _e(t["table"]) + "</a></nav>\n<main>\n")
    parts.append(_cards(base, figures, t))
    parts.append(_totals(arrange(totals, ["metric", "unit"]), t))
    parts.append(_article(base, figures, texts, within, t))
    parts.append(_table(base, figures, within, t))
    parts.append(f"</main>\n<script>{_JS}</script>\n</body>\n</html>\n")
    return "".join(parts)


def _name(t: dict, column: str, value) -> str:
    """An id as the page names it (消费扶贫, 陇南市; Consumption aid, Longnan), or —."""
    named = t["words"].name(column, value, t["code"])
    return ", ".join(named) if isinstance(named, list) else _plain(t, named) if named else "—"


def _plain(t: dict, text) -> str:
    """In English, Chinese that has no rendering is shown as the quotation it is."""
    if t["code"] != "en":
        return str(text)
    from .english import quoted, rendering

    return quoted(rendering(str(text)))


def _within(base: FactBase, t: dict) -> dict[str, list[str]]:
    """figure id → "id (reason)" of each figure that holds it."""
    found: dict[str, list[str]] = {}
    maybe = message("possibly", t["code"])
    for fid in {**base.parent_of, **base.contained}:  # the figures something holds
        for outer, reason, certain in base.containers(fid):
            found.setdefault(fid, []).append(f"{outer} ({t['reasons'].get(reason, reason)}{'' if certain else maybe})")
    return found


def _header(base: FactBase, figures: list[dict], t: dict) -> str:
    rows = []
    for s in base.sources.values():
        url = web_url(s.get("url"))
        link = f' · <a href="{_e(url)}">{_e(t["link"])}</a>' if url else ""
        rows.append(f'<p class="meta">{_e(t["source"])}: {_e(_plain(t, s.get("publisher") or ""))} · '
                    f'{_e(s.get("date"))}{link}</p>')
    title = next(iter(base.sources.values()), {}).get("title") or t["report"]
    held = (f'{len(figures)} {_e(t["figures"])} · {len(base.honorees)} {_e(t["honorees_n"])} · '
            f'{len(base.regions)} {_e(t["regions"])}')
    return (f"<header>\n<h1>{_e(_plain(t, title))}</h1>\n" + "\n".join(rows)
            + f'\n<p class="meta">{_e(t["holds"])}: {held}</p>\n</header>\n')


def _cards(base: FactBase, figures: list[dict], t: dict) -> str:
    shown = {f["honoree"] for f in figures}
    english = t["code"] == "en"
    out = [f'<section id="honorees">\n<h2>{_e(t["honorees"])}</h2>\n<div class="cards">\n']
    for h in base.honorees.values():
        if h["id"] not in shown:
            continue
        mine = [f for f in figures if f["honoree"] == h["id"]]
        top = sorted((f for f in mine if f["kind"] == "amount" and f["unit"] in ("cny", "person")),
                     key=lambda f: (f["unit"] != "cny", -f["value"]))[:3]
        items = "".join(f'<li><a href="#{_e(f["id"])}">{_e(_amount(f, t))}</a> {_e(metric_label(f["metric"], t["code"]))}'
                        "</li>" for f in top)
        name = (h.get("name_en") if english else None) or h["name"]
        motto = (h.get("motto_en") if english else None) or h.get("motto")
        out.append(f'<article class="card" id="honoree-{_e(h["id"])}">\n<h3>{_e(_plain(t, name))}</h3>\n<dl>'
                   f'<dt>{_e(t["kind"])}</dt><dd>{_e(t.get(h["kind"], h["kind"]))}</dd>'
                   f'<dt>{_e(t["motto"])}</dt><dd>{_e(_plain(t, motto) if motto else "—")}</dd>'
                   f'<dt>{_e(t["partners"])}</dt><dd>{_e(_name(t, "partner_regions", h.get("partner_regions") or []))}</dd>'
                   f'<dt>{_e(t["figures"])}</dt><dd>{len(mine)}</dd></dl>\n'
                   f'<p>{_e(t["headline"])}:</p><ul>{items}</ul>\n</article>\n')
    out.append("</div>\n</section>\n")
    return "".join(out)


def _amount(f: dict, t: dict) -> str:
    """A figure's amount in its natural unit, with its unit's word."""
    return chinese_amount(f["value"], f["unit"], t["code"], f.get("approx"), f.get("raw"))


def _family(r: dict) -> str:
    return "trivia" if trivia(r) else family_of(r["metric"])


def _totals(rows: list[dict], t: dict) -> str:
    """The totals grouped by family (money, people, places, things, honours, the rest; trivia
    last), each family's headline first (order.arrange); a bar only where its unit has another
    row to be compared with."""
    largest = bar_scales(rows)
    lang = t["code"]
    out = [f'<section id="totals">\n<h2>{_e(t["totals"])}</h2>\n<div class="wide"><table>\n<thead><tr>'
           f'<th scope="col">{_e(t["metric"])}</th><th scope="col">{_e(t["unit"])}</th>'
           f'<th scope="col">{_e(t["total"])}</th><th scope="col">{_e(t["period"])}</th>'
           f'<th scope="col">{_e(t["excluded"])}</th><th scope="col"></th></tr></thead>\n<tbody>\n']
    family = None
    for r in rows:
        if _family(r) != family:
            family = _family(r)
            out.append(f'<tr class="family"><th scope="rowgroup" colspan="6">{_e(t[family])}</th></tr>\n')
        attrs = " ".join(f'data-{k.replace("_", "-")}="{_e("" if r[k] is None else r[k])}"'
                         for k in ("metric", "unit", "total", "total_min", "total_max", "excluded"))
        out.append(f'<tr {attrs}><th scope="row">{_e(metric_label(r["metric"], lang))}</th>'
                   f'<td>{_e(unit_name(r["unit"], lang))}</td>'
                   f'<td class="num">{_e(total_text(r, lang))}</td>'
                   f'<td class="num">{_e(period_label(r["period_start"], r["period_end"]))}</td>'
                   f'<td class="num">{r["excluded"]}</td><td>{_bar(r, largest.get(r["unit"]), t)}</td></tr>\n')
    out.append("</tbody>\n</table></div>\n</section>\n")
    return "".join(out)


def _bar(r: dict, top: float | None, t: dict) -> str:
    """An SVG bar scaled within its unit: solid to what the text proves, light on to the interval's top."""
    if r["total"] is None or not top:
        return ""
    width = 240
    low = float(r["total_min"])  # equal to total_max unless an overlap or sources that differ widen it
    high = float(r["total_max"])
    label = _e(total_text(r, t["code"]))  # the interval says "may overlap" once
    mark = (f'<text x="{width * high / top + 4:.1f}" y="13" font-size="12">≥</text>'
            if r["total_is_lower_bound"] else "")
    return (f'<svg width="{width + 20}" height="18" role="img" aria-label="{label}"><title>{label}</title>'
            f'<rect x="0" y="3" width="{width * high / top:.1f}" height="12" fill="#a9c4de"/>'
            f'<rect x="0" y="3" width="{width * low / top:.1f}" height="12" fill="#2b5c8a"/>{mark}</svg>')


def _tip(base: FactBase, f: dict, within: dict[str, list[str]], t: dict) -> str:
    lines = [f"{f['id']}", f"{t['value']}: {_amount(f, t)}",
             f"{t['kind']}: {t['kinds'].get(f['kind'], f['kind'])} · {t['metric']}: {metric_label(f['metric'], t['code'])}",
             f"{t['period']}: {period_label(f['period_start'], f['period_end']) or '—'} · {t['region']}: "
             f"{_name(t, 'region', f['region'])}", f"{t['honoree']}: {_name(t, 'honoree', f['honoree'])}"]
    if f["id"] in within:
        lines.append(f"{t['within']}: " + "; ".join(within[f["id"]]))
    return "\n".join(lines)


# Every character str.splitlines breaks at: the article is cut into paragraphs after its marks
# are made, so a line break inside a tooltip is written as a character reference, not as itself.
_LINE_BREAKS = {ord(c): f"&#{ord(c)};" for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


def _attr(text: str) -> str:
    return _e(text).translate(_LINE_BREAKS)


def _article(base: FactBase, figures: list[dict], texts: dict[str, str], within, t: dict) -> str:
    """The article, every figure marked; a mark right after another is set apart (2批 and 35名 are
    two figures, not one 2批35名). The text is a quotation: in a blockquote of its language."""
    out = [f'<section id="article" class="article">\n<h2>{_e(t["article"])}</h2>\n<blockquote lang="zh-Hans">\n']
    by_source: dict[str, list[dict]] = {}
    for f in figures:
        by_source.setdefault(f["source"], []).append(f)
    for source, text in texts.items():
        marks = sorted(by_source.get(source, []), key=lambda f: f["start"])
        pieces: list[str] = []
        at = 0
        for f in marks:
            if f["start"] < at:
                continue  # overlapping marks: the first one stands
            adjacent = ' class="adjacent"' if pieces and f["start"] == at else ""
            pieces.append(_e(text[at:f["start"]]))
            tip = _tip(base, f, within, t)
            pieces.append(f'<mark id="{_e(f["id"])}"{adjacent} tabindex="0" data-tip="{_attr(tip)}" '
                          f'aria-label="{_attr(tip)}">{_e(text[f["start"]:f["end"]])}</mark>')
            at = f["end"]
        pieces.append(_e(text[at:]))
        body = "".join(pieces)
        out += [f"<p>{line}</p>\n" for line in body.splitlines() if line.strip()]
    out.append("</blockquote>\n</section>\n")
    return "".join(out)


def _table(base: FactBase, figures: list[dict], within, t: dict) -> str:
    def options(name: str, values) -> str:
        opts = "".join(f'<option value="{_e(v)}">{_e(_name(t, name, v))}</option>'
                       for v in sorted({v for v in values if v}))
        return (f'<label>{_e(t[name])} <select name="{name}"><option value="">{_e(t["all"])}</option>'
                f"{opts}</select></label>")

    up = {r: chain(r, lambda i: base.regions.get(i, {}).get("parent")) for r in {f["region"] for f in figures} if r}
    out = [f'<section id="figures">\n<h2>{_e(t["table"])} (<span id="shown">{len(figures)}</span>)</h2>\n'
           f'<form id="filters" aria-label="{_e(t["filter"])}">'
           + options("honoree", (f["honoree"] for f in figures))
           + options("region", {a for r in up.values() for a in r})
           + options("metric", (f["metric"] for f in figures)) + "</form>\n"
           '<div class="wide"><table id="figtable">\n<thead><tr>'
           + "".join(f'<th scope="col">{_e(t[c])}</th>' for c in
                     ("id", "honoree", "metric", "raw", "value", "unit", "kind", "period", "region", "within"))
           + "</tr></thead>\n<tbody>\n"]
    for f in figures:
        regions_up = " ".join(up.get(f["region"], []))
        out.append(f'<tr data-honoree="{_e(f["honoree"] or "")}" data-metric="{_e(f["metric"])}" '
                   f'data-regions="{_e(regions_up)}"><td class="id"><a href="#{_e(f["id"])}">{_e(f["id"])}</a></td>'
                   f'<td>{_e(_name(t, "honoree", f["honoree"]))}</td><td>{_e(metric_label(f["metric"], t["code"]))}</td>'
                   f'<td class="whole">{_e(_plain(t, f["raw"]))}</td>'
                   f'<td class="num">{_e(_amount(f, t))}</td>'
                   f'<td>{_e(unit_name(f["unit"], t["code"]))}</td><td>{_e(t["kinds"].get(f["kind"], f["kind"]))}</td>'
                   f'<td class="num">{_e(period_label(f["period_start"], f["period_end"]))}</td>'
                   f'<td>{_e(_name(t, "region", f["region"]))}</td>'
                   f'<td class="id">{"<br>".join(map(_e, within.get(f["id"], [])))}</td></tr>\n')
    out.append("</tbody>\n</table></div>\n</section>\n")
    return "".join(out)
