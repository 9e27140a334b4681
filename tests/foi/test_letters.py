"""Reply letters and notices: a template per outcome, editing through the steps, issue as .docx and PDF."""

import datetime as dt
import hashlib
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as Docx
from pypdf import PdfReader

from gongkai.audit.models import AuditEntry
from gongkai.foi import letter_texts, letters, services, services_clock
from gongkai.foi.choices import Channel, FeeMethod, Outcome, Status
from gongkai.foi.models import Letter, LetterKind
from gongkai.foi.rules import RuleError
from gongkai.orgs.models import Role

D = dt.date
FIELDS = {"applicant_type": "natural_person", "name": "李桂兰", "id_type": "resident_id",
          "id_number": "11010519491231002X", "phone": "13905391234",
          "description": "2025年龙家圈街道农村危房改造补助对象名单", "delivery": "electronic"}


@pytest.fixture
def handler(make_user, township):
    return make_user("handler", township, Role.REQUEST_HANDLER)


@pytest.fixture
def head(make_user, township):
    return make_user("head", township, Role.OFFICE_ADMIN)


@pytest.fixture
def req(handler, township):
    request, _code = services.register_request(backdate_reason="补录历史纸质申请", actor=handler, org=township, channel=Channel.IN_PERSON,
                                               fields=FIELDS, submitted_on=D(2025, 9, 22))
    return request


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).replace(" ", "")


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Docx(io.BytesIO(data)).paragraphs)


# Every outcome code has a template citing its article of the 条例 (2019).
CITED = {
    Outcome.GRANTED: "第三十六条第一项、第二项",
    Outcome.PARTIALLY_GRANTED: "第三十七条",
    Outcome.WITHHELD_STATE_SECRET: "第十四条",
    Outcome.WITHHELD_PROHIBITED_BY_LAW: "第十四条",
    Outcome.WITHHELD_SECURITY_STABILITY: "第十四条",
    Outcome.WITHHELD_THIRD_PARTY: "第十五条",
    Outcome.WITHHELD_INTERNAL_AFFAIRS: "第十六条第一款",
    Outcome.WITHHELD_PROCESS_INFO: "第十六条第二款",
    Outcome.WITHHELD_ENFORCEMENT_FILE: "第十六条第二款",
    Outcome.WITHHELD_ADMINISTRATIVE_QUERY: "第三十六条第七项",
    Outcome.UNAVAILABLE_NOT_HELD: "第三十六条第四项",
    Outcome.UNAVAILABLE_NEEDS_CREATION: "第三十八条",
    Outcome.UNAVAILABLE_UNCLEAR: "第三十条",
    Outcome.REJECTED_PETITION: "第三十九条第一款",
    Outcome.REJECTED_REPEATED: "第三十六条第六项",
    Outcome.REJECTED_PUBLICATION: "第三十九条第二款",
    Outcome.REJECTED_EXCESSIVE: "第三十五条",
    Outcome.REJECTED_CONFIRMATION: "第三十八条",
    Outcome.OTHER_NO_CORRECTION: "第三十条",
    Outcome.OTHER_FEE_UNPAID: "第四十二条",
    Outcome.OTHER: "经核实，申请人已撤回申请",
}


def test_every_outcome_code_has_a_template():
    assert set(CITED) == set(Outcome.values) == set(letter_texts.REPLY_TEXTS)


@pytest.mark.django_db
@pytest.mark.parametrize("outcome", list(CITED))
def test_draft_from_the_template_of_each_outcome(req, handler, outcome):
    letter = letters.draft_reply(req, actor=handler, outcome=outcome, withheld_notes="评审专家个人信息——涉及个人隐私",
                                 note="经核实，申请人已撤回申请。" if outcome == Outcome.OTHER else "")
    body = letter.body
    assert body.startswith("李桂兰：")
    assert "2025年9月22日" in body and req.number in body and FIELDS["description"] in body
    assert CITED[outcome] in body
    assert "《中华人民共和国政府信息公开条例》" in body or outcome == Outcome.OTHER
    # Remedies: reconsideration by the government above the township within 60 days, or litigation in 6 months.
    assert "六十日内向沂水县人民政府申请行政复议" in body and "六个月内" in body and "行政诉讼" in body
    assert FIELDS["id_number"] not in body and FIELDS["phone"] not in body
    assert letter.template == letter_texts.REPLY_TEXTS[outcome].template


@pytest.mark.django_db
def test_not_this_agency_names_the_right_agency(req, handler):
    letter = letters.draft_reply(req, actor=handler, outcome=Outcome.UNAVAILABLE_NOT_HELD,
                                 transferred_to="沂水县住房和城乡建设局（电话0539-2251234）")
    assert letter.template == "reply_transfer"
    assert "第三十六条第五项" in letter.body and "沂水县住房和城乡建设局（电话0539-2251234）负责公开" in letter.body


@pytest.mark.django_db
def test_partial_disclosure_lists_what_was_withheld_and_why(req, handler):
    with pytest.raises(RuleError, match="第三十七条"):
        letters.draft_reply(req, actor=handler, outcome=Outcome.PARTIALLY_GRANTED, withheld_notes="  \n ")
    letter = letters.draft_reply(req, actor=handler, outcome=Outcome.PARTIALLY_GRANTED, withheld_notes=(
        "1. 补助对象的身份证号码——个人隐私（第十五条）\n2、评审会议记录——过程性信息（第十六条第二款）"))
    assert "1．补助对象的身份证号码——个人隐私（第十五条）" in letter.body
    assert "2．评审会议记录——过程性信息（第十六条第二款）" in letter.body


def test_withheld_items_keep_leading_years():
    assert letter_texts.withheld_items("2024年会议纪要——过程性信息\n（2）名单——隐私") == [
        "2024年会议纪要——过程性信息", "名单——隐私"]


@pytest.mark.django_db
def test_county_government_reconsideration_goes_up_a_level(make_user, county):
    clerk = make_user("clerk", county, Role.REQUEST_HANDLER)
    request, _ = services.register_request(backdate_reason="补录历史纸质申请", actor=clerk, org=county, channel=Channel.IN_PERSON, fields=FIELDS,
                                           submitted_on=D(2025, 9, 22))
    letter = letters.draft_reply(request, actor=clerk, outcome=Outcome.GRANTED)
    assert "向上一级人民政府申请行政复议" in letter.body


@pytest.mark.django_db
def test_draft_is_edited_by_the_current_step_reviewed_then_issued(req, handler, make_user, township):
    reviewer = make_user("reviewer", township, Role.OFFICE_REVIEWER)
    lawyer = make_user("lawyer", township, Role.LEGAL_ADVISER)
    leader = make_user("leader", township, Role.LEADER_REVIEWER)
    with pytest.raises(RuleError, match="本环节"):
        letters.draft_reply(req, actor=reviewer, outcome=Outcome.GRANTED)
    letter = letters.draft_reply(req, actor=handler, outcome=Outcome.GRANTED)
    upload = SimpleUploadedFile("补助对象名单.pdf", b"%PDF-1.4 list", content_type="application/pdf")
    letters.attach_disclosed(letter, actor=handler, upload=upload)
    for actor in (handler, handler, handler):
        req = services.advance(req, actor=actor, comment="同意")
    assert req.status == Status.DRAFT_REVIEW
    with pytest.raises(RuleError, match="本环节"):
        letters.edit_letter(letter, actor=handler, body="改动")
    letter = letters.edit_letter(letter, actor=reviewer, body=letter.body.replace("特此答复。", "联系电话：0539-2250000。\n\n特此答复。"))
    reviewed_sha = letter.body_sha256
    req = services.advance(req, actor=reviewer, comment="答复稿已核")
    req = services.advance(req, actor=lawyer, comment="法律意见：同意")
    assert req.events.filter(data__letter_sha256=reviewed_sha).count() == 2
    with pytest.raises(RuleError, match="一致"):
        letters.reply(req, actor=handler, on=D(2025, 10, 9), outcome=Outcome.OTHER)
    with pytest.raises(RuleError, match="依申请公开经办人"):
        letters.reply(req, actor=leader, on=D(2025, 10, 9))
    with pytest.raises(RuleError, match="“领导审签”环节尚未通过"):
        letters.reply(req, actor=handler, on=D(2025, 10, 9))
    req = services.advance(req, actor=leader, comment="同意答复")
    assert req.status == Status.LEADER_SIGNOFF and services.is_approved(req)
    req = letters.reply(req, actor=handler, on=D(2025, 10, 9))
    assert (req.status, req.outcome) == (Status.REPLIED, Outcome.GRANTED)

    letter.refresh_from_db()
    assert letter.is_issued and letter.issued_on == D(2025, 10, 9)
    docx, pdf = letter.docx.read(), letter.pdf.read()
    assert hashlib.sha256(docx).hexdigest() == letter.docx_sha256
    assert hashlib.sha256(pdf).hexdigest() == letter.pdf_sha256
    word = docx_text(docx)
    for text in ("沂水县龙家圈街道办事处", "政府信息公开申请答复书", "2025年10月9日", "联系电话：0539-2250000",
                 "附件：1. 补助对象名单.pdf"):
        assert text in word
    assert pdf.startswith(b"%PDF")
    printed = pdf_text(pdf)
    assert "沂水县龙家圈街道办事处" in printed and "2025年10月9日" in printed and "第三十六条" in printed
    entry = AuditEntry.objects.get(action="foi.letter_issued", object_id=str(req.pk))
    assert entry.data["pdf_sha256"] == letter.pdf_sha256
    with pytest.raises(RuleError, match="已出具"):
        letters.edit_letter(letter, actor=handler, body="改动")


@pytest.mark.django_db
def test_on_the_spot_reply_drafts_the_letter_itself(req, handler):
    with pytest.raises(RuleError, match="办理结果"):
        letters.reply(req, actor=handler, on=D(2025, 9, 22), on_the_spot=True)
    req = letters.reply(req, actor=handler, on=D(2025, 9, 22), outcome=Outcome.REJECTED_PUBLICATION,
                        on_the_spot=True)
    letter = req.letters.get(kind=LetterKind.REPLY)
    assert letter.is_issued and "第三十九条第二款" in letter.body and req.reply_text == letter.body


@pytest.mark.django_db
def test_extension_notice_carries_the_new_due_date(req, head):
    req = services_clock.extend(req, actor=head, on=D(2025, 10, 9), days=15, reason="需要调取2019年的档案")
    notice = req.letters.get(kind=LetterKind.EXTENSION)
    assert notice.is_issued and notice.issued_on == D(2025, 10, 9)
    new_due = req.due_on
    assert f"{new_due.year}年{new_due.month}月{new_due.day}日" in notice.body
    assert "2025年10月24日" in notice.body and "延长15个工作日" in notice.body and "第三十三条第二款" in notice.body
    assert "需要调取2019年的档案" in docx_text(notice.docx.read())


@pytest.mark.django_db
def test_fee_notice_states_amount_method_payment_and_deadline(req, handler):
    req = services_clock.issue_fee_notice(req, actor=handler, on=D(2025, 9, 23), method=FeeMethod.BY_VOLUME,
                                          pages=120, waived=Decimal("100"), waiver_reason="申请人为低保对象",
                                          pay_by=D(2025, 10, 20), payment="通过“山东省非税收入缴款平台”缴纳。")
    notice = req.letters.get(kind=LetterKind.FEE)
    body = notice.body
    # 31–100: 70 pages × 10 yuan; 101–120: 20 pages × 20 yuan.
    assert "共120页" in body and "按量计收" in body and "人民币1100.00元" in body
    assert "减免100.00元" in body and "实际应缴人民币1000.00元" in body
    assert "山东省非税收入缴款平台" in body and "请于2025年10月20日前缴纳" in body and "国办函〔2020〕109号" in body


@pytest.mark.django_db
def test_correction_notice_and_lapse_letter(req, handler):
    services_clock.request_correction(req, actor=handler, on=D(2025, 9, 24), due_on=D(2025, 10, 17),
                                      note="请写明所需名单的村居范围")
    req.refresh_from_db()
    notice = req.letters.get(kind=LetterKind.CORRECTION)
    assert "请写明所需名单的村居范围" in notice.body and "2025年10月17日前" in notice.body and "第三十条" in notice.body
    req = services_clock.lapse(req, actor=handler, on=D(2025, 10, 20))
    reply = req.letters.get(kind=LetterKind.REPLY)
    assert req.outcome == Outcome.OTHER_NO_CORRECTION and reply.is_issued and "视为放弃申请" in reply.body


@pytest.mark.django_db
def test_only_one_reply_letter_per_request(req, handler):
    first = letters.draft_reply(req, actor=handler, outcome=Outcome.GRANTED)
    again = letters.draft_reply(req, actor=handler, outcome=Outcome.UNAVAILABLE_NEEDS_CREATION)
    assert first.pk == again.pk and Letter.objects.filter(kind=LetterKind.REPLY).count() == 1
    assert "第三十八条" in again.body
