"""The URLconf of ``examples.django_settings``: the four views of ``examples/django_views.py``."""

from __future__ import annotations

from django.urls import path  # type: ignore[import-untyped]

from examples import django_views

urlpatterns = [
    path("mailru/login/", django_views.login, name="mailru-login"),
    path("mailru/callback/", django_views.callback, name="mailru-callback"),
    path("mailru/", django_views.home, name="mailru-home"),
    path("mailru/logout/", django_views.logout, name="mailru-logout"),
]
