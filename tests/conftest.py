"""Shared constants: the platform documentation's example app, token and user."""

from __future__ import annotations

APP_ID = 423004
PRIVATE_KEY = "7815696ecbf1c96e6894b779456d330e"
SECRET_KEY = "3dad9cbf9baaa0360c0f2ba372d25716"
ACCESS_TOKEN = "be6ef89965d58e56dec21acb9b62bdaa"
UID = "1324730981306483817"
API_URL = "https://appsmail.ru/platform/api"

SECRETS = (PRIVATE_KEY, SECRET_KEY, ACCESS_TOKEN)
