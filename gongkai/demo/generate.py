"""Generated demo items that fill column lists: plausible titles, numbers and short bodies.

Deterministic (fixed random seed) so every `make demo` shows the same site.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

TOPICS = [
    "安全生产", "森林防火", "秸秆禁烧", "乡村振兴", "农村人居环境整治", "防汛抗旱", "消防安全", "食品安全",
    "河长制", "双随机一公开", "营商环境", "社会救助", "养老服务", "义务教育", "耕地保护", "燃气安全",
    "文明城市创建", "退役军人服务", "医疗保障", "就业创业",
]
NEWS_VERBS = ["召开{t}工作推进会", "开展{t}专项检查", "部署{t}重点工作", "组织{t}业务培训", "开展{t}宣传活动"]
POLICY_TITLES = [
    "关于做好{y}年{t}工作的通知", "关于印发《{y}年{t}工作方案》的通知", "关于进一步加强{t}工作的意见",
    "关于开展{t}专项行动的通知",
]
GENERIC = {
    "finance": ["{y}年部门预算公开说明", "{y}年部门决算公开说明", "{y}年“三公”经费预算情况说明"],
    "plans": ["{y}年{t}工作计划", "{y}年政务公开工作要点"],
    "appointments": ["关于{n}名同志职务任免的通知"],
    "emergency-plans": ["{t}突发事件应急预案（{y}年修订）"],
    "law-enforcement": ["{y}年第{q}季度行政执法信息公示", "{y}年行政执法统计年报"],
    "social-assistance": ["{y}年{m}月城乡低保和特困供养资金发放情况公示", "{y}年临时救助对象公示"],
    "elderly-care": ["{y}年高龄津贴发放情况公示", "{y}年养老服务机构名单"],
    "land": ["{y}年第{q}批次建设用地征收补偿安置公示"],
    "fees": ["{y}年行政事业性收费项目目录清单"],
    "services": ["{t}事项办事指南"],
}
PARAGRAPHS = [
    "为贯彻落实上级关于{t}工作的部署，{o}结合辖区实际，对相关工作作出安排。",
    "会议强调，各责任单位要压实主体责任，细化工作措施，确保各项任务按期完成。",
    "{o}成立工作专班，分片包靠、责任到人，截至目前已完成排查{n}处，整改问题{k}项。",
    "下一步，{o}将持续做好{t}相关工作，定期通报进展，接受群众监督。",
    "群众如有意见建议，可通过政务咨询栏目或工作日到政务服务大厅反映。",
]


def _date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def generate(agency: str, short: str, abbr: str, columns: list[tuple[str, str]], *, today: date, count: int,
             seed: int) -> list[dict]:
    """``count`` items for one organization spread over its leaf ``columns`` (slug, kind)."""
    rng = random.Random(seed)
    items: list[dict] = []
    numbers: dict[int, int] = {}
    start = date(2023, 1, 3)
    # The news column gets the lion's share so its list needs pagination, as on real sites.
    weights = [6 if kind == "news" else 1 for _slug, kind in columns]
    for _ in range(count):
        slug, kind = rng.choices(columns, weights=weights)[0]
        day = _date(rng, start, today)
        topic = rng.choice(TOPICS)
        doc_number, genre, validity = "", "工作动态", ""
        if kind == "news":
            title = short + rng.choice(NEWS_VERBS).format(t=topic)
        elif kind == "policy" or slug in ("normative", "gov-docs", "party-docs", "other-docs", "notices"):
            title = rng.choice(POLICY_TITLES).format(y=day.year, t=topic)
            numbers[day.year] = numbers.get(day.year, 0) + 1
            doc_number = f"{abbr}〔{day.year}〕{numbers[day.year]}号"
            genre = "意见" if "意见" in title else "通知"
            validity = "有效" if day.year >= 2025 else rng.choice(["有效", "有效", "失效"])
            if slug == "normative":
                genre = "行政规范性文件"
        else:
            pattern = rng.choice(GENERIC.get(slug, ["{y}年{t}工作情况"]))
            title = pattern.format(y=day.year, t=topic, n=rng.randint(2, 6), q=rng.randint(1, 4), m=day.month)
            genre = "其他"
        body = "\n".join(
            PARAGRAPHS[i].format(t=topic, o=short, n=rng.randint(12, 260), k=rng.randint(3, 40))
            # Keep the paragraphs in reading order: background, measures, progress, next steps.
            for i in sorted(rng.sample(range(len(PARAGRAPHS)), k=rng.randint(3, 5)))
        )
        items.append({
            "title": title, "body": body, "agency": agency,
            "doc_number": doc_number, "published_on": day.isoformat(),
            "written_on": (day - timedelta(days=rng.randint(0, 6))).isoformat() if doc_number else None,
            "subject": rng.choice(["综合政务", "农业、林业、水利", "城乡建设、环境保护", "民政、扶贫、救灾",
                                   "教育", "卫生、体育", "安全生产监管"]),
            "genre": genre, "validity": validity, "column": slug,
        })
    return items
