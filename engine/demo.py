"""The demo organisation (`promoflow demo`): idempotent, built through the services.

Departments east and west; users admin, mgr.east, mgr.west, rep.li, rep.wang (east),
rep.zhao (west), mkt.chen, dir.sun, fin.qian; three dozen customers over the reps and
stages, with follow-ups, some of them overdue. Every record is made by the same service
calls a portal would make, so the demo has a real audit trail.
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from engine import clock, jobs, settings
from engine.authz import SYSTEM, Principal
from engine.models import Customer, Department, User
from engine.models.enums import CustomerSource, Feedback, FollowUpMethod
from engine.services import customers, follow_ups, org

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


async def _ensure_org() -> dict[str, int]:
    created = {"departments": 0, "users": 0}
    for code, name in DEPARTMENTS:
        if not await Department.filter(code=code).exists():
            await org.create_department(SYSTEM, code, name)
            created["departments"] += 1
    for username, display, role, dept in USERS:
        if not await User.filter(username=username).exists():
            await org.create_user(
                SYSTEM, username=username, display_name=display, role=role,
                department_code=dept, email=f"{username}@demo.promoflow.local",
            )
            created["users"] += 1
    return created


async def _principal(username: str) -> Principal:
    principal = await org.principal_for_username(username)
    assert principal is not None, username
    return principal


async def load() -> dict[str, int]:
    """Create whatever part of the demo organisation is missing; returns what was made."""
    created = await _ensure_org()
    created.update({"customers": 0, "follow-ups": 0})
    rng = random.Random(20261123)
    zone = settings.current().zone
    today = clock.local_date(clock.now(), zone)
    for i, (company, industry) in enumerate(COMPANIES):
        if await Customer.filter(name=company).exists():
            continue
        owner = await _principal(REPS[i % len(REPS)])
        sources = rng.sample(list(CustomerSource)[:8], k=1 + i % 2)
        customer = await customers.create(
            owner,
            customers.CustomerInput(
                name=company,
                industry=industry,
                contact_name=CONTACTS[i % len(CONTACTS)],
                contact_phone=f"1{rng.randint(3, 9)}{rng.randint(100000000, 999999999)}",
                contact_email=f"contact{i + 1:02d}@example.cn" if i % 3 else None,
                contact_wechat=f"wx_demo_{i + 1:02d}" if i % 2 else None,
                needs_summary=NEEDS[i % len(NEEDS)],
                sources=[s.value for s in sources],
                notes="决策人为采购总监" if i % 4 == 0 else None,
            ),
        )
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
    await jobs.sweep_overdue_follow_ups()
    return created
