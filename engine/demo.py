"""The demo organisation (`promoflow demo`): idempotent, built through the services.

Departments east and west; users admin, mgr.east, mgr.west, rep.li, rep.wang (east),
rep.zhao (west), mkt.chen, dir.sun, fin.qian; three dozen customers over the reps and
stages, with follow-ups, some of them overdue. Every record is made by the same service
calls a portal would make, so the demo has a real audit trail.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, cast

from tortoise.expressions import Subquery
from tortoise.models import Model

from engine import clock, demo_plan, escalation, settings
from engine.authz import SYSTEM, Principal
from engine.models import (
    BudgetLine,
    Campaign,
    CampaignReview,
    Customer,
    CustomerOrder,
    DemoRecord,
    Department,
    Organization,
    Product,
    Task,
    User,
)
from engine.models.enums import CustomerSource, Feedback, FollowUpMethod
from engine.services import (
    analytics,
    approvals,
    campaigns,
    customers,
    follow_ups,
    incidents,
    kpis,
    org,
    organization,
    products,
    rfm,
)
from engine.services import tasks as task_service

DEMO_MAIL = "demo.promoflow.local"  # the demo users' e-mail domain: how it knows its own
DEPARTMENTS = [("east", "华东销售部"), ("west", "华西销售部")]
USERS = [
    ("admin", "系统管理员", "admin", None),
    ("mgr.east", "周经理 (华东)", "sales_manager", "east"),
    ("mgr.west", "吴经理 (华西)", "sales_manager", "west"),
    ("rep.li", "李娜", "sales_rep", "east"),
    ("rep.wang", "王强", "sales_rep", "east"),
    ("rep.zhao", "赵敏", "sales_rep", "west"),
    ("mkt.chen", "陈晨 (市场)", "marketing", "east"),
    ("dir.sun", "孙总监", "director", None),
    ("fin.qian", "钱会计", "finance", None),
]
REPS = ["rep.li", "rep.wang", "rep.zhao"]
COMPANIES = [
    ("华东精密制造有限公司", "制造业"), ("苏州云帆科技有限公司", "互联网"),
    ("杭州启明教育咨询有限公司", "教育培训"), ("上海佳禾零售连锁", "零售"),
    ("宁波海润机械股份有限公司", "制造业"), ("南京知行培训学校", "教育培训"),
    ("无锡锐达自动化设备有限公司", "制造业"), ("合肥星辰网络科技有限公司", "互联网"),
    ("常州恒信医疗器械有限公司", "医疗"), ("温州正泰包装材料厂", "制造业"),
    ("嘉兴绿源食品有限公司", "食品"), ("绍兴织梦纺织有限公司", "纺织"),
    ("成都天府软件园服务中心", "互联网"), ("重庆山城汽配有限公司", "制造业"),
    ("西安古都文旅发展有限公司", "文旅"), ("昆明春城花卉贸易有限公司", "零售"),
    ("贵阳数谷大数据有限公司", "互联网"), ("兰州丝路物流有限公司", "物流"),
    ("绵阳科创电子有限公司", "制造业"), ("南宁东盟商贸有限公司", "零售"),
    ("扬州瘦西湖酒店管理有限公司", "酒店"), ("徐州重工配套件有限公司", "制造业"),
    ("舟山海洋渔业合作社", "农业"), ("金华义乌小商品贸易行", "零售"),
    ("台州模塑科技有限公司", "制造业"), ("湖州竹海家居有限公司", "家居"),
    ("泉州鞋业集团有限公司", "制造业"), ("厦门鹭岛咨询有限公司", "咨询"),
    ("宜宾酒业销售有限公司", "食品"), ("遵义红色教育基地", "教育培训"),
    ("乐山大佛景区服务公司", "文旅"), ("德阳装备制造有限公司", "制造业"),
    ("自贡灯会文化传播有限公司", "文旅"), ("泸州医药连锁有限公司", "医疗"),
    ("攀枝花钒钛材料有限公司", "制造业"), ("眉山东坡餐饮管理有限公司", "餐饮"),
]
CONTACTS = ["张伟", "王芳", "刘洋", "陈静", "杨帆", "黄磊", "周婷", "吴刚", "徐丽", "孙浩"]
NEEDS = [
    "需要降低30%生产成本", "寻找线上获客渠道", "采购季前比较三家方案", "希望缩短交货周期",
    "关注售后响应速度", "需要数据看板", "预算有限，关注性价比", "计划明年扩产",
]
SUMMARIES = [
    "客户询问产品A的交货周期，答复15天", "介绍案例，客户对售后政策有疑问",
    "线上演示了方案，客户要求报价", "客户表示预算已冻结，下季度再谈",
    "拜访采购总监，确认需求与决策流程", "客户对比竞品B，关注价格",
]
ACTIONS = [
    "发送产品案例册", "安排二次拜访", "提交正式报价", "邀请参加线上直播", "电话确认决策人",
]
LOST_REASONS = ["选择了竞品B", "预算取消", "需求变更，暂不采购"]
# How far along each demo customer goes (cycled over the companies).
PATHS = [
    [], ["qualify"], ["qualify", "negotiate"], ["qualify", "negotiate", "win"],
    [], ["qualify"], ["lose"], ["qualify", "negotiate", "lose"], ["qualify"],
]


ORGANIZATION = {
    "name": "示例科技有限公司 (promoflow 演示)", "short_name": "示例科技",
    "industry": "工业软件与服务",
    "main_business": "数控机床维保、工业传感器与 MES 系统，面向华东、华西的制造业中小企业",
    "core_strengths": "本地化服务团队，48 小时上门响应；行业案例 200+",
}
CATALOGUE = [
    ("product:maintenance", "DEMO-MAINT", "数控机床维保服务", "年度维保，含 4 次上门巡检",
     "36000", "年",
     ["48 小时上门响应", "原厂备件"], ["制造业"], "设备 20 台以上", "停机损失大、维修响应慢"),
    ("product:sensor", "DEMO-SENSOR", "工业传感器套装", "温度/振动/电流 三合一，10 点位",
     "12800", "套",
     ["免布线安装", "数据直连 MES"], ["制造业", "食品"], "年产值 5000 万以上", "设备状态看不见"),
    ("product:mes", "DEMO-MES", "MES系统年费", "标准版 50 用户", "98000", "年",
     ["两周上线", "本地部署可选"], ["制造业"], "年产值 1 亿以上", "生产数据靠手工报表"),
    ("product:spares", "DEMO-SPARES", "备件包", "常用易损件 30 种", "5000", "包",
     ["当天发货"], ["制造业"], None, "备件等待时间长"),
]


def _owner(i: int) -> str:
    """The rep of demo customer i: every rep gets every stage path (9 paths, 3 reps)."""
    return REPS[(i + i // len(PATHS)) % len(REPS)]


async def _recorded(key: str, model: type[Model]) -> Any:
    """The row the demo made under `key`, or None (a record whose row is gone is dropped)."""
    record = await DemoRecord.get_or_none(key=key)
    if record is None:
        return None
    row = await model.get_or_none(id=record.object_id)
    if row is None:
        await record.delete()
    return row


async def _record(key: str, object_type: str, object_id: int) -> None:
    await DemoRecord.create(key=key, object_type=object_type, object_id=object_id)


MARKER = "demo"  # written at the first load that keeps records: no adopting after it
_adopting = False


async def _legacy(key: str, model: type[Model], object_type: str, **match: Any) -> Any:
    """A row an older demo made before it kept records (found by what only it wrote):
    adopted under `key` so an upgraded database does not get the demo twice. Only on a
    database this demo has never loaded into (no marker): after that, and after a reset,
    a row with a demo name is a user's."""
    if not _adopting:
        return None
    taken = DemoRecord.filter(object_type=object_type).values("object_id")
    row = await model.filter(**match).exclude(id__in=Subquery(taken)).order_by("id").first()
    if row is not None:
        await _record(key, object_type, row.pk)
    return row


async def _ensure_org() -> dict[str, int]:
    created = {"departments": 0, "users": 0}
    for code, name in DEPARTMENTS:
        key = f"department:{code}"
        if await _recorded(key, Department) is not None:
            continue
        if await _legacy(key, Department, "department", code=code, name=name) is not None:
            continue
        if not await Department.filter(code=code).exists():  # else: the user's own, used
            dept = await org.create_department(SYSTEM, code, name)
            await _record(key, "department", dept.id)
            created["departments"] += 1
    for username, display, role, dept_code in USERS:
        key = f"user:{username}"
        email = f"{username}@{DEMO_MAIL}"
        if await _recorded(key, User) is not None:
            continue
        if await _legacy(key, User, "user", username=username, email=email) is not None:
            continue
        if not await User.filter(username=username).exists():  # else: the user's own, used
            user = await org.create_user(
                SYSTEM, username=username, display_name=display, role=role,
                department_code=dept_code, email=email,
            )
            await _record(key, "user", user.id)
            created["users"] += 1
    return created


async def _organization() -> int:
    """The company profile, unless the database has one (set up by `promoflow init`)."""
    if await Organization.exists():
        return 0
    row = await organization.create_profile(SYSTEM, timezone=settings.current().timezone,
                                            **ORGANIZATION)
    await _record("organization", "organization", row.id)
    return 1


async def _catalogue() -> int:
    made = 0
    mkt = await _principal("mkt.chen")
    for key, code, name, spec, price, unit, points, industries, size, pains in CATALOGUE:
        if await _recorded(key, Product) is not None:
            continue
        if await Product.filter(code=code).exists():
            continue  # someone took the code: the demo does without that product
        row = await products.create(mkt, products.ProductInput(
            name=name, code=code, spec=spec, target_price=price, price_unit=unit,
            selling_points=points, target_industries=industries, target_company_size=size,
            target_pain_points=pains))
        await _record(key, "product", row.id)
        made += 1
    return made


async def _product_codes(*keys: str) -> list[str]:
    found = [await _recorded(f"product:{k}", Product) for k in keys]
    return [p.code for p in found if p is not None and p.status == "active"]


async def _principal(username: str) -> Principal:
    principal = await org.principal_for_username(username)
    assert principal is not None, username
    return principal


LIVE = "2026 新品X线上直播推广"
TRADE_SHOW = "华西行业展会"
WHITE_PAPER = "制造业降本白皮书内容营销"
DRAFT = "双十二渠道合作促销"
LIVE_CHANNELS = ("wechat_official", "douyin", "industry_forum")
PRODUCTS = ("数控机床维保服务", "工业传感器套装", "MES系统年费", "备件包")  # order lines


def _line(category: str, description: str, amount: str,
          channel: str | None = None) -> campaigns.BudgetLineInput:
    return campaigns.BudgetLineInput(category=category, description=description, amount=amount,
                                     channel=channel)


async def _channel_metrics(actor: Principal, live: Campaign, today: date) -> None:
    """Two weeks of the platforms' daily figures for the running campaign's online
    channels, so that channelKpis answers from the start (deterministic)."""
    from engine.services import channel_metrics
    from engine.services.channel_metrics import MetricValue

    rng = random.Random(20261204)
    day = max(live.start_date, today - timedelta(days=14))
    while day < today:
        for channel, scale in (("douyin", 3), ("wechat_official", 1)):
            uv = rng.randint(300, 600) * scale
            figures = {"impressions": uv * rng.randint(12, 20), "clicks": uv + rng.randint(0, 90),
                       "uv": uv, "pv": uv * rng.randint(2, 4),
                       "new_visitors": uv * rng.randint(55, 75) // 100,
                       "add_to_cart": uv * rng.randint(4, 9) // 100,
                       "favourites": uv * rng.randint(2, 5) // 100,
                       "traffic_search": uv * 30 // 100, "traffic_recommendation": uv * 40 // 100,
                       "traffic_paid": uv * 20 // 100, "traffic_other": uv - uv * 90 // 100}
            if channel == "douyin":
                figures["spend"] = rng.randint(800, 1500)
            await channel_metrics.record(actor, live.id, channel, day, [
                MetricValue(metric, str(value)) for metric, value in figures.items()])
        day += timedelta(days=1)


async def _campaigns(today: date) -> int:
    """Four campaigns: one running (approved, with tasks, KPIs and an exception), one
    waiting for the west manager, one waiting for the director, one draft."""
    made = 0
    mkt, admin = await _principal("mkt.chen"), await _principal("admin")
    start, end = today - timedelta(days=20), today + timedelta(days=20)
    if await _campaign("campaign:live", LIVE) is None:
        live = await campaigns.create(mkt, campaigns.CampaignInput(
            name=LIVE, campaign_type="live_stream", start_date=start, end_date=end,
            channels=list(LIVE_CHANNELS), product_codes=await _product_codes("sensor", "mes"),
            target_audience="制造业中小企业负责人，年采购额50万以上",
            goals=[campaigns.GoalInput("new_leads", "200"),
                   campaigns.GoalInput("revenue", "500000"),
                   campaigns.GoalInput("viewers", "5000")],
            budget_lines=[_line("materials", "宣传册与演示视频", "5000"),
                          _line("host", "主播费用", "8000"),
                          _line("platform_promotion", "抖音平台推广", "20000", "douyin")],
            phases=[
                campaigns.PhaseInput("preparation", start, start + timedelta(days=6), [
                    campaigns.TaskInput("撰写直播脚本", "mkt.chen", start,
                                        start + timedelta(days=4), key="script")]),
                campaigns.PhaseInput("warm_up", start + timedelta(days=7),
                                     today + timedelta(days=3), [
                    campaigns.TaskInput("电话邀约客户参会", "rep.li", start + timedelta(days=7),
                                        today - timedelta(days=2), key="invite",
                                        depends_on=["script"]),
                    campaigns.TaskInput("发布预热海报", "mkt.chen", start + timedelta(days=7),
                                        today + timedelta(days=3), key="poster",
                                        depends_on=["script"])]),
                campaigns.PhaseInput("execution", today + timedelta(days=4),
                                     today + timedelta(days=10), [
                    campaigns.TaskInput("直播执行", "mkt.chen", today + timedelta(days=4),
                                        today + timedelta(days=4), key="live",
                                        depends_on=["invite", "poster"])]),
                campaigns.PhaseInput("review", today + timedelta(days=11), end, [
                    campaigns.TaskInput("复盘会", "mgr.east", end - timedelta(days=3), end,
                                        depends_on=["live"])]),
            ],
            collaborators=[campaigns.CollaboratorInput("技术部", "直播支持"),
                           campaigns.CollaboratorInput("设计部", "物料制作")],
        ))
        await _record("campaign:live", "campaign", live.id)
        await approvals.submit(mkt, live.id)
        await approvals.approve(await _principal("mgr.east"), live.id, comment="同意")
        by_title = {t.title: t for t in await Task.filter(campaign_id=live.id)}
        for title in ("撰写直播脚本",):
            await task_service.fire(mkt, by_title[title].id, "start")
            await task_service.fire(mkt, by_title[title].id, "complete")
        await task_service.fire(await _principal("rep.li"), by_title["电话邀约客户参会"].id,
                                "start")
        await task_service.fire(mkt, by_title["发布预热海报"].id, "start")
        week = today - timedelta(days=today.weekday() + 14)
        # new leads and revenue are computed from the customers; viewers are recorded
        for value in ("900", "400"):  # plan ≈ 854 a week: on track, then far behind
            if week >= start:
                await kpis.record(mkt, live.id, metric="viewers", granularity="week",
                                  period_start=week, value=value)
            week += timedelta(days=7)
        await _channel_metrics(mkt, live, today)
        incident = await incidents.report(mkt, incidents.IncidentInput(
            campaign_id=live.id, problem="预热海报曝光量不足", cause="投放时段选择不当",
            impact="留资进度落后计划", proposed_solution="增加付费推广，调整投放时段",
            severity="medium"))
        await incidents.fire(mkt, incident.id, "acknowledge")
        made += 1
    if await _campaign("campaign:trade_show", TRADE_SHOW) is None:
        show = await campaigns.create(admin, campaigns.CampaignInput(
            name=TRADE_SHOW, campaign_type="trade_show", start_date=today + timedelta(days=30),
            end_date=today + timedelta(days=33), channels=["trade_show", "wechat_official"],
            owner_username="mgr.west", department_code="west",
            goals=[campaigns.GoalInput("consultations", "300")],
            budget_lines=[_line("venue", "展位费", "60000"),
                          _line("materials", "展台搭建", "45000"),
                          _line("travel", "差旅", "15000")],
            product_codes=await _product_codes("maintenance", "spares")))
        await _record("campaign:trade_show", "campaign", show.id)
        await approvals.submit(admin, show.id)
        made += 1
    if await _campaign("campaign:white_paper", WHITE_PAPER) is None:
        paper = await campaigns.create(mkt, campaigns.CampaignInput(
            name=WHITE_PAPER, campaign_type="content_marketing", start_date=today,
            end_date=today + timedelta(days=60), channels=["website", "linkedin", "email"],
            goals=[campaigns.GoalInput("new_leads", "150")],
            budget_lines=[_line("production", "白皮书撰写与设计", "80000"),
                          _line("platform_promotion", "LinkedIn 推广", "180000")]))
        await _record("campaign:white_paper", "campaign", paper.id)
        await approvals.submit(mkt, paper.id)
        await approvals.approve(await _principal("mgr.east"), paper.id, comment="内容方向认可")
        made += 1
    if await _campaign("campaign:draft", DRAFT) is None:
        draft = await campaigns.create(mkt, campaigns.CampaignInput(
            name=DRAFT, campaign_type="channel_partnership", start_date=today + timedelta(days=15),
            end_date=today + timedelta(days=25), channels=["partner", "sms"],
            budget_lines=[_line("partner_fees", "渠道返点", "30000")]))
        await _record("campaign:draft", "campaign", draft.id)
        made += 1
    return made


async def _demo_user_ids() -> list[int]:
    records = await DemoRecord.filter(object_type="user")
    return [r.object_id for r in records]


async def _campaign(key: str, name: str) -> Campaign | None:
    found = await _recorded(key, Campaign)
    if found is None:
        found = await _legacy(key, Campaign, "campaign", name=name,
                              created_by_id__in=await _demo_user_ids())
    return cast(Campaign | None, found)


def _customer_key(i: int) -> str:
    return f"customer:{i + 1:02d}"


async def _customer(i: int, company: str) -> Customer | None:
    found = await _recorded(_customer_key(i), Customer)
    if found is None:
        reps = [u.id for u in await User.filter(username__in=REPS)]
        # the oldest: the demo loaded before anyone could type a name of it
        found = await _legacy(_customer_key(i), Customer, "customer", name=company,
                              external_id=None, owner_id__in=reps)
    return cast(Customer | None, found)


async def load() -> dict[str, int]:
    """Create whatever part of the demo organisation is missing; returns what was made.

    Every row it makes is recorded under a stable key of its own (DemoRecord), and that
    is how it finds them again: never by a name a user may have typed too.
    """
    global _adopting
    _adopting = not await DemoRecord.filter(key=MARKER).exists()
    if _adopting:
        await _record(MARKER, "marker", 0)
    try:
        return await _load()
    finally:
        _adopting = False


async def _load() -> dict[str, int]:
    created = await _ensure_org()
    created["organization"] = await _organization()
    created["products"] = await _catalogue()
    zone = settings.current().zone
    created["campaigns"] = await _campaigns(clock.local_date(clock.now(), zone))
    live = await _campaign("campaign:live", LIVE)
    created.update({"customers": 0, "follow-ups": 0})
    today = clock.local_date(clock.now(), zone)
    interests = await _product_codes("maintenance", "sensor", "mes", "spares")
    for i, (company, industry) in enumerate(COMPANIES):
        if await _customer(i, company) is not None:
            continue
        # one generator per customer: a half-loaded demo completes with what a fresh one has
        rng = random.Random(20261123 * 100 + i)
        sources = rng.sample(list(CustomerSource)[:8], k=1 + i % 2)
        phone = f"1{rng.randint(3, 9)}{rng.randint(100000000, 999999999)}"
        owner = await _principal(_owner(i))
        customer = await customers.create(
            owner,
            customers.CustomerInput(
                name=company,
                industry=industry,
                contact_name=CONTACTS[i % len(CONTACTS)],
                contact_phone=phone,
                contact_email=f"contact{i + 1:02d}@example.cn" if i % 3 else None,
                contact_wechat=f"wx_demo_{i + 1:02d}" if i % 2 else None,
                needs_summary=NEEDS[i % len(NEEDS)],
                sources=[s.value for s in sources],
                notes="决策人为采购总监" if i % 4 == 0 else None,
                source_campaign_code=live.code if live is not None and i % 3 == 0 else None,
                source_channel=LIVE_CHANNELS[(i // 3) % len(LIVE_CHANNELS)]
                if live is not None and i % 3 == 0 else None,
                product_codes=[interests[i % len(interests)]] if interests and i % 4 == 0
                else None,
            ),
        )
        await _record(_customer_key(i), "customer", customer.id)
        created["customers"] += 1
        for event in PATHS[i % len(PATHS)]:
            customer = await customers.advance_stage(
                owner, customer.id, event,
                reason=LOST_REASONS[i % len(LOST_REASONS)] if event == "lose" else None,
                deal_amount=Decimal(rng.randrange(20_000, 500_000, 1000)) if event == "win"
                else None,
            )
        for j in range(1 + i % 3):
            contact_day = today - timedelta(days=rng.randint(3, 20) - j)
            # About a third of the open actions are already past due.
            due_day = (contact_day + timedelta(days=rng.randint(1, 3)) if (i + j) % 3 == 0
                       else today + timedelta(days=rng.randint(1, 10)))
            row = await follow_ups.create(
                owner,
                follow_ups.FollowUpInput(
                    customer_id=customer.id, customer_code=None,
                    method=list(FollowUpMethod)[(i + j) % len(FollowUpMethod)].value,
                    summary=SUMMARIES[(i + j) % len(SUMMARIES)],
                    feedback=list(Feedback)[(i + j) % len(Feedback)].value,
                    next_action=ACTIONS[(i + j) % len(ACTIONS)],
                    due_date=due_day,
                    follow_up_date=min(contact_day, today),
                ),
            )
            created["follow-ups"] += 1
            if j == 0 and i % 5 == 1:
                await follow_ups.complete(owner, row.id, note="已发送资料")
    created["orders"] = await _orders(today)
    if live is not None:
        await _live_effect(live.id)
    # the channel-expansion plan and an RFM recall of six weeks ago (engine/demo_plan.py)
    created.update(await demo_plan.load(today, adopting=_adopting))
    # what is already past due gets its first escalation step, as a worker would apply it
    await escalation.apply_due()
    return created


async def _orders(today: date) -> int:
    """Two years of purchases for the demo customers (RFM and the recall list need them):
    most buy now and then, some stopped a year ago (the ones worth recalling)."""
    made = 0
    for i, (company, _) in enumerate(COMPANIES):
        customer = await _customer(i, company)
        if customer is None or await CustomerOrder.filter(customer_id=customer.id).exists():
            continue
        owner = await _principal((await User.get(id=customer.owner_id)).username)
        rng = random.Random(i)
        dormant = i % 4 == 3
        for k in range(1 + (i * 7) % 6):
            back = rng.randint(380, 700) if dormant else rng.randint(5, 700)
            await rfm.record_order(owner, rfm.OrderInput(
                customer_id=customer.id, order_date=today - timedelta(days=back),
                amount=Decimal(rng.randrange(2_000, 80_000, 100)),
                product=PRODUCTS[(i + k) % len(PRODUCTS)],
                external_id=f"DEMO-{customer.code}-{k + 1}"))
            made += 1
    return made


async def _live_effect(campaign_id: int) -> None:
    """What the running campaign has spent so far and its owner's review notes."""
    mkt = await _principal("mkt.chen")
    spent = {"materials": "4800", "host": "8000", "platform_promotion": "16500"}
    for line in await BudgetLine.filter(campaign_id=campaign_id, spent=0):
        if line.category in spent:
            await analytics.record_spend(mkt, line.id, spent[line.category])
    if not await CampaignReview.filter(campaign_id=campaign_id).exists():
        await analytics.set_review(mkt, campaign_id, highlights="直播观看人数超预期，抖音留资最多",
                                   problems="预热海报曝光不足，公众号转化偏低",
                                   suggestions="预热期加投抖音，公众号改为案例推送")
