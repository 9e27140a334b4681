"""Keep the index in step with the documents app's events, and rebuild the segmenter on dictionary edits.

Connected in SearchConfig.ready(). Each receiver is one small function around one service call, so
moving the indexing into a task queue later means changing only these bodies.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from gongkai.documents import events

from .models import SearchTerm
from .segment import invalidate


@receiver([post_save, post_delete], sender=SearchTerm)
def dictionary_changed(sender, **kwargs) -> None:
    invalidate()


@receiver([events.document_published, events.document_changed, events.validity_changed],
          dispatch_uid="search-index-document")
def index_document(sender, document_id: int, **kwargs) -> None:
    """Index (or, when it is not public, drop) the document the event names."""
    from . import services

    services.index_document_id(document_id)


@receiver(events.document_withdrawn, dispatch_uid="search-remove-document")
def remove_document(sender, document_id: int, **kwargs) -> None:
    from . import services

    services.remove_document(document_id)


@receiver(events.documents_imported, dispatch_uid="search-index-imported")
def index_imported(sender, documents: list, **kwargs) -> None:
    """Index a bulk import's written rows as they are (no second read of their bodies)."""
    from . import services

    services.index_documents(documents)
