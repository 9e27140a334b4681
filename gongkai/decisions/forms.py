from __future__ import annotations

from django import forms

from .models import Stage, StageState


class CatalogForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)


class ItemForm(forms.Form):
    title = forms.CharField(label="决策事项", max_length=300)
    sponsor = forms.CharField(label="承办单位", max_length=200)
    basis = forms.CharField(label="决策依据和主要内容", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    planned = forms.CharField(label="计划完成时间", max_length=100, required=False)
    consultation_url = forms.URLField(label="公众参与页面", max_length=500, required=False, assume_scheme="https",
                                      help_text="本事项意见征集或听证公告的网址。")


class StageForm(forms.Form):
    stage = forms.ChoiceField(label="程序", choices=Stage.choices)
    state = forms.ChoiceField(label="状态", choices=StageState.choices)
    completed_on = forms.DateField(label="完成日期", required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    note = forms.CharField(label="说明", max_length=300, required=False)


class LinkForm(forms.Form):
    document = forms.CharField(label="决策文件的索引号或发文字号", max_length=120)
