"""Security headers, content security policy, protection against password guessing."""

import pytest
from django.test import override_settings

pytestmark = [pytest.mark.django_db]


def test_public_pages_forbid_inline_scripts_and_framing(client, network):
    response = client.get("/")

    policy = response["Content-Security-Policy"]
    directives = dict((part.split(" ", 1) + [""])[:2] for part in policy.split("; "))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"


def test_a_schools_brand_colour_comes_from_a_stylesheet_without_a_nonce(
    client, network
):
    settings = network["lit"].site_settings
    settings.brand_colour = "#0b4f6c"
    settings.save()

    response = client.get("/", HTTP_HOST="lit.localhost")
    html = response.content.decode()
    href = html.split('<link rel="stylesheet" href="/school-colours/')[1].split('"')[0]
    stylesheet = client.get(f"/school-colours/{href}", HTTP_HOST="lit.localhost")

    assert "<style" not in html
    assert "nonce" not in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert stylesheet["Content-Type"] == "text/css; charset=utf-8"
    assert stylesheet.content.decode() == ".site-header { background: #0b4f6c; }\n"


def test_security_headers_are_sent(client, network):
    response = client.get("/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_admin_gets_its_own_looser_policy_and_may_frame_itself(client):
    response = client.get("/admin/login/")

    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


@override_settings(SECURE_SSL_REDIRECT=False, SECURE_HSTS_SECONDS=31_536_000)
def test_https_responses_carry_hsts(client, network):
    response = client.get("/", secure=True)

    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def login(client, password):
    return client.post(
        "/admin/login/",
        {"username": "lit-redaktore", "password": password},
        REMOTE_ADDR="203.0.113.7",
    )


def test_five_wrong_passwords_lock_the_sign_in_with_a_latvian_message(
    client, network, make_member
):
    make_member("lit-redaktore", "lit editors")
    for _ in range(4):
        assert login(client, "nepareiza").status_code == 200
    fifth = login(client, "nepareiza")

    locked = login(client, "parole-123")

    assert fifth.status_code == 429
    assert locked.status_code == 429
    assert "Pierakstīšanās apturēta" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_right_password_before_the_limit_signs_in(client, network, make_member):
    make_member("lit-redaktore", "lit editors")
    for _ in range(4):
        login(client, "nepareiza")

    response = login(client, "parole-123")

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


@pytest.mark.integration
def test_failed_logins_are_counted_in_redis_where_every_process_sees_them(
    client, network, make_member, redis_url
):
    import redis

    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "portal-test-axes",
        }
    }
    make_member("lit-redaktore", "lit editors")
    server = redis.Redis.from_url(redis_url)
    for key in server.scan_iter("portal-test-axes*"):
        server.delete(key)

    with override_settings(
        CACHES=caches, AXES_HANDLER="axes.handlers.cache.AxesCacheHandler"
    ):
        for _ in range(5):
            login(client, "nepareiza")
        locked = login(client, "parole-123")

    stored = list(server.scan_iter("portal-test-axes*"))
    assert locked.status_code == 429
    assert stored, "no failure record reached Redis"
    for key in stored:
        server.delete(key)
