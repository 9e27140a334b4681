from django.contrib import admin

from .models import Column


@admin.register(Column)
class ColumnAdmin(admin.ModelAdmin):
    list_display = ("name", "org", "parent", "kind", "position", "update_cycle_days")
    list_filter = ("org", "kind")
    search_fields = ("name", "slug")
