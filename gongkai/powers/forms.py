from __future__ import annotations

from django import forms

from .models import PowerCategory


class ItemForm(forms.Form):
    code = forms.CharField(label="事项编码", max_length=60)
    name = forms.CharField(label="事项名称", max_length=300)
    sub_item = forms.CharField(label="子项名称", max_length=300, required=False)
    category = forms.ChoiceField(label="权力类型", choices=PowerCategory.choices)
    basis = forms.CharField(label="实施依据", widget=forms.Textarea(attrs={"rows": 3}))
    subject = forms.CharField(label="实施主体", max_length=200)
    responsibilities = forms.CharField(label="责任事项", widget=forms.Textarea(attrs={"rows": 3}))
    accountability = forms.CharField(label="追责情形", widget=forms.Textarea(attrs={"rows": 3}))
    flow_steps = forms.CharField(label="运行流程", required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                 help_text="每行一个环节，或用“→”连接；不填时按该类权力的通用流程绘制流程图。")
    remarks = forms.CharField(label="备注", max_length=500, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label="权责清单表格（.xlsx）")


class PublishForm(forms.Form):
    published_on = forms.DateField(label="公布日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    reason = forms.CharField(label="调整原因和依据", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="首次公布可不填；此后每次调整都须写明原因，随清单一并公布。")
