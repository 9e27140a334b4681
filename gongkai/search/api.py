"""API routes of the search app (filled in by its issue)."""

from ninja import Router

router = Router()
