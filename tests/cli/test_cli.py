"""The mailru-sdk command, driven in-process (main(argv) with captured output)."""

from __future__ import annotations

import json
import socket

import pytest

from mailru_sdk import _catalogue
from mailru_sdk.cli import main
from mailru_sdk.testing import EXAMPLE, FakePlatform
from tests.cli.conftest import CLIENT_ENV, SERVER_ENV
from tests.conftest import ACCESS_TOKEN, PRIVATE_KEY, SECRET_KEY, SECRETS, UID
from tests.integration.test_catalogue_coverage import SPEC

CLIENT_SERVER_SIG = "5073f15c6d5b6ab2fde23ac43332b002"
SERVER_SERVER_SIG = "4a05af66f80da18b308fa7e536912bae"
FRIENDS = ["15410773191172635989", "4470155491327866721", "9223372036854775809"]
APP = {"MAILRU_APP_ID": "423004", "MAILRU_SECRET_KEY": SECRET_KEY}

Capture = pytest.CaptureFixture[str]


def use(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- call -----------------------------------------------------------------------------------


def test_call_prints_pretty_json(
    fake: FakePlatform, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    use(monkeypatch, CLIENT_ENV)
    code, out, err = run(capsys, "call", "friends.get")
    assert (code, err) == (0, "")
    assert json.loads(out) == FRIENDS
    assert out == json.dumps(FRIENDS, indent=2) + "\n"
    assert fake.calls[-1].circuit == "client-server"


def test_call_with_json_prints_one_line(
    fake: FakePlatform, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    use(monkeypatch, SERVER_ENV)
    fake.respond("friends.get", [{"name": "Пётр"}])
    code, out, _ = run(capsys, "call", "friends.get", "--json")
    assert (code, out) == (0, '[{"name":"Пётр"}]\n')
    assert fake.calls[-1].circuit == "server-server"


def test_call_takes_credentials_from_flags(fake: FakePlatform, capsys: Capture) -> None:
    code, out, _ = run(
        capsys,
        "call",
        "users.isAppUser",
        "--app-id",
        "423004",
        "--secret-key",
        SECRET_KEY,
        "--access-token",
        ACCESS_TOKEN,
    )
    assert code == 0 and json.loads(out) == {"isAppUser": 1}


def test_call_converts_values_to_the_catalogued_types(
    fake: FakePlatform, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    use(monkeypatch, CLIENT_ENV)
    assert run(capsys, "call", "friends.get", "ext=true", "offset=1")[0] == 0
    assert (fake.calls[-1].params["ext"], fake.calls[-1].params["offset"]) == ("1", "1")
    assert run(capsys, "call", "users.getInfo", "uids=1, 2")[0] == 0
    assert fake.calls[-1].params["uids"] == "1,2"
    assert run(capsys, "call", "stream.post", "text=a=b, c")[0] == 0
    assert fake.calls[-1].params["text"] == "a=b, c" and fake.calls[-1].http_method == "POST"


def test_call_sends_extra_parameters_as_given(
    fake: FakePlatform, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    use(monkeypatch, CLIENT_ENV)
    assert run(capsys, "call", "friends.get", "--extra", "uid2=5", "--extra", "x=")[0] == 0
    assert (fake.calls[-1].params["uid2"], fake.calls[-1].params["x"]) == ("5", "")


def test_call_raw_reaches_an_uncatalogued_method(
    fake: FakePlatform, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    use(monkeypatch, CLIENT_ENV)
    fake.respond("groups.get", [{"mid": "1"}])
    code, out, _ = run(capsys, "call", "groups.get", "limit=5", "--raw")
    assert code == 0 and json.loads(out) == [{"mid": "1"}]
    assert fake.calls[-1].params["limit"] == "5"


def test_call_uploads_a_file(
    fake: FakePlatform, monkeypatch: pytest.MonkeyPatch, capsys: Capture, tmp_path: object
) -> None:
    from pathlib import Path

    picture = Path(str(tmp_path)) / "кот.png"
    picture.write_bytes(b"\x89PNG")
    use(monkeypatch, CLIENT_ENV)
    assert run(capsys, "call", "photos.upload", "aid=1", f"img_file={picture}")[0] == 0
    assert fake.calls[-1].files["img_file"] == ("кот.png", b"\x89PNG")


def test_a_platform_error_exits_1_with_code_and_message(
    fake: FakePlatform, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    use(monkeypatch, CLIENT_ENV)
    fake.fail("photos.getAlbums", code=202)
    code, out, err = run(capsys, "call", "photos.getAlbums")
    assert (code, out) == (1, "")
    assert err == (
        "mailru-sdk: error 202 (AccessDeniedError) from photos.getAlbums: "
        "Access to this object is denied\n"
    )


def test_a_platform_error_with_json_is_a_json_object_on_stderr(
    fake: FakePlatform, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    use(monkeypatch, CLIENT_ENV)
    fake.fail("friends.get", code=104, message="Incorrect signature.")
    code, _, err = run(capsys, "call", "friends.get", "--json")
    assert code == 1
    error = json.loads(err)["error"]
    assert (error["error_code"], error["error_msg"], error["type"]) == (
        104,
        "Incorrect signature.",
        "InvalidSignatureError",
    )


def test_a_wrong_key_is_error_104(
    fake: FakePlatform, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    use(monkeypatch, {**SERVER_ENV, "MAILRU_SECRET_KEY": "0" * 32})
    code, _, err = run(capsys, "call", "friends.get")
    assert code == 1 and "error 104 (InvalidSignatureError)" in err


def test_a_network_failure_exits_1(monkeypatch: pytest.MonkeyPatch, capsys: Capture) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    use(monkeypatch, SERVER_ENV)
    monkeypatch.setenv("MAILRU_API_URL", f"http://127.0.0.1:{port}/platform/api")
    code, out, err = run(capsys, "call", "friends.get", "--max-retries", "0")
    assert (code, out) == (1, "")
    assert err.startswith("mailru-sdk: TransportError: network failure calling friends.get")
    assert err.count("\n") == 1
    for secret in SECRETS:
        assert secret not in err


def test_a_timeout_exits_1(
    fake: FakePlatform, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    use(monkeypatch, SERVER_ENV)
    fake.delay(1.0)
    code, _, err = run(capsys, "call", "friends.get", "--timeout", "0.05", "--max-retries", "0")
    assert code == 1 and "RequestTimeoutError" in err


# -- bad input: one line, exit 2 ------------------------------------------------------------

BAD_INPUT = [
    pytest.param([], "the following arguments are required: COMMAND", id="no-command"),
    pytest.param(["fly"], "invalid choice: 'fly'", id="unknown-command"),
    pytest.param(["call"], "the following arguments are required: METHOD", id="no-method"),
    pytest.param(["call", "frends.get"], "did you mean friends.get?", id="unknown-method"),
    pytest.param(["call", "friends"], "unknown method 'friends'", id="not-a-method"),
    pytest.param(["call", "nodot", "--raw"], "method must be a name like", id="raw-no-dot"),
    pytest.param(["call", "friends.get", "ext"], "expected name=value, got 'ext'", id="no-eq"),
    pytest.param(["call", "friends.get", "=1"], "expected name=value", id="no-name"),
    pytest.param(["call", "friends.get", "a b=1"], "expected name=value", id="bad-name"),
    pytest.param(["call", "friends.get", "ext=1", "ext=0"], "given twice", id="twice"),
    pytest.param(["call", "friends.get", "ext=maybe"], "ext is a bool", id="bad-bool"),
    pytest.param(["call", "friends.get", "offset=ten"], "offset is an int", id="bad-int"),
    pytest.param(["call", "users.getInfo", "uids=1,x"], "user id (digits)", id="bad-uid"),
    pytest.param(["call", "friends.get", "uid2=5"], "pass others with --extra", id="unknown"),
    pytest.param(["call", "photos.get"], "photos.get needs aid=...", id="missing-required"),
    pytest.param(
        ["call", "friends.get", "ext=1", "--extra", "ext=1"], "both as a parameter", id="clash"
    ),
    pytest.param(["call", "friends.get", "--extra", "x"], "expected name=value", id="bad-extra"),
    pytest.param(["call", "x.y", "--raw", "app_id=1"], "set by the session", id="reserved"),
    pytest.param(
        ["call", "photos.upload", "aid=1", "img_file=/no/such/file"], "cannot read", id="no-file"
    ),
    pytest.param(["call", "friends.get", "--bogus"], "unrecognized arguments", id="bad-flag"),
    pytest.param(["call", "friends.get", "--timeout", "x"], "invalid float", id="bad-timeout"),
    pytest.param(["call", "friends.get", "--timeout", "-1"], "timeout", id="negative-timeout"),
    pytest.param(["methods", "frends"], "unknown namespace or method", id="unknown-namespace"),
    pytest.param(["methods", "frends"], "did you mean friends?", id="methods-namespace-hint"),
    pytest.param(["methods", "friends.gett"], "did you mean friends.get?", id="methods-hint"),
    pytest.param(["sign", "frends.get"], "unknown method", id="sign-unknown"),
    pytest.param(["token", "fly"], "invalid choice: 'fly'", id="unknown-grant"),
]


@pytest.mark.parametrize(("argv", "message"), BAD_INPUT)
def test_bad_input_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture, argv: list[str], message: str
) -> None:
    use(monkeypatch, CLIENT_ENV)
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("mailru-sdk"), err
    assert message in err
    assert "Traceback" not in err


def test_methods_and_call_suggest_the_same_close_name(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    # `methods friends.gett` once listed the namespaces without the hint `call` gives
    use(monkeypatch, CLIENT_ENV)
    _, _, methods_err = run(capsys, "methods", "friends.gett")
    _, _, call_err = run(capsys, "call", "friends.gett")
    hint = " (did you mean friends.get?)"
    assert methods_err.startswith(f"mailru-sdk: unknown namespace or method 'friends.gett'{hint};")
    assert call_err.startswith(f"mailru-sdk: unknown method 'friends.gett'{hint};")
    _, _, far_err = run(capsys, "methods", "zzzzzz")
    assert "did you mean" not in far_err and "namespaces: " in far_err


MISSING_CREDENTIALS = [
    pytest.param({}, "give --app-id or set MAILRU_APP_ID", id="no-app-id"),
    pytest.param({"MAILRU_APP_ID": "abc"}, "app id must be a positive integer", id="bad-app-id"),
    pytest.param({"MAILRU_APP_ID": "1"}, "give --secret-key", id="no-keys"),
    pytest.param(
        {"MAILRU_APP_ID": "1", "MAILRU_PRIVATE_KEY": "k"}, "missing: uid", id="private-key-no-uid"
    ),
    pytest.param(
        {"MAILRU_APP_ID": "1", "MAILRU_PRIVATE_KEY": "k", "MAILRU_UID": "me"},
        "uid must be",
        id="bad-uid",
    ),
    pytest.param(
        {"MAILRU_APP_ID": "1", "MAILRU_SECRET_KEY": "k", "MAILRU_API_URL": "ftp://x"},
        "api_url must be",
        id="bad-url",
    ),
]


@pytest.mark.parametrize(("env", "message"), MISSING_CREDENTIALS)
@pytest.mark.parametrize("command", ["call", "sign"])
def test_missing_credentials_are_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch,
    capsys: Capture,
    env: dict[str, str],
    message: str,
    command: str,
) -> None:
    use(monkeypatch, env)
    code, out, err = run(capsys, command, "friends.get")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and message in err, err


@pytest.mark.parametrize("env", [CLIENT_ENV, SERVER_ENV], ids=["client-server", "server-server"])
def test_call_without_an_access_token_names_it_and_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture, fake: FakePlatform, env: dict[str, str]
) -> None:
    # once: error 104 on client-server, `[]` with status 0 on server-server
    use(monkeypatch, {k: v for k, v in env.items() if k != "MAILRU_ACCESS_TOKEN"})
    code, out, err = run(capsys, "call", "friends.get")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "missing credentials: no access token" in err and "MAILRU_ACCESS_TOKEN" in err
    assert fake.calls == []


def test_a_server_server_call_for_a_uid_needs_no_access_token(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture, fake: FakePlatform
) -> None:
    use(monkeypatch, {k: v for k, v in SERVER_ENV.items() if k != "MAILRU_ACCESS_TOKEN"})
    run(capsys, "call", "users.getInfo", f"--extra=uid={UID}")
    assert [c.method for c in fake.calls] == ["users.getInfo"]
    assert "session_key" not in fake.calls[0].params


def test_a_method_the_session_cannot_sign_is_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    use(monkeypatch, CLIENT_ENV)
    code, _, err = run(capsys, "call", "notifications.send", "uids=1", "text=hi")
    assert code == 2 and "can only be signed server-server" in err


def test_version(capsys: Capture) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("mailru-sdk 0.")


# -- sign -----------------------------------------------------------------------------------


def test_sign_shows_the_client_server_golden_vector(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    use(monkeypatch, CLIENT_ENV)
    code, out, _ = run(capsys, "sign", "friends.get")
    assert code == 0
    assert out.splitlines()[:5] == [
        "method:    friends.get",
        "circuit:   client-server: sig = md5(uid + canonical + private_key)",
        "uid:       1324730981306483817",
        "canonical: app_id=423004method=friends.getsession_key=***",
        f"sig:       {CLIENT_SERVER_SIG}",
    ]
    assert PRIVATE_KEY not in out and ACCESS_TOKEN not in out


def test_sign_shows_the_server_server_golden_vector(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    use(monkeypatch, SERVER_ENV)
    code, out, _ = run(capsys, "sign", "friends.get")
    assert code == 0
    assert "circuit:   server-server: sig = md5(canonical + secret_key)" in out
    assert "canonical: app_id=423004method=friends.getsecure=1session_key=***" in out
    assert f"sig:       {SERVER_SERVER_SIG}" in out
    assert SECRET_KEY not in out and ACCESS_TOKEN not in out


def test_sign_matches_what_the_platform_checks(
    fake: FakePlatform, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    use(monkeypatch, CLIENT_ENV)
    run(capsys, "call", "users.getInfo", "uids=5,6", "--extra", "x=y")
    code, out, _ = run(capsys, "sign", "users.getInfo", "uids=5,6", "--extra", "x=y")
    assert code == 0
    assert "canonical: app_id=423004method=users.getInfosession_key=***uids=5,6x=y" in out
    assert f"sig:       {fake.calls[-1].params['sig']}" in out


def test_sign_masks_secret_parameters_and_leaves_files_out(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    use(monkeypatch, CLIENT_ENV)
    code, out, _ = run(capsys, "sign", "photos.createAlbum", "title=T", "password=hunter2")
    assert code == 0 and "password=***" in out and "hunter2" not in out
    code, out, _ = run(capsys, "sign", "photos.upload", "aid=1", "img_file=/no/such/file")
    assert code == 0 and "img_file" not in out.split("canonical:")[1].splitlines()[0]


def test_sign_with_a_forced_circuit(monkeypatch: pytest.MonkeyPatch, capsys: Capture) -> None:
    use(monkeypatch, {**CLIENT_ENV, "MAILRU_SECRET_KEY": SECRET_KEY})
    code, out, _ = run(capsys, "sign", "friends.get", "--circuit", "server-server")
    assert code == 0 and SERVER_SERVER_SIG in out
    monkeypatch.delenv("MAILRU_SECRET_KEY")
    code, _, err = run(capsys, "sign", "friends.get", "--circuit", "server-server")
    assert code == 2 and "lacks the secret_key" in err
    use(monkeypatch, {"MAILRU_UID": ""})
    monkeypatch.setenv("MAILRU_SECRET_KEY", SECRET_KEY)
    code, _, err = run(capsys, "sign", "friends.get", "--circuit", "client-server")
    assert code == 2 and "lacks the uid and private_key" in err


def test_sign_an_uncatalogued_method(monkeypatch: pytest.MonkeyPatch, capsys: Capture) -> None:
    use(monkeypatch, SERVER_ENV)
    code, out, _ = run(capsys, "sign", "groups.get", "limit=5", "--raw")
    assert code == 0 and "limit=5method=groups.getsecure=1" in out


# -- methods --------------------------------------------------------------------------------


def test_methods_lists_the_whole_catalogue(capsys: Capture) -> None:
    code, out, _ = run(capsys, "methods")
    assert code == 0
    heads = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert [h.split()[0] for h in heads] == list(_catalogue.methods())
    assert heads[0].startswith("achievements.add  (GET, write")


def test_methods_of_a_namespace(capsys: Capture) -> None:
    code, out, _ = run(capsys, "methods", "friends")
    assert code == 0
    assert out.startswith(
        "friends.get  (GET, read, client-server or server-server) -> list[User] | list[str]\n"
        "  Lists the user's friends, as uids or (with ext) as full profiles.\n"
    )
    ext = "\n    ext: bool, optional. When true, return User objects instead of uid strings."
    assert ext in out
    assert "friends.getInvitationsCount" in out and "stream.get" not in out


def test_methods_shows_every_description_of_the_spec(capsys: Capture) -> None:
    """Descriptions come from the generated catalogue: none is lost, none left empty."""
    code, out, _ = run(capsys, "methods")
    assert code == 0
    blocks = out.split("\n\n")
    methods = sorted(SPEC.methods, key=lambda m: m.namespace)  # stable: the spec's order within
    assert len(blocks) == len(methods)
    for method, block in zip(methods, blocks, strict=True):
        assert block.startswith(f"{method.name}  (")
        # wrapped at 96 columns, also after hyphens: compare without the whitespace
        text = "".join(block.split())
        assert "".join(method.description.split()) in text, method.name
        for param in method.params:
            needed = "required" if param.required else "optional"
            line = f"{param.name}: {param.type}, {needed}. {param.description}"
            assert "".join(line.split()) in text, f"{method.name}.{param.name}"


def test_methods_shows_documented_defaults(capsys: Capture) -> None:
    code, out, _ = run(capsys, "methods", "stream.get")
    assert code == 0
    assert "limit: int, optional. " in out
    assert "Platform default: 10." in " ".join(out.split())


def test_methods_of_one_method(capsys: Capture) -> None:
    code, out, _ = run(capsys, "methods", "notifications.send")
    assert code == 0
    assert out.splitlines()[0] == "notifications.send  (POST, write, server-server) -> Any"
    assert "    uids: str | list[str | int], optional. Recipients." in out


# -- token ----------------------------------------------------------------------------------


def test_token_password(
    served: FakePlatform, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    use(monkeypatch, {"MAILRU_APP_ID": "423004", "MAILRU_SECRET_KEY": SECRET_KEY})
    monkeypatch.setenv("MAILRU_TOKEN_URL", served.token_url)
    monkeypatch.setenv("MAILRU_PASSWORD", EXAMPLE.password)
    code, out, err = run(capsys, "token", "password", "--email", EXAMPLE.email)
    assert (code, err) == (0, "")
    tokens = json.loads(out)
    assert tokens["uid"] == EXAMPLE.uid and tokens["expires_in"] == 86400
    assert served.tokens[tokens["access_token"]] == EXAMPLE.uid
    assert tokens["refresh_token"] in served.refresh_tokens
    form = served.token_requests[-1]
    assert (form["grant_type"], form["password"]) == ("password", EXAMPLE.password)


def test_token_refresh_and_code(
    served: FakePlatform, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    use(monkeypatch, {"MAILRU_APP_ID": "423004", "MAILRU_PRIVATE_KEY": PRIVATE_KEY})
    issued = served.issue_tokens(EXAMPLE.uid)
    code, out, _ = run(
        capsys,
        "token",
        "refresh",
        "--refresh-token",
        issued["refresh_token"],
        "--token-url",
        served.token_url,
    )
    assert code == 0 and json.loads(out)["access_token"] in served.tokens
    assert served.token_requests[-1]["grant_type"] == "refresh_token"
    redirect = "https://app.example/cb"
    auth_code = served.add_code(EXAMPLE.uid, redirect)
    code, out, _ = run(
        capsys,
        "token",
        "code",
        "--code",
        auth_code,
        "--redirect-uri",
        redirect,
        "--token-url",
        served.token_url,
    )
    assert code == 0 and json.loads(out)["uid"] == EXAMPLE.uid
    assert served.token_requests[-1]["grant_type"] == "authorization_code"


def test_token_refused_exits_1(
    served: FakePlatform, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    use(monkeypatch, {"MAILRU_APP_ID": "423004", "MAILRU_SECRET_KEY": SECRET_KEY})
    monkeypatch.setenv("MAILRU_TOKEN_URL", served.token_url)
    code, out, err = run(
        capsys, "token", "password", "--email", EXAMPLE.email, "--password", "wrong"
    )
    assert (code, out) == (1, "")
    assert "invalid_grant" in err and err.count("\n") == 1 and "wrong" not in err


@pytest.mark.parametrize(
    ("argv", "env", "message"),
    [
        (["token", "password"], {"MAILRU_APP_ID": "1"}, "give --secret-key or --private-key"),
        (["token", "password"], {"MAILRU_SECRET_KEY": "s"}, "give --app-id"),
        (["token", "password", "--password", "p"], APP, "missing --email"),
        (["token", "refresh"], APP, "missing --refresh-token"),
        (["token", "code", "--code", "c"], APP, "required: --redirect-uri"),
        (["token", "refresh", "--refresh-token", "r", "--token-url", "x"], APP, "token_url"),
    ],
)
def test_token_bad_input_exits_2(
    monkeypatch: pytest.MonkeyPatch,
    capsys: Capture,
    argv: list[str],
    env: dict[str, str],
    message: str,
) -> None:
    use(monkeypatch, env)
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and message in err, err


def test_token_password_without_a_terminal_needs_the_password(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    use(monkeypatch, {"MAILRU_APP_ID": "423004", "MAILRU_SECRET_KEY": SECRET_KEY})
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _, err = run(capsys, "token", "password", "--email", EXAMPLE.email)
    assert code == 2 and "missing --password" in err


# -- odd input: one line and exit 2, never a traceback ----------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--app-id", "²"], "app id must be a positive integer, got '²'"),
        (["--app-id", "9" * 5000], "app id must be a positive integer, got '9999"),
        (["--app-id", "\u0661\u0662"], "app id must be a positive integer"),
        (["--app-id", "0"], "app id must be a positive integer"),
        (["--uid", "²", "--private-key", PRIVATE_KEY], "uid must be the user's numeric id"),
        (["uids=²"], "uids is a user id (digits), not '²'"),
        (["uids=1,\u0661"], "uids is a user id (digits)"),
    ],
)
def test_non_ascii_digits_and_huge_numbers_are_bad_input(
    fake: FakePlatform, capsys: Capture, argv: list[str], expected: str
) -> None:
    base = ["call", "users.getInfo", "--app-id", "423004", "--secret-key", SECRET_KEY]
    code, out, err = run(capsys, *base, *argv)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and expected in err and len(err) < 300
    assert fake.calls == []


@pytest.mark.parametrize(
    "argv",
    [
        ["call", "friends.get", "--api-url", ""],
        ["sign", "friends.get", "--api-url", ""],
        ["token", "refresh", "--refresh-token", "r", "--token-url", ""],
    ],
)
def test_an_empty_endpoint_flag_is_bad_input_not_the_default(
    fake: FakePlatform, monkeypatch: pytest.MonkeyPatch, capsys: Capture, argv: list[str]
) -> None:
    # the in-process fake answers the production default: falling back to it would succeed
    use(monkeypatch, SERVER_ENV)
    monkeypatch.setenv("MAILRU_API_URL", "http://127.0.0.1:9/platform/api")
    monkeypatch.setenv("MAILRU_TOKEN_URL", "http://127.0.0.1:9/oauth/token")
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "must not be empty" in err
    assert fake.calls == [] and fake.token_requests == []


class _FailingStdout:
    """A stdout whose writes fail as a closed pipe or a full disk does."""

    def __init__(self, error: OSError) -> None:
        self.error = error

    def write(self, text: str) -> int:
        raise self.error

    def flush(self) -> None:
        raise self.error


def test_a_closed_output_ends_the_command_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.setattr("sys.stdout", _FailingStdout(BrokenPipeError(32, "Broken pipe")))
    assert main(["methods"]) == 0
    assert capsys.readouterr().err == ""


def test_a_full_output_is_one_line_and_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.setattr("sys.stdout", _FailingStdout(OSError(28, "No space left on device")))
    assert main(["methods", "friends.get"]) == 1
    err = capsys.readouterr().err
    assert err == "mailru-sdk: cannot write the output: No space left on device\n"


def test_every_variable_the_command_reads_is_documented() -> None:
    # MAILRU_EMAIL and MAILRU_REFRESH_TOKEN were once in `token --help` only
    import re
    from pathlib import Path

    import mailru_sdk.cli
    from mailru_sdk.testing.__main__ import settings

    package = Path(mailru_sdk.cli.__file__).parent  # the command is a package of modules
    source = "".join(p.read_text(encoding="utf-8") for p in sorted(package.glob("*.py")))
    read = set(re.findall(r"MAILRU_[A-Z_]+", source))
    assert {"MAILRU_EMAIL", "MAILRU_REFRESH_TOKEN", "MAILRU_PASSWORD"} <= read
    docs = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
    table = set(re.findall(r"^\| `(MAILRU_[A-Z_]+)` \|", docs.read_text(encoding="utf-8"), re.M))
    assert read <= table
    # what the served fake prints is what the command reads
    assert set(settings("http://a", "http://b")) <= read
