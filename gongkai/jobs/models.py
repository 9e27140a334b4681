"""The ledger of background work: one row per task, whichever engine carries it.

A row is written in the caller's transaction (so work for a rolled-back change never exists), and is
the truth about the task: status, attempts, the worker's lease, progress, errors. Engines (the database
queue or RQ) only carry the row's id to a worker; a lost or duplicated doorbell is harmless because a
worker must *claim* the row (a conditional UPDATE) before running it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    # The values are those of the Tasks API's TaskResultStatus.
    READY = "READY", _("等待执行")
    RUNNING = "RUNNING", _("正在执行")
    SUCCESSFUL = "SUCCESSFUL", _("已完成")
    FAILED = "FAILED", _("失败")


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    task_path = models.CharField(_("任务"), max_length=200)
    label = models.CharField(_("名称"), max_length=100, blank=True)
    queue_name = models.CharField(_("队列"), max_length=32, default="default")
    priority = models.IntegerField(_("优先级"), default=0)
    args = models.JSONField(_("参数"), default=list)
    kwargs = models.JSONField(_("命名参数"), default=dict)
    key = models.CharField(_("幂等键"), max_length=200, null=True, blank=True, unique=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")

    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.READY)
    attempts = models.PositiveIntegerField(_("已尝试次数"), default=0)
    max_attempts = models.PositiveIntegerField(_("最多尝试次数"), default=5)
    run_after = models.DateTimeField(_("最早执行时间"))
    enqueued_at = models.DateTimeField(_("加入时间"), auto_now_add=True)
    rung_at = models.DateTimeField(_("最近通知引擎时间"), null=True, blank=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    # The claim: who runs it now, and until when the claim holds without a heartbeat.
    claim_token = models.CharField(max_length=32, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    worker_ids = models.JSONField(default=list, blank=True)

    progress_done = models.PositiveIntegerField(_("已处理"), default=0)
    progress_total = models.PositiveIntegerField(_("总数"), null=True, blank=True)
    progress_note = models.CharField(_("进度说明"), max_length=200, blank=True)
    return_value = models.JSONField(_("结果"), null=True, blank=True)

    error_class = models.CharField(_("错误类型"), max_length=200, blank=True)
    error_message = models.TextField(_("错误信息"), blank=True)
    traceback = models.TextField(_("错误详情"), blank=True)

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-enqueued_at"]
        indexes = [
            models.Index(fields=["status", "run_after"], name="jobs_status_run_after"),
            models.Index(fields=["status", "lease_until"], name="jobs_status_lease"),
            models.Index(fields=["owner", "enqueued_at"], name="jobs_owner"),
        ]

    def __str__(self) -> str:
        return f"{self.label or self.task_path} ({self.get_status_display()})"

    @property
    def name(self) -> str:
        return self.label or self.task_path.rsplit(".", 1)[-1]

    @property
    def percent(self) -> int | None:
        if not self.progress_total:
            return None
        return min(100, int(self.progress_done * 100 / self.progress_total))


class JobProblem(models.Model):
    """One problem a task met with one item (e.g. line 17 of an import), kept for the user who started it."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="problems")
    line = models.PositiveIntegerField(_("行号"), null=True, blank=True)
    message = models.TextField(_("问题"))

    class Meta:
        verbose_name = _("任务问题")
        verbose_name_plural = _("任务问题")
        ordering = ["line", "id"]

    def __str__(self) -> str:
        return f"{self.line or '-'}: {self.message[:60]}"


class SentMessage(models.Model):
    """An e-mail sent at most once per key, whatever number of times its task runs."""

    class State(models.TextChoices):
        QUEUED = "queued", _("等待发送")
        SENDING = "sending", _("正在发送")
        SENT = "sent", _("已发送")

    key = models.CharField(_("幂等键"), max_length=200, unique=True)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.SENDING)
    subject = models.CharField(_("主题"), max_length=300)
    recipients = models.JSONField(_("收件人"), default=list)
    body = models.TextField(_("正文（发送后清除）"), blank=True)
    message_id = models.CharField(max_length=200)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("已发送邮件")
        verbose_name_plural = _("已发送邮件")

    def __str__(self) -> str:
        return f"{self.key} ({self.get_state_display()})"
