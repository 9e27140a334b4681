"""The task settings, derived from the environment (imported by gongkai/settings.py, so no Django here).

Which engine carries the work:

| configuration | engine | who runs the work |
| --- | --- | --- |
| nothing set (embedded default) | ``db``: django-tasks-db, the queue is a table in the site's database | the worker that `gongkai serve` starts beside gunicorn |
| ``GONGKAI_REDIS_URL`` set | ``rq``: django-tasks-rq, RQ on that Redis | `gongkai worker` on any number of machines (and the one `gongkai serve` starts) |
| ``GONGKAI_TASKS_ENGINE=db|rq|immediate`` | forces the engine; ``immediate`` runs each task at once in the caller (development, tests) | |

Whatever the engine, every task is first written to the ledger (``gongkai.jobs.models.Job``) by the
``default`` backend; the engine only carries a doorbell (the ledger row's id) to a worker.
"""

from __future__ import annotations

ENGINES = ("db", "rq", "immediate")
QUEUES = ("default", "bulk")  # "bulk": imports and reindexing, so they never hold up mail

ENGINE_BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}


def engine_from_env(env: dict[str, str]) -> str:
    chosen = (env.get("GONGKAI_TASKS_ENGINE") or "").strip().lower()
    if chosen:
        if chosen not in ENGINES:
            raise ValueError(f"GONGKAI_TASKS_ENGINE must be one of {', '.join(ENGINES)}, not {chosen!r}")
        return chosen
    return "rq" if env.get("GONGKAI_REDIS_URL") else "db"


def redis_url_for_tasks(env: dict[str, str]) -> str:
    """The Redis carrying RQ: GONGKAI_TASKS_REDIS_URL, else GONGKAI_REDIS_URL (the cache's)."""
    return env.get("GONGKAI_TASKS_REDIS_URL") or env.get("GONGKAI_REDIS_URL") or "redis://127.0.0.1:6379/0"


def tasks_settings(env: dict[str, str]) -> dict:
    """The TASKS setting: ``default`` is the ledger, ``engine`` the configured transport."""
    engine = engine_from_env(env)
    return {
        "default": {
            "BACKEND": "gongkai.jobs.backend.LedgerBackend",
            "QUEUES": list(QUEUES),
            "OPTIONS": {"ENGINE": "engine"},
        },
        "engine": {"BACKEND": ENGINE_BACKENDS[engine], "QUEUES": list(QUEUES)},
    }


def rq_queues(env: dict[str, str]) -> dict:
    """RQ_QUEUES for django-rq; unused (never connected) unless the engine is ``rq``."""
    url = redis_url_for_tasks(env)
    # A task may run long (a 100,000-line import); the ledger's lease, not RQ's timeout, detects dead workers.
    return {
        "default": {"URL": url, "DEFAULT_TIMEOUT": 3600},
        "bulk": {"URL": url, "DEFAULT_TIMEOUT": 6 * 3600},
    }
