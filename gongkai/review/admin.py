"""Review chains are configured per organization here; with no steps the default chain applies."""

from django.contrib import admin

from .models import ReviewStep


@admin.register(ReviewStep)
class ReviewStepAdmin(admin.ModelAdmin):
    list_display = ("org", "position", "name", "role")
    list_filter = ("role",)
    list_editable = ("name", "role")
    ordering = ("org", "position")
    search_fields = ("org__name", "org__code", "name")
