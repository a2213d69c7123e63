"""examples/demo.py (`make demo`): runs, shows the tour, prints no secret, stays on 127.0.0.1."""

from __future__ import annotations

import logging
import runpy
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest

from tests.conftest import SECRETS

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo.py"
DOCUMENTED_SIGNATURES = ("5073f15c6d5b6ab2fde23ac43332b002", "4a05af66f80da18b308fa7e536912bae")


def assert_no_secret(text: str) -> None:
    for secret in (*SECRETS, *DOCUMENTED_SIGNATURES):
        assert secret not in text, f"the demo printed {secret!r}"


def assert_the_tour_was_shown(output: str) -> None:
    expected = [
        "1. ServerSession: server-server circuit",
        "sent:    GET /platform/api?method=friends.get&app_id=423004&session_key=***"
        "&secure=1&sig=***",
        "server:  signature valid (server-server circuit)",
        "server:  signature valid (client-server circuit)",
        "user:    uid=101",
        "caught AccessDeniedError: [202]",
        "retrying friends.get in",
        "requests seen by the server: 2",
        "caught InvalidSignatureError: [104]",
    ]
    for line in expected:
        assert line in output


def test_demo_runs_as_a_script() -> None:
    # the timeout only guards against a hang; the test asserts nothing about time
    result = subprocess.run(
        [sys.executable, str(DEMO)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=DEMO.parent.parent,
    )
    assert result.returncode == 0, result.stderr
    assert_the_tour_was_shown(result.stdout)
    assert_no_secret(result.stdout + result.stderr)


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

    namespace = runpy.run_path(str(DEMO), run_name="demo_under_test")
    main = cast(Callable[[], int], namespace["main"])
    assert main() == 0

    output = capsys.readouterr().out
    assert_the_tour_was_shown(output)
    assert_no_secret(output)
    assert addresses, "the demo did make requests"
    assert all(address[0] == "127.0.0.1" for address in addresses)
    assert (logger.handlers, logger.level) == (handlers, level), "the demo restores logging"
