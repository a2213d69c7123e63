"""docs/workers.md's gunicorn line, run: two workers, a real redis-server, the fake platform.

The command is the page's own (its variables, its app), with what a test must
change: two workers on a free port of 127.0.0.1, the fake platform's URLs and
example app in place of Mail.Ru's, and the test's redis-server. A browser's
login then goes through it (``/login``, the platform's redirect with a code,
``/callback``), and the page ``/`` answers on fresh connections, whichever
worker takes them: the tokens are in Redis, not in one worker's memory.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from mailru_sdk.testing import EXAMPLE, FakePlatform
from tests.test_docs_examples import DOCS, ROOT, Command, commands
from tests.workers.server import RedisServer, free_port

#: the variables the page's line must set itself (create_app() needs each)
SETTINGS = {
    "MAILRU_APP_ID",
    "MAILRU_SECRET_KEY",
    "MAILRU_REDIRECT_URI",
    "SECRET_KEY",
    "MAILRU_REDIS_URL",
}


def documented() -> Command:
    (line,) = [c for c in commands(DOCS / "workers.md") if c.argv[0] == "gunicorn"]
    return line


def test_the_page_sets_every_variable_the_app_needs() -> None:
    line = documented()
    assert set(line.env) >= SETTINGS, f"{line.where}: missing {SETTINGS - set(line.env)}"
    assert "-w" in line.argv and line.argv[-1] == "examples.flask_app:create_app()"


def _with(argv: list[str], option: str, value: str) -> list[str]:
    """``argv`` with ``option``'s value replaced."""
    at = argv.index(option)
    return [*argv[: at + 1], value, *argv[at + 2 :]]


@pytest.fixture
def fake() -> Iterator[FakePlatform]:
    platform = FakePlatform()
    platform.serve()
    try:
        yield platform
    finally:
        platform.stop()


@pytest.fixture
def gunicorn(fake: FakePlatform, redis_server: RedisServer, tmp_path: Path) -> Iterator[str]:
    """The documented command, started; yields its base URL, stops it (bounded) after.

    Its output goes to ``gunicorn.log`` in ``tmp_path``.
    """
    line = documented()
    port = free_port()
    argv = _with(_with(line.argv, "-w", "2"), "-b", f"127.0.0.1:{port}")
    argv[0] = str(Path(sys.executable).parent / "gunicorn")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILRU_")}
    env.update(line.env)
    env.update(
        MAILRU_APP_ID=str(EXAMPLE.app_id),
        MAILRU_SECRET_KEY=EXAMPLE.secret_key,
        MAILRU_REDIS_URL=redis_server.url,
        MAILRU_API_URL=fake.api_url,
        MAILRU_TOKEN_URL=fake.token_url,
    )
    log = (tmp_path / "gunicorn.log").open("wb")
    process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
            try:
                requests.get(f"{base}/login", allow_redirects=False, timeout=5)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
                time.sleep(0.2)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)  # gunicorn's graceful stop
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


def booted_workers(log: Path) -> int:
    """How many workers gunicorn's log says it booted, once it says two (30 s at most)."""
    deadline = time.monotonic() + 30
    while (count := log.read_text().count("Booting worker")) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    return count


def test_the_recipe_serves_a_logged_in_user_from_every_worker(
    gunicorn: str, fake: FakePlatform, redis_server: RedisServer, tmp_path: Path
) -> None:
    assert booted_workers(tmp_path / "gunicorn.log") == 2
    browser = requests.Session()
    login = browser.get(f"{gunicorn}/login", allow_redirects=False, timeout=10)
    assert login.status_code == 302
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(login.headers["Location"]).query)
    redirect_uri = documented().env["MAILRU_REDIRECT_URI"]
    assert query["redirect_uri"] == [redirect_uri]
    # the platform's login page would redirect the browser back with a one-use code
    code = fake.add_code(EXAMPLE.uid, redirect_uri)
    back = browser.get(
        f"{gunicorn}/callback",
        params={"code": code, "state": query["state"][0]},
        allow_redirects=False,
        timeout=10,
    )
    assert (back.status_code, back.headers.get("Location")) == (302, "/"), back.text
    assert [f["grant_type"] for f in fake.token_requests] == ["authorization_code"]

    client = redis_server.client()
    try:
        assert len(client.keys("mailru:tokens:*")) == 1  # the tokens are in Redis
    finally:
        client.close()
    friends = len(fake.friends[EXAMPLE.uid])
    cookie = browser.cookies.get("session")
    assert cookie is not None
    for _ in range(6):  # a new connection each time: any worker may take it
        page = requests.get(f"{gunicorn}/", cookies={"session": cookie}, timeout=10)
        assert page.status_code == 200, page.text
        assert f"You have {friends} friends" in page.text
