"""Generate N realistic Chinese government documents as the JSONL of contracts.md "Import".

Vocabulary and structure follow the seeds (/work/shared/seeds): 实施方案/通知/工作要点 with numbered
sections, 发文字号 like 龙街办发〔2023〕12号, 索引号 like yishuiljqz2322108/2023-0000352. Output is
deterministic for a given seed. The 30 relevance documents of relevance.json are planted first.

    python -m bench.search.generate --n 20000 --out var/bench/docs.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

from .relevance import PLANTED

AGENCIES = [
    ("沂水县人民政府", "沂政发", "yishui"), ("沂水县人民政府办公室", "沂政办发", "yishui"),
    ("沂水县龙家圈街道办事处", "龙街办发", "longjiaquan"), ("沂水县沙沟镇人民政府", "沙政发", "shagou"),
    ("沂水县许家湖镇人民政府", "许政发", "xujiahu"), ("沂水县高桥镇人民政府", "高政发", "gaoqiao"),
    ("沂水县农业农村局", "沂农发", "nongye"), ("沂水县教育和体育局", "沂教体发", "jiaoyu"),
    ("沂水县卫生健康局", "沂卫健发", "weijian"), ("沂水县生态环境分局", "沂环发", "huanjing"),
    ("沂水县水利局", "沂水利发", "shuili"), ("沂水县应急管理局", "沂应急发", "yingji"),
]
TOPICS = [
    "政务公开", "政府信息公开", "依申请公开", "安全生产", "森林防火", "防汛抗旱", "秸秆禁烧", "河长制",
    "乡村振兴", "人居环境整治", "营商环境", "放管服改革", "双随机一公开", "社会救助", "最低生活保障",
    "医疗保障", "退役军人服务", "疫情防控", "基层治理", "网格化管理", "农村饮水安全", "耕地保护",
    "校园安全", "食品安全", "消防安全", "道路交通安全", "文明城市创建", "新时代文明实践", "特困供养",
    "困难群众救助", "城乡居民医保", "义务教育", "农村危房改造", "高标准农田建设", "生态环境保护",
]
ACTIONS = ["关于做好", "关于开展", "关于印发", "关于进一步加强", "关于全面推进", "关于切实抓好", "关于调整"]
SUFFIX = {
    "通知": ["工作的通知", "专项行动的通知", "检查的通知"], "方案": ["工作实施方案", "专项整治方案"],
    "意见": ["工作的实施意见", "的指导意见"], "报告": ["工作情况的报告", "年度工作报告"], "公告": ["有关事项的公告"],
    "计划": ["年度工作计划"], "工作动态": ["工作取得新进展", "工作推进会召开"],
}
GENRE_WEIGHTS = {"通知": 40, "方案": 15, "意见": 10, "报告": 10, "公告": 8, "计划": 7, "工作动态": 10}
SUBJECTS = ["综合政务", "农业、林业、水利", "安全生产监管", "民政、扶贫、救灾", "卫生、体育", "教育", "环境监测、保护与治理", "其他"]
VALIDITY = ["in_force"] * 6 + [""] * 3 + ["expired", "repealed"]
SECTIONS = ["一、总体要求", "二、基本原则", "三、主要任务", "四、工作步骤", "五、保障措施"]
SENTENCES = [
    "以习近平新时代中国特色社会主义思想为指导，坚持以人民为中心的发展思想。",
    "各单位要提高思想认识，加强组织领导，明确责任分工，确保{t}各项任务落到实处。",
    "坚持以公开为常态、不公开为例外，遵循公正、公平、合法、便民的原则。",
    "围绕群众关注关切，及时准确发布{t}相关信息，主动回应社会关切。",
    "建立健全{t}工作台账，实行月调度、季通报制度，对工作不力的单位进行通报。",
    "各村（社区）要结合实际，制定具体措施，于每月底前将{t}工作进展报送党政办公室。",
    "加大宣传力度，通过政务公开栏、微信公众号等多种渠道，提高群众知晓率和参与度。",
    "规范依申请公开受理、审查、处理、答复等各个环节的工作流程，按时限答复申请人。",
    "强化监督检查，将{t}工作纳入年度综合考核，考核结果作为评先树优的重要依据。",
    "对群众反映的突出问题，要建立问题清单、责任清单和整改清单，限期整改到位。",
    "做好资金保障，严格资金管理，确保专款专用，提高资金使用效益。",
    "加强部门协作，形成工作合力，推动{t}工作常态化、制度化、规范化。",
]


def make_document(rng: random.Random, n: int, index_seq: dict) -> dict:
    agency, prefix, org = rng.choice(AGENCIES)
    genre = rng.choices(list(GENRE_WEIGHTS), weights=list(GENRE_WEIGHTS.values()))[0]
    topic = rng.choice(TOPICS)
    year = rng.choice(range(2014, 2026))
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    title = f"{rng.choice(ACTIONS)}{year}年{topic}{rng.choice(SUFFIX[genre])}"
    if genre == "工作动态":
        title = f"{agency.removeprefix('沂水县')}{topic}{rng.choice(SUFFIX[genre])}"
    key = (prefix, year)
    index_seq[key] = index_seq.get(key, 0) + 1
    seq = index_seq[key]
    paragraphs = []
    for section in rng.sample(SECTIONS, k=rng.randint(2, 5)):
        paragraphs.append(f"<h3>{section}</h3>")
        sents = [s.format(t=rng.choice([topic, topic, rng.choice(TOPICS)])) for s in rng.sample(SENTENCES, k=rng.randint(3, 7))]
        paragraphs.append("<p>" + "".join(sents) + "</p>")
    doc = {
        "title": title,
        "body": "\n".join(paragraphs),
        "agency": agency,
        "doc_number": f"{prefix}〔{year}〕{seq}号" if genre != "工作动态" else "",
        "index_number": f"{org}/{year}-{n:07d}",
        "written_on": f"{year}-{month:02d}-{day:02d}",
        "published_on": f"{year}-{month:02d}-{min(day + 2, 28):02d}",
        "subject": rng.choice(SUBJECTS),
        "genre": genre,
        "validity": rng.choice(VALIDITY) if genre not in ("工作动态", "报告") else "",
    }
    return doc


def generate(n: int, seed: int = 20240601) -> Iterator[tuple[str, dict]]:
    """(org code, document) pairs: the planted relevance documents, then generated ones."""
    rng = random.Random(seed)
    index_seq: dict = {}
    for doc in PLANTED:
        yield doc["org"], {k: v for k, v in doc.items() if k != "org"}
    for i in range(max(0, n - len(PLANTED))):
        doc = make_document(rng, i, index_seq)
        org = next(a[2] for a in AGENCIES if a[0] == doc["agency"])
        yield org, doc


ORGS = {code: name for name, _prefix, code in AGENCIES if not name.endswith("办公室")}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=20000)
    p.add_argument("--seed", type=int, default=20240601)
    p.add_argument("--out", type=Path, help="one JSONL per organization: OUT-<org>.jsonl (default: stdout, all)")
    args = p.parse_args(argv)
    if args.out is None:
        for _org, doc in generate(args.n, args.seed):
            sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
        return 0
    files = {}
    try:
        for org, doc in generate(args.n, args.seed):
            if org not in files:
                files[org] = open(f"{args.out}-{org}.jsonl", "w", encoding="utf-8")  # noqa: SIM115
            files[org].write(json.dumps(doc, ensure_ascii=False) + "\n")
    finally:
        for f in files.values():
            f.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
