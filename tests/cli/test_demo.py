"""`mailru-sdk demo` (`make demo`): runs, shows the tour, prints no secret, stays on 127.0.0.1."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
from typing import Any

import pytest

from mailru_sdk.cli import main
from mailru_sdk.testing import EXAMPLE

SECRETS = (
    EXAMPLE.private_key,
    EXAMPLE.secret_key,
    EXAMPLE.access_token,
    EXAMPLE.password,
    "5073f15c6d5b6ab2fde23ac43332b002",
    "4a05af66f80da18b308fa7e536912bae",
)


def assert_the_tour_was_shown(output: str) -> None:
    expected = [
        "1. Log in with the OAuth password grant",
        "grant_type=password username=ivan.petrov@example.com",
        "got:     access_token=*** refresh_token=*** expires_in=86400",
        "answer:  Ivan Petrov (uid 1324730981306483817)",
        "friend:  Maria Ivanova (online)",
        "sent:    POST /platform/api  form: method=photos.getAlbums&app_id=423004&session_key=***"
        "&secure=1&sig=***",
        "signature checked, server-server circuit",
        "caught   AccessDeniedError: [202]",
        "retrying friends.get in",
        "requests seen by the fake: 2",
        "access token refreshed after error 102",
        "token requests: refresh_token",
        "new access token: yes",
        "caught   InvalidSignatureError: [104]",
        "all to 127.0.0.1.",
    ]
    for line in expected:
        assert line in output, line


def assert_no_secret(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"the demo printed {secret!r}"
    assert "***" in text


def test_demo_runs_as_a_subprocess() -> None:
    # the timeout only guards against a hang; the test asserts nothing about time
    result = subprocess.run(
        [sys.executable, "-m", "mailru_sdk", "demo"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert_the_tour_was_shown(result.stdout)
    assert_no_secret(result.stdout)


def test_demo_connects_to_nothing_but_127_0_0_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    addresses: list[Any] = []
    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: Any) -> None:
        addresses.append(address)
        if not (isinstance(address, tuple) and address[0] == "127.0.0.1"):
            raise AssertionError(f"the demo tried to reach {address!r}")
        real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    logger = logging.getLogger("mailru_sdk")
    handlers, level = list(logger.handlers), logger.level

    assert main(["demo"]) == 0

    out, err = capsys.readouterr()
    assert err == ""
    assert_the_tour_was_shown(out)
    assert_no_secret(out)
    assert addresses and all(address[0] == "127.0.0.1" for address in addresses)
    assert (logger.handlers, logger.level) == (handlers, level), "the demo restores logging"


def test_a_failing_step_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from mailru_sdk.testing import FakePlatform

    real_fail = FakePlatform.fail
    monkeypatch.setattr(FakePlatform, "fail", lambda self, *a, **k: None)  # step 5 cannot fail
    assert main(["demo"]) == 1
    monkeypatch.setattr(FakePlatform, "fail", real_fail)
    out, err = capsys.readouterr()
    assert "5. A platform error" in out
    assert err == "demo failed: DemoFailure: step 5: no AccessDeniedError\n"


def test_the_demo_refuses_to_print_a_secret(capsys: pytest.CaptureFixture[str]) -> None:
    from mailru_sdk.testing.demo import DemoFailure, _Printer
    from mailru_sdk.testing.fake import FakePlatform

    show = _Printer(sys.stdout, FakePlatform())
    show("harmless")
    with pytest.raises(DemoFailure, match="secret"):
        show(f"key {EXAMPLE.secret_key}")
    assert capsys.readouterr().out == "harmless\n"
