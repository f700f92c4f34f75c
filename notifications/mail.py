"""Mail delivery without a server: one .eml file per message under var/mail/."""

import re
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone


class EmlFileBackend(BaseEmailBackend):
    """Writes each message as a standard .eml file any mail program can open.

    Django's own file backend appends every message of a connection to one .log
    file, which no mail reader opens; a file per message is what a developer wants
    to look at.
    """

    def __init__(self, file_path=None, **kwargs):
        super().__init__(**kwargs)
        self.directory = Path(file_path or settings.EMAIL_FILE_PATH)

    def send_messages(self, email_messages):
        self.directory.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            subject = re.sub(r"[^\w-]+", "-", message.subject or "message")[:40]
            path = self.directory / f"{stamp}-{subject}-{uuid.uuid4().hex[:8]}.eml"
            path.write_bytes(message.message().as_bytes(linesep="\r\n"))
            sent += 1
        return sent
