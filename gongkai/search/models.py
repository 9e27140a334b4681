"""Search index rows and the operators' user dictionary.

``SearchEntry`` holds one row per public document with the filter fields; the text index itself is
an FTS5 table (SQLite) or a tsvector column on this table (PostgreSQL), both created by migration 0001.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchTerm(models.Model):
    """A word the segmenter keeps whole (e.g. 双随机一公开). Switching a shipped word off removes it."""

    word = models.CharField(_("词语"), max_length=40, unique=True)
    active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("检索词典词语")
        verbose_name_plural = _("检索词典")
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word


class SearchEntry(models.Model):
    document = models.OneToOneField(
        "documents.Document", primary_key=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    org = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="+")
    column = models.ForeignKey("catalog.Column", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(null=True)
    published_on = models.DateField(null=True)
    genre = models.CharField(max_length=20, blank=True)
    validity = models.CharField(max_length=20, blank=True)
    subject = models.CharField(max_length=60, blank=True)
    # Normalized 发文字号 and the 索引号, for exact look-up.
    doc_number = models.CharField(max_length=100, blank=True, db_index=True)
    index_number = models.CharField(max_length=100, blank=True, db_index=True)
    # Plain text of the body (PostgreSQL backend: highlighting and phrase checks).
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("检索索引条目")
        verbose_name_plural = _("检索索引条目")
        indexes = [
            models.Index(fields=["org", "year"], name="search_entry_org_year"),
            models.Index(fields=["year"], name="search_entry_year"),
            models.Index(fields=["column"], name="search_entry_column"),
            models.Index(fields=["-published_on", "-document"], name="search_entry_published"),
        ]

    def __str__(self) -> str:
        return f"entry {self.document_id}"


class PendingRemoval(models.Model):
    """A record taken out of public view whose removal the embedded index may not have committed yet.

    Written in the same transaction as the withdrawal; every search on the embedded engine excludes
    these keys, and the index writer deletes the row once its deletion is committed.
    """

    key = models.CharField(max_length=60, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("待删除的检索条目")
        verbose_name_plural = _("待删除的检索条目")

    def __str__(self) -> str:
        return self.key


class SynonymGroup(models.Model):
    """Words and phrases a search treats as the same (老年人补贴, 高龄津贴): a query for one finds all."""

    terms = models.CharField(
        _("同义词"), max_length=500, help_text=_("用逗号或顿号分隔，如：老年人补贴，高龄津贴")
    )
    active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("同义词组")
        verbose_name_plural = _("同义词")
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms


class BestBet(models.Model):
    """A pinned result: for this exact query the document is shown first (推荐结果)."""

    query = models.CharField(_("检索词"), max_length=100, db_index=True)
    document = models.ForeignKey(
        "documents.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("推荐文件")
    )
    position = models.PositiveSmallIntegerField(_("排序"), default=1)
    active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("推荐结果")
        verbose_name_plural = _("推荐结果")
        ordering = ["query", "position"]
        constraints = [models.UniqueConstraint(fields=["query", "document"], name="search_bestbet_unique")]

    def __str__(self) -> str:
        return f"{self.query} → {self.document_id}"
