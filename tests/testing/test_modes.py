"""How the fake is reached: in-process (responses), served, `python -m`, the pytest plugin."""

from __future__ import annotations

import json
import os
import shlex
import socket
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import pytest
import requests

from mailru_sdk import API, ServerSession, TransportError, _catalogue
from mailru_sdk.cli import main as cli_main
from mailru_sdk.testing import EXAMPLE, FakePlatform, LoopbackPlatform
from mailru_sdk.testing.__main__ import main as serve_main
from tests.conftest import ACCESS_TOKEN, APP_ID, SECRET_KEY

PACKAGE = Path(__file__).resolve().parents[2] / "mailru_sdk"


def test_in_process_mode_patches_requests_only_while_active() -> None:
    original = requests.adapters.HTTPAdapter.send
    with FakePlatform() as fake:
        assert requests.adapters.HTTPAdapter.send is not original
        assert "intercepting" in repr(fake)
        assert API(fake.server_session()).friends.get()
    assert requests.adapters.HTTPAdapter.send is original


def test_in_process_mode_lets_other_urls_through() -> None:
    # a served fake on 127.0.0.1 is reached for real while another one intercepts
    served = FakePlatform()
    urls = served.serve()
    try:
        with FakePlatform() as intercepting:
            intercepting.respond("friends.get", ["in-process"])
            served.respond("friends.get", ["served"])
            assert API(intercepting.server_session()).friends.get() == ["in-process"]
            assert API(served.server_session()).friends.get() == ["served"]
        assert urls.api_url == served.api_url
        assert len(served.calls) == 1 and len(intercepting.calls) == 1
    finally:
        served.stop()


def test_in_process_mode_works_inside_an_outer_responses_mock() -> None:
    import responses

    with responses.RequestsMock() as outer:
        outer.get("https://example.invalid/ping", json={"pong": 1})
        with FakePlatform() as fake:
            assert API(fake.server_session()).users.isAppUser() == {"isAppUser": 1}
            assert requests.get("https://example.invalid/ping", timeout=5).json() == {"pong": 1}


def test_a_fake_can_run_both_ways_at_once() -> None:
    with FakePlatform() as fake:
        urls = fake.serve()
        assert fake.api_url == urls.api_url
        in_process = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
        assert API(in_process).friends.get() == API(fake.server_session()).friends.get()
        assert len(fake.calls) == 2
    assert fake.api_url == "https://appsmail.ru/platform/api", "stopped on exit"


def test_a_handler_that_raises_is_an_http_500_when_served() -> None:
    from mailru_sdk import HTTPStatusError

    def broken(params: object) -> object:
        raise RuntimeError("bug in the test's handler")

    fake = FakePlatform(handlers={"friends.get": broken})
    fake.serve()
    try:
        with pytest.raises(HTTPStatusError, match="bug in the test's handler"):
            API(fake.server_session(max_retries=0)).friends.get()
    finally:
        fake.stop()


def test_loopback_platform_is_a_served_fake_without_the_example_world() -> None:
    with LoopbackPlatform({APP_ID: ("p", SECRET_KEY)}, {"tok": "7"}) as platform:
        api = API(ServerSession(APP_ID, SECRET_KEY, "tok", api_url=platform.url))
        assert api.friends.get() == ["100", "200"]
        assert api.photos.getAlbums() == []
        assert platform.calls is platform.fake.calls
        platform.expires_in = 60
        assert platform.fake.expires_in == 60
        assert platform.token_url.endswith("/oauth/token")
        assert platform.answer("GET", "method=x")[1]["error"]["error_code"] == 103
    with pytest.raises(RuntimeError, match="not running"):
        _ = platform.url
    with pytest.raises(RuntimeError, match="not running"):
        _ = platform.token_url


def test_responses_is_imported_by_one_module_only() -> None:
    importers = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "import responses" in path.read_text(encoding="utf-8")
    ]
    assert importers == ["testing/_responses.py"]


def test_importing_the_package_pulls_in_neither_responses_nor_the_spec_tools() -> None:
    code = (
        "import sys, mailru_sdk.testing, mailru_sdk._catalogue as c\n"
        "from mailru_sdk.testing import FakePlatform\n"
        "fake = FakePlatform(); fake.serve(); fake.stop()\n"
        f"assert len(c.methods()) == {len(_catalogue.methods())}\n"
        "print(sorted(m for m in ('responses', 'yaml', 'jinja2') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"


# -- python -m mailru_sdk.testing -----------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _exports(lines: list[str]) -> dict[str, str]:
    """The ``export NAME=value`` lines of the server's output, as a shell would read them."""
    found = {}
    for line in lines:
        if line.startswith("export "):
            (assignment,) = shlex.split(line[len("export ") :])
            name, _, value = assignment.partition("=")
            found[name] = value
    return found


def test_python_m_mailru_sdk_testing_prints_what_the_command_needs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # the docs say its output is all `mailru-sdk call` needs: it once printed no keys or token
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mailru_sdk.testing", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline().strip() for _ in range(10)]
        settings = _exports(lines)
        api_url = f"http://127.0.0.1:{port}/platform/api"
        assert settings["MAILRU_API_URL"] == api_url
        assert settings["MAILRU_APP_ID"] == str(EXAMPLE.app_id)
        assert settings["MAILRU_PASSWORD"] == EXAMPLE.password  # quoted: it has spaces
        for name in list(os.environ):
            if name.startswith("MAILRU_"):
                monkeypatch.delenv(name)
        for name, value in settings.items():
            monkeypatch.setenv(name, value)
        capsys.readouterr()
        assert cli_main(["call", "friends.get", "--json"]) == 0
        assert len(json.loads(capsys.readouterr().out)) == 3
        assert cli_main(["token", "password"]) == 0
        assert json.loads(capsys.readouterr().out)["uid"] == EXAMPLE.uid
    finally:
        process.terminate()
        process.communicate(timeout=30)


def test_the_server_module_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    stop = threading.Event()
    stop.set()  # serve, print, and return at once
    assert serve_main(["--port", "0"], stop=stop) == 0
    settings = _exports(capsys.readouterr().out.splitlines())
    assert settings["MAILRU_TOKEN_URL"].startswith("http://127.0.0.1:")
    assert set(settings) == {
        "MAILRU_API_URL",
        "MAILRU_TOKEN_URL",
        "MAILRU_APP_ID",
        "MAILRU_PRIVATE_KEY",
        "MAILRU_SECRET_KEY",
        "MAILRU_ACCESS_TOKEN",
        "MAILRU_UID",
        "MAILRU_EMAIL",
        "MAILRU_PASSWORD",
    }


def test_the_server_module_reports_a_busy_port(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        assert serve_main(["--port", str(port)]) == 2
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err


# -- the pytest plugin ----------------------------------------------------------------------


def test_the_mailru_fake_fixture_in_our_own_suite(mailru_fake: FakePlatform) -> None:
    mailru_fake.respond("friends.get", ["1"])
    assert API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)).friends.get() == ["1"]


def test_the_pytest_plugin_gives_users_a_mailru_fake_fixture(tmp_path: Path) -> None:
    (tmp_path / "test_user_code.py").write_text(
        textwrap.dedent(
            """
            import pytest
            from mailru_sdk import API, ServerSession
            from mailru_sdk.errors import AccessDeniedError

            def my_code():
                session = ServerSession(423004, "3dad9cbf9baaa0360c0f2ba372d25716",
                                        "be6ef89965d58e56dec21acb9b62bdaa")
                return API(session).friends.get()

            def test_scripted_answer(mailru_fake):
                mailru_fake.respond("friends.get", ["42"])
                assert my_code() == ["42"]
                assert mailru_fake.calls[-1].circuit == "server-server"

            def test_scripted_failure(mailru_fake):
                mailru_fake.fail("friends.get", code=202)
                with pytest.raises(AccessDeniedError):
                    my_code()
            """
        ),
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


NEAR_MISS_API_URLS = [
    "https://appsmail.ru/platform/api/",
    "http://appsmail.ru/platform/api",
    "https://appsmail.ru:443/platform/api",
    "https://www.appsmail.ru/platform/api",
    "https://APPSMAIL.RU/platform/api",
    "https://appsmail.ru//platform/api",
]
NEAR_MISS_TOKEN_URLS = [
    "https://appsmail.ru/oauth/token/",
    "http://connect.mail.ru/oauth/token",
    "https://connect.mail.ru:443/oauth/token/",
]
NOT_ENDPOINTS = [
    "https://appsmail.ru/platform/apix",
    "https://appsmail.ru/",
    "https://www.appsmail.ru/platform",
    "https://connect.mail.ru/oauth/authorize",
    "http://appsmail.ru:8080/other/path?sig=x",
]


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace the network with a recorder (before the fake starts): what would have left."""
    sent: list[str] = []

    def send(self: requests.adapters.HTTPAdapter, request: Any, **kwargs: Any) -> Any:
        sent.append(str(request.url))
        raise requests.ConnectionError("the test replaced the network")

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", send)
    return sent


@pytest.mark.parametrize("url", NEAR_MISS_API_URLS)
def test_in_process_mode_answers_every_spelling_of_the_api_url(
    network: list[str], url: str
) -> None:
    with FakePlatform() as fake:
        session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=url, max_retries=0)
        assert API(session).users.isAppUser() == {"isAppUser": 1}
        assert len(fake.calls) == 1
    assert network == []


@pytest.mark.parametrize("url", NEAR_MISS_TOKEN_URLS)
def test_in_process_mode_answers_every_spelling_of_the_token_url(
    network: list[str], url: str
) -> None:
    with FakePlatform() as fake:
        form = {"grant_type": "refresh_token", "client_id": str(APP_ID)}
        answer = requests.post(url, data={**form, "client_secret": SECRET_KEY}, timeout=5)
        assert answer.json()["error"] == "invalid_grant"  # answered by the fake
        assert len(fake.token_requests) == 1
    assert network == []


@pytest.mark.parametrize("url", NOT_ENDPOINTS)
@pytest.mark.parametrize("verb", ["GET", "POST", "PUT", "DELETE", "PROPFIND"])
def test_in_process_mode_keeps_every_platform_host_url_off_the_network(
    network: list[str], url: str, verb: str
) -> None:
    with FakePlatform() as fake:
        with pytest.raises(requests.ConnectionError) as caught:
            requests.request(verb, url, params={"app_id": APP_ID}, timeout=5)
        assert "the test replaced the network" not in str(caught.value)
        assert fake.calls == [] and fake.token_requests == []
    assert network == []


def test_a_near_miss_path_is_named_in_the_error(network: list[str]) -> None:
    session = ServerSession(
        APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url="https://appsmail.ru/platform/apix"
    )
    with FakePlatform(), pytest.raises(TransportError) as caught:
        session.call("users.isAppUser")
    assert "FakePlatform" in str(caught.value) and "not a platform endpoint" in str(caught.value)
    assert network == []


def test_in_process_mode_passes_other_hosts_through(network: list[str]) -> None:
    with FakePlatform(), pytest.raises(requests.ConnectionError):
        requests.get("http://127.0.0.1:9/platform/api", timeout=5)
    assert network == ["http://127.0.0.1:9/platform/api"]


@pytest.mark.parametrize("port", ["-1", "70000", "65536", "9" * 5000, "²"])
def test_the_server_module_refuses_a_port_out_of_range(
    port: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        serve_main(["--port", port])
    assert caught.value.code == 2
    assert "0 to 65535" in capsys.readouterr().err
