import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_admin_is_created_once_and_its_password_printed_once(monkeypatch):
    monkeypatch.delenv("PORTAL_ADMIN_PASSWORD", raising=False)
    first, second = io.StringIO(), io.StringIO()

    call_command("ensure_admin", stdout=first)
    call_command("ensure_admin", stdout=second)

    password = first.getvalue().split("Password (shown once, keep it): ")[1].split()[0]
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password(password)
    assert "Password" not in second.getvalue()


def test_admin_password_can_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("PORTAL_ADMIN_PASSWORD", "zaļā-skola-2026")
    out = io.StringIO()

    call_command("ensure_admin", stdout=out)

    assert (
        get_user_model().objects.get(username="admin").check_password("zaļā-skola-2026")
    )
    assert "zaļā-skola-2026" not in out.getvalue()
