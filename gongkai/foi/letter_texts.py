"""Which letter template answers each outcome code, and the legal basis and reason it states.

Pure data and small pure helpers (no database): letters.py drafts the body from these and the request's
facts. Citations follow the 2019 revision of the 政府信息公开条例 (“条例”); the wording is our own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .choices import Outcome

REGULATION = "《中华人民共和国政府信息公开条例》"


@dataclass(frozen=True)
class ReplyText:
    template: str  # file under templates/foi/letters/, without ".txt"
    basis: str  # the article(s) cited, e.g. "第三十六条第三项、第十四条"
    reason: str = ""  # the ground stated to the applicant (not-disclosed and not-processed outcomes)


_WITHHELD = "第三十六条第三项"
_NOT_PROCESSED = "reply_rejected"

REPLY_TEXTS: dict[str, ReplyText] = {
    Outcome.GRANTED: ReplyText("reply_granted", "第三十六条第一项、第二项"),
    Outcome.PARTIALLY_GRANTED: ReplyText("reply_partial", "第三十七条、第三十六条第二项和第三项"),
    # 不予公开 (Art. 36(三)) with the ground of Art. 14, 15 or 16.
    Outcome.WITHHELD_STATE_SECRET: ReplyText(
        "reply_withheld", f"{_WITHHELD}、第十四条",
        "您所申请的信息已依法确定为国家秘密，依照条例第十四条，属于不予公开的政府信息。"),
    Outcome.WITHHELD_PROHIBITED_BY_LAW: ReplyText(
        "reply_withheld", f"{_WITHHELD}、第十四条",
        "您所申请的信息属于法律、行政法规明确禁止公开的政府信息，依照条例第十四条不予公开。"),
    Outcome.WITHHELD_SECURITY_STABILITY: ReplyText(
        "reply_withheld", f"{_WITHHELD}、第十四条",
        "经审查，您所申请的信息公开后可能危及国家安全、公共安全、经济安全或者社会稳定，依照条例第十四条不予公开。"),
    Outcome.WITHHELD_THIRD_PARTY: ReplyText(
        "reply_withheld", f"{_WITHHELD}、第十五条",
        "您所申请的信息涉及第三方的商业秘密或者个人隐私，公开后会损害第三方的合法权益。经书面征求意见，第三方不同意公开，"
        "本机关亦未发现不公开会对公共利益造成重大影响的情形，依照条例第十五条不予公开。"),
    Outcome.WITHHELD_INTERNAL_AFFAIRS: ReplyText(
        "reply_withheld", f"{_WITHHELD}、第十六条第一款",
        "您所申请的信息属于本机关人事管理、后勤管理或者内部工作流程等方面的内部事务信息，依照条例第十六条第一款，"
        "可以不予公开。"),
    Outcome.WITHHELD_PROCESS_INFO: ReplyText(
        "reply_withheld", f"{_WITHHELD}、第十六条第二款",
        "您所申请的信息属于本机关履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函或者请示报告等过程性信息，"
        "依照条例第十六条第二款，可以不予公开。"),
    Outcome.WITHHELD_ENFORCEMENT_FILE: ReplyText(
        "reply_withheld", f"{_WITHHELD}、第十六条第二款",
        "您所申请的信息属于行政执法案卷信息，依照条例第十六条第二款，可以不予公开。"),
    Outcome.WITHHELD_ADMINISTRATIVE_QUERY: ReplyText(
        "reply_withheld", "第三十六条第七项",
        "您所申请的信息属于行政查询事项，有关法律、行政法规对此类信息的获取另有专门规定，不适用政府信息公开申请程序，"
        "请您依照相关规定向主管部门办理查询。"),
    # 无法提供 (Art. 36(四), 38, 30); the transfer case (Art. 36(五)) has its own template.
    Outcome.UNAVAILABLE_NOT_HELD: ReplyText("reply_not_held", "第三十六条第四项"),
    Outcome.UNAVAILABLE_NEEDS_CREATION: ReplyText("reply_needs_creation", "第三十八条"),
    Outcome.UNAVAILABLE_UNCLEAR: ReplyText("reply_unclear", "第二十九条第二款、第三十条"),
    # 不予处理 (Art. 36(六), 35, 39).
    Outcome.REJECTED_PETITION: ReplyText(
        _NOT_PROCESSED, "第三十九条第一款",
        "您提出的申请实为信访、投诉或者举报事项，不属于政府信息公开申请，本机关不作为政府信息公开申请处理。"
        "您可以通过信访、投诉举报等相应渠道反映。"),
    Outcome.REJECTED_REPEATED: ReplyText(
        _NOT_PROCESSED, "第三十六条第六项",
        "本机关已就您此前提出的内容相同的政府信息公开申请作出答复，本次申请属于重复申请，本机关不再重复处理。"),
    Outcome.REJECTED_PUBLICATION: ReplyText(
        _NOT_PROCESSED, "第三十九条第二款",
        "您申请获取的是政府公报、报刊、书籍等公开出版物，不属于政府信息公开申请的处理范围。您可以通过公开发行渠道、"
        "公共图书馆或者本机关政府网站获取。"),
    Outcome.REJECTED_EXCESSIVE: ReplyText(
        _NOT_PROCESSED, "第三十五条",
        "您申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，所述理由不合理，本机关决定不予处理。"),
    Outcome.REJECTED_CONFIRMATION: ReplyText(
        _NOT_PROCESSED, "第三十八条",
        "您的申请是要求本机关对您已经获取的信息予以确认或者重新出具。政府信息公开是提供已制作或者获取的政府信息，"
        "确认或者重新出具不属于政府信息公开申请的处理范围，本机关不作为政府信息公开申请处理。"),
    # 其他处理 (Art. 30, 42; 国办函〔2020〕109号).
    Outcome.OTHER_NO_CORRECTION: ReplyText(
        "reply_other", "第三十条",
        "本机关已告知您补正申请，您在补正期限内未作补正且无正当理由，视为放弃申请，本机关不再处理该政府信息公开申请。"),
    Outcome.OTHER_FEE_UNPAID: ReplyText(
        "reply_other", "第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        "本机关已向您发出信息处理费缴费通知，您未在缴费期限内缴纳费用，视为放弃申请，本机关不再处理该政府信息公开申请。"),
    Outcome.OTHER: ReplyText("reply_other", ""),
}

TRANSFER = ReplyText("reply_transfer", "第三十六条第五项")

# Notices of the clock events: template and article.
NOTICE_TEMPLATES = {
    "correction": ("notice_correction", "第三十条"),
    "extension": ("notice_extension", "第三十三条第二款"),
    "fee": ("notice_fee", "第四十二条"),
}

DEFAULT_PAYMENT = ("请持本通知到本机关政府信息公开工作机构办理缴费手续，或者按本机关告知的非税收入缴款方式缴纳，"
                   "缴费后请将缴款凭证提交本机关。")


def reply_text(outcome: str, *, transferred_to: str = "") -> ReplyText:
    """The template of ``outcome``; 'not held' naming the responsible agency is the transfer letter."""
    if outcome == Outcome.UNAVAILABLE_NOT_HELD and transferred_to.strip():
        return TRANSFER
    return REPLY_TEXTS[outcome]


def chinese_date(day: dt.date) -> str:
    """An official letter's date: 2025年10月9日 (Arabic numerals, no leading zeros, GB/T 9704)."""
    return f"{day.year}年{day.month}月{day.day}日"


def withheld_items(notes: str) -> list[str]:
    """One withheld part and its reason per non-empty line (numbering added by the template)."""
    items = []
    for line in notes.splitlines():
        line = _ITEM_NUMBER.sub("", line).strip()
        if line:
            items.append(line)
    return items


_ITEM_NUMBER = re.compile(r"^\s*(?:\d{1,2}[.、．)）]|[（(]\d{1,2}[)）])\s*")


def reconsideration_body(parent_name: str | None) -> str:
    """Where to seek administrative reconsideration: the government above the agency (行政复议法 2023)."""
    return parent_name or "上一级人民政府"
