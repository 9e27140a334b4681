"""Demo work in progress: drafts at every review step and disclosure requests in every queue.

Historical requests (2024–2025, replied) come in through the ledger importer, as an office migrating
its 台账 would load them; open requests are registered through the same services staff use, dated
relative to today so the queues (overdue, due soon, new) always have something in them.
"""

from __future__ import annotations

import json
import random
import tempfile
from datetime import date, timedelta
from io import StringIO

from django.contrib.auth import get_user_model

from gongkai.catalog.models import Column
from gongkai.documents.services import create_draft
from gongkai.foi import letters
from gongkai.foi.choices import Outcome
from gongkai.foi.importer import import_requests
from gongkai.foi.services import register_request, submit_online_request
from gongkai.orgs.models import Organization
from gongkai.review.rules import Action
from gongkai.review.services import transition

# Outcomes in the proportions county reports show: most granted, a few not held, one or two withheld.
LEDGER_OUTCOMES = [
    "granted", "granted", "granted", "granted", "partially_granted", "unavailable_not_held",
    "unavailable_not_held", "withheld_process_info", "withheld_third_party", "rejected_repeated",
    "other_no_correction", "unavailable_needs_creation",
]
APPLICANT_TYPES = ["natural_person"] * 6 + ["commercial_enterprise", "legal_service_org", "other_org"]
CHANNELS = ["online", "online", "online", "in_person", "mail_registered", "email"]

OPEN_REQUESTS = [
    # (working-day-ish age in calendar days, channel, applicant name, description)
    (34, "in_person", "王秀英", "申请公开2026年龙家圈街道耕地地力保护补贴发放名单及补贴标准。"),
    (24, "mail_registered", "沂水县某建材有限公司", "申请公开2026年街道辖区内砂石资源整治工作方案及验收结果。"),
    (9, "email", "刘建国", "申请公开龙家圈街道2025年度城乡低保对象审批程序及公示材料（已去除个人信息部分）。"),
    (2, "in_person", "赵敏", "申请获取街道办事处关于农村人居环境整治专项资金的使用明细。"),
]

DRAFTS = [
    # (title, column slug, doc number, steps approved, action after, comment)
    ("关于做好2026年冬季森林防火工作的通知", "normative", "龙街办发〔2026〕31号", None, None, ""),
    ("龙家圈街道2026年第三季度行政执法信息公示", "law-enforcement", "", 0, None, ""),
    ("关于调整街道社会救助工作领导小组成员的通知", "other-docs", "龙街办发〔2026〕29号", 2, None, ""),
    ("龙家圈街道召开冬春农田水利建设动员会", "news", "", 0, Action.RETURN, "请补充会议召开日期和参会单位，删去个人联系电话后再提交。"),
]


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _ledger(org: Organization, today: date) -> None:
    rng = random.Random(2025)
    rows, seq = [], 0
    for year, count in ((2024, 9), (2025, 12)):
        for _ in range(count):
            seq += 1
            received = date(year, 1, 8) + timedelta(days=rng.randrange(330))
            replied = received + timedelta(days=rng.randint(3, 26))
            rows.append({
                "number": f"LJQ-{year}-{seq:03d}", "applicant_type": rng.choice(APPLICANT_TYPES),
                "channel": rng.choice(CHANNELS), "received_on": received.isoformat(),
                "outcome": rng.choice(LEDGER_OUTCOMES), "replied_on": replied.isoformat(),
            })
    # Received before the year's end, replied after it: carried forward in 2025, carried over into 2026.
    rows.append({"number": "LJQ-2025-099", "applicant_type": "natural_person", "channel": "mail_registered",
                 "received_on": "2025-12-22", "outcome": "granted", "replied_on": "2026-01-12"})
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=True) as handle:
        handle.write("\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
        handle.flush()
        import_requests(handle.name, org.code, StringIO(), StringIO())


def _open_requests(org: Organization, today: date) -> None:
    handler = _user("ljq_handler")
    for age, channel, name, description in OPEN_REQUESTS:
        submitted = today - timedelta(days=age)
        fields = {
            "applicant_type": "natural_person" if len(name) <= 3 else "commercial_enterprise",
            "name": name, "id_type": "resident_id" if len(name) <= 3 else "credit_code",
            "id_number": "11010519491231002X" if len(name) <= 3 else "91371323MA3C4K8L1W",
            "phone": "13905391234", "description": description, "delivery": "electronic",
        }
        dates = {"mail_registered": "signed_on", "email": "confirmed_on"}.get(channel, "submitted_on")
        register_request(actor=handler, org=org, channel=channel, fields=fields, **{dates: submitted},
                         backdate_reason="纸质申请收到后未及时登记，现补录")
    submit_online_request(org=org, fields={
        "applicant_type": "natural_person", "name": "孙丽", "id_type": "resident_id",
        "id_number": "11010519491231002X", "phone": "13905398888", "delivery": "electronic",
        "description": "申请公开龙家圈街道2026年度政务公开工作要点及落实情况。",
    })
    # One request with its reply drafted and waiting for review.
    oldest_open = org.disclosure_requests.filter(replied_on=None).order_by("received_on").first()
    letters.draft_reply(oldest_open, actor=handler, outcome=Outcome.GRANTED)


def _drafts(org: Organization) -> None:
    officer = _user("ljq_officer")
    reviewers = [_user("ljq_office"), _user("ljq_leader"), _user("ljq_secrecy")]
    columns = {c.slug: c for c in Column.objects.filter(org=org)}
    for title, slug, number, approvals, after, comment in DRAFTS:
        doc = create_draft(
            actor=officer, org=org, column=columns[slug], title=title, doc_number=number,
            body=f"<p>{title}。</p><p>本件为演示草稿，正文由信息员起草后提交党政办初审。</p>",
        )
        if approvals is None:
            continue
        transition(actor=officer, document=doc, action=Action.SUBMIT)
        for reviewer in reviewers[:approvals]:
            transition(actor=reviewer, document=doc, action=Action.APPROVE, comment="同意。")
        if after == Action.RETURN:
            transition(actor=reviewers[approvals], document=doc, action=Action.RETURN, comment=comment)


def _participation(org: Organization, today: date) -> None:
    """A published question with its answer, an open consultation with a comment, and an open survey."""
    from gongkai.interaction.models import Comment
    from gongkai.interaction.services import messages, solicitations, surveys

    officer = _user("ljq_officer")
    message, _code = messages.submit_message(
        org=org, kind="consult", name="李桂兰", contact="13905398765", topic="城乡居民医保在哪里缴费",
        content="请问今年城乡居民医保集中缴费到什么时候截止？行动不便的老人可以请家人代缴吗？")
    messages.answer(actor=officer, item=message, text=(
        "您好：本年度集中缴费期截至12月31日，可通过手机银行、税务小程序或到社区便民服务点缴纳；"
        "家人持老人身份证号即可代缴。"))
    messages.publish_message(actor=officer, message=message)
    messages.submit_message(org=org, kind="suggest", name="周强", contact="13905397777", topic="村口路灯",
                            content="建议在后岭村村口增设两盏路灯，晚上接送孩子不安全。")

    solicitation = solicitations.create_solicitation(
        actor=officer, org=org, title="龙家圈街道农村人居环境整治实施方案（征求意见稿）",
        body="<p>为改善农村人居环境，街道拟开展以下工作，现公开征求意见。</p>"
             "<p>一、每个村设置不少于两处垃圾分类收集点。</p><p>二、村内主干道两侧实行门前三包责任制。</p>",
        starts_on=today - timedelta(days=5), ends_on=today + timedelta(days=25))
    solicitation = solicitations.publish_solicitation(actor=officer, solicitation=solicitation)
    comment = solicitations.submit_comment(solicitation=solicitation, name="赵建国",
                                           content="建议收集点设在村口，方便老人投放。")
    solicitations.moderate_comment(actor=officer, comment=Comment.objects.get(pk=comment.pk), approve=True)

    survey = surveys.create_survey(
        actor=officer, org=org, title="便民服务中心满意度调查", intro="请根据您最近一次办事的感受作答。",
        starts_on=today - timedelta(days=2), ends_on=today + timedelta(days=30),
        outline="[单选] 您对窗口服务态度是否满意？\n- 满意\n- 基本满意\n- 不满意\n"
                "[多选] 您通过哪些渠道了解办事指南？\n- 政府网站\n- 微信公众号\n- 窗口咨询\n[文字] 您的其他建议")
    survey = surveys.publish_survey(actor=officer, survey=survey)
    single, multiple, _text = survey.questions.all()
    choices, channels = list(single.choices.all()), list(multiple.choices.all())
    for pick, chosen in ((0, [0, 1]), (0, [2]), (1, [0]), (0, [0]), (2, [2])):
        surveys.submit_response(survey=survey, answers={single.pk: [choices[pick].pk],
                                                        multiple.pk: [channels[i].pk for i in chosen]})


def build_activity(today: date) -> None:
    org = Organization.objects.get(code="yishuiljqz2322108")
    _ledger(org, today)
    _open_requests(org, today)
    _drafts(org)
    _participation(org, today)
