"""What entering a parsed notice would do, shown before the office confirms it (nothing is written)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .grid import Month, year_grid
from .notice import ParsedNotice
from .services import MovedDeadline, get_calendar, preview_calendar_for, preview_moves


@dataclass
class NoticePreview:
    parsed: ParsedNotice
    months: list[Month]
    moved: list[MovedDeadline] = field(default_factory=list)

    @property
    def changed_days(self) -> int:
        return sum(1 for month in self.months for week in month.weeks for cell in week if cell and cell.changed)


def preview_notice(parsed: ParsedNotice) -> NoticePreview:
    """The year as it would be with ``parsed`` entered, marked against today's calendar, and the deadlines it moves."""
    calendar_for = preview_calendar_for(parsed.year, parsed.days())
    months = year_grid(calendar_for(None), parsed.year, before=get_calendar())
    return NoticePreview(parsed, months, preview_moves(calendar_for))
