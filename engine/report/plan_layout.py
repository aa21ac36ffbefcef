"""A channel plan's review report laid out: charts, one HTML page, a PDF.

The same tools as the campaign review report (engine/report/charts.py, html.py, pdf.py):
matplotlib's object API for the charts, escaped f-strings for the page, reportlab's
built-in CJK font for the PDF. Sections: 一、计划概况 二、渠道评估与选择 三、渠道 KPI 与目标
四、里程碑 五、风险与应对 六、复盘总结.
"""

from __future__ import annotations

import asyncio
import io
import re
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from engine.authz import Principal
from engine.errors import ValidationFailed
from engine.report import fmt
from engine.report.charts import (
    ACTUAL_COLOR,
    ALERT_COLOR,
    MUTED,
    PLAN_COLOR,
    Chart,
    Labels,
    _new_figure,
    _png,
    _style,
    _svg,
    cjk_font,
)
from engine.report.plan_data import TIMING_LABELS, TITLE, PlanReportData, gather
from engine.report.render import MEDIA_TYPES, PNG_DPI
from engine.services.analytics.figures import Figure as Value

ON_TIME_COLOR = "#3f9142"
SECTIONS = ("一、计划概况", "二、渠道评估与选择", "三、渠道 KPI 与目标", "四、里程碑",
            "五、风险与应对", "六、复盘总结")


# -- rows shared by both layouts ---------------------------------------------------------


def _ratio(v: Value) -> str:
    if v.value is None:
        return f"{fmt.DASH}（{v.reason}）" if v.reason else fmt.DASH
    return f"{v.value * 100:.1f}%"


def overview_rows(d: PlanReportData) -> list[tuple[str, str]]:
    h = d.header
    return [("计划编号", h.code), ("计划名称", h.name), ("核心目标", h.objective or fmt.DASH),
            ("状态", h.state_label), ("负责人", h.owner), ("部门", h.department),
            ("计划周期", f"{fmt.day(h.start_month)} 至 {fmt.day(h.end_date)}（{h.months} 个月）"),
            ("里程碑", f"共 {len(d.milestones)} 项：按期完成 {d.timing_count('on_time')}，逾期完成 "
                     f"{d.timing_count('late')}，已逾期 {d.timing_count('overdue')}，进行中 "
                     f"{d.timing_count('open')}"),
            ("风险", f"共 {len(d.risks)} 项，应对超期 {sum(r.overdue for r in d.risks)} 项")]


def channel_head(d: PlanReportData) -> list[str]:
    weighted = [f"{label}（{weight}）" for label, weight in d.criteria]
    return ["排名", "渠道", "平台", "阶段", *weighted, "加权总分"]


def channel_rows(d: PlanReportData) -> list[list[str]]:
    return [[str(c.rank) if c.rank else fmt.DASH, c.name, c.channel_label, c.stage_label,
             *[str(s) if s is not None else fmt.DASH for _, s in c.scores],
             str(c.total) if c.total is not None else "未评完"] for c in d.channels]


KPI_HEAD = ["渠道", "销售额", "目标", "达成", "订单量", "目标", "达成", "客单价", "新增客户",
            "目标", "达成"]


def kpi_rows(d: PlanReportData) -> list[list[str]]:
    rows = []
    for c in d.channels:
        k = c.kpis
        if k is None:
            continue
        rows.append([c.name, fmt.money(k.revenue), fmt.money(c.revenue_target),
                     _ratio(k.revenue_achievement), fmt.number(k.orders),
                     fmt.number(c.orders_target), _ratio(k.orders_achievement),
                     fmt.figure(k.aov, "money"), fmt.number(k.new_customers),
                     fmt.number(c.new_customers_target), _ratio(k.new_customers_achievement)])
    return rows


def kpi_period(d: PlanReportData) -> str:
    k = next((c.kpis for c in d.channels if c.kpis is not None), None)
    if k is None:
        return "计划尚未开始，暂无指标"
    return f"统计区间：{fmt.day(k.date_from)} 至 {fmt.day(k.date_to)}"


MILESTONE_HEAD = ["阶段", "里程碑", "月份", "截止日期", "负责人", "状态", "完成日期", "按期"]


def _months(first: int, last: int) -> str:
    return f"第{first}个月" if first == last else f"第{first}-{last}个月"


def milestone_rows(d: PlanReportData) -> list[list[str]]:
    return [[m.phase_label, m.title, _months(m.month_from, m.month_to), fmt.day(m.due_date),
             m.owner, m.status_label, fmt.day(m.completed_on), TIMING_LABELS[m.timing]]
            for m in d.milestones]


RISK_HEAD = ["类别", "风险", "可能性", "影响", "等级", "应对措施", "负责人", "状态", "应对期限"]


def risk_rows(d: PlanReportData) -> list[list[str]]:
    return [[r.category_label, r.title, r.likelihood_label, r.impact_label, str(r.exposure),
             r.response or "未制定", r.owner, r.status_label,
             fmt.day(r.respond_by) + ("（已超期）" if r.overdue else "")] for r in d.risks]


# -- charts ------------------------------------------------------------------------------


def scores_chart(d: PlanReportData, t: Labels) -> Figure | None:
    scored = [c for c in d.channels if c.total is not None]
    if not scored:
        return None
    fig = _new_figure(7.5, 0.5 * len(scored) + 1.0, left=1.9)
    ax = fig.subplots()
    _style(ax)
    ax.grid(axis="x", color="#e4e7eb", linewidth=0.8)
    ax.grid(axis="y", visible=False)
    y = list(range(len(scored)))[::-1]
    ax.barh(y, [float(c.total or 0) for c in scored], color=ACTUAL_COLOR, height=0.6)
    ax.set_yticks(y, [c.name if t.chinese else c.channel_label for c in scored])
    for yi, c in zip(y, scored, strict=True):
        ax.annotate(f"{c.total}", (float(c.total or 0), yi), xytext=(3, 0),
                    textcoords="offset points", va="center", fontsize=8, color=MUTED)
    ax.set_xlim(0, 5.4)
    ax.set_title(t("渠道加权评分（满分 5）", "Weighted channel score (max 5)"), fontsize=10,
                 loc="left")
    return fig


def kpi_chart(d: PlanReportData, t: Labels) -> Figure | None:
    rows = [c for c in d.channels if c.kpis is not None and
            c.kpis.revenue_achievement.value is not None]
    if not rows:
        return None
    fig = _new_figure(7.5, 2.8, bottom=0.9)
    ax = fig.subplots()
    _style(ax)
    x = list(range(len(rows)))
    values = [float((c.kpis.revenue_achievement.value or 0) * 100) for c in rows
              if c.kpis is not None]
    ax.bar(x, values, width=0.6, color=[ACTUAL_COLOR if v >= 100 else ALERT_COLOR
                                        for v in values])
    ax.axhline(100, color=PLAN_COLOR, linewidth=1.5)
    ax.set_xticks(x, [c.name for c in rows], rotation=15, fontsize=8)
    for xi, v in zip(x, values, strict=True):
        ax.annotate(f"{v:.0f}%", (xi, v), xytext=(0, 2), textcoords="offset points",
                    ha="center", fontsize=8, color=MUTED)
    ax.set_title(t("销售额目标达成率（%）", "Sales against target (%)"), fontsize=10, loc="left")
    return fig


def milestone_chart(d: PlanReportData, t: Labels) -> Figure | None:
    if not d.milestones:
        return None
    fig = _new_figure(7.5, 0.42 * len(d.milestones) + 1.0, left=1.9)
    ax = fig.subplots()
    _style(ax)
    colors = {"on_time": ON_TIME_COLOR, "late": "#e07b39", "overdue": ALERT_COLOR,
              "open": PLAN_COLOR}
    y = list(range(len(d.milestones)))[::-1]
    for yi, m in zip(y, d.milestones, strict=True):
        ax.barh(yi, m.month_to - m.month_from + 1, left=m.month_from - 0.5, height=0.55,
                color=colors[m.timing])
    ax.set_yticks(y, [m.phase_label if t.chinese else f"M{m.month_from}-{m.month_to}"
                      for m in d.milestones])
    ax.set_xticks(range(1, d.header.months + 1))
    ax.set_xlabel(t("计划月份", "month of the plan"), fontsize=8, color=MUTED)
    ax.legend(handles=[Patch(color=colors[k], label=t(TIMING_LABELS[k], k)) for k in colors],
              fontsize=7, loc="lower right", frameon=False, ncol=4)
    ax.set_title(t("里程碑进度", "Milestones"), fontsize=10, loc="left")
    return fig


CHARTS = {"scores": scores_chart, "kpis": kpi_chart, "milestones": milestone_chart}


def draw(d: PlanReportData, kind: str, dpi: int = 110) -> dict[str, Chart]:
    t = Labels(cjk_font() is not None)
    out: dict[str, Chart] = {}
    for name, build in CHARTS.items():
        fig = build(d, t)
        if fig is not None:
            width, height = fig.get_size_inches()
            out[name] = Chart(name, _png(fig, dpi) if kind == "png" else _svg(fig),
                              float(width), float(height))
    return out


# -- HTML --------------------------------------------------------------------------------


def render_html(d: PlanReportData, charts: dict[str, Chart]) -> str:
    from engine.report.html import CSS, _e, _svg, _table

    h = d.header
    meta = "<table>" + "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>"
                               for k, v in overview_rows(d)) + "</table>"

    def table(head: list[str], rows: list[list[str]], numeric: set[int] | None = None,
              empty: str = "无") -> str:
        return _table(head, [[_e(c) for c in r] for r in rows], numeric, empty)

    n = len(d.criteria)
    summary = h.review_summary
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(f"《{TITLE}》{h.name}")}</title><style>{CSS}</style></head>
<body><main>
<h1>《{_e(TITLE)}》</h1>
<p class="sub">{_e(h.code)} · {_e(h.name)}</p>
<section id="overview"><h2>{SECTIONS[0]}</h2>{meta}</section>
<section id="channels"><h2>{SECTIONS[1]}</h2>{_svg(charts.get("scores"))}
{table(channel_head(d), channel_rows(d), {0, *range(4, 5 + n)}, "没有候选渠道")}
<p class="empty">加权总分 = Σ 评分 × 权重（评分 1–5，越高越好）；五项评分齐全后才参与排名。</p>
</section>
<section id="kpis"><h2>{SECTIONS[2]}</h2>{_svg(charts.get("kpis"))}
<p>{_e(kpi_period(d))}</p>
{table(KPI_HEAD, kpi_rows(d), set(range(1, 11)), "暂无指标")}</section>
<section id="milestones"><h2>{SECTIONS[3]}</h2>{_svg(charts.get("milestones"))}
{table(MILESTONE_HEAD, milestone_rows(d), empty="没有里程碑")}</section>
<section id="risks"><h2>{SECTIONS[4]}</h2>
{table(RISK_HEAD, risk_rows(d), {4}, "没有登记风险")}
<p class="empty">等级 = 可能性 × 影响（低 1、中 2、高 3），按等级从高到低排列。</p></section>
<section id="review"><h2>{SECTIONS[5]}</h2>
<p>{_e(summary) if summary else '<span class="empty">未填写（计划结束时填写）</span>'}</p></section>
<footer>生成于 {_e(fmt.local_time(h.generated_at))} · promoflow</footer>
</main></body></html>
"""


# -- PDF ---------------------------------------------------------------------------------


def render_pdf(d: PlanReportData, charts: dict[str, Chart]) -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import cm
    from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer

    from engine.report.pdf import _chart, _p, _styles, _table

    s = _styles()
    h = d.header
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=landscape(A4), leftMargin=1.4 * cm,
                            rightMargin=1.4 * cm, topMargin=1.3 * cm, bottomMargin=1.3 * cm,
                            title=f"《{TITLE}》{h.name}", author="promoflow", subject=h.code)
    w = doc.width

    def cols(*fractions: float) -> list[float]:
        return [w * f for f in fractions]

    n = len(d.criteria)
    story: list[Flowable] = [_p(f"《{TITLE}》", s["title"]), _p(f"{h.code} — {h.name}", s["sub"])]
    story += [_p(SECTIONS[0], s["h2"]),
              _table(["项目", "内容"], [list(r) for r in overview_rows(d)], s, cols(0.15, 0.85))]
    story += [_p(SECTIONS[1], s["h2"]), _chart(charts.get("scores"), s, w * 0.8),
              _table(channel_head(d), channel_rows(d), s,
                     cols(0.05, 0.16, 0.08, 0.08, *[0.53 / n] * n, 0.1), {0, *range(4, 5 + n)})]
    story += [_p(SECTIONS[2], s["h2"]), _chart(charts.get("kpis"), s, w * 0.8),
              _p(kpi_period(d), s["base"]),
              _table(KPI_HEAD, kpi_rows(d), s,
                     cols(0.14, 0.1, 0.1, 0.08, 0.07, 0.07, 0.08, 0.1, 0.08, 0.08, 0.1),
                     set(range(1, 11)))]
    story += [_p(SECTIONS[3], s["h2"]), _chart(charts.get("milestones"), s, w * 0.8),
              _table(MILESTONE_HEAD, milestone_rows(d), s,
                     cols(0.12, 0.34, 0.08, 0.09, 0.09, 0.08, 0.1, 0.1))]
    story += [_p(SECTIONS[4], s["h2"]),
              _table(RISK_HEAD, risk_rows(d), s,
                     cols(0.1, 0.2, 0.06, 0.06, 0.05, 0.28, 0.08, 0.07, 0.1), {4})]
    story += [_p(SECTIONS[5], s["h2"]),
              _p(h.review_summary or "未填写（计划结束时填写）", s["base"]), Spacer(1, 12),
              _p(f"生成于 {fmt.local_time(h.generated_at)} — promoflow", s["muted"])]
    doc.build(story)
    return buf.getvalue()


# -- rendering ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderedPlanReport:
    content: bytes
    media_type: str
    filename: str
    data: PlanReportData


def _build(d: PlanReportData, kind: str) -> bytes:
    if kind == "pdf":
        return render_pdf(d, draw(d, "png", dpi=PNG_DPI))
    return render_html(d, draw(d, "svg")).encode("utf-8")


async def render_plan_report(actor: Principal, key: str, kind: str = "pdf"
                             ) -> RenderedPlanReport:
    """The review report of plan `key` (id or code) as HTML or PDF bytes; drawing and
    layout run in a worker thread, as the campaign report's do."""
    if kind not in MEDIA_TYPES:
        raise ValidationFailed("format", f"format must be one of {', '.join(MEDIA_TYPES)}",
                               rule="choice")
    d = await gather(actor, key)
    content = await asyncio.to_thread(_build, d, kind)
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", d.header.code)
    return RenderedPlanReport(content, MEDIA_TYPES[kind], f"plan-review-{safe}.{kind}", d)
