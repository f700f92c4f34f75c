from email import message_from_bytes, policy

from django.core.mail import EmailMultiAlternatives

from notifications.mail import EmlFileBackend


def test_default_mail_backend_writes_one_readable_eml_file_per_message(tmp_path):
    backend = EmlFileBackend(file_path=tmp_path)
    message = EmailMultiAlternatives(
        subject="Reģistrācija apstiprināta",
        body="Paldies par reģistrāciju!",
        from_email="portals@ekoskolas.localhost",
        to=["skolotaja@example.lv"],
    )
    message.attach_alternative("<p>Paldies par reģistrāciju!</p>", "text/html")

    sent = backend.send_messages([message, message])

    files = sorted(tmp_path.glob("*.eml"))
    assert sent == 2
    assert len(files) == 2
    parsed = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert parsed["Subject"] == "Reģistrācija apstiprināta"
    assert parsed["To"] == "skolotaja@example.lv"
    assert (
        parsed.get_body(("plain",)).get_content().strip() == "Paldies par reģistrāciju!"
    )
    assert "<p>" in parsed.get_body(("html",)).get_content()
