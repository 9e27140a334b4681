from __future__ import annotations

from django import forms

TEXT = {"rows": 3}


class GuideForm(forms.Form):
    name = forms.CharField(label="事项名称", max_length=200)
    power_code = forms.CharField(label="对应权责事项编码", max_length=60, required=False,
                                 help_text="填写本机构现行权责清单中的事项编码，指南页面会链接到该事项。")
    basis = forms.CharField(label="设定依据", required=False, widget=forms.Textarea(attrs=TEXT))
    conditions = forms.CharField(label="申请条件", required=False, widget=forms.Textarea(attrs=TEXT))
    materials = forms.CharField(label="办理材料", required=False, widget=forms.Textarea(attrs=TEXT),
                                help_text="每行一项材料，写明原件或复印件、份数。")
    location = forms.CharField(label="办理地点", max_length=300, required=False)
    hours = forms.CharField(label="办理时间", max_length=300, required=False)
    phone = forms.CharField(label="联系电话", max_length=100, required=False)
    process = forms.CharField(label="办理流程", required=False, widget=forms.Textarea(attrs=TEXT))
    time_limit = forms.CharField(label="办理时限", max_length=200, required=False)
    fees = forms.CharField(label="收费标准", max_length=300, required=False)
    consultation = forms.CharField(label="咨询方式", max_length=300, required=False)
    complaint = forms.CharField(label="投诉方式", max_length=300, required=False)
    online_url = forms.URLField(label="网上办理地址", max_length=500, required=False, assume_scheme="https")
