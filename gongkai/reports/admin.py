from django.contrib import admin

from .models import AnnualFigures, AnnualReport, ReviewCase


@admin.register(AnnualFigures)
class AnnualFiguresAdmin(admin.ModelAdmin):
    list_display = ("org", "year", "licensing", "penalty", "enforcement", "fees_wan_yuan")
    list_filter = ("year",)


@admin.register(ReviewCase)
class ReviewCaseAdmin(admin.ModelAdmin):
    list_display = ("org", "year", "kind", "result", "reference")
    list_filter = ("year", "kind", "result")


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ("org", "year", "status", "published_document")
    list_filter = ("year", "status")
    raw_id_fields = ("published_document",)
