"""Forms of the calendar staff screens: a pasted holiday notice, and a local day of an organization."""

from __future__ import annotations

import datetime as dt
import hashlib

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .services import LAST_NOTICE_YEAR, MAX_LOCAL_SPAN

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NoticeForm(forms.Form):
    year = forms.IntegerField(label=_("年份"), min_value=2004, max_value=LAST_NOTICE_YEAR)
    text = forms.CharField(
        label=_("通知全文或日期"), max_length=20000, strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("粘贴国务院办公厅通知的全文；或每行一段日期，例如“放假 2027-02-05..2027-02-12 春节”“上班 2027-02-20 春节”。"),
    )
    title = forms.CharField(label=_("通知名称"), max_length=200, required=False,
                            help_text=_("留空则取正文标题。"))
    reference = forms.CharField(label=_("文号"), max_length=100, required=False,
                                help_text=_("例如：国办发明电〔2024〕12号；正文写明的可留空。"))
    published_on = forms.DateField(label=_("发布日期"), required=False, widget=DATE_INPUT)
    checked = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_published_on(self):
        day = self.cleaned_data.get("published_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("发布日期不能晚于今天。"))
        return day

    def fingerprint(self) -> str:
        """What the office previewed: a confirmation must carry the fingerprint of the same year and text."""
        data = self.cleaned_data
        source = f"{data['year']}\n{data['text']}\n{data.get('title', '')}\n{data.get('reference', '')}"
        return hashlib.sha256(source.encode()).hexdigest()[:32]


class LocalDayForm(forms.Form):
    org = forms.ModelChoiceField(label=_("适用机构"), queryset=None, empty_label=None)
    first = forms.DateField(label=_("开始日期"), widget=DATE_INPUT)
    last = forms.DateField(label=_("结束日期"), required=False, widget=DATE_INPUT,
                           help_text=_("只有一天的留空。"))
    kind = forms.ChoiceField(label=_("安排"), widget=forms.RadioSelect,
                             choices=[("off", _("放假（不计为工作日）")), ("work", _("上班（计为工作日）"))])
    name = forms.CharField(label=_("说明"), max_length=60, help_text=_("例如：县庆日、少数民族节日。"))
    include_units = forms.BooleanField(label=_("同时适用于下属单位"), required=False)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last") or data.get("first")
        if first and last:
            if last < first:
                self.add_error("last", _("结束日期不能早于开始日期。"))
            elif (last - first).days >= MAX_LOCAL_SPAN:
                self.add_error("last", _("一次最多录入%(n)d天。") % {"n": MAX_LOCAL_SPAN})
            else:
                data["days"] = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        return data
