"""Settings shared by every environment; all configuration comes from the environment.

Optional services switch on when their variable is set: PostgreSQL (DATABASE_URL),
Redis (REDIS_URL), SMTP (EMAIL_URL). Without them the portal runs on one machine with
SQLite, a file-system Celery broker and mail written as .eml files under var/.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
VAR_DIR = Path(env.str("PORTAL_VAR_DIR", default=str(BASE_DIR / "var")))

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Applications ----------------------------------------------------------------

INSTALLED_APPS = [
    "home",
    "activities",
    "events",
    "notifications",
    "partners",
    "stories",
    "search",
    "surveys",
    "axes",
    "csp",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "portal.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag and 304 for cached responses as for fresh ones.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known, before the middleware that sets cookies.
    "home.caching.AnonymousPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database --------------------------------------------------------------------
# SQLite by default; IMMEDIATE transactions serialise writers so that web and
# worker processes never race for the same row (SQLite ignores SELECT FOR UPDATE).

DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", 60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: cache and Celery ----------------------------------------------------

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    # Longer than any task may run, or Redis hands an unacknowledged task to a
    # second worker while the first is still busy with it.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
    CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    # A cache on disk is shared by every process of one machine (web, worker).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
    # kombu's file-system transport: a real broker that needs no server, so
    # `make run` runs a real worker and beat along the same code paths.
    CELERY_QUEUE_DIR = VAR_DIR / "celery" / "queue"
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR),
        "data_folder_out": str(CELERY_QUEUE_DIR),
        # The exchange bindings, which kombu otherwise writes into the current
        # folder (the repository root under `make run`).
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
        # A worker takes one task at a time (prefetch 1) and kombu polls a folder
        # for the next: at its default of a second between polls, mail would
        # leave at one message a second however fast it is rendered.
        "polling_interval": 0.05,
    }
    CELERY_RESULT_BACKEND = f"file://{VAR_DIR / 'celery' / 'results'}"
    # Neither the transport nor the result backend creates its folder.
    for folder in (
        CELERY_QUEUE_DIR,
        VAR_DIR / "celery" / "control",
        VAR_DIR / "celery" / "results",
    ):
        folder.mkdir(parents=True, exist_ok=True)

# Two queues: mail never waits behind housekeeping (Wagtail's search and reference
# index updates, renditions, cache purges, sweeps). `make run` and compose run a
# worker for each (Procfile.dev, docker-compose.yml), so each drains on its own.
CELERY_MAIL_QUEUE = "mail"
CELERY_TASK_DEFAULT_QUEUE = "housekeeping"
# The adapters of Wagtail's and wagtail-localize's background work register their tasks.
CELERY_IMPORTS = ["portal.tasks_backend"]
CELERY_TASK_ROUTES = {
    "notifications.tasks.deliver_message": {"queue": CELERY_MAIL_QUEUE},
    "notifications.tasks.requeue_stale": {"queue": CELERY_MAIL_QUEUE},
}

# A queued mail whose task is overdue by this long is taken as lost and queued
# again; longer than the Redis visibility timeout below, which redelivers first.
NOTIFICATIONS_LOST_AFTER_MINUTES = env.int("NOTIFICATIONS_LOST_AFTER_MINUTES", 65)

CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 24 * 3600
# A task is acknowledged after it ran, and given back if its worker dies, so a
# crash loses nothing; tasks are written to be idempotent for the redelivery.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_TIME_LIMIT = 300
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Long-running tasks are not dropped silently when the worker loses the broker.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_BEAT_SCHEDULE: dict = {
    # Outbox rows a broker outage or a dead worker left pending.
    "notifications-requeue-stale": {
        "task": "notifications.tasks.requeue_stale",
        "schedule": 120.0,
    },
    # Reminders before partner agreements expire (PARTNERS_AGREEMENT_REMINDER_DAYS).
    "partners-remind-expiring-agreements": {
        "task": "partners.tasks.remind_expiring_agreements",
        "schedule": crontab(hour=8, minute=0),
    },
    # One reminder to everyone invited to a survey who has not answered yet.
    "survey-reminders": {
        "task": "surveys.tasks.send_survey_reminders",
        "schedule": 3600.0,
    },
    "events-reminders": {"task": "events.tasks.send_due_reminders", "schedule": 300.0},
    "events-participant-lists": {
        "task": "events.tasks.send_participant_lists",
        "schedule": 3600.0,
    },
    "events-organiser-digests": {
        "task": "events.tasks.send_organiser_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    # Personal data: every rule of the register (home/personal_data.py) at once.
    "personal-data-retention": {
        "task": "home.personal_data.apply_retention",
        "schedule": crontab(hour=3, minute=30),
    },
}

# Wagtail's own background tasks (django-tasks) and wagtail-localize's jobs run on
# the same Celery queue as the portal's tasks (see portal/tasks_backend.py).
TASKS = {"default": {"BACKEND": "portal.tasks_backend.CeleryTaskBackend"}}
WAGTAILLOCALIZE_JOBS = {"BACKEND": "portal.tasks_backend.CeleryJobBackend"}

# Events: registrations are anonymised this many days after the event; the
# registration form takes this many submissions a minute from one address.
EVENTS_SUBMISSIONS_PER_MINUTE = env.int("EVENTS_SUBMISSIONS_PER_MINUTE", default=10)

# Mail ------------------------------------------------------------------------

EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "notifications.mail.EmlFileBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Ekoskolu portāls <portals@ekoskolas.localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Passwords -------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out login never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Security ----------------------------------------------------------------------
# Login guessing: 5 failures for one user name from one address lock it for 30
# minutes. Attempts are counted where every web process sees them: in Redis when
# REDIS_URL is set, otherwise in the database (a file or memory cache is not
# shared reliably, and django-axes refuses it).

AXES_HANDLER = (
    "axes.handlers.cache.AxesCacheHandler"
    if REDIS_URL
    else "axes.handlers.database.AxesDatabaseHandler"
)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account_locked.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = env.list("AXES_IP_HEADERS", default=["REMOTE_ADDR"])

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "browsing-topics": [],
}
# No inline scripts or styles on the public site, and no nonce: pages are served
# from a cache to anonymous visitors, so their HTML holds no per-request value (a
# school's brand colour is a stylesheet of its own). Video embeds come from known
# players.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Page cache ----------------------------------------------------------------------
# Anonymous visitors get pages from the default cache (home/caching.py) for up to
# PAGE_CACHE_SECONDS, or until the next publish; 0 switches the cache off. Browsers
# keep a page PAGE_CACHE_MAX_AGE seconds, shared caches (a CDN, Varnish)
# PAGE_CACHE_S_MAXAGE. Short by default: "upcoming events" shift with the clock.

PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=60)
PAGE_CACHE_S_MAXAGE = env.int("PAGE_CACHE_S_MAXAGE", default=300)

# A frontend cache in front of gunicorn is told to forget a page when it is
# published or unpublished: Varnish or any cache that takes HTTP PURGE at
# FRONTEND_CACHE_PURGE_URL, and/or Cloudflare. Nothing set: nothing is purged.
WAGTAILFRONTENDCACHE = {}
if FRONTEND_CACHE_PURGE_URL := env.str("FRONTEND_CACHE_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": FRONTEND_CACHE_PURGE_URL,
    }
if CLOUDFLARE_ZONE_ID := env.str("CLOUDFLARE_ZONE_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": CLOUDFLARE_ZONE_ID,
        "BEARER_TOKEN": env.str("CLOUDFLARE_API_TOKEN"),
    }
# Page URLs carry their language already (Latvian unprefixed, /en/ for English);
# Wagtail would otherwise purge a /lv/ copy of every URL, which does not exist.
WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []

# Personal data: days after which the clean-up tasks anonymise or delete it. The
# privacy notice page shows these same numbers.
PERSONAL_DATA_RETENTION_DAYS = {
    "registrations": env.int("REGISTRATION_RETENTION_DAYS", default=180),
    "survey_invitations": env.int("SURVEY_INVITATION_RETENTION_DAYS", default=90),
    "story_submissions": env.int("STORY_SUBMISSION_RETENTION_DAYS", default=365),
}
# Sent mail: the outbox keeps address and content of a sent mail as a delivery
# log this many days (also the age of the development backend's .eml files).
MAIL_DELIVERY_LOG_DAYS = env.int("MAIL_DELIVERY_LOG_DAYS", default=30)
# Subscriptions to new events that nobody confirmed are deleted after this.
UNCONFIRMED_SUBSCRIPTION_DAYS = env.int("UNCONFIRMED_SUBSCRIPTION_DAYS", default=7)
# django-axes' sign-in logs (IP address, user name); failed attempts go once the
# cool-off (AXES_COOLOFF_TIME) has passed.
SIGN_IN_LOG_RETENTION_DAYS = env.int("SIGN_IN_LOG_RETENTION_DAYS", default=30)
# The register's retention task is not in a tasks.py module that autodiscovery finds.
CELERY_IMPORTS = ["home.personal_data"]

# Languages and time ----------------------------------------------------------
# Latvian first: it is the default locale and is served without a URL prefix.

LANGUAGE_CODE = "lv"
LANGUAGES = [("lv", "Latviešu"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "vendor"]
TIME_ZONE = "Europe/Riga"
# Beat runs its schedules (reminders, digests, retention) on the same clock.
CELERY_TIMEZONE = TIME_ZONE
USE_I18N = True
USE_TZ = True
# One way to write dates per language; see home/formats/.
FORMAT_MODULE_PATH = ["home.formats"]

# Static and media files ------------------------------------------------------
# Media goes through Django's storage API: MEDIA_STORAGE_BACKEND switches it to
# S3-compatible storage (storages.backends.s3.S3Storage with django-storages).

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {
        "BACKEND": env.str(
            "MEDIA_STORAGE_BACKEND",
            default="django.core.files.storage.FileSystemStorage",
        )
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail ---------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Ekoskolu portāls"
# The admin CSP allows no third-party images, so Gravatar would show broken; None
# makes Wagtail show its own default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = env.str(
    "WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000"
)
# Full-text search in the database: FTS5 on SQLite, PostgreSQL's own search with a
# diacritic-folding configuration (see search/migrations) on PostgreSQL.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backend", "SEARCH_CONFIG": "portal_unaccent"}
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database"}
    }
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "pptx", "csv", "txt"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True

# Good-practice stories and partners -------------------------------------------
# Stories shared through the public form: uploads above these sizes are refused,
# images also above WAGTAILIMAGES_MAX_IMAGE_PIXELS.
STORIES_MAX_DOCUMENT_SIZE = env.int("STORIES_MAX_DOCUMENT_SIZE", 20 * 1024 * 1024)
STORIES_SUBMISSIONS_PER_HOUR = env.int("STORIES_SUBMISSIONS_PER_HOUR", 5)
# Editors are reminded this many days before a partner agreement expires.
# Comma-separated for several reminders, e.g. "60,14".
PARTNERS_AGREEMENT_REMINDER_DAYS = env.list(
    "PARTNERS_AGREEMENT_REMINDER_DAYS", cast=int, default=[60]
)

# Logging: everything to stdout, where containers and process managers read it.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["stdout"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per background task drowns the useful lines.
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
