"""Demo entries of the registers, through their own services so every entry is also in the register (登记簿).

Builds, once: normative documents in every state with a clean-up in progress, two published gazette
issues and a draft one, a power list in two versions, service guides, the county's decision catalog
and published replies to suggestions and proposals. Call after build() (organizations and accounts).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.catalog.models import Column
from gongkai.decisions import services as decisions
from gongkai.decisions.models import Stage, StageState
from gongkai.documents import services as documents
from gongkai.documents.models import Document, Genre
from gongkai.gazette import services as gazette
from gongkai.guides import services as guides
from gongkai.normative import services as normative
from gongkai.normative import services_cleanup as cleanup
from gongkai.normative.models import CleanupCampaign, Decision, NormativeDocument
from gongkai.normative.rules import LifecycleAction
from gongkai.orgs.models import Organization
from gongkai.powers import services as powers
from gongkai.proposals import services as proposals

from . import registers_data as data

ARTICLE_NUMBERS = "一二三四五六七八九十"


def _body(articles: list[str]) -> str:
    return "".join(f"<p>第{ARTICLE_NUMBERS[i]}条 {text}</p>" for i, text in enumerate(articles)) + (
        f"<p>第{ARTICLE_NUMBERS[len(articles)]}条 本办法自印发之日起施行。</p>")


def _column(org: Organization, *slugs: str) -> Column:
    for slug in slugs:
        column = Column.objects.filter(org=org, slug=slug).first()
        if column:
            return column
    return Column.objects.filter(org=org, kind__in=["policy", "notice"]).first() or Column.objects.filter(org=org).first()


def _publish(actor, org, *, title, doc_number, written_on, body, genre=Genre.NOTICE, column=None) -> Document:
    doc = documents.create_draft(actor=actor, org=org, column=column or _column(org, "notices", "gov-docs"),
                                 title=title, body=body, doc_number=doc_number, written_on=written_on, genre=genre,
                                 published_on=written_on + dt.timedelta(days=2))
    return documents.mark_published(actor=actor, document=doc)


def _normative(office, orgs, today) -> dict[str, NormativeDocument]:
    made = {}
    for n, (code, title, number, (years, month, day), state, articles) in enumerate(data.NORMATIVE, start=1):
        org = orgs[code]
        written = dt.date(today.year - years, month, day)
        if state == "expiring":  # a two-year 试行 period ending within the warning window
            written = today - dt.timedelta(days=2 * 365 - 75)
        doc = _publish(office, org, title=title, doc_number=number.format(y=written.year), written_on=written,
                       body=_body(articles), genre=Genre.NORMATIVE, column=_column(org, "normative", "party-docs"))
        item = normative.register(actor=office, document=doc, registration_number=f"SDYS{n:02d}-{written.year}-{n:04d}",
                                  filed_with="沂水县司法局", filing_number=f"沂司备〔{written.year}〕{n}号",
                                  filed_on=written + dt.timedelta(days=20))
        made[title] = item
        if state == "amended":
            on = min(today, written + dt.timedelta(days=400))
            basis = _publish(office, org, title=f"关于修改《{title}》的决定", written_on=on, genre=Genre.DECISION,
                             doc_number=number.format(y=on.year).replace("号", "1号"),
                             body=f"<p>经研究，决定对《{title}》第二条作如下修改：救助金额分档标准按县民政局最新规定执行。</p>")
            normative.change_lifecycle(actor=office, normative=item, action=LifecycleAction.AMEND, effective_on=on,
                                       by_document=basis, reason="救助标准调整")
        elif state == "expired":
            normative.update(actor=office, normative=item, valid_until=written.replace(year=written.year + 5)
                             - dt.timedelta(days=1))
    normative.expire_lapsed(today=today)
    return made


def _previous_campaign(office, county, today, made) -> None:
    """Last year's clean-up, finished and published: it repealed the 城乡环境卫生管理规定."""
    repeal = {title for (_c, title, _n, _w, state, _a) in data.NORMATIVE if state == "repealed"}
    campaign = cleanup.create_campaign(actor=office, org=county, title=f"沂水县{today.year - 1}年度行政规范性文件清理",
                                       cutoff_on=dt.date(today.year - 2, 12, 31),
                                       deadline=dt.date(today.year - 1, 10, 31))
    cleanup.open_campaign(actor=office, campaign=campaign)
    for item in campaign.items.select_related("normative__document"):
        if item.normative.document.title in repeal:
            cleanup.mark_item(actor=office, item=item, decision=Decision.REPEAL, reason="相关事项已纳入县级统一管理，不再单独规定。")
        else:
            cleanup.mark_item(actor=office, item=item, decision=Decision.CONTINUE, reason="符合上位法规定，继续施行。")
        cleanup.review_item(actor=office, item=item, approve=True)
    cleanup.approve_campaign(actor=office, campaign=campaign)
    cleanup.publish_campaign(actor=office, campaign=campaign, published_on=dt.date(today.year - 1, 11, 20),
                             result_note="经清理，继续有效的文件继续施行，决定废止的文件自公布之日起停止执行。")


def _campaign(office, county, today) -> None:
    campaign = cleanup.create_campaign(actor=office, org=county, title=f"沂水县{today.year}年度行政规范性文件清理",
                                       cutoff_on=dt.date(today.year - 1, 12, 31), deadline=today + dt.timedelta(days=30))
    cleanup.open_campaign(actor=office, campaign=campaign)
    decisions_by_title = {"龙家圈街道农村集体资金资产资源管理办法": (Decision.CONTINUE, "仍符合上位法规定，继续施行。"),
                          "沂水县中小学生学籍管理实施细则": (Decision.AMEND, "全国学籍系统升级后部分条款需要修改。")}
    for item in campaign.items.select_related("normative__document"):
        decision = decisions_by_title.get(item.normative.document.title)
        if decision:
            cleanup.mark_item(actor=office, item=item, decision=decision[0], reason=decision[1])
    first = campaign.items.filter(status="marked").first()
    if first:
        cleanup.review_item(actor=office, item=first, approve=True)


def _gazette(office, orgs, today, made) -> None:
    county = orgs["yishui"]
    docs = []
    for org_code, title, number, days in data.GAZETTE_DOCS:
        written = today - dt.timedelta(days=days)
        docs.append(_publish(office, orgs[org_code], title=title, doc_number=number.format(y=written.year),
                             written_on=written, body=f"<p>{title[title.index('关于') + 2:-3]}相关事项通知如下。</p>"
                                                          "<p>请各乡镇（街道）、各部门认真贯彻落实。</p>"))
    issues = [(1, docs[:3] + [made["沂水县城区公共停车场管理办法"].document]), (2, docs[3:5])]
    for number, entries in issues:
        last = max(d.written_on for d in entries)
        issue = gazette.create_issue(actor=office, org=county, year=today.year, number=number,
                                     issue_date=min(today, last + dt.timedelta(days=14)), total_number=40 + number)
        for doc in entries:
            gazette.add_entry(actor=office, issue=issue, document=doc)
        gazette.publish_issue(actor=office, issue=issue, today=today)
    draft = gazette.create_issue(actor=office, org=county, year=today.year, number=3, issue_date=today, total_number=43)
    gazette.add_entry(actor=office, issue=draft, document=docs[-1])  # docs[5] stays overdue


def _powers(office, org, today) -> None:
    def save(draft, rows):
        for code, name, category, basis, flow in rows:
            powers.save_item(actor=office, power_list=draft, code=code, name=name, category=category, basis=basis,
                             subject=org.name, flow_steps=flow,
                             responsibilities="受理（立案）责任、审查（调查）责任、决定责任、送达责任、事后监管责任",
                             accountability="不履行或不正确履行职责，造成不良后果的，依照有关规定追究相关人员责任")

    first = powers.start_adjustment(actor=office, org=org)
    save(first, [r for r in data.POWERS if r[0] != "LJQ-CF-003"] + data.POWERS_REMOVED)
    powers.publish(actor=office, power_list=first, reason="", published_on=dt.date(today.year - 1, 3, 1))
    second = powers.start_adjustment(actor=office, org=org)
    powers.delete_item(actor=office, item=second.items.get(code="LJQ-XK-001"))
    save(second, [r for r in data.POWERS if r[0] == "LJQ-CF-003"])
    powers.publish(actor=office, power_list=second, reason=data.ADJUSTMENT_REASON,
                   published_on=today - dt.timedelta(days=60))
    # The statutory 权责清单 column holds no documents: its explanation points readers to the register.
    Column.objects.filter(org=org, slug="powers", empty_note="").update(
        empty_note="权责清单按版本公布，见本机构“权责清单”页面")


def _guides(office, org) -> None:
    for name, code, conditions, materials, process, limit in data.GUIDES:
        guide = guides.create_guide(actor=office, org=org, name=name, power_code=code, basis="见对应权责事项的实施依据。",
                                    conditions=conditions, materials=materials, process=process, time_limit=limit,
                                    location=data.LOCATION, hours=data.OFFICE_HOURS, phone=data.PHONE, fees="不收费",
                                    consultation=f"电话 {data.PHONE} 或到便民服务中心窗口咨询",
                                    complaint="拨打12345政务服务便民热线")
        guides.publish_guide(actor=office, guide=guide)
    # One still being written: missing its 办理时间 and 联系电话, so it cannot be published yet.
    guides.create_guide(actor=office, org=org, name="城乡居民基本养老保险参保登记", basis="《中华人民共和国社会保险法》",
                        conditions="年满十六周岁、不属于职工基本养老保险覆盖范围的城乡居民。", materials="身份证\n户口簿",
                        location=data.LOCATION, process="申请→审核→登记")


def _decisions(office, county, today) -> None:
    catalog = decisions.create_catalog(actor=office, org=county, year=today.year)
    for title, sponsor, planned, done, skipped in data.DECISIONS:
        item = decisions.save_item(actor=office, catalog=catalog, title=title, sponsor=sponsor,
                                   planned=f"{today.year}年{planned}")
        for n, stage in enumerate(list(Stage.values)[:done]):
            state = StageState.NOT_APPLICABLE if stage in skipped else StageState.DONE
            decisions.set_stage(actor=office, item=item, stage=stage, state=state,
                                completed_on=None if state == StageState.NOT_APPLICABLE else
                                min(today, dt.date(today.year, 1, 10) + dt.timedelta(days=20 * n)),
                                note="不涉及社会稳定风险" if state == StageState.NOT_APPLICABLE else "")
    decisions.publish_catalog(actor=office, catalog=catalog, published_on=min(today, dt.date(today.year, 2, 1)))


def _proposals(office, orgs, today) -> None:
    for code, kind, number, title, proposer, result, reply in data.PROPOSALS:
        item = proposals.register(actor=office, org=orgs[code], year=today.year, kind=kind, number=number,
                                  title=title, proposer=proposer)
        proposals.reply(actor=office, proposal=item, result=result, reply=reply,
                        replied_on=min(today, dt.date(today.year, 7, 15)))
        proposals.publish(actor=office, proposal=item)


def build_registers(today: dt.date) -> dict:
    """Create the demo registers once; a second call changes nothing."""
    if CleanupCampaign.objects.exists():
        return {"created": False}
    office = get_user_model().objects.get(username="county_office")
    orgs = {o.code: o for o in Organization.objects.all()}
    with transaction.atomic():
        made = _normative(office, orgs, today)
        _previous_campaign(office, orgs["yishui"], today, made)
        _campaign(office, orgs["yishui"], today)
        _gazette(office, orgs, today, made)
        _powers(office, orgs["yishuiljqz2322108"], today)
        _guides(office, orgs["yishuiljqz2322108"])
        _decisions(office, orgs["yishui"], today)
        _proposals(office, orgs, today)
    return {"created": True, "normative": len(made)}
