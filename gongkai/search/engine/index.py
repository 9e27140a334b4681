"""The embedded search engine's on-disk index (tantivy): schema, text preparation, readers and the writer.

Layout under ``settings.GONGKAI_SEARCH_INDEX_DIR`` (default ``var/search``)::

    CURRENT            name of the live index directory (replaced atomically by a rebuild)
    ix-<stamp>/        a tantivy index
    writer.lock        held (flock) by the one process that writes at a time

Every web process opens the live index read-only and checks, once per search, whether a writer
committed (``meta.json`` changed) or a rebuild switched ``CURRENT``; it then reloads. Writes happen in
one process at a time: ``Writer`` takes ``writer.lock`` (blocking), applies a batch, commits, releases.
The index holds nothing the database does not: ``rebuild`` makes a new one from the public records and
switches to it, so backups need not contain it.

Fields (one tantivy document per searchable record):
- ``key`` ("document:12") for replacing and deleting; ``kind`` and ``ref`` (the record's id);
- ``title``/``body``/``meta``: the segmenter's search-mode tokens joined by spaces (BM25 over words);
- ``title_bg``/``text_bg``: overlapping character bigrams of the cleaned, lower-cased text, position =
  character offset, so any string of two or more characters can be found as a phrase whatever the
  segmentation did; ``uni``: the single characters (doc ids only) for one-character words;
- filter and facet columns (``org``, ``column``, ``year``, ``day``, ``genre``, ``validity``,
  ``subject``, ``kind``), ``datekey`` (publication day then id, for date order), ``boost`` (validity
  and recency, see ``boost_weight``) and ``seq`` (increasing per written version, see ``recall``);
- stored: ``title_text`` and ``body_text`` (plain) for highlighting.
"""

from __future__ import annotations

import datetime
import fcntl
import json
import operator
import os
import re
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import tantivy
from django.conf import settings

WORDS = "ws"  # whitespace-separated tokens, already lower-cased by the segmenter
TEXT_FIELDS = ("title", "body", "meta")
BIGRAM_FIELDS = ("title_bg", "text_bg")
RAW_FACETS = ("kind", "genre", "validity", "subject")
INT_FACETS = ("org", "column", "year")
WRITER_HEAP = 200_000_000
# Validity and recency as a multiplier: x1.15 per ten years newer (the same ratio whatever today is),
# in force x1.1, expired or repealed x0.9; normalized so the lowest multiplier is 1 (tantivy multiplies
# the score by log2(2 + weight), so weight = 2**m - 2).
RECENCY_PER_DECADE = 1.15
VALIDITY = {"in_force": 1.1, "expired": 0.9, "repealed": 0.9}
EPOCH = datetime.date(2000, 1, 1).toordinal()
OLDEST = datetime.date(1949, 10, 1).toordinal()
_FLOOR = 0.9 * RECENCY_PER_DECADE ** ((OLDEST - EPOCH) / 3652.5)

_SPACE = re.compile(r"\s")
_add = operator.add


def bigram_text(text: str) -> str:
    """Overlapping bigrams of ``text`` (lower-cased, whitespace as "_"), space-separated, one per character.

    The text ends with "_" so its last character also starts a bigram: token i starts at character i.
    """
    s = _SPACE.sub("_", text.lower()) + "_"
    return " ".join(map(_add, s, s[1:]))


def unigram_text(text: str) -> str:
    return " ".join(_SPACE.sub("", text.lower()))


def boost_multiplier(validity: str, published: datetime.date | None) -> float:
    day = published.toordinal() if published else OLDEST
    m = VALIDITY.get(validity, 1.0) * RECENCY_PER_DECADE ** ((max(day, OLDEST) - EPOCH) / 3652.5)
    return m / _FLOOR


def boost_weight(validity: str, published: datetime.date | None) -> float:
    """The ``boost`` column: tantivy multiplies scores by log2(2 + boost) = ``boost_multiplier``."""
    return max(0.0, 2.0 ** boost_multiplier(validity, published) - 2.0)


def date_key(published: datetime.date | None, ref: int) -> int:
    return ((published.toordinal() if published else 0) << 32) | (ref & 0xFFFFFFFF)


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("key", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("kind", fast=True, tokenizer_name="raw", index_option="basic")
    sb.add_unsigned_field("ref", stored=True, indexed=True, fast=True)
    sb.add_unsigned_field("seq", indexed=True, fast=True)
    for name in TEXT_FIELDS + BIGRAM_FIELDS:
        sb.add_text_field(name, tokenizer_name=WORDS, index_option="position")
    sb.add_text_field("uni", tokenizer_name=WORDS, index_option="basic")
    for name in RAW_FACETS[1:]:
        sb.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    for name in INT_FACETS:
        sb.add_unsigned_field(name, indexed=True, fast=True)
    sb.add_unsigned_field("day", indexed=True, fast=True)
    sb.add_unsigned_field("datekey", fast=True)
    sb.add_float_field("boost", fast=True)
    sb.add_text_field("title_text", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("body_text", stored=True, tokenizer_name="raw", index_option="basic")
    return sb.build()


SCHEMA = build_schema()
_ANALYZER = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()


def _register(index: tantivy.Index) -> tantivy.Index:
    index.register_tokenizer(WORDS, _ANALYZER)
    return index


@dataclass
class Record:
    """One searchable record as the engine stores it; texts are cleaned plain text, tokens lower-cased."""

    kind: str
    ref: int
    title: str
    body: str
    meta: str
    title_tokens: list[str]
    body_tokens: list[str]
    meta_tokens: list[str]
    org: int | None = None
    column: int | None = None
    published: datetime.date | None = None
    genre: str = ""
    validity: str = ""
    subject: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.ref}"


def to_document(r: Record, seq: int) -> tantivy.Document:
    d = tantivy.Document()
    d.add_text("key", r.key)
    d.add_text("kind", r.kind)
    d.add_unsigned("ref", r.ref)
    d.add_unsigned("seq", seq)
    d.add_text("title", " ".join(r.title_tokens))
    d.add_text("body", " ".join(r.body_tokens))
    d.add_text("meta", " ".join(r.meta_tokens))
    d.add_text("title_bg", bigram_text(r.title))
    d.add_text("text_bg", bigram_text(r.meta + "\n" + r.body))
    d.add_text("uni", unigram_text(r.title + r.meta + r.body))
    for name in RAW_FACETS[1:]:
        value = getattr(r, name)
        if value:
            d.add_text(name, value)
    for name in ("org", "column"):
        if getattr(r, name) is not None:
            d.add_unsigned(name, getattr(r, name))
    if r.published:
        d.add_unsigned("year", r.published.year)
        d.add_unsigned("day", r.published.toordinal())
    d.add_unsigned("datekey", date_key(r.published, r.ref))
    d.add_float("boost", boost_weight(r.validity, r.published))
    d.add_text("title_text", r.title)
    d.add_text("body_text", r.body)
    return d


# ---------------------------------------------------------------- locations

def root() -> Path:
    configured = getattr(settings, "GONGKAI_SEARCH_INDEX_DIR", None)
    path = Path(configured) if configured else Path(settings.VAR_DIR) / "search"
    path.mkdir(parents=True, exist_ok=True)
    return path


_roots: dict[str, Path] = {}


def root_cached() -> Path:
    """``root()`` without the mkdir once a directory was seen (the search hot path)."""
    configured = str(getattr(settings, "GONGKAI_SEARCH_INDEX_DIR", None) or "")
    found = _roots.get(configured)
    if found is None:
        found = _roots[configured] = root()
    return found


def _current_name(base: Path) -> str | None:
    try:
        return (base / "CURRENT").read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


def _switch(base: Path, name: str) -> None:
    tmp = base / f"CURRENT.{os.getpid()}.tmp"
    tmp.write_text(name, encoding="utf-8")
    os.replace(tmp, base / "CURRENT")


def _new_dir(base: Path) -> Path:
    path = base / f"ix-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    path.mkdir(parents=True)
    return path


def live_dir(create: bool = True) -> Path | None:
    """The live index directory; an empty index is created the first time."""
    base = root()
    name = _current_name(base)
    if name and (base / name / "meta.json").exists():
        return base / name
    if not create:
        return None
    with writer_lock(base):
        name = _current_name(base)
        if name and (base / name / "meta.json").exists():
            return base / name
        path = _new_dir(base)
        tantivy.Index(SCHEMA, path=str(path))
        _switch(base, path.name)
        return path


@contextmanager
def writer_lock(base: Path | None = None):
    """Exclusive, blocking: one writer (of any process) at a time."""
    base = base or root()
    with open(base / "writer.lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# ---------------------------------------------------------------- readers

class Reader:
    """A process's handle on the live index; ``searcher()`` reloads after commits and rebuilds."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.path: Path | None = None
        self.index: tantivy.Index | None = None
        self._stamp: tuple | None = None
        self._max_seq: tuple[tuple | None, int] = (None, 0)

    def _live(self) -> Path:
        """The live directory, re-read only when CURRENT changed (one stat per search)."""
        base = root_cached()
        try:
            st = os.stat(base / "CURRENT")
            key = (str(base), st.st_mtime_ns, st.st_ino)
        except FileNotFoundError:
            key = None
        if key is None or key != getattr(self, "_current_key", None) or self.path is None:
            path = live_dir()
            self._current_key = key
            return path
        return self.path

    def searcher(self) -> tantivy.Searcher:
        path = self._live()
        st = os.stat(os.path.join(path, "meta.json"))
        stamp = (str(path), st.st_mtime_ns, st.st_size)
        if stamp != self._stamp:
            with self._lock:
                if self.path != path or self.index is None:
                    self.index = _register(tantivy.Index.open(str(path)))
                    self.path = path
                else:
                    self.index.reload()
                self._stamp = stamp
        return self.index.searcher()

    def max_seq(self, searcher: tantivy.Searcher) -> int:
        """The largest ``seq`` in the index as last loaded (computed once per reload)."""
        stamp, value = self._max_seq
        if stamp != self._stamp:
            value = _max_seq_of(searcher)
            self._max_seq = (self._stamp, value)
        return value

    def generation(self) -> str:
        """Changes whenever the live index changes (commit or rebuild): part of cache keys."""
        path = live_dir()
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        return f"{path.name}:{meta.get('opstamp', 0)}"


_reader = Reader()


def reader() -> Reader:
    return _reader


# ---------------------------------------------------------------- writer

def _max_seq(index: tantivy.Index) -> int:
    return _max_seq_of(index.searcher())


def _max_seq_of(searcher: tantivy.Searcher) -> int:
    if searcher.num_docs == 0:
        return 0
    hits = searcher.search(tantivy.Query.all_query(), limit=1, order_by_field="seq").hits
    return int(hits[0][0]) if hits else 0


class Writer:
    """Apply upserts and deletions under the writer lock; ``commit`` makes them visible to every reader."""

    def __init__(self, path: Path | None = None, *, heap: int = WRITER_HEAP, threads: int = 1):
        if path is None:
            live_dir()  # create the first, empty index (it takes the lock itself)
        self._locked = writer_lock(path.parent if path else None)
        self._locked.__enter__()
        try:
            self.path = path or live_dir(create=False)
            self.index = _register(tantivy.Index.open(str(self.path)))
            self.writer = self.index.writer(heap_size=heap, num_threads=threads)
            self.seq = _max_seq(self.index)
        except BaseException:
            self._locked.__exit__(None, None, None)
            raise

    def upsert(self, records: list[Record]) -> None:
        for r in records:
            self.writer.delete_documents_by_term("key", r.key)
            self.seq += 1
            self.writer.add_document(to_document(r, self.seq))

    def delete(self, keys: list[str]) -> None:
        for key in keys:
            self.writer.delete_documents_by_term("key", key)

    def delete_all(self) -> None:
        self.writer.delete_all_documents()

    def commit(self) -> None:
        self.writer.commit()

    def close(self, *, merge: bool = False) -> None:
        try:
            if merge:
                self.writer.wait_merging_threads()
            else:
                del self.writer
        finally:
            self._locked.__exit__(None, None, None)

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.writer.rollback()
        self.close()


@contextmanager
def rebuilding():
    """A writer on a fresh index directory; on success it becomes the live index (the old one removed).

    The writer lock is held throughout, so no write can land in the old index meanwhile and be lost.
    """
    base = root()
    path = _new_dir(base)
    tantivy.Index(SCHEMA, path=str(path))
    w = Writer(path, heap=max(WRITER_HEAP, 400_000_000), threads=1)
    try:
        yield w
        w.commit()
        w.writer.wait_merging_threads()
        old = _current_name(base)
        _switch(base, path.name)
    except BaseException:
        w.close()
        _remove_tree(path)
        raise
    w._locked.__exit__(None, None, None)
    if old and old != path.name:
        _remove_tree(base / old)


def _remove_tree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def size_bytes() -> int:
    path = live_dir(create=False)
    if path is None:
        return 0
    return sum(p.stat().st_size for p in path.iterdir() if p.is_file())
