from django.contrib import admin

from .models import SensitiveWord


@admin.register(SensitiveWord)
class SensitiveWordAdmin(admin.ModelAdmin):
    list_display = ("word", "note", "active", "created_at")
    list_filter = ("active",)
    list_editable = ("active",)
    search_fields = ("word", "note")
