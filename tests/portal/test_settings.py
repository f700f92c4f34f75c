"""Settings follow the environment, the way operators configure the portal."""

import json
import secrets

import pytest

from tests.processes import clean_environment, manage, run_python

SHOW_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
db = s.DATABASES["default"]
print(json.dumps({
    "db_engine": db["ENGINE"], "db_name": str(db["NAME"]),
    "db_host": db.get("HOST", ""),
    "cache": s.CACHES["default"]["BACKEND"],
    "cache_location": str(s.CACHES["default"].get("LOCATION", "")),
    "broker": s.CELERY_BROKER_URL, "result_backend": s.CELERY_RESULT_BACKEND,
    "broker_options": s.CELERY_BROKER_TRANSPORT_OPTIONS,
    "email_backend": s.EMAIL_BACKEND, "email_host": getattr(s, "EMAIL_HOST", ""),
    "email_port": getattr(s, "EMAIL_PORT", None),
    "email_user": getattr(s, "EMAIL_HOST_USER", ""),
    "email_tls": getattr(s, "EMAIL_USE_TLS", False),
    "email_path": str(getattr(s, "EMAIL_FILE_PATH", "")),
    "debug": s.DEBUG, "allowed_hosts": s.ALLOWED_HOSTS,
    "language": s.LANGUAGE_CODE, "time_zone": s.TIME_ZONE,
}))
"""


def settings_under(tmp_path, module="portal.settings.dev", **variables):
    env = clean_environment(
        DJANGO_SETTINGS_MODULE=module, PORTAL_VAR_DIR=tmp_path, **variables
    )
    result = run_python(SHOW_SETTINGS, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_defaults_need_no_server_and_keep_everything_under_var(tmp_path):
    config = settings_under(tmp_path)

    assert config["db_engine"] == "django.db.backends.sqlite3"
    assert config["db_name"] == str(tmp_path / "portal.sqlite3")
    assert config["broker"] == "filesystem://"
    assert config["broker_options"]["data_folder_in"] == str(
        tmp_path / "celery" / "queue"
    )
    assert config["result_backend"] == f"file://{tmp_path / 'celery' / 'results'}"
    assert config["cache"].endswith("FileBasedCache")
    assert config["email_backend"] == "notifications.mail.EmlFileBackend"
    assert config["email_path"] == str(tmp_path / "mail")
    assert config["language"] == "lv"
    assert config["time_zone"] == "Europe/Riga"


def test_database_url_switches_to_postgresql(tmp_path):
    config = settings_under(
        tmp_path, DATABASE_URL="postgres://portal@db.example:5432/ekoskolas"
    )

    assert config["db_engine"] == "django.db.backends.postgresql"
    assert config["db_name"] == "ekoskolas"
    assert config["db_host"] == "db.example"


def test_redis_url_moves_broker_results_and_cache_to_redis(tmp_path):
    config = settings_under(tmp_path, REDIS_URL="redis://cache.example:6379/2")

    assert config["broker"] == "redis://cache.example:6379/2"
    assert config["result_backend"] == "redis://cache.example:6379/2"
    assert config["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert config["cache_location"] == "redis://cache.example:6379/2"
    assert config["broker_options"]["visibility_timeout"] >= 3600


def test_email_url_sends_through_smtp_with_credentials_and_tls(tmp_path):
    config = settings_under(
        tmp_path, EMAIL_URL="smtp+tls://mailer:s3cret@mail.example:587"
    )

    assert config["email_backend"] == "django.core.mail.backends.smtp.EmailBackend"
    assert config["email_host"] == "mail.example"
    assert config["email_port"] == 587
    assert config["email_user"] == "mailer"
    assert config["email_tls"] is True


def test_debug_and_allowed_hosts_come_from_the_environment(tmp_path):
    config = settings_under(
        tmp_path, DEBUG="false", ALLOWED_HOSTS="ekoskolas.lv,.ekoskolas.lv"
    )

    assert config["debug"] is False
    assert config["allowed_hosts"] == ["ekoskolas.lv", ".ekoskolas.lv"]


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = clean_environment(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        PORTAL_VAR_DIR=tmp_path,
        ALLOWED_HOSTS="ekoskolas.lv",
    )

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_development_secret_key(tmp_path):
    env = clean_environment(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        PORTAL_VAR_DIR=tmp_path,
        ALLOWED_HOSTS="ekoskolas.lv",
        SECRET_KEY="dev-only-key-never-used-in-production-0123456789abcdef",
    )

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    env = clean_environment(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        PORTAL_VAR_DIR=tmp_path,
        SECRET_KEY="x" * 64,
    )

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "ALLOWED_HOSTS must list" in result.stderr


def read_env_file(path):
    pairs = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            pairs[key.strip()] = value.strip()
    return pairs


@pytest.mark.parametrize("sample", ["deploy/production.env.example"])
def test_deploy_check_passes_with_the_sample_production_environment(tmp_path, sample):
    from tests.processes import PROJECT_DIR

    variables = read_env_file(PROJECT_DIR / sample)
    assert variables["SECRET_KEY"] == "", "the sample must not carry a secret"
    variables["SECRET_KEY"] = secrets.token_urlsafe(64)
    # Sample values point at compose service names; the check needs no connection.
    env = clean_environment(PORTAL_VAR_DIR=tmp_path, **variables)

    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
