"""Settings for the commitment tracker.

Every setting comes from the environment and none is required: with no environment at all the
project runs as a self-contained demo (SQLite, a filesystem Celery broker, email on the console).
Set DATABASE_URL, REDIS_URL (or CELERY_BROKER_URL), EMAIL_URL, SECRET_KEY, ALLOWED_HOSTS and DEBUG
to run it on real services.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from tracker.schedules import cron_schedule

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("TRACKER_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
# The fallback key only suits the local demo; `manage.py check --deploy` flags it in production.
SECRET_KEY = env.str(
    "SECRET_KEY", default="django-insecure-local-demo-key-set-SECRET_KEY-in-production"
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# HTTPS in production. The local demo (`make run`) and the tests speak plain http, so all of this
# is off unless HTTPS=true, which turns it on at once; each setting can still be overridden on its
# own by the variable of the same name.
HTTPS = env.bool("HTTPS", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=HTTPS)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=HTTPS)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
# A year of HSTS, for the subdomains too, and ready for the browsers' preload list: once a browser
# has seen it, it will not speak plain http to this host for that long.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS)
# Behind a proxy that ends TLS, Django sees plain http and the proxy's address. BEHIND_PROXY=true
# trusts the proxy's X-Forwarded-Proto for the scheme and its X-Real-IP for the visitor's address
# (used by the login throttling and the API's); the proxy must set both itself, overwriting what a
# client sent.
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_REAL_IP", "REMOTE_ADDR"]
# These cost the demo nothing, so they are always on.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp) on every response: only this server's own scripts, styles,
# images and fonts, and an inline script or style only when it carries the request's nonce
# (`request.csp_nonce`). No page may be framed, and forms post only back to this server.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [
            SELF,
            NONCE,
            # Django REST framework's browsable API puts style="float: right; margin-right: 10px"
            # on its Filters and Extra Actions buttons; this hash lets that one declaration
            # through as a style attribute, and no other.
            UNSAFE_HASHES,
            "'sha256-OfgyIBrd+/vP79JdFMYP+re4T+fIenvkrHPD2HZ8/cs='",
        ],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "rest_framework",
    # DRF's plain-text tokens are no longer accepted; the app stays for its migrations, which
    # commitments' migrations name (0011 revokes the old tokens and deletes their keys).
    "rest_framework.authtoken",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "csp",
    "commitments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tracker.middleware.DutchFirstLocaleMiddleware",
    "tracker.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the signed-in user as the author of every change in the audit trail.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Turns a refused login attempt into the lockout page; django-axes wants it last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "tracker.wsgi.application"

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", True)
# Each web and worker process keeps its database connection for a while instead of connecting
# anew for every request (a few milliseconds each, more than a page's own queries), and checks it
# before reuse, so a restarted PostgreSQL costs one failed check rather than failed requests.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes) for the admin login and /accounts/login/. Attempts are counted per
# username and address together, so a few guesses at a clerk's password from elsewhere cannot lock
# the clerk out: the clerk's own address keeps working. Only many guesses from anywhere
# (LOGIN_USERNAME_FAILURE_LIMIT) lock the username itself. A lock lifts by itself after the
# cool-off, and a successful login clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Guessing one clerk's password from many addresses is slowed by a higher limit per username alone;
# that lock too lifts after the cool-off, so an attacker cannot lock a clerk out for good.
AXES_HANDLER = "commitments.ops.logins.UsernameThrottledHandler"
LOGIN_USERNAME_FAILURE_LIMIT = env.int("LOGIN_USERNAME_FAILURE_LIMIT", default=20)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Axes would otherwise log its start on every command and every login at INFO; lockouts are
# still logged as warnings.
AXES_VERBOSE = False

# Dutch first, English second: the interface is for a Dutch parliament.
LANGUAGE_CODE = "nl"
# The language switch remembers the reader's choice for a year.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Whitenoise serves the admin's files straight from the apps, so the demo needs no collectstatic.
WHITENOISE_USE_FINDERS = True

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="toezeggingen@example.org")

# Celery: Redis when REDIS_URL (or CELERY_BROKER_URL) is set, otherwise Kombu's filesystem
# transport, which lets `celery worker -B` run with no server at all.
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if CELERY_BROKER_URL == "filesystem://":
    BROKER_FOLDER = VAR_DIR / "broker"
    BROKER_FOLDER.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_FOLDER),
        "data_folder_out": str(BROKER_FOLDER),
        # Kombu keeps its control exchanges in ./control by default: inside var/ instead, so the
        # demo leaves nothing in the working tree.
        "control_folder": str(BROKER_FOLDER / "control"),
    }
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Sending a digest is acknowledged only after it ran, so a worker lost mid-task leaves the message
# to be redelivered; the digest's claim makes that redelivery harmless.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1


def crontab_from_env(name: str, default: str) -> crontab:
    """A crontab schedule from five cron fields in the environment, e.g. '*/15 * * * *', read in
    UTC when it names no hour, day or month and in Europe/Amsterdam otherwise, so that neither
    the every-few-minutes jobs pause nor the daily ones move at the clock changes."""
    return cron_schedule(env.str(name, default=default))


CELERY_BEAT_SCHEDULE = {
    "flag-overdue": {
        "task": "commitments.tasks.flag_overdue",
        "schedule": crontab_from_env("OVERDUE_SWEEP_CRON", "*/15 * * * *"),
    },
    "send-reminders": {
        "task": "commitments.tasks.send_reminders",
        "schedule": crontab_from_env("REMINDER_RUN_CRON", "0 7 * * *"),
    },
    # Retries after SMTP failures, and anything a lost broker queue dropped: the database says
    # what is still pending.
    "deliver-pending": {
        "task": "commitments.tasks.deliver_pending",
        "schedule": crontab_from_env("DELIVERY_RETRY_CRON", "*/5 * * * *"),
    },
}

# The Tweede Kamer's register of commitments (OData entity `Toezegging`), for example
# https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Toezegging. When it is set, beat brings in
# what changed there every night (the first night a full run, resumed where it stopped until it
# ends); `manage.py import_tk_toezeggingen --since` does the same by hand.
TK_ODATA_URL = env.str("TK_ODATA_URL", default="")
# Seconds to wait for one page before the sync stops (and the task tries again later).
TK_ODATA_TIMEOUT = env.int("TK_ODATA_TIMEOUT", default=60)
# The most pages one import reads: the whole register is some 100 pages of 250 records; a source
# that links on without end stops here instead of keeping the nightly sync busy for its hour.
TK_MAX_PAGES = env.int("TK_MAX_PAGES", default=2000)
# Seconds an incremental sync reads back before its sync point (the latest ApiGewijzigdOp that
# landed). Reading a record again changes nothing; missing one loses it for good: records the
# source stamps before the sync point but publishes after a run has read past it (a batch that
# loads for a while, records stamped when the load began) are read by the next night's run as
# long as the load took less than this. The Chamber does not document how it loads its API;
# three hours is our assumption, chosen because it is cheap: each night re-reads the records of
# the last three hours and writes nothing for them (76 records, 1.2 s, in the benchmark's register
# of 100,000: BENCHMARKS.md).
TK_SYNC_OVERLAP = timedelta(seconds=env.int("TK_SYNC_OVERLAP", default=3 * 3600))
if TK_ODATA_URL:
    CELERY_BEAT_SCHEDULE["sync-tk-toezeggingen"] = {
        "task": "commitments.tasks.sync_tk_toezeggingen",
        "schedule": crontab_from_env("TK_SYNC_CRON", "30 2 * * *"),
    }

# Reminders to ministry contacts. Days are calendar days.
REMINDERS = {
    "UPCOMING_DAYS": env.list("REMINDER_UPCOMING_DAYS", cast=int, default=[14, 1]),
    "NAG_EVERY_DAYS": env.int("REMINDER_NAG_EVERY_DAYS", default=14),
    "ESCALATE_AFTER_DAYS": env.int("REMINDER_ESCALATE_AFTER_DAYS", default=60),
    # A digest still 'sending' this long after it was claimed is shown as in doubt.
    "LEASE_SECONDS": env.int("REMINDER_LEASE_SECONDS", default=600),
    "MAX_ATTEMPTS": env.int("REMINDER_MAX_ATTEMPTS", default=10),
    "RETRY_BASE_SECONDS": env.int("REMINDER_RETRY_BASE_SECONDS", default=60),
    "RETRY_MAX_SECONDS": env.int("REMINDER_RETRY_MAX_SECONDS", default=6 * 3600),
    # How long the signed link in a reminder lets a contact answer.
    "LINK_DAYS": env.int("REMINDER_LINK_DAYS", default=30),
    # The twice-yearly rappel's cut-off days (month-day); beat sends it on each at 07:00.
    "RAPPEL_DAYS": env.list("RAPPEL_DAYS", default=["01-01", "07-01"]),
    # Digests per Celery task, sent over one SMTP connection.
    "DELIVERY_BATCH_SIZE": env.int("REMINDER_DELIVERY_BATCH_SIZE", default=50),
}
# The PostgreSQL text search configuration for free-text search; the search documents are built
# with the same one (migration 0008).
SEARCH_CONFIG = "dutch"
# The dashboard, its feeds and exports are public unless this is set.
DASHBOARD_REQUIRE_LOGIN = env.bool("DASHBOARD_REQUIRE_LOGIN", default=False)
DASHBOARD_PAGE_SIZE = env.int("DASHBOARD_PAGE_SIZE", default=50)

# Letters a clerk imports: the largest file taken (bytes), and the longest text read from a file
# or pasted (characters). A ministerial letter runs to some tens of thousands of characters; a
# text of more is a report with its annexes, whose review page would take minutes to draw.
LETTER_MAX_BYTES = env.int("LETTER_MAX_BYTES", default=10 * 1024 * 1024)
LETTER_MAX_CHARACTERS = env.int("LETTER_MAX_CHARACTERS", default=300_000)
# The prefix of the numbers we give commitments registered here (TL202509-004). Never the
# Tweede Kamer's TZ or the Eerste Kamer's T: the system check commitments.E001 refuses those, so
# that no number of ours can equal a chamber's (services/numbering.py).
COMMITMENT_NUMBER_PREFIX = env.str("COMMITMENT_NUMBER_PREFIX", default="TL")
# The letter import's review form posts about ten fields per candidate; a long letter has a few
# hundred candidates (Django's default of 1,000 fields refused 140).
DATA_UPLOAD_MAX_NUMBER_FIELDS = env.int("DATA_UPLOAD_MAX_NUMBER_FIELDS", default=10_000)
# How long the overview's register-wide counts may be reused.
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=60)

# Redis when REDIS_URL is set (shared by all web processes), otherwise memory per process.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "knox.auth.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["commitments.api.permissions.ReadPublicWriteClerk"],
    "DEFAULT_PAGINATION_CLASS": "commitments.api.pagination.StableCursorPagination",
    # Keyed on the client's address as the login throttle sees it (BEHIND_PROXY), not on
    # whatever X-Forwarded-For a client sends.
    "DEFAULT_THROTTLE_CLASSES": ["commitments.api.throttles.ClientAddressAnonThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env.str("API_ANON_RATE", default="120/minute")},
    "DEFAULT_PARSER_CLASSES": [
        "commitments.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "commitments.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
# API tokens (django-rest-knox): only a hash of each is stored, and each expires; a clerk chooses
# how many days in the admin, API_TOKEN_DAYS by default. Using a token does not extend it.
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=90)
REST_KNOX = {"TOKEN_TTL": timedelta(days=API_TOKEN_DAYS), "AUTO_REFRESH": False}
SPECTACULAR_SETTINGS = {
    "TITLE": "Commitment tracker API",
    "DESCRIPTION": (
        "Commitments (toezeggingen) a government made to parliament, with their owners, "
        "deadlines and status. Reading is public unless the deployment requires a login; "
        "writing needs a clerk, by session or by token (Authorization: Token <key>)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["commitments.api.permissions.ReadPublicWriteClerk"],
}

# The rappel on each of its cut-off days, at 07:00.
CELERY_BEAT_SCHEDULE |= {
    f"send-rappel-{month_day}": {
        "task": "commitments.tasks.send_rappel",
        "schedule": crontab(
            minute="0",
            hour="7",
            day_of_month=str(int(month_day.split("-")[1])),
            month_of_year=str(int(month_day.split("-")[0])),
        ),
    }
    for month_day in REMINDERS["RAPPEL_DAYS"]
}

# Where links in emails point.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# The audit trail is read, never replayed: a revert in one click would change a commitment
# without a reason; a clerk changes it through the change form or an action instead.
SIMPLE_HISTORY_REVERT_DISABLED = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "overview"

# Operations. /health/ fails when a digest has been due and pending for longer than this: the
# delivery run comes every few minutes, so a digest that waits much longer means the workers or
# beat are down.
HEALTH_MAX_PENDING_AGE_MINUTES = env.int("HEALTH_MAX_PENDING_AGE_MINUTES", default=30)
# A load balancer calls /health/ on the application server itself, over plain http.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]

# Logs go to the console: readable `key=value` lines by default, or one JSON object per line with
# LOG_FORMAT=json for a log collector. Either way the fields a sweep or a send passes as `extra`
# (event, flagged, digest_id, outcome, duration_ms, ...) come out as fields of their own.
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
LOG_FORMATS = {
    "text": {"()": "tracker.logs.KeyValueFormatter"},
    "json": {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "{levelname}{name}{message}",
        "style": "{",
        "rename_fields": {"levelname": "level", "name": "logger"},
        "timestamp": "time",
    },
}
if LOG_FORMAT not in LOG_FORMATS:
    raise ImproperlyConfigured(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": LOG_FORMATS,
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
# Celery would otherwise replace the root logger's handlers in the worker and beat with its own
# plain format, so the tasks' records would not come out as configured above.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
