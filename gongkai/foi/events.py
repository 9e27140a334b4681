"""Domain events of disclosure requests, for higher apps (statistics, supervision, notifications).

Receivers get ``sender=DisclosureRequest`` and, sent after the transaction commits:

- ``request_received``: ``request_id``, ``org_id``, ``channel``, ``received_on``: a request was
  submitted online or registered by staff.
- ``request_replied``: ``request_id``, ``org_id``, ``outcome``, ``replied_on``: the reply letter was issued.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.dispatch import Signal

from gongkai.core import events as core_events

request_received = Signal()
request_replied = Signal()


def announce(signal: Signal, **kwargs: Any) -> None:
    core_events.announce(signal, apps.get_model("foi", "DisclosureRequest"), **kwargs)
