"""Forms of the staff report pages; they validate input and hand plain values to services."""

from __future__ import annotations

from django import forms

from .models import AnnualFigures, AnnualReport, ReviewCase


class TextsForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["overview", "problems", "other"]
        widgets = {name: forms.Textarea(attrs={"rows": 8}) for name in fields}


class FiguresForm(forms.ModelForm):
    class Meta:
        model = AnnualFigures
        fields = ["licensing", "penalty", "enforcement", "fees_wan_yuan"]
        error_messages = {
            "fees_wan_yuan": {"invalid": "请输入金额（万元），最多两位小数。",
                              "max_decimal_places": "金额最多保留两位小数（单位：万元）。"},
        }


class ReviewCaseForm(forms.ModelForm):
    class Meta:
        model = ReviewCase
        fields = ["kind", "result", "reference", "filed_on", "note"]
        widgets = {"filed_on": forms.DateInput(attrs={"type": "date"})}
