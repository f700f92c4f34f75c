"""Turning an outbox row into an e-mail, under the recipient's language."""

import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from notifications.models import OutboxMessage


def school_context(school):
    """Name and contacts of the school a mail speaks for, in the current language."""
    if school is None:
        return {}
    school = school.specific
    localized = school.in_language(translation.get_language())
    details = {
        "name": localized.title,
        "url": localized.get_full_url(),
        "email": "",
        "phone": "",
        "address": "",
    }
    site_settings = school.specific.site_settings
    if site_settings is not None:
        details.update(
            email=site_settings.email,
            phone=site_settings.phone,
            address=site_settings.address,
        )
    return {"school": details}


def render(message: OutboxMessage) -> EmailMultiAlternatives:
    with translation.override(message.language):
        context = {**message.context, **school_context(message.school)}
        context["language"] = message.language
        subject = render_to_string(f"{message.template}_subject.txt", context)
        subject = re.sub(r"\s+", " ", subject).strip()
        text = render_to_string(f"{message.template}.txt", context)
        html = render_to_string(f"{message.template}.html", context)
    headers = dict(message.headers)
    reply_to = []
    if context.get("school", {}).get("email"):
        reply_to = [context["school"]["email"]]
    email = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_email],
        reply_to=reply_to,
        headers=headers,
    )
    email.attach_alternative(html, "text/html")
    for attachment in message.attachments:
        email.attach(
            attachment["filename"], attachment["content"], attachment["mimetype"]
        )
    return email
