"""Issue 17, item 1: fork safety under a real prefork server, ``gunicorn --preload``.

The app (``preload_app.py``) builds one session in gunicorn's master and calls
once there, so the master holds a keep-alive connection to the fake platform
when it forks two sync workers. Many concurrent requests then reach both
workers; each worker's call must get its own request's answer.

Not shown failing without the fork handling: with the hook forgotten
(``PRELOAD_NO_FORK_HOOK=1``) the fake answers too fast for the two workers'
requests on the shared connection to overlap, so a mix-up is not reliable here;
tests/hostile/test_fork.py shows it with a raw fork.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests

from mailru_sdk.testing import FakePlatform
from tests.workers.server import free_port

ROOT = Path(__file__).resolve().parents[2]
REQUESTS = 80


@pytest.fixture
def fake() -> Iterator[FakePlatform]:
    platform = FakePlatform(handlers={"tags.echo": lambda params: {"tag": params.get("tag")}})
    platform.serve()
    try:
        yield platform
    finally:
        platform.stop()


def serve(fake: FakePlatform, tmp_path: Path, no_hook: bool) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAILRU_", "PRELOAD_"))}
    env.update(
        PRELOAD_APP_ID=str(fake.app_id),
        PRELOAD_SECRET_KEY=fake.secret_key,
        PRELOAD_ACCESS_TOKEN=fake.access_token,
        PRELOAD_API_URL=fake.api_url,
        PRELOAD_NO_FORK_HOOK="1" if no_hook else "0",
    )
    argv = [
        str(Path(sys.executable).parent / "gunicorn"),
        "--preload",
        "-w",
        "2",
        "-k",
        "sync",
        "-b",
        f"127.0.0.1:{port}",
        "tests.hostile.preload_app:app",
    ]
    log = (tmp_path / "gunicorn.log").open("wb")
    process = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    return process, f"http://127.0.0.1:{port}"


def answers(fake: FakePlatform, tmp_path: Path, no_hook: bool) -> list[dict[str, Any]]:
    process, base = serve(fake, tmp_path, no_hook)
    try:
        deadline = time.monotonic() + 15
        while True:
            assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
            try:
                requests.get(f"{base}/?tag=ready", timeout=5)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline, "gunicorn did not answer within 15 s"
                time.sleep(0.1)

        def ask(i: int) -> dict[str, Any]:
            answer: dict[str, Any] = json.loads(requests.get(f"{base}/?tag=r{i}", timeout=10).text)
            return answer

        with ThreadPoolExecutor(8) as pool:
            return list(pool.map(ask, range(REQUESTS)))
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the master and both workers
        process.wait(timeout=10)


def test_preloaded_session_answers_each_worker_its_own_request(
    fake: FakePlatform, tmp_path: Path
) -> None:
    got = answers(fake, tmp_path, no_hook=False)
    wrong = [a for a in got if a["asked"] != a["got"]]
    assert wrong == []
    assert len({a["pid"] for a in got}) == 2  # both workers answered
