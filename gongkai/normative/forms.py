"""Forms of the normative screens; services do the checking, forms only parse."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from .models import Decision

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DetailsForm(forms.Form):
    registration_number = forms.CharField(label="统一登记号", max_length=100, required=False,
                                          help_text="司法行政部门登记时编的号，例如 SDSD01-2024-0003。")
    effective_from = forms.DateField(label="施行日期", required=False, widget=DATE)
    valid_until = forms.DateField(label="有效期至", required=False, widget=DATE,
                                  help_text="不填时按施行日期起五年计算（标注“暂行”“试行”的为两年）。")
    filed_with = forms.CharField(label="备案机关", max_length=100, required=False)
    filing_number = forms.CharField(label="备案号", max_length=100, required=False)
    filed_on = forms.DateField(label="备案日期", required=False, widget=DATE)
    responsible = forms.ModelChoiceField(label="责任人", queryset=get_user_model().objects.none(), required=False,
                                         help_text="到期提醒显示在责任人的待办中；不指定时提醒本机构全部信息员。")

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        if staff is not None:
            self.fields["responsible"].queryset = staff
        self.fields["responsible"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class RegisterForm(DetailsForm):
    document = forms.IntegerField(label="文件编号", widget=forms.HiddenInput)


class LifecycleForm(forms.Form):
    action = forms.ChoiceField(label="标注为", choices=[("amend", "已修改"), ("repeal", "已废止"), ("expire", "已失效")],
                               widget=forms.RadioSelect)
    effective_on = forms.DateField(label="生效日期", widget=DATE)
    by_document = forms.CharField(label="修改或废止文件", required=False, max_length=120,
                                  help_text="填写修改或废止该文件的文件的索引号或发文字号；标注“已失效”时可不填。")
    reason = forms.CharField(label="理由", max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, basis_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.basis_queryset = basis_queryset

    def clean_by_document(self):
        value = (self.cleaned_data.get("by_document") or "").strip()
        if not value:
            return None
        from django.db.models import Q

        matches = list(self.basis_queryset.filter(Q(index_number=value) | Q(doc_number=value))[:2])
        if not matches:
            raise forms.ValidationError("没有找到该索引号或发文字号的已发布文件。")
        if len(matches) > 1:
            raise forms.ValidationError("该发文字号对应多件文件，请改填索引号。")
        return matches[0]


class CampaignForm(forms.Form):
    title = forms.CharField(label="清理工作名称", max_length=200)
    cutoff_on = forms.DateField(label="清理基准日", widget=DATE, help_text="清理此日期（含）以前制发的现行有效文件。")
    deadline = forms.DateField(label="报送截止日期", widget=DATE)


class MarkForm(forms.Form):
    decision = forms.ChoiceField(label="清理意见", choices=Decision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label="理由", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ReviewForm(forms.Form):
    verdict = forms.ChoiceField(label="审定", choices=[("approve", "审定通过"), ("return", "退回单位")],
                                widget=forms.RadioSelect)
    comment = forms.CharField(label="审定意见", max_length=500, required=False)


class PublishForm(forms.Form):
    published_on = forms.DateField(label="公布日期", widget=DATE)
    result_note = forms.CharField(label="清理结果说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))
