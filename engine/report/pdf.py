"""The report as a PDF (reportlab platypus), charts embedded as PNG.

Chinese text is set in a CJK TrueType font embedded in the file (engine/report/fonts.py:
WenQuanYi Micro Hei where `./run` installed it), so every reader shows the same glyphs.
Text from the database is escaped for platypus' paragraph markup (`_p`).
"""

from __future__ import annotations

import io
from html import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, inch
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from engine import texts
from engine.report import fmt, fonts
from engine.report.charts import Chart
from engine.report.data import ReportData


def _font() -> str:
    return fonts.pdf_font().name


def _styles() -> dict[str, ParagraphStyle]:
    font = _font()
    base = ParagraphStyle("base", fontName=font, fontSize=9, leading=13)
    return {
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontSize=18, leading=24, spaceAfter=4),
        "sub": ParagraphStyle("sub", parent=base, fontSize=10, textColor=colors.HexColor(
            "#52606d"), spaceAfter=8),
        "h2": ParagraphStyle("h2", parent=base, fontSize=13, leading=18, spaceBefore=10,
                             spaceAfter=6, textColor=colors.HexColor("#1c4fa8")),
        "h3": ParagraphStyle("h3", parent=base, fontSize=10, leading=14, spaceBefore=4,
                             spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "num": ParagraphStyle("num", parent=base, fontSize=8, leading=10, alignment=TA_RIGHT),
        "muted": ParagraphStyle("muted", parent=base, fontSize=8, textColor=colors.HexColor(
            "#7b8794")),
    }


def _p(text: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape("" if text is None else str(text), quote=False), style)


def _table(head: list[str], rows: list[list[str]], s: dict[str, ParagraphStyle],
           widths: list[float], numeric: set[int] | None = None) -> Flowable:
    if not rows:
        return _p("无", s["muted"])
    numeric = numeric or set()
    data = [[_p(h, s["cell"]) for h in head]] + [
        [_p(cell, s["num"] if i in numeric else s["cell"]) for i, cell in enumerate(row)]
        for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), _font()),  # the cells' own font: ours, not Helvetica
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#d9e2ec")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f0f4f8")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def _chart(chart: Chart | None, s: dict[str, ParagraphStyle], max_width: float) -> Flowable:
    if chart is None:
        return _p("无数据", s["muted"])
    width = min(chart.width_in * inch, max_width)
    height = width * chart.height_in / chart.width_in
    return Image(io.BytesIO(chart.data), width=width, height=height)


def render_pdf(data: ReportData, charts: dict[str, Chart]) -> bytes:
    s = _styles()
    h = data.header
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=1.6 * cm, rightMargin=1.6 * cm, topMargin=1.5 * cm,
        bottomMargin=1.5 * cm, title=f"《{fmt.TITLE}》{h.name}", author="promoflow",
        subject=h.code,
        # the canvas' initial font too: otherwise every page also names Helvetica (a font
        # the file does not embed) although no text is set in it
        initialFontName=_font())
    width = doc.width
    story: list[Flowable] = [
        _p(f"《{fmt.TITLE}》", s["title"]), _p(f"{h.code} — {h.name}", s["sub"])]
    meta = [
        ("活动编号", h.code), ("活动名称", h.name), ("活动类型", h.type_label),
        ("负责人", h.owner), ("部门", h.department),
        ("活动时间", f"{fmt.day(h.start_date)} 至 {fmt.day(h.end_date)}"),
        ("统计区间", fmt.period(data)), ("审批状态", h.approval_label),
        ("预算合计", fmt.money(h.budget_total)), ("批准预算", fmt.money(h.approved_total)),
    ]
    pairs = [[meta[i][0], meta[i][1], *(meta[i + 1] if i + 1 < len(meta) else ("", ""))]
             for i in range(0, len(meta), 2)]
    story.append(_table(["项目", "内容", "项目", "内容"], pairs, s,
                        [width * 0.14, width * 0.36, width * 0.14, width * 0.36]))

    story.append(_p("一、效果概览", s["h2"]))
    eff = fmt.effect_rows(data)
    story.append(_table(["指标", "数值", "指标", "数值"],
                        [[*eff[i], *(eff[i + 1] if i + 1 < len(eff) else ("", ""))]
                         for i in range(0, len(eff), 2)], s,
                        [width * 0.2, width * 0.3, width * 0.2, width * 0.3]))

    story.append(_p("二、KPI 计划与实际", s["h2"]))
    story.append(_chart(charts.get("kpi"), s, width))
    for k in data.kpis:
        rows = [[f"{fmt.day(p.start)} 至 {fmt.day(p.end)}", fmt.number(p.plan),
                 fmt.number(p.actual) if p.actual is not None else fmt.why(p.actual_note),
                 fmt.deviation(p.deviation, p.note),
                 "预警" if p.alerted else ""] for p in k.points]
        story.append(KeepTogether([
            _p(fmt.kpi_heading(k), s["h3"]),
            _table(["周期", "计划", "实际", "偏差", ""], rows, s,
                   [width * 0.3, width * 0.14, width * 0.2, width * 0.26, width * 0.1],
                   {1, 2, 3})]))
    if data.kpis:
        story.append(_p(fmt.KPI_NOTE, s["muted"]))

    story.append(_p("三、客户漏斗", s["h2"]))
    story.append(_chart(charts.get("funnel"), s, width))
    funnel_rows = [[st.label, fmt.number(st.reached),
                    fmt.pct(st.step_conversion.value)] for st in data.funnel.steps]
    funnel_rows.append(["流失", fmt.number(data.funnel.lost), ""])
    story.append(_table(["阶段", "客户数", "较上一步转化"], funnel_rows, s,
                        [width * 0.4, width * 0.3, width * 0.3], {1, 2}))

    story.append(_p("四、渠道获客成本与转化", s["h2"]))
    story.append(_chart(charts.get("channels"), s, width))
    story.append(_table(fmt.CHANNEL_HEAD, fmt.channel_rows(data), s,
                        [width * w for w in (0.11, 0.07, 0.07, 0.07, 0.11, 0.08, 0.1, 0.1,
                                             0.1, 0.1, 0.08)], fmt.CHANNEL_NUMERIC))
    story.append(_p("计划费用含按渠道数平均分摊的共享预算；“—”表示无法计算。", s["muted"]))

    story.append(_p("五、预算与实际花费", s["h2"]))
    story.append(_chart(charts.get("budget"), s, width))
    b = data.budget
    budget_rows = [[ln.label, ln.description, ln.channel_label or "共享", fmt.money(ln.amount),
                    fmt.money(ln.spent), fmt.money(ln.remaining), fmt.figure(ln.used, "pct")]
                   for ln in b.lines]
    if b.lines:
        budget_rows.append(["合计", "", "", fmt.money(b.amount), fmt.money(b.spent),
                            fmt.money(b.amount - b.spent), fmt.figure(b.used, "pct")])
    story.append(_table(["类别", "说明", "渠道", "预算", "实际花费", "剩余", "使用率"],
                        budget_rows, s,
                        [width * w for w in (0.12, 0.24, 0.1, 0.14, 0.14, 0.14, 0.12)],
                        {3, 4, 5, 6}))

    story.append(_p("六、异常与逾期任务", s["h2"]))
    story.append(_chart(charts.get("exceptions"), s, width))
    ex = data.exceptions
    story.append(_p(f"异常共 {ex.total} 项，未关闭 {ex.open} 项，逾期 {ex.late} 项。", s["base"]))
    story.append(_p("未解决的异常" + fmt.capped(ex.open, len(ex.listed)), s["h3"]))
    story.append(_table(
        ["编号", "问题", "严重度", "状态", "上报时间", "期限"],
        [[i.code, i.problem, i.severity, fmt.incident_state(i.state),
          fmt.local_time(i.reported_at),
          fmt.local_time(i.due_at) + ("（已逾期）" if i.late else "")] for i in ex.listed], s,
        [width * w for w in (0.16, 0.3, 0.08, 0.1, 0.16, 0.2)]))
    story.append(_p(f"逾期 / 延期任务（共 {data.tasks.late} 项）"
                    + fmt.capped(data.tasks.late, len(data.tasks.listed)), s["h3"]))
    story.append(_table(
        ["任务", "阶段", "负责人", "截止日期", "状态", "逾期天数", "说明"],
        [[t.title, fmt.phase(t.phase), t.owner, fmt.day(t.end_date),
          fmt.task_status(t.status), str(t.days_late), texts.zh(t.reason) or ""]
         for t in data.tasks.listed], s,
        [width * w for w in (0.24, 0.1, 0.12, 0.13, 0.1, 0.1, 0.21)], {5}))

    story.append(_p("七、复盘总结", s["h2"]))
    r = data.review
    story.append(_table(["项目", "内容"], [
        ["亮点", r.highlights or "未填写"], ["问题", r.problems or "未填写"],
        ["改进建议", r.suggestions or "未填写"]], s, [width * 0.2, width * 0.8]))
    story.append(Spacer(1, 12))
    story.append(_p(f"生成于 {fmt.local_time(h.generated_at)} — promoflow", s["muted"]))
    doc.build(story)
    return buf.getvalue()
