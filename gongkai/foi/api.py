"""API routes of the foi app (filled in by its issue)."""

from ninja import Router

router = Router()
