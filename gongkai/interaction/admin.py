"""Read-only admin views: citizens' submissions are changed only through the services (and the register)."""

from django.contrib import admin

from .models import Comment, ErrorReport, Message, Solicitation, Survey, WorkOrder


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = ("number", "org", "topic", "status", "received_on", "due_on", "published")
    list_filter = ("status", "published", "org")
    search_fields = ("number", "topic")


@admin.register(ErrorReport)
class ErrorReportAdmin(ReadOnlyAdmin):
    list_display = ("number", "org", "kind", "status", "received_on", "due_on")
    list_filter = ("status", "kind", "org")
    search_fields = ("number", "page_url")


@admin.register(Solicitation)
class SolicitationAdmin(ReadOnlyAdmin):
    list_display = ("title", "org", "starts_on", "ends_on", "published")


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ("pk", "solicitation", "status", "adopted", "created_at")


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdmin):
    list_display = ("title", "org", "starts_on", "ends_on", "published")


@admin.register(WorkOrder)
class WorkOrderAdmin(ReadOnlyAdmin):
    list_display = ("number", "org", "received_on", "replied_on", "closed_on", "satisfaction")
    list_filter = ("org", "satisfaction")
    search_fields = ("number",)
