"""The report as one self-contained HTML page: inline SVG charts, inline CSS, no scripts.

Every piece of text that comes from the database goes through `html.escape` (`_e`); the
layout is plain f-strings over escaped values, no template engine to inject into.
"""

from __future__ import annotations

import re
from html import escape

from engine import texts
from engine.report import fmt
from engine.report.charts import Chart
from engine.report.data import ReportData

CSS = """
*{box-sizing:border-box}
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",
 system-ui,sans-serif;color:#1f2933;margin:0;background:#f5f7fa;line-height:1.5}
main{max-width:960px;margin:0 auto;padding:32px 24px;background:#fff}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:32px 0 12px;padding-bottom:4px;border-bottom:2px solid #2f6fde}
h3{font-size:15px;margin:16px 0 8px}
.sub{color:#52606d;margin:0 0 16px}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13px}
th,td{border:1px solid #d9e2ec;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f0f4f8;font-weight:600}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px}
.card{border:1px solid #d9e2ec;border-radius:6px;padding:10px}
.card .k{color:#52606d;font-size:12px}.card .v{font-size:18px;font-weight:600}
.chart svg{width:100%;height:auto}
.late{color:#d64545;font-weight:600}
.empty{color:#7b8794}
.review dt{font-weight:600;margin-top:8px}.review dd{margin:2px 0 0 0}
footer{color:#7b8794;font-size:12px;margin-top:32px}
@media print{body{background:#fff}main{padding:0;max-width:none}
 h2{break-after:avoid}.chart,table,.cards{break-inside:avoid}}
"""


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _svg(chart: Chart | None) -> str:
    if chart is None:
        return '<p class="empty">无数据</p>'
    text = chart.data.decode("utf-8")
    start = text.find("<svg")
    svg = text[start:] if start >= 0 else text
    # an SVG inline in HTML must not carry the XML prolog; it carries no script
    svg = re.sub(r"<script.*?</script>", "", svg, flags=re.S | re.I)
    return f'<div class="chart">{svg}</div>'


def _table(head: list[str], rows: list[list[str]], numeric: set[int] | None = None,
           empty: str = "无") -> str:
    if not rows:
        return f'<p class="empty">{_e(empty)}</p>'
    numeric = numeric or set()
    th = "".join(f"<th>{_e(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(
            f'<td class="n">{cell}</td>' if i in numeric else f"<td>{cell}</td>"
            for i, cell in enumerate(row)) + "</tr>"
        for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def render_html(data: ReportData, charts: dict[str, Chart]) -> str:
    h = data.header
    title = f"《{fmt.TITLE}》{h.name}"
    meta = [
        ["活动编号", _e(h.code)], ["活动名称", _e(h.name)], ["活动类型", _e(h.type_label)],
        ["负责人", _e(h.owner)], ["部门", _e(h.department)],
        ["活动时间", _e(f"{fmt.day(h.start_date)} 至 {fmt.day(h.end_date)}")],
        ["统计区间", _e(fmt.period(data))], ["审批状态", _e(h.approval_label)],
        ["预算合计", _e(fmt.money(h.budget_total))],
        ["批准预算", _e(fmt.money(h.approved_total))],
        ["渠道", _e("、".join(c.label for c in data.channels if c.channel in h.channels)
                    or "、".join(h.channels))],
    ]
    meta_html = "<table>" + "".join(
        f"<tr><th>{_e(k)}</th><td>{v}</td></tr>" for k, v in meta) + "</table>"
    cards = "".join(
        f'<div class="card"><div class="k">{_e(k)}</div><div class="v">{_e(v)}</div></div>'
        for k, v in fmt.effect_rows(data))

    kpi_tables = []
    for k in data.kpis:
        rows = [[_e(f"{fmt.day(p.start)} 至 {fmt.day(p.end)}"), _e(fmt.number(p.plan)),
                 _e(fmt.number(p.actual) if p.actual is not None else fmt.why(p.actual_note)),
                 _e(fmt.deviation(p.deviation, p.note)),
                 '<span class="late">预警</span>' if p.alerted else ""]
                for p in k.points]
        kpi_tables.append(f"<h3>{_e(fmt.kpi_heading(k))}</h3>"
                          + _table(["周期", "计划", "实际", "偏差", ""], rows, {1, 2, 3}))
    if data.kpis:
        kpi_tables.append(f'<p class="empty">{_e(fmt.KPI_NOTE)}</p>')

    funnel_rows = [[_e(s.label), _e(fmt.number(s.reached)),
                    _e(fmt.figure(s.step_conversion, "pct") if s.step_conversion.value
                       is not None else fmt.DASH)] for s in data.funnel.steps]
    funnel_rows.append([_e("流失"), _e(fmt.number(data.funnel.lost)), ""])

    channel_rows = [[_e(cell) for cell in row] for row in fmt.channel_rows(data)]
    budget_rows = [[_e(b.label), _e(b.description), _e(b.channel_label or "共享"),
                    _e(fmt.money(b.amount)), _e(fmt.money(b.spent)),
                    (f'<span class="late">{_e(fmt.money(b.remaining))}</span>'
                     if b.remaining < 0 else _e(fmt.money(b.remaining))),
                    _e(fmt.figure(b.used, "pct"))] for b in data.budget.lines]
    if data.budget.lines:
        budget_rows.append(["<b>合计</b>", "", "", _e(fmt.money(data.budget.amount)),
                            _e(fmt.money(data.budget.spent)),
                            _e(fmt.money(data.budget.amount - data.budget.spent)),
                            _e(fmt.figure(data.budget.used, "pct"))])
    ex = data.exceptions
    incident_rows = [[_e(i.code), _e(i.problem), _e(i.severity),
                      _e(fmt.incident_state(i.state)), _e(fmt.local_time(i.reported_at)),
                      (f'<span class="late">{_e(fmt.local_time(i.due_at))} 已逾期</span>'
                       if i.late else _e(fmt.local_time(i.due_at)))] for i in ex.listed]
    tk = data.tasks
    task_rows = [[_e(t.title), _e(fmt.phase(t.phase)), _e(t.owner), _e(fmt.day(t.end_date)),
                  _e(fmt.task_status(t.status)), _e(t.days_late), _e(texts.zh(t.reason) or "")]
                 for t in tk.listed]
    r = data.review
    review = "".join(
        f"<dt>{_e(k)}</dt><dd>{_e(v) if v else '<span class=empty>未填写</span>'}</dd>"
        for k, v in (("亮点", r.highlights), ("问题", r.problems), ("改进建议", r.suggestions)))

    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title><style>{CSS}</style></head>
<body><main>
<h1>《{_e(fmt.TITLE)}》</h1>
<p class="sub">{_e(h.code)} · {_e(h.name)}</p>
{meta_html}
<section id="effect"><h2>一、效果概览</h2><div class="cards">{cards}</div></section>
<section id="kpi"><h2>二、KPI 计划与实际</h2>{_svg(charts.get("kpi"))}
{"".join(kpi_tables) or '<p class="empty">没有目标</p>'}</section>
<section id="funnel"><h2>三、客户漏斗</h2>{_svg(charts.get("funnel"))}
{_table(["阶段", "客户数", "较上一步转化"], funnel_rows, {1, 2})}</section>
<section id="channels"><h2>四、渠道获客成本与转化</h2>{_svg(charts.get("channels"))}
{_table(fmt.CHANNEL_HEAD, channel_rows, fmt.CHANNEL_NUMERIC)}
<p class="empty">计划费用 = 该渠道的预算行 + 未指定渠道的共享预算行按活动渠道数平均分摊；
CAC = 计划费用 ÷ 新增客户；每成交成本 = 计划费用 ÷ 成交客户；
“—”表示无法计算（分母为 0 或无预算）。</p>
</section>
<section id="budget"><h2>五、预算与实际花费</h2>{_svg(charts.get("budget"))}
{_table(["类别", "说明", "渠道", "预算", "实际花费", "剩余", "使用率"], budget_rows,
        {3, 4, 5, 6}, "没有预算行")}</section>
<section id="exceptions"><h2>六、异常与逾期任务</h2>{_svg(charts.get("exceptions"))}
<p>异常共 {ex.total} 项，未关闭 {ex.open} 项，逾期 {ex.late} 项。</p>
<h3>未解决的异常{_e(fmt.capped(ex.open, len(ex.listed)))}</h3>
{_table(["编号", "问题", "严重度", "状态", "上报时间", "期限"], incident_rows,
        empty="没有未解决的异常")}
<h3>逾期 / 延期任务（共 {tk.late} 项）{_e(fmt.capped(tk.late, len(tk.listed)))}</h3>
{_table(["任务", "阶段", "负责人", "截止日期", "状态", "逾期天数", "说明"], task_rows, {5},
        "没有逾期任务")}</section>
<section id="review"><h2>七、复盘总结</h2><dl class="review">{review}</dl></section>
<footer>生成于 {_e(fmt.local_time(h.generated_at))} · promoflow</footer>
</main></body></html>
"""
