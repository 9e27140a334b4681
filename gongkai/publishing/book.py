"""A book of documents: sections of entries, each a document's title, catalog lines and body.

Used for the compilation (汇编) of normative documents in force and for each issue of the government
gazette (政府公报); ``render.to_pdf`` and ``render.to_docx`` typeset it with a table of contents.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Entry:
    title: str
    body_html: str  # sanitized when the document was saved (gongkai.core.html)
    meta: tuple[tuple[str, str], ...] = ()  # e.g. (("发文字号", "沂政发〔2024〕3号"), ("成文日期", "2024-03-01"))
    note: str = ""  # e.g. a lifecycle remark printed under the title


@dataclass(frozen=True)
class Section:
    title: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Book:
    title: str
    subtitle: str = ""
    publisher: str = ""
    date_line: str = ""
    preface: tuple[str, ...] = ()
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def entry_count(self) -> int:
        return sum(len(s.entries) for s in self.sections)
