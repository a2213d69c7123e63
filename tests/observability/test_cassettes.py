"""Cassettes recorded as the docs show (``vcr_config()``) hold no secret, and still replay."""

from __future__ import annotations

from pathlib import Path

import vcr

from mailru_sdk import API
from mailru_sdk.oauth import RefreshSession
from mailru_sdk.testing import EXAMPLE, FakePlatform
from mailru_sdk.testing.recording import vcr_config
from tests.observability.conftest import assert_no_secret

REFRESH_TOKEN = "5d41402abc4b2a76b9719d911017c592"


def program(api_url: str, token_url: str, fake: FakePlatform | None) -> tuple[object, ...]:
    """A login, a read, a write, an upload and (while recording) a refresh after error 102."""
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
        first = api.friends.get()
        share = api.stream.share(url="https://example.org/")
        upload = session.call("photos.upload", {"aid": "a1"}, files={"img_file": b"\x89PNG"})
        if fake is not None:
            fake.expire_token(session.access_token)
        again = api.friends.get()  # error 102, a refresh, the call again
    return first, share, upload, again


def test_a_cassette_recorded_with_vcr_config_holds_no_secret(tmp_path: Path) -> None:
    fake = FakePlatform(refresh_tokens={REFRESH_TOKEN: EXAMPLE.uid})
    urls = fake.serve()
    recorder = vcr.VCR(cassette_library_dir=str(tmp_path), record_mode="once", **vcr_config())
    try:
        with recorder.use_cassette("sdk.yaml"):
            recorded = program(urls.api_url, urls.token_url, fake)
        issued = [t for form in fake.token_requests for t in form.values()]
        sigs = [call.params["sig"] for call in fake.calls]
        tokens = [*fake.tokens, *fake.refresh_tokens]
    finally:
        fake.stop()
    text = (tmp_path / "sdk.yaml").read_text()
    assert "friends.get" in text and "REDACTED" in text
    secrets = [
        EXAMPLE.private_key,
        EXAMPLE.secret_key,
        EXAMPLE.access_token,
        REFRESH_TOKEN,
        *tokens,
        *sigs,
        *(value for value in issued if len(value) >= 16),
    ]
    assert_no_secret(text, secrets)

    replayer = vcr.VCR(cassette_library_dir=str(tmp_path), record_mode="none", **vcr_config())
    with replayer.use_cassette("sdk.yaml") as cassette:
        assert program(urls.api_url, urls.token_url, None) == recorded
        assert cassette.all_played
