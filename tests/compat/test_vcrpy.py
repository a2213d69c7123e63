"""vcrpy records the SDK's calls against a served fake, then replays them with the fake stopped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import vcr

from mailru_sdk import API
from mailru_sdk.oauth import RefreshSession
from mailru_sdk.testing import EXAMPLE, FakePlatform
from tests.compat.conftest import REFRESH_TOKEN, SECRETS


def _calls(fake_urls: tuple[str, str]) -> tuple[Any, ...]:
    """The same program each time: a refresh-token login, a read, a POST-catalogued call."""
    api_url, token_url = fake_urls
    session = RefreshSession(
        EXAMPLE.app_id,
        EXAMPLE.private_key,
        EXAMPLE.secret_key,
        REFRESH_TOKEN,
        api_url=api_url,
        token_url=token_url,
        max_retries=0,
    )
    with session:
        api = API(session)
        return (
            session.access_token,
            api.friends.get(),
            api.users.getInfo(uids=[EXAMPLE.uid]),
            api.stream.share(url="https://example.org/"),
        )


def _fake() -> FakePlatform:
    return FakePlatform(refresh_tokens={REFRESH_TOKEN: EXAMPLE.uid})


def test_record_then_replay_with_the_fake_stopped(tmp_path: Path) -> None:
    recorder = vcr.VCR(cassette_library_dir=str(tmp_path), record_mode="once")
    fake = _fake()
    urls = fake.serve()
    try:
        with recorder.use_cassette("sdk.yaml") as cassette:
            recorded = _calls(urls)
        assert len(cassette) == 4  # the token request and three calls were recorded
        assert len(fake.token_requests) == 1
        assert [call.method for call in fake.calls] == [
            "friends.get",
            "users.getInfo",
            "stream.share",
        ]
        hits = len(fake.calls) + len(fake.token_requests)
    finally:
        fake.stop()  # nothing listens there any more: only the cassette can answer

    replayer = vcr.VCR(cassette_library_dir=str(tmp_path), record_mode="none")
    with replayer.use_cassette("sdk.yaml") as cassette:
        replayed = _calls(urls)
        assert cassette.all_played
    assert replayed == recorded
    assert len(fake.calls) + len(fake.token_requests) == hits


def test_cassette_filtered_of_secrets_still_replays(tmp_path: Path) -> None:
    """A user's usual setup: secrets filtered out of the cassette before it is written."""
    filters: dict[str, Any] = {
        "filter_query_parameters": ["session_key", "sig"],
        "filter_post_data_parameters": [
            "session_key",
            "sig",
            "client_secret",
            "refresh_token",
        ],
    }
    fake = _fake()
    urls = fake.serve()
    recorder = vcr.VCR(cassette_library_dir=str(tmp_path), record_mode="once", **filters)
    try:
        with recorder.use_cassette("filtered.yaml"):
            recorded = _calls(urls)
    finally:
        fake.stop()
    text = (tmp_path / "filtered.yaml").read_text()
    for secret in SECRETS:
        assert secret not in text
    replayer = vcr.VCR(cassette_library_dir=str(tmp_path), record_mode="none", **filters)
    with replayer.use_cassette("filtered.yaml") as cassette:
        assert _calls(urls) == recorded
        assert cassette.all_played
