"""Wagtail's moderation and comment mails, written to the portal's outbox.

Why: Wagtail sends these mails itself (`wagtail.admin.mail`), during the editor's
request and over SMTP directly. A mail server that is down loses them, the editor
waits for SMTP, and the text is half English ("Hello admin, The page ... has been
submitted for approval"). Here the same notifications become outbox rows, one per
recipient, delivered by `notifications.tasks.deliver_message` and rendered there
in the recipient's admin language from `templates/notifications/mail/moderation_*`.

How: the notifiers below are Wagtail's own classes (who is told, and their
per-user preferences `submitted_notifications`, `approved_notifications`,
`rejected_notifications`) with only the sending replaced. `connect()`, called from
`NotificationsConfig.ready()`, connects them under the dispatch_uids Wagtail uses
(`wagtail/admin/signal_handlers.py`), after disconnecting Wagtail's. The
notifications app comes before wagtail.admin in INSTALLED_APPS, so Wagtail's
`register_signal_handlers()` runs later and finds each uid taken: Django ignores
a second connect under the same uid. Either order ends with the portal's handlers.

Comment mails have no signal: the page edit view calls the `send_notification`
it imported into `wagtail.admin.views.pages.edit`, which `connect()` replaces with
`send_comment_notification`.

When it can go: when Wagtail sends its notifications through a replaceable
backend or task (there is none up to Wagtail 8.0), or when its mails can be queued
by the portal's mail backend without losing them. Check `wagtail/admin/mail.py`,
`signal_handlers.py` and `views/pages/edit.py` on every Wagtail upgrade: a renamed
uid or import would bring Wagtail's direct mails back, which the tests in
`tests/notifications/test_moderation_mail.py` catch.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from wagtail.admin import mail as wagtail_mail
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.pages import edit as wagtail_page_edit
from wagtail.models import AbstractPage, TaskState, WorkflowState
from wagtail.signals import (
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)
from wagtail.users.models import UserProfile

from notifications.outbox import send_later, staff_key, user_language

# Wagtail marks its notification mails so that auto-responders stay quiet.
HEADERS = {"Auto-Submitted": "auto-generated"}


class ModerationNotice(models.TextChoices):
    """What happened; the value is Wagtail's notification name."""

    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    COMMENTS = "updated_comments"

    @property
    def template(self):
        name = "comments" if self is ModerationNotice.COMMENTS else self.value
        return f"notifications/mail/moderation_{name}"

    def allowed_for(self, user):
        """The user's own choice in the admin's notification settings."""
        return getattr(UserProfile.get_for_user(user), f"{self.value}_notifications")


def admin_url(name, *args):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def school_of(obj):
    """The school of a page under moderation; snippets belong to the network."""
    if not isinstance(obj, AbstractPage):
        return None
    return getattr(obj.specific, "school", None)


def describe(obj):
    """Title and admin links of the page (or other object) under moderation."""
    if isinstance(obj, AbstractPage):
        page = obj.specific
        return {
            "title": page.get_admin_display_title(),
            "edit_url": admin_url("wagtailadmin_pages:edit", page.pk),
            "live_url": page.get_full_url() if page.live else "",
        }
    edit_url = AdminURLFinder().get_edit_url(obj)
    return {
        "title": str(obj.get_latest_revision_as_object()),
        "edit_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + edit_url
        if edit_url
        else "",
        "live_url": "",
    }


def display_name(user):
    return get_user_display_name(user) if user is not None else ""


def write_rows(notice, recipients, *, key, context, school):
    """One outbox row per recipient, in the recipient's admin language."""
    messages = []
    for user in sorted(recipients, key=lambda user: user.pk):
        message = send_later(
            template=notice.template,
            to=user.email,
            language=user_language(user),
            context=context,
            key=staff_key(key, user),
            headers=HEADERS,
            school=school,
        )
        if message is not None:
            messages.append(message)
    return messages


class OutboxNotifierMixin:
    """Replaces the sending of Wagtail's email notifiers with outbox rows.

    Wagtail's notifier calls `get_template_set`, `get_context` and then
    `send_notifications`; here the context is what the outbox stores (plain
    JSON, rendered later by the worker), with the row key and the school beside it.
    """

    def get_template_set(self, instance, **kwargs):
        return {"template": ModerationNotice(self.notification).template}

    def get_workflow_state(self, instance):
        return instance

    def get_task_state(self, instance):
        return instance.current_task_state

    def get_context(self, instance, **kwargs):
        workflow_state = self.get_workflow_state(instance)
        task_state = self.get_task_state(instance)
        obj = workflow_state.content_object
        task = task_state.task.specific if task_state else None
        context = {
            **describe(obj),
            "workflow": workflow_state.workflow.name,
            "task": task.name if task else "",
            "submitter": display_name(workflow_state.requested_by),
            "actor": display_name(kwargs.get("user")),
            "comment": "",
        }
        key = ":".join(
            [
                "moderation",
                self.notification,
                str(workflow_state.pk),
                str(task_state.pk if task_state else ""),
            ]
        )
        return {"key": key, "school": school_of(obj), "mail": context}

    def send_notifications(self, template_set, context, recipients, **kwargs):
        write_rows(
            ModerationNotice(self.notification),
            recipients,
            key=context["key"],
            context=context["mail"],
            school=context["school"],
        )
        return True


class WorkflowSubmissionNotifier(
    OutboxNotifierMixin, wagtail_mail.WorkflowStateSubmissionEmailNotifier
):
    """Superusers, told that a page entered a workflow.

    The row key is the one the moderation stage's notice uses, so a superuser
    who is told by both gets one mail.
    """

    def get_recipient_users(self, workflow_state, **kwargs):
        # Wagtail 8.0 builds `exclude(...)` and drops it, mailing the submitter.
        recipients = super().get_recipient_users(workflow_state, **kwargs)
        user = kwargs.get("user")
        return recipients.exclude(pk=user.pk) if user else recipients


class TaskSubmissionNotifier(
    OutboxNotifierMixin,
    wagtail_mail.GroupApprovalTaskStateSubmissionEmailNotifier,
):
    """The moderators of the stage (and superusers): a page waits for them."""

    def get_workflow_state(self, instance):
        return instance.workflow_state

    def get_task_state(self, instance):
        return instance

    def get_context(self, task_state, **kwargs):
        context = super().get_context(task_state, **kwargs)
        obj = task_state.workflow_state.content_object
        if isinstance(obj, AbstractPage):
            context["mail"]["preview_url"] = admin_url(
                "wagtailadmin_pages:workflow_preview", obj.pk, task_state.task_id
            )
        return context


class WorkflowApprovalNotifier(
    OutboxNotifierMixin, wagtail_mail.WorkflowStateApprovalEmailNotifier
):
    """The submitter: the page passed moderation (and was published)."""

    def get_context(self, workflow_state, **kwargs):
        context = super().get_context(workflow_state, **kwargs)
        if workflow_state.current_task_state:
            task_state = workflow_state.current_task_state.specific
            context["mail"]["comment"] = task_state.get_comment()
        return context


class WorkflowRejectionNotifier(
    OutboxNotifierMixin, wagtail_mail.WorkflowStateRejectionEmailNotifier
):
    """The submitter: a moderator requested changes."""

    def get_context(self, workflow_state, **kwargs):
        context = super().get_context(workflow_state, **kwargs)
        task_state = workflow_state.current_task_state.specific
        context["mail"]["comment"] = task_state.get_comment()
        return context


# Module-level: signals hold their receivers by weak reference.
task_submission_notifier = TaskSubmissionNotifier()
workflow_submission_notifier = WorkflowSubmissionNotifier()
workflow_approval_notifier = WorkflowApprovalNotifier()
workflow_rejection_notifier = WorkflowRejectionNotifier()

# (signal, sender, Wagtail's dispatch_uid, the portal's receiver)
RECEIVERS = [
    (
        task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        task_submission_notifier,
    ),
    (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        workflow_submission_notifier,
    ),
    (
        workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        workflow_rejection_notifier,
    ),
    (
        workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        workflow_approval_notifier,
    ),
]


def comment_texts(comments):
    return [comment.text for comment in comments]


def comments_key(page, extra_context):
    """The same change to the same comments gives the same key."""
    parts = [str(page.pk), str(page.latest_revision_id or "")]
    for name in ("new_comments", "resolved_comments", "deleted_comments"):
        for comment in extra_context.get(name, []):
            parts.append(f"{name}:{comment.pk}:{comment.text}:{comment.resolved_at}")
    for thread in extra_context.get("replied_comments", []):
        for reply in thread["replies"]:
            parts.append(f"reply:{thread['comment'].pk}:{reply.pk}:{reply.text}")
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
    return f"moderation:{ModerationNotice.COMMENTS}:{page.pk}:{digest}"


def send_comment_notification(recipient_users, notification, extra_context):
    """Stands in for `wagtail.admin.mail.send_notification` in the page editor.

    Same recipients as Wagtail (active, with an address, comment mails switched
    on), the same call signature; the mail goes to the outbox instead.
    """
    if notification != ModerationNotice.COMMENTS:
        return wagtail_mail.send_notification(
            recipient_users, notification, extra_context
        )
    notice = ModerationNotice.COMMENTS
    editor = extra_context.get("editor")
    recipients = [
        user
        for user in recipient_users
        if user.is_active and user.email and user != editor and notice.allowed_for(user)
    ]
    if not recipients:
        return True
    page = extra_context["page"]
    context = {
        **describe(page),
        "actor": display_name(editor),
        "new_comments": comment_texts(extra_context.get("new_comments", [])),
        "resolved_comments": comment_texts(extra_context.get("resolved_comments", [])),
        "deleted_comments": comment_texts(extra_context.get("deleted_comments", [])),
        "replied_comments": [
            {
                "comment": thread["comment"].text,
                "replies": comment_texts(thread["replies"]),
            }
            for thread in extra_context.get("replied_comments", [])
        ],
    }
    write_rows(
        notice,
        recipients,
        key=comments_key(page, extra_context),
        context=context,
        school=school_of(page),
    )
    return True


def connect():
    """Put the portal's receivers where Wagtail's mail senders were."""
    for signal, sender, dispatch_uid, receiver in RECEIVERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(receiver, sender=sender, dispatch_uid=dispatch_uid)
    wagtail_page_edit.send_notification = send_comment_notification
