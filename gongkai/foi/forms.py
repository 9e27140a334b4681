"""Forms of the request intake, shared by the API (POST /api/v1/requests) and the public page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core import uploads
from gongkai.core.spam import ChallengeMixin
from gongkai.orgs.models import Organization

from . import rules
from .choices import ApplicantType, Channel, Delivery, IdType, Outcome


def _required(label: str) -> dict[str, str]:
    return {"required": _("请填写%(label)s。") % {"label": label}}


def _choice(label: str) -> dict[str, str]:
    return {"required": _("请选择%(label)s。") % {"label": label},
            "invalid_choice": _("%(label)s不是可选的值。") % {"label": label}}


class ApplicationForm(forms.Form):
    """The fields of contracts.md's POST /api/v1/requests, validated with precise Chinese messages."""

    org = forms.ModelChoiceField(
        label=_("受理机关"), queryset=Organization.objects.filter(takes_requests=True), to_field_name="code",
        error_messages={"required": _("请选择受理机关。"), "invalid_choice": _("受理机关不存在或不受理依申请公开。")},
    )
    applicant_type = forms.ChoiceField(label=_("申请人类型"), choices=ApplicantType.choices,
                                       error_messages=_choice(_("申请人类型")))
    name = forms.CharField(label=_("姓名/名称"), max_length=100, error_messages={
        **_required(_("姓名或单位名称")), "max_length": _("姓名或名称不能超过100个字。")})
    id_type = forms.ChoiceField(label=_("证件类型"), choices=IdType.choices, error_messages=_choice(_("证件类型")))
    id_number = forms.CharField(label=_("证件号码"), max_length=40, error_messages={
        **_required(_("证件号码")), "max_length": _("证件号码不能超过40位。")})
    phone = forms.CharField(label=_("联系电话"), max_length=30, error_messages={
        **_required(_("联系电话")), "max_length": _("联系电话过长。")})
    email = forms.EmailField(label=_("电子邮箱"), required=False, error_messages={
        "invalid": _("电子邮箱格式不正确。")})
    address = forms.CharField(label=_("通信地址"), max_length=200, required=False, error_messages={
        "max_length": _("通信地址不能超过200个字。")})
    contact_name = forms.CharField(label=_("联系人（单位申请）"), max_length=60, required=False, error_messages={
        "max_length": _("联系人姓名不能超过60个字。")})
    description = forms.CharField(label=_("所需政府信息的名称、文号或其他特征描述"), max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 5}), error_messages={
        **_required(_("所需政府信息的描述")), "max_length": _("信息描述不能超过5000个字。")})
    purpose = forms.CharField(label=_("用途（选填）"), max_length=1000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              error_messages={"max_length": _("用途说明不能超过1000个字。")})
    delivery = forms.ChoiceField(label=_("获取信息的方式"), choices=Delivery.choices,
                                 error_messages=_choice(_("获取信息的方式")))

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"]
        if not phone:  # only reachable where the field is optional (staff registration)
            return ""
        error = rules.phone_error(phone)
        if error:
            raise forms.ValidationError(error)
        return rules.normalize_phone(phone)

    def clean(self):
        data = super().clean()
        id_type, number = data.get("id_type"), (data.get("id_number") or "").strip()
        applicant = data.get("applicant_type")
        if id_type and number:
            error = None
            if id_type == IdType.RESIDENT_ID:
                error = rules.resident_id_error(number)
                number = number.upper()
            elif id_type == IdType.CREDIT_CODE:
                error = rules.credit_code_error(number)
                number = number.upper()
            if error:
                self.add_error("id_number", error)
            else:
                data["id_number"] = number
        if applicant == ApplicantType.NATURAL_PERSON and id_type == IdType.CREDIT_CODE:
            self.add_error("id_type", _("自然人申请请选择居民身份证、护照或其他个人证件。"))
        return data


class PublicApplicationForm(ChallengeMixin, ApplicationForm):
    """The web form: the API's fields plus the honeypot and the signed arithmetic challenge."""

    def clean(self):
        data = super().clean()
        if data.get("delivery") == Delivery.MAIL and not (data.get("address") or "").strip():
            self.add_error("address", _("选择邮寄方式时，请填写通信地址。"))
        return data

    def applicant_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in {"org", "website", "challenge", "answer"}}


class TrackForm(forms.Form):
    number = forms.CharField(label=_("申请编号"), max_length=32, error_messages=_required(_("申请编号")))
    code = forms.CharField(label=_("查询码"), max_length=16, error_messages=_required(_("查询码")))


class CorrectionForm(forms.Form):
    text = forms.CharField(label=_("补正内容"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000,
                           error_messages=_required(_("补正内容")))
    file = uploads.CheckedFileField(label=_("补正材料（选填）"), required=False, allowed=uploads.CORRECTION_FILES)


class RegisterForm(ApplicationForm):
    """Staff registration of a request from any channel (条例 Art. 31 receipt rules)."""

    channel = forms.ChoiceField(label=_("申请渠道"), choices=Channel.choices, error_messages=_choice(_("申请渠道")))
    submitted_on = forms.DateField(label=_("提交日期"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    signed_on = forms.DateField(label=_("签收日期（邮寄需签收）"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    confirmed_on = forms.DateField(label=_("确认收到日期（平常信函、传真、电子邮件）"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    scan = uploads.CheckedFileField(label=_("申请原件扫描件"), required=False, allowed=uploads.SCANS)
    backdate_reason = forms.CharField(
        label=_("补登原因（收到申请日期早于今天5个工作日以上时必填，记入登记簿）"), required=False, max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}), error_messages={"max_length": _("补登原因不能超过500个字。")})

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if orgs is not None:
            self.fields["org"].queryset = orgs
        # Paper requests may come without phone or ID; staff record what the letter gives.
        for name in ("id_type", "id_number", "phone"):
            self.fields[name].required = False


class DraftReplyForm(forms.Form):
    """Choose the outcome and the facts the reply letter's template needs."""

    outcome = forms.ChoiceField(label=_("办理结果"), choices=Outcome.choices, error_messages=_choice(_("办理结果")))
    withheld_notes = forms.CharField(
        label=_("不予公开部分及理由（部分公开时每行一项）"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    transferred_to = forms.CharField(label=_("负责公开的机关及联系方式（不属于本机关负责公开时）"), max_length=200,
                                     required=False)
    note = forms.CharField(label=_("补充说明（写入答复书）"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ReplyForm(forms.Form):
    """Issue the reply: the reviewed draft, or (on the spot, without a draft) a letter of ``outcome``."""

    replied_on = forms.DateField(label=_("答复日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                 error_messages={"required": _("请填写答复日期。"), "invalid": _("答复日期格式不正确。")})
    outcome = forms.ChoiceField(label=_("办理结果（未起草答复书时）"), choices=[("", "—"), *Outcome.choices],
                                required=False, error_messages=_choice(_("办理结果")))
    text = forms.CharField(label=_("补充说明（未起草答复书时）"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    withheld_notes = forms.CharField(label=_("不予公开部分及理由"), widget=forms.Textarea(attrs={"rows": 3}),
                                     required=False)
    transferred_to = forms.CharField(label=_("负责公开的机关（如知道）"), max_length=200, required=False)
    on_the_spot = forms.BooleanField(label=_("当场答复"), required=False)


class LetterEditForm(forms.Form):
    body = forms.CharField(label=_("答复书正文"), widget=forms.Textarea(attrs={"rows": 18}), max_length=20000,
                           error_messages=_required(_("答复书正文")))


class DisclosedFileForm(forms.Form):
    file = uploads.CheckedFileField(label=_("随答复提供的政府信息文件"), allowed=uploads.DISCLOSED_FILES,
                                    error_messages={"required": _("请选择要上传的文件。")})


def first_errors(form: forms.Form) -> dict[str, str]:
    """{field: first message} for the API's 400 body."""
    return {field: str(errors[0]) for field, errors in form.errors.items()}
