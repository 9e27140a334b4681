from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import SearchTerm


@admin.register(SearchTerm)
class SearchTermAdmin(admin.ModelAdmin):
    list_display = ["word", "active", "note", "updated_at"]
    list_filter = ["active"]
    search_fields = ["word", "note"]
    actions = ["activate", "deactivate"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        messages.info(request, _("词典已更新；新发布的信息立即按新词典分词，已有信息请运行 gongkai search reindex 重建索引。"))

    @admin.action(description=_("启用所选词语"))
    def activate(self, request, queryset):
        queryset.update(active=True)
        _changed()

    @admin.action(description=_("停用所选词语"))
    def deactivate(self, request, queryset):
        queryset.update(active=False)
        _changed()


def _changed() -> None:
    from .segment import invalidate

    invalidate()
