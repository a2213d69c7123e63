"""A fake Mail.Ru Platform for tests of code that uses mailru-sdk.

``FakePlatform`` keeps a small world in memory, checks every request's
application, token and signature as the platform does, answers every
catalogued method, runs the OAuth token endpoint, can be scripted to fail,
and records every call::

    from mailru_sdk import API
    from mailru_sdk.testing import FakePlatform

    with FakePlatform() as fake:  # intercepts the platform's URLs (needs `responses`)
        api = API(fake.server_session())
        fake.fail("photos.getAlbums", code=202)
        ...

``fake.serve()`` serves it on 127.0.0.1 instead (``python -m
mailru_sdk.testing --port N`` from a shell), and the pytest plugin gives a
``mailru_fake`` fixture. ``LoopbackPlatform`` is the served fake our own
integration tests use.
"""

from __future__ import annotations

from mailru_sdk.testing.api_endpoint import expected_signature, platform_error
from mailru_sdk.testing.fake import FakePlatform
from mailru_sdk.testing.faults import PUBLIC, TOKEN, Fault
from mailru_sdk.testing.loopback import LoopbackPlatform
from mailru_sdk.testing.records import RecordedCall, RecordedPublicRequest
from mailru_sdk.testing.wire import FakeURLs
from mailru_sdk.testing.world import EXAMPLE, AppKeys

__all__ = [
    "EXAMPLE",
    "PUBLIC",
    "TOKEN",
    "AppKeys",
    "FakePlatform",
    "FakeURLs",
    "Fault",
    "LoopbackPlatform",
    "RecordedCall",
    "RecordedPublicRequest",
    "expected_signature",
    "platform_error",
]
