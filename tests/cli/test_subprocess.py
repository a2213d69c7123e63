"""The mailru-sdk command as a real process: `python -m mailru_sdk` and the console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mailru_sdk.testing import FakePlatform
from tests.cli.conftest import CLIENT_ENV, SERVER_ENV

SCRIPT = Path(sys.executable).parent / "mailru-sdk"


def mailru_sdk(
    *argv: str, env: dict[str, str] | None = None, script: bool = False
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("MAILRU_")}
    command = [str(SCRIPT)] if script else [sys.executable, "-m", "mailru_sdk"]
    # the timeout only guards against a hang; nothing here asserts on time
    return subprocess.run(
        [*command, *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env={**base, **(env or {})},
        check=False,
    )


def test_call_as_a_subprocess(served: FakePlatform) -> None:
    env = {**CLIENT_ENV, "MAILRU_API_URL": served.api_url}
    result = mailru_sdk("call", "friends.get", "--json", "ext=1", env=env)
    assert result.returncode == 0, result.stderr
    friends = json.loads(result.stdout)
    assert [f["first_name"] for f in friends] == ["Maria", "Alexei", "Olga"]
    assert served.calls[-1].params["ext"] == "1"


def test_a_platform_error_as_a_subprocess(served: FakePlatform) -> None:
    served.fail("photos.getAlbums", code=202)
    env = {**SERVER_ENV, "MAILRU_API_URL": served.api_url}
    result = mailru_sdk("call", "photos.getAlbums", env=env)
    assert (result.returncode, result.stdout) == (1, "")
    assert "error 202 (AccessDeniedError)" in result.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["call", "frends.get"],
        ["call", "friends.get", "ext"],
        ["call", "friends.get", "offset=x"],
        ["methods", "nope"],
        [],
    ],
)
def test_bad_input_as_a_subprocess_is_one_line_and_exit_2(argv: list[str]) -> None:
    result = mailru_sdk(*argv, env=CLIENT_ENV)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_missing_credentials_as_a_subprocess() -> None:
    result = mailru_sdk("call", "friends.get")
    assert result.returncode == 2
    assert result.stderr == "mailru-sdk: missing credentials: give --app-id or set MAILRU_APP_ID\n"


def test_the_console_script_is_installed() -> None:
    assert SCRIPT.exists(), "pip install -e . creates the mailru-sdk script"
    result = mailru_sdk("sign", "friends.get", env=SERVER_ENV, script=True)
    assert result.returncode == 0
    assert "sig:       4a05af66f80da18b308fa7e536912bae" in result.stdout


def test_the_command_needs_neither_responses_nor_the_spec_tools() -> None:
    code = (
        "import sys\n"
        "from mailru_sdk.cli import main\n"
        "assert main(['methods', 'friends.get']) == 0\n"
        "print(sorted(m for m in ('responses', 'yaml', 'jinja2') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize("argv", [["methods"], ["methods", "friends.get"], ["demo"]])
def test_a_closed_pipe_ends_the_command_quietly(argv: list[str]) -> None:
    # `mailru-sdk methods | head -1`, made deterministic: the reader is gone before the start
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mailru_sdk", *argv],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [["methods"], ["demo"]])
def test_a_full_disk_is_one_line_and_exit_1(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "mailru_sdk", *argv],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 1
    assert result.stderr == "mailru-sdk: cannot write the output: No space left on device\n"
