"""Cached public pages show documents, organizations and columns: any change starts a new cache generation.

Connected in PortalConfig.ready(): the documents app announces publications, withdrawals and changes
(gongkai.documents.events); organization and column edits arrive as model signals.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from gongkai.catalog.models import Column
from gongkai.core.pagecache import bump_generation
from gongkai.documents import events
from gongkai.orgs.models import Organization


def _changed(sender, **kwargs) -> None:
    transaction.on_commit(bump_generation)


def document_event(sender, **kwargs) -> None:
    """A document event arrives after its commit: invalidate the cached pages now."""
    bump_generation()


DOCUMENT_EVENTS = (
    events.document_published, events.document_withdrawn, events.document_changed, events.validity_changed,
    events.documents_imported,
)


def connect() -> None:
    for model in (Organization, Column):
        post_save.connect(_changed, sender=model, dispatch_uid=f"portal-cache-{model.__name__}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"portal-cache-{model.__name__}-delete")
    for signal in DOCUMENT_EVENTS:
        signal.connect(document_event, dispatch_uid="portal-cache-document-event")
