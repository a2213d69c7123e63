"""betamax (which wraps one session) records the SDK's calls, then replays them offline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import betamax

from mailru_sdk import API
from mailru_sdk.oauth import RefreshSession
from mailru_sdk.testing import EXAMPLE, FakePlatform
from tests.compat.conftest import REFRESH_TOKEN


def _session(urls: tuple[str, str]) -> RefreshSession:
    api_url, token_url = urls
    return RefreshSession(
        EXAMPLE.app_id,
        EXAMPLE.private_key,
        EXAMPLE.secret_key,
        REFRESH_TOKEN,
        api_url=api_url,
        token_url=token_url,
        max_retries=0,
    )


def _calls(session: RefreshSession) -> tuple[Any, ...]:
    """The same program each time: a refresh-token login, a read, a POST-catalogued call."""
    with session:
        api = API(session)
        return (
            session.access_token,
            api.friends.get(),
            api.stream.share(url="https://example.org/"),
        )


def test_record_then_replay_with_the_fake_stopped(tmp_path: Path) -> None:
    fake = FakePlatform(refresh_tokens={REFRESH_TOKEN: EXAMPLE.uid})
    urls = fake.serve()
    try:
        session = _session(urls)
        with betamax.Betamax(session, cassette_library_dir=str(tmp_path)).use_cassette(
            "sdk", record="once"
        ) as recorder:
            recorded = _calls(session)
            assert len(recorder.current_cassette.interactions) == 3
        assert len(fake.token_requests) == 1
        assert [call.method for call in fake.calls] == ["friends.get", "stream.share"]
        assert [call.http_method for call in fake.calls] == ["POST", "POST"]  # the default
        hits = len(fake.calls) + len(fake.token_requests)
    finally:
        fake.stop()  # nothing listens there any more: only the cassette can answer

    session = _session(urls)
    with betamax.Betamax(session, cassette_library_dir=str(tmp_path)).use_cassette(
        "sdk", record="none"
    ):
        replayed = _calls(session)
    assert replayed == recorded
    assert len(fake.calls) + len(fake.token_requests) == hits
