"""Read-only admin of interpretations; drafting and review go through the back office."""

from django.contrib import admin

from .models import Interpretation


@admin.register(Interpretation)
class InterpretationAdmin(admin.ModelAdmin):
    list_display = ("document", "form", "created_at")
    list_filter = ("form",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
