"""Domain events of normative documents, sent after the transaction commits.

Higher layers subscribe in their ``AppConfig.ready()``: the portal (page cache), search (facets), the
annual report and statistics. Every receiver gets ``org`` (an Organization id) and either ``normative``
(a NormativeDocument id) or ``campaign`` (a CleanupCampaign id).
"""

from __future__ import annotations

from django.dispatch import Signal

from gongkai.core import events as core_events
from gongkai.core import pagecache

# A document was registered as normative, or its registration details (filing, period) changed.
normative_registered = Signal()
normative_changed = Signal()
# Its lifecycle changed; also sends ``to_state`` and ``effective_on`` (an ISO date).
lifecycle_changed = Signal()
# A clean-up campaign's result list was published.
cleanup_published = Signal()


def announce(signal: Signal, **kwargs) -> None:
    """Send ``signal`` once the current transaction commits (through gongkai.core.events).

    Each of these changes what this app's public pages show, so the page cache's generation moves too.
    """
    core_events.announce(signal, "normative", **kwargs)
    pagecache.bump_after_commit()
