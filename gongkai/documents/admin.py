"""Configuration view of documents for system administrators.

Daily work happens in the back office (/staff/); here documents are read-only so that no change
bypasses the services, their validation and the register.
"""

from django.contrib import admin

from .models import Attachment, Document, ValidityEvent


class AttachmentInline(admin.TabularInline):
    model = Attachment
    fields = ("original_name", "content_type", "size", "sha256", "uploaded_at")
    readonly_fields = fields
    extra = 0
    can_delete = False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ("title", "org", "column", "doc_number", "index_number", "status", "published_on")
    list_filter = ("status", "attribute", "org")
    search_fields = ("title", "doc_number", "index_number")
    list_select_related = ("org", "column", "column__parent", "column__org")
    date_hierarchy = "published_on"
    inlines = [AttachmentInline]


@admin.register(ValidityEvent)
class ValidityEventAdmin(admin.ModelAdmin):
    list_display = ("document", "status", "effective_on", "note")
    list_filter = ("status",)
    raw_id_fields = ("document",)
