from __future__ import annotations

from django import forms

from .models import Category


class IssueForm(forms.Form):
    year = forms.IntegerField(label="年份", min_value=1949, max_value=2100)
    number = forms.IntegerField(label="期号", min_value=1, max_value=999)
    total_number = forms.IntegerField(label="总期号", min_value=1, required=False)
    issue_date = forms.DateField(label="出版日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class EntryForm(forms.Form):
    category = forms.ChoiceField(label="栏目", choices=Category.choices)
    position = forms.IntegerField(label="排序", min_value=0, max_value=999)
