"""Every code example of the docs site (docs/**/*.md) and README.md, through one runner.

The conventions the examples follow (CONTRIBUTING.md, "Examples in the docs"):

* The ```python blocks of a page run in order, in one namespace per page.
* In scope: ``APP_ID``, ``PRIVATE_KEY``, ``SECRET_KEY``, ``ACCESS_TOKEN``,
  ``UID`` (the platform docs' example app and user, :data:`EXAMPLE`),
  ``EMAIL``, ``PASSWORD`` (the fake's example account), ``REDIRECT_URI``,
  and, fresh for each block, a one-use authorization ``CODE`` and a
  ``REFRESH_TOKEN``.
* A :class:`FakePlatform` intercepts the platform's URLs in the process while
  a page runs, unless the page says ``<!-- examples: without-fake -->``
  (its examples start the fakes they use).
* ``<!-- example: compile-only (why) -->`` on the line before a fence: the
  block is compiled, not run and not type-checked (a web framework's request,
  a tool ``make test`` does not install). ``<!-- example: signature -->``: a
  generated method signature, compiled as a ``def``.
* Functions named ``test_*`` that a block defines are called, as pytest would;
  a ``mailru_fake`` parameter gets a fresh :class:`FakePlatform`.
* No example prints ``None`` (a field the fake or the example got wrong).
* The runnable blocks of each page, as one module, pass ``mypy --strict``.
* Shell blocks: each ``mailru-sdk …`` line is parsed by the command's own
  parser, and run when ``# `` lines after it show its output (compared line
  by line); ``make X`` needs a Makefile target ``X``; ``python -m M`` needs
  module ``M``; ``flask --app … run`` and ``django-admin runserver …`` lines
  run with ``routes`` and ``check`` instead, with the variables the line sets.

Some sections get a closer look at what reached the fake (:data:`CHECKS`).
"""

from __future__ import annotations

import contextlib
import inspect
import io
import itertools
import logging
import os
import re
import shlex
import subprocess
import sys
import threading
import time
import types
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mypy.api
import pytest
import requests

from mailru_sdk.cli import UsageError, _build_parser
from mailru_sdk.cli import main as cli_main
from mailru_sdk.oauth import PasswordSession
from mailru_sdk.testing import EXAMPLE, FakePlatform, RecordedCall
from tests.workers.server import RedisServer

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [*sorted(DOCS.rglob("*.md")), ROOT / "README.md"]
REDIRECT_URI = "https://example.com/mailru/callback"

_FENCE = re.compile(r"^```(\w*)\s*$")
_MARKER = re.compile(r"^<!-- example: ([\w-]+)(?: \((.+)\))? -->$")
_PAGE_MARKER = "<!-- examples: without-fake"
_HEADING = re.compile(r"^#{1,6} (.+?)(?: \{ #[\w-]+ \})?$")
_PRELUDE = f"""\
from mailru_sdk.testing import EXAMPLE

APP_ID: int = EXAMPLE.app_id
PRIVATE_KEY: str = EXAMPLE.private_key
SECRET_KEY: str = EXAMPLE.secret_key
ACCESS_TOKEN: str = EXAMPLE.access_token
UID: str = EXAMPLE.uid
EMAIL: str = EXAMPLE.email
PASSWORD: str = EXAMPLE.password
REDIRECT_URI: str = {REDIRECT_URI!r}
CODE: str = "a one-use code"
REFRESH_TOKEN: str = "a refresh token"
"""


@dataclass(frozen=True)
class Block:
    """One fenced code block of a page."""

    page: Path
    line: int
    language: str
    code: str
    section: str
    marker: str | None  # "compile-only", "signature", or None: run it

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks(page: Path) -> list[Block]:
    """The fenced blocks of ``page``, with their section and marker."""
    found: list[Block] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    section, marker, index = "", None, 0
    while index < len(lines):
        line = lines[index]
        fence = _FENCE.match(line)
        if fence is None:
            heading = _HEADING.match(line)
            if heading:
                section = heading.group(1)
            mark = _MARKER.match(line.strip())
            if mark:
                marker = mark.group(1)
                assert marker in {"compile-only", "signature"}, f"{page}:{index + 1}: {line}"
                assert marker != "compile-only" or mark.group(2), f"{page}:{index + 1}: say why"
            elif line.strip():
                marker = None  # a marker applies to the fence right after it
            index += 1
            continue
        end = next(i for i in range(index + 1, len(lines)) if lines[i].startswith("```"))
        code = "\n".join(lines[index + 1 : end]) + "\n"
        found.append(Block(page, index + 1, fence.group(1), code, section, marker))
        marker, index = None, end + 1
    return found


def page_id(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


# -- what a page's run saw -----------------------------------------------------------------


@dataclass
class Seen:
    """What a section's examples did: calls the fake received, URLs sent, output."""

    calls: list[RecordedCall]
    urls: list[tuple[str, str]]  # (HTTP method, URL) of every request the session sent
    output: str
    namespace: dict[str, Any]
    waits: list[float]
    fake: FakePlatform | None


@dataclass
class Wiretap:
    """Every request sent through ``requests.Session.send`` (the SDK's only way out)."""

    sent: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


@pytest.fixture
def wiretap(monkeypatch: pytest.MonkeyPatch) -> Wiretap:
    tap = Wiretap()
    original = requests.Session.send

    def send(self: requests.Session, request: requests.PreparedRequest, **kwargs: Any) -> Any:
        with tap.lock:
            tap.sent.append((str(request.method), str(request.url)))
        return original(self, request, **kwargs)

    monkeypatch.setattr(requests.Session, "send", send)
    return tap


@pytest.fixture
def limiter_waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The rate limiter's waits, recorded instead of slept (its clock stands still)."""
    waits: list[float] = []
    lock = threading.Lock()

    def sleep(seconds: float) -> None:
        with lock:
            waits.append(seconds)

    monkeypatch.setattr(
        "mailru_sdk.stores.ratelimit.time",
        types.SimpleNamespace(monotonic=lambda: 0.0, sleep=sleep),
    )
    monkeypatch.setattr("mailru_sdk._pipeline._sleep", sleep)  # where a session waits its turn
    return waits


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries do not sleep their backoff (the fake's own delays still do)."""
    monkeypatch.setattr(
        "mailru_sdk._retry.time", types.SimpleNamespace(sleep=lambda s: None, time=time.time)
    )


@contextlib.contextmanager
def logging_restored() -> Iterator[None]:
    """Examples may configure logging; the test run gets its configuration back."""
    loggers = [logging.getLogger(), logging.getLogger("mailru_sdk")]
    levels = [logger.level for logger in loggers]
    handlers = [list(logger.handlers) for logger in loggers]
    try:
        yield
    finally:
        for logger, level, kept in zip(loggers, levels, handlers, strict=True):
            logger.setLevel(level)
            logger.handlers[:] = kept


# -- per-page scenery and closer checks ------------------------------------------------------

FEED = [{"id": str(9000 - n), "type": "1-1"} for n in range(120)]
THREADS = [{"id": f"t{n}"} for n in range(33)]
FRIENDS = [{"uid": str(n), "first_name": f"Friend {n}"} for n in range(25)]


def _feed(params: Mapping[str, str]) -> Any:
    limit, skip = int(params.get("limit", "10")), params.get("skip")
    start = 0 if skip is None else next(i for i, e in enumerate(FEED) if e["id"] == skip) + 1
    return FEED[start : start + limit]


def _by_offset(items: list[Any], default_limit: int) -> Callable[[Mapping[str, str]], Any]:
    def answer(params: Mapping[str, str]) -> Any:
        offset = int(params.get("offset", "0"))
        return items[offset : offset + int(params.get("limit", default_limit))]

    return answer


def calling_scenery(fake: FakePlatform, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """calling.md: long lists to page through, a photo on disk, an uncatalogued method."""
    fake.respond("stream.get", _feed)
    fake.respond("messages.getThreadsList", _by_offset(THREADS, 10))
    fake.respond("friends.get", _by_offset(FRIENDS, 7))  # the platform's page size, unknown
    fake.respond("some.newMethod", {"ok": 1})
    monkeypatch.chdir(tmp_path)
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "кот.jpg").write_bytes(b"\xff\xd8\xff\xe0 a cat")


SCENERY: dict[str, Callable[[FakePlatform, Path, pytest.MonkeyPatch], None]] = {
    "docs/calling.md": calling_scenery,
}


def check_uploads(seen: Seen) -> None:
    uploads = [c for c in seen.calls if c.files]
    assert [(c.method, c.files["img_file"][0]) for c in uploads] == [
        ("photos.upload", "кот.jpg"),
        ("photos.upload", "кот.jpg"),
        ("guestbook.post", "img_file"),
    ]
    assert all(c.files["img_file"][1] == b"\xff\xd8\xff\xe0 a cat" for c in uploads)
    assert uploads[1].params["name"] == "Кот"


def check_pagination(seen: Seen) -> None:
    assert seen.output.splitlines()[:2] == ["9000 1-1", "8999 1-1"]
    assert seen.namespace["threads"] == THREADS
    assert seen.namespace["first_ten"] == FRIENDS[:10]
    by_method: dict[str, list[RecordedCall]] = {}
    for call in seen.calls:
        by_method.setdefault(call.method, []).append(call)
    # 120 events in pages of 50: 50, 50, 20 then an empty page
    skips = [c.params.get("skip") for c in by_method["stream.get"]]
    assert skips == [None, FEED[49]["id"], FEED[99]["id"], FEED[119]["id"]]
    offsets = [c.params["offset"] for c in by_method["messages.getThreadsList"]]
    assert offsets == ["0", "10", "20", "30"]
    # islice stopped after 10 profiles: pages of 7, so two pages only (lazy)
    assert [c.params["offset"] for c in by_method["friends.get"]] == ["0", "7"]


def check_rate_limit(seen: Seen) -> None:
    # 250 uids in calls of at most 100 (2 in flight: they may arrive in any order)
    assert sorted(len(c.params["uids"].split(",")) for c in seen.calls) == [50, 100, 100]
    assert isinstance(seen.namespace["profiles"], list)
    # 3 calls at 5 per second: the first starts at once, the others wait 0.2 s apart
    assert sorted(seen.waits) == pytest.approx([0.2, 0.4])


def check_post_mode(seen: Seen) -> None:
    assert [c.http_method for c in seen.calls] == ["POST", "GET"]  # the default, then GET
    assert {"session_key", "sig"} <= set(seen.calls[0].params)
    (post, post_url), (get, get_url) = seen.urls
    assert (post, urllib.parse.urlsplit(post_url).query, get) == ("POST", "", "GET")
    assert "session_key=" in urllib.parse.urlsplit(get_url).query


def check_options(seen: Seen) -> None:
    assert [c.method for c in seen.calls] == ["friends.get", "friends.getOnline"]
    # the default POST: nothing in the URL
    assert not any(urllib.parse.urlsplit(url).query for _, url in seen.urls)


def check_circuit(circuit: str) -> Callable[[Seen], None]:
    def check(seen: Seen) -> None:
        # the example's call reached the fake, which checked its signature
        assert [(c.method, c.circuit) for c in seen.calls] == [("friends.get", circuit)]

    return check


def check_token_store(seen: Seen) -> None:
    namespace, fake = seen.namespace, seen.fake
    assert fake is not None
    stored = namespace["store"].load(f"user:{EXAMPLE.uid}")
    assert namespace["user_id"] == EXAMPLE.uid and stored is not None
    assert stored.tokens["access_token"] == namespace["login"].access_token
    assert namespace["friends"] == fake.friends[EXAMPLE.uid]


def check_shared_limiter(seen: Seen) -> None:
    namespace, fake = seen.namespace, seen.fake
    assert fake is not None
    assert namespace["profile"][0]["uid"] == EXAMPLE.uid
    assert namespace["client"].exists(f"mailru:rate:{EXAMPLE.app_id}") == 1
    assert namespace["limited"].session.rate_limiter is namespace["limiter"]
    # then the stored token expires: the next user_api call refreshes once, through the store
    store, key = namespace["store"], f"user:{EXAMPLE.uid}"
    stored = store.load(key)
    fake.expire_token(stored.tokens["access_token"])
    for _ in range(2):
        assert namespace["user_api"](EXAMPLE.uid).friends.get() == namespace["friends"]
    grants = [f["grant_type"] for f in fake.token_requests]
    assert grants == ["authorization_code", "refresh_token"]
    refreshed = store.load(key)
    assert refreshed is not None and refreshed.version == stored.version + 1


#: pages whose examples use Redis: the runner starts a real server for them
NEEDS_REDIS = {"docs/workers.md"}

CHECKS: dict[tuple[str, str], Callable[[Seen], None]] = {
    ("docs/workers.md", "The token store"): check_token_store,
    ("docs/workers.md", "The rate limiter"): check_shared_limiter,
    ("docs/calling.md", "Uploads"): check_uploads,
    ("docs/calling.md", "Pagination"): check_pagination,
    ("docs/calling.md", "Rate limiting"): check_rate_limit,
    ("docs/calling.md", "Keeping tokens out of URLs"): check_post_mode,
    ("docs/calling.md", "Options for one call"): check_options,
    ("docs/sessions.md", "Client-server circuit"): check_circuit("client-server"),
    ("docs/sessions.md", "Server-server circuit"): check_circuit("server-server"),
}


# -- running a page --------------------------------------------------------------------------


def _fresh_names(fake: FakePlatform | None, code: str) -> dict[str, Any]:
    names: dict[str, Any] = {
        "APP_ID": EXAMPLE.app_id,
        "PRIVATE_KEY": EXAMPLE.private_key,
        "SECRET_KEY": EXAMPLE.secret_key,
        "ACCESS_TOKEN": EXAMPLE.access_token,
        "UID": EXAMPLE.uid,
        "EMAIL": EXAMPLE.email,
        "PASSWORD": EXAMPLE.password,
        "REDIRECT_URI": REDIRECT_URI,
    }
    if fake is not None and "CODE" in code:
        names["CODE"] = fake.add_code(EXAMPLE.uid, REDIRECT_URI)
    if fake is not None and "REFRESH_TOKEN" in code:
        login = PasswordSession(
            EXAMPLE.app_id, "", EXAMPLE.secret_key, EXAMPLE.email, EXAMPLE.password, ""
        )
        with login:
            names["REFRESH_TOKEN"] = login.refresh_token
    return names


def _call_tests(before: set[str], namespace: dict[str, Any], where: str) -> None:
    """Call the ``test_*`` functions the block defined, as pytest would."""
    for name in [n for n in namespace if n.startswith("test_") and n not in before]:
        test = namespace[name]
        parameters = list(inspect.signature(test).parameters)
        assert set(parameters) <= {"mailru_fake"}, f"{where}: {name} wants {parameters}"
        if parameters:
            with FakePlatform() as fake:
                test(mailru_fake=fake)
        else:
            test()


PYTHON_PAGES = [p for p in PAGES if any(b.language == "python" for b in blocks(p))]


@pytest.mark.parametrize("page", PYTHON_PAGES, ids=page_id)
def test_the_python_examples_run(
    page: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    wiretap: Wiretap,
    limiter_waits: list[float],
    request: pytest.FixtureRequest,
) -> None:
    name = page_id(page)
    if name in NEEDS_REDIS:  # a real redis-server on 127.0.0.1, as the page's readers have
        server: RedisServer = request.getfixturevalue("redis_server")
        monkeypatch.setenv("MAILRU_REDIS_URL", server.url)
        monkeypatch.setenv("MAILRU_APP_ID", str(EXAMPLE.app_id))
        monkeypatch.setenv("MAILRU_SECRET_KEY", EXAMPLE.secret_key)
    without_fake = _PAGE_MARKER in page.read_text(encoding="utf-8")
    fake = None if without_fake else FakePlatform().start()
    namespace: dict[str, Any] = {"__name__": f"docs_example_{page.stem}"}
    checked: set[tuple[str, str]] = set()
    try:
        if fake is not None and name in SCENERY:
            SCENERY[name](fake, tmp_path, monkeypatch)
        else:
            monkeypatch.chdir(tmp_path)
        python = [b for b in blocks(page) if b.language == "python"]
        for section, group in itertools.groupby(python, key=lambda b: b.section):
            calls_before = len(fake.calls) if fake is not None else 0
            sent_before, waits_before = len(wiretap.sent), len(limiter_waits)
            output = io.StringIO()
            for block in group:
                compiled = compile(_as_python(block), block.where, "exec")
                if block.marker is not None:
                    continue
                namespace.update(_fresh_names(fake, block.code))
                before = set(namespace)
                with logging_restored(), contextlib.redirect_stdout(output):
                    exec(compiled, namespace)
                    _call_tests(before, namespace, block.where)
            printed = output.getvalue()
            assert not re.search(r"\bNone\b", printed), f"{name} ({section}) printed None"
            check = CHECKS.get((name, section))
            if check is not None:
                calls = fake.calls[calls_before:] if fake is not None else []
                sent = wiretap.sent[sent_before:]
                waits = limiter_waits[waits_before:]
                check(Seen(calls, sent, printed, namespace, waits, fake))
                checked.add((name, section))
    finally:
        if fake is not None:
            fake.stop()
    assert checked == {key for key in CHECKS if key[0] == name}, "a section check did not run"


def test_every_section_check_names_a_section() -> None:
    sections = {(page_id(p), b.section) for p in PAGES for b in blocks(p)}
    assert set(CHECKS) <= sections


def _as_python(block: Block) -> str:
    """The block as Python source: a generated signature becomes a ``def``."""
    if block.marker != "signature":
        return block.code
    head, _, rest = block.code.partition("(")
    assert re.fullmatch(r"api\.\w+\.\w+", head), block.where
    return f"def {head.rsplit('.', 1)[1]}({rest.rstrip()}: ...\n"


# -- mypy --strict on the runnable examples ---------------------------------------------


def test_the_python_examples_pass_mypy_strict(tmp_path: Path) -> None:
    modules = []
    for page in PYTHON_PAGES:
        runnable = [b.code for b in blocks(page) if b.language == "python" and b.marker is None]
        if not runnable:
            continue
        module = tmp_path / f"docs_{page_id(page).replace('/', '_').replace('.', '_')}.py"
        module.write_text(_PRELUDE + "\n" + "\n".join(runnable), encoding="utf-8")
        modules.append(str(module))
    stdout, stderr, status = mypy.api.run(
        [
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--no-color-output",
            *modules,
        ]
    )
    assert (status, stderr) == (0, ""), stdout


# -- shell examples ------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """One command of a shell block, with the output the ``# `` lines after it show."""

    where: str
    env: dict[str, str]
    argv: list[str]
    shown: list[str]


def commands(page: Path) -> list[Command]:
    found = []
    for block in blocks(page):
        if block.language not in {"shell", "sh", "console", "bash"}:
            continue
        lines = block.code.replace("\\\n", " ").splitlines()
        for number, line in enumerate(lines):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            words = shlex.split(line, comments=True)
            env = {}
            while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):
                key, _, value = words.pop(0).partition("=")
                env[key] = value
            shown = list(
                itertools.takewhile(lambda text: text.startswith("# "), lines[number + 1 :])
            )
            if words and words[0] != "export":
                found.append(Command(block.where, env, words, [s[2:] for s in shown]))
    return found


SHELL = [c for p in PAGES for c in commands(p)]


@pytest.mark.parametrize("command", SHELL, ids=lambda c: f"{c.where} {' '.join(c.argv[:3])}")
def test_the_shell_examples_hold(
    command: Command, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    program, *args = command.argv
    if program == "sudo":
        program, *args = args
    if program == "mailru-sdk":
        try:
            _build_parser().parse_args(args)
        except UsageError as exc:
            pytest.fail(f"{command.where}: {exc}")
        if command.shown and args[0] != "demo":
            for name in [n for n in os.environ if n.startswith("MAILRU_")]:
                monkeypatch.delenv(name)
            capsys.readouterr()
            assert cli_main(args) == 0
            printed = capsys.readouterr().out.splitlines()
            assert printed[: len(command.shown)] == command.shown, command.where
    elif program == "make":
        targets = set(re.findall(r"^([\w-]+):", (ROOT / "Makefile").read_text(), re.MULTILINE))
        assert set(args) <= targets, command.where
    elif program in {"python", "python3"} and args[:1] == ["-m"]:
        import importlib.util

        assert importlib.util.find_spec(args[1]) is not None, command.where
    elif program in {"flask", "django-admin"}:
        run_web_example(command)
    elif program == "gunicorn":
        check_gunicorn(command)
    elif program == "pip":
        check_pip(command)
    else:
        assert program in UNCHECKED, f"{command.where}: no rule checks {program!r} commands"


#: programs whose lines are shown, not checked: another system's package manager or a server
UNCHECKED = {"apt-get", "docker", "redis-server"}


def check_pip(command: Command) -> None:
    """``pip install``: the extras and dependency groups it names are pyproject.toml's."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras = set(project["project"]["optional-dependencies"])
    groups = set(project["dependency-groups"])
    args = command.argv[1:]
    assert args[:1] == ["install"], command.where
    for word, after in itertools.zip_longest(args, args[1:]):
        if word == "--group":
            assert after in groups, f"{command.where}: no dependency group {after!r}"
        found = re.fullmatch(r"(?:\.|mailru-sdk)\[([\w,]+)\]", word)
        if found:
            named = set(found[1].split(","))
            assert named <= extras, f"{command.where}: no extra {named - extras}"


def check_gunicorn(command: Command) -> None:
    """``gunicorn … APP``: with the line's variables, gunicorn loads the app and checks it.

    ``--check-config`` builds the app (``create_app()``, reading the environment) and
    exits; tests/workers/test_gunicorn.py runs the line for real.
    """
    program = Path(sys.executable).parent / "gunicorn"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILRU_")}
    done = subprocess.run(
        [str(program), "--check-config", *command.argv[1:]],
        cwd=ROOT,
        env={**env, **command.env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"{command.where}: {done.stdout[-2000:]}{done.stderr[-2000:]}"


def run_web_example(command: Command) -> None:
    """The documented command, with a check instead of the server (same variables)."""
    replace = {"run": "routes", "runserver": "check"}
    argv = [replace.get(word, word) for word in command.argv]
    assert argv != command.argv, f"{command.where}: expected a run or runserver command"
    program = Path(sys.executable).parent / argv[0]
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILRU_")}
    done = subprocess.run(
        [str(program), *argv[1:]],
        cwd=ROOT,
        env={**env, **command.env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"{command.where}: {done.stderr[-2000:]}"


# -- links outside the docs site (mkdocs --strict checks the site's own) --------------------


@pytest.mark.parametrize("page", ["README.md", "CONTRIBUTING.md"])
def test_the_relative_links_resolve(page: str) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)\s]+)\)", text)
    relative = [t for t in targets if not re.match(r"[a-z]+:", t)]
    assert relative, page
    for target in relative:
        assert (ROOT / target.partition("#")[0]).exists(), f"{page}: {target}"


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_docs_links_stay_inside_the_site(page: Path) -> None:
    """A link from a docs page to a repository file outside docs/ is dead on the built site.

    mkdocs' strict build does not see it: it leaves links outside docs_dir alone.
    """
    if page.parent != DOCS and DOCS not in page.parents:
        return  # README and CONTRIBUTING live in the repository, not on the site
    text = page.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        resolved = (page.parent / target.partition("#")[0]).resolve()
        assert DOCS.resolve() in resolved.parents or resolved == DOCS.resolve(), (
            f"{page_id(page)}: {target} leaves docs/; name the file in `code` instead"
        )
        assert resolved.exists(), f"{page_id(page)}: {target}"


#: hand-written pages (the method reference under docs/reference/methods/ is generated)
HAND_WRITTEN = [
    ROOT / "README.md",
    ROOT / "CONTRIBUTING.md",
    *(p for p in sorted(DOCS.rglob("*.md")) if "methods" not in p.relative_to(DOCS).parts),
]
#: a figure of the catalogue's size: "56 catalogued methods", "(56 of them, in 18 namespaces)"
_COUNT = re.compile(
    r"(?P<methods>\d+) (?:catalogued |typed )?(?:methods|stubs|of them)\b"
    r"|\b(?P<namespaces>\d+) namespaces\b"
)


def test_the_catalogue_figures_are_current() -> None:
    """Every count of methods or namespaces a hand-written page states is the catalogue's.

    The pages avoid such counts (a method added would make them stale; the generated
    method index states them), so this guards against one coming back. Benchmark rows
    say what was measured (a catalogue of 10x or 100x the methods, or the real one as
    it was then): they name ``codegen`` and are left alone.
    """
    from mailru_sdk import _catalogue

    expected = {
        "methods": len(_catalogue.methods()),
        "namespaces": len(_catalogue.namespaces()),
    }
    for page in HAND_WRITTEN:
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if "codegen" in line:
                continue
            for found in _COUNT.finditer(line):
                kind = "methods" if found["methods"] else "namespaces"
                assert int(found[kind]) == expected[kind], (
                    f"{page.relative_to(ROOT)}:{number}: {found[0]!r}, the catalogue has "
                    f"{expected[kind]} {kind}"
                )
