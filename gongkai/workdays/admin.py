"""Admin for holiday notices (with their days inline) and local day arrangements."""

from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import services
from .actions import WorkdaysAction
from .models import DayOverride, HolidayNotice


class DayOverrideInline(admin.TabularInline):
    model = DayOverride
    fields = ("date", "is_workday", "name")
    extra = 3
    verbose_name = _("通知中的日期")
    verbose_name_plural = _("通知中的日期（放假日及调休上班日）")


@admin.register(HolidayNotice)
class HolidayNoticeAdmin(admin.ModelAdmin):
    list_display = ("year", "title", "reference", "published_on", "entered_at")
    search_fields = ("title", "reference")
    fields = ("year", "title", "reference", "published_on")
    inlines = [DayOverrideInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.entered_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            services.changed_in_admin(actor=request.user, obj=form.instance,
                                      action=WorkdaysAction.NOTICE_EDITED if change else WorkdaysAction.NOTICE_ENTERED)

    def delete_model(self, request, obj):
        with transaction.atomic():
            services.changed_in_admin(actor=request.user, obj=obj, action=WorkdaysAction.NOTICE_DELETED)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(DayOverride)
class DayOverrideAdmin(admin.ModelAdmin):
    """Single days, mainly local arrangements (地方性安排) that no national notice covers."""

    list_display = ("date", "is_workday", "name", "local", "org", "include_units", "notice")
    list_filter = ("local", "is_workday")
    list_select_related = ("org", "notice")
    date_hierarchy = "date"
    fields = ("date", "is_workday", "name", "local", "org", "include_units")
    autocomplete_fields = ("org",)

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            services.changed_in_admin(actor=request.user, obj=obj, action=WorkdaysAction.DAY_SET)

    def delete_model(self, request, obj):
        with transaction.atomic():
            services.changed_in_admin(actor=request.user, obj=obj, action=WorkdaysAction.DAY_REMOVED)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)
