"""The pytest plugin of mailru-sdk (entry point ``pytest11``): the ``mailru_fake`` fixture.

Installed with the package, so any project that depends on mailru-sdk can
write::

    def test_my_view(mailru_fake):
        mailru_fake.respond("friends.get", ["42"])
        ...  # code that calls the platform's default URLs through mailru-sdk

This module is imported by every pytest run in an environment where
mailru-sdk is installed: it imports nothing else until the fixture is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from mailru_sdk.testing.fake import FakePlatform

__all__ = ["mailru_fake"]


@pytest.fixture
def mailru_fake() -> Iterator[FakePlatform]:
    """A [`FakePlatform`][mailru_sdk.testing.FakePlatform] intercepting the platform's default URLs.

    Requests to ``https://appsmail.ru/platform/api`` and the OAuth token
    endpoints are answered in-process (no socket) for the duration of the
    test. Needs ``responses`` (``pip install 'mailru-sdk[testing]'``).
    """
    # imported on use: this plugin loads in every pytest run where mailru-sdk is installed
    from mailru_sdk.testing.fake import FakePlatform

    with FakePlatform() as fake:
        yield fake
