"""Domain events of normative documents, sent after the transaction commits.

Higher layers subscribe in their ``AppConfig.ready()``: the portal (page cache), search (facets), the
annual report and statistics. Every receiver gets ``org`` (an Organization id) and either ``normative``
(a NormativeDocument id) or ``campaign`` (a CleanupCampaign id).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

# A document was registered as normative, or its registration details (filing, period) changed.
normative_registered = Signal()
normative_changed = Signal()
# Its lifecycle changed; also sends ``to_state`` and ``effective_on`` (an ISO date).
lifecycle_changed = Signal()
# A clean-up campaign's result list was published.
cleanup_published = Signal()


def send_on_commit(signal: Signal, **kwargs) -> None:
    """Send ``signal`` once the current transaction commits; a failing receiver is logged, not raised."""

    def send() -> None:
        for receiver, result in signal.send_robust(sender="normative", **kwargs):
            if isinstance(result, Exception):
                logger.error("receiver %r of a normative event failed", receiver, exc_info=result)

    transaction.on_commit(send)
