"""Django settings to run ``examples/django_views.py`` on its own, for a try-out.

Run it from the repository's root (see docs/oauth.md, "Running the examples")::

    MAILRU_APP_ID=… MAILRU_SECRET_KEY=… \
        django-admin runserver --settings=examples.django_settings --pythonpath=.

The sessions live in this process's memory (the ``locmem`` cache), which is
enough for one ``runserver`` process; a real project keeps them in a database
or a cache shared by every worker (see docs/oauth.md).
"""

from __future__ import annotations

import os
import secrets

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(32)
DEBUG = True
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
ROOT_URLCONF = "examples.django_urls"
INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DATABASES: dict[str, dict[str, str]] = {}

MAILRU_APP_ID = int(os.environ["MAILRU_APP_ID"])
MAILRU_SECRET_KEY = os.environ["MAILRU_SECRET_KEY"]
MAILRU_REDIRECT_URI = os.environ.get(
    "MAILRU_REDIRECT_URI", "http://localhost:8000/mailru/callback/"
)
MAILRU_SCOPE = os.environ.get("MAILRU_SCOPE", "")
# other endpoints (a proxy, a test server), when set
if "MAILRU_TOKEN_URL" in os.environ:
    MAILRU_TOKEN_URL = os.environ["MAILRU_TOKEN_URL"]
if "MAILRU_REFRESH_URL" in os.environ:
    MAILRU_REFRESH_URL = os.environ["MAILRU_REFRESH_URL"]
if "MAILRU_API_URL" in os.environ:
    MAILRU_API_URL = os.environ["MAILRU_API_URL"]
