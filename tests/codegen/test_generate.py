"""The whole generator: deterministic output, the committed files, --check, a round trip."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from types import ModuleType

import pytest
import responses
import yaml

from codegen import DEFAULT_OUT, DEFAULT_SPEC, generate_sources
from codegen.__main__ import main
from codegen.render import stale_files
from codegen.spec import load_spec
from mailru_sdk import ServerSession
from tests.conftest import ACCESS_TOKEN, API_URL, APP_ID, SECRET_KEY, sent_params

ROOT = Path(__file__).resolve().parents[2]
BANNER_LINE = "# Generated from spec/methods.yaml by `python -m codegen`; do not edit."

BIRTHDAYS = {
    "description": "Lists the user's friends whose birthday is within the next days.",
    "source": "doc",
    "reference": "https://api.mail.ru/docs/reference/rest/friends-getscratchbirthdays/",
    "http": "GET",
    "idempotent": True,
    "privilege": None,
    "circuits": ["client", "server"],
    "params_complete": True,
    "params": {
        "days": {"type": "int", "required": True, "description": "How many days ahead."},
        "ext": {"type": "bool", "required": False, "description": "Return full profiles."},
    },
    "returns": "list[User]",
    "notes": ["Added by the round-trip test."],
}
BOTH = ("Birthdays", "Suggested")
SUGGESTED = {
    "description": "Lists people the user may know.",
    "source": "code:aiomailru",
    "reference": "https://api.mail.ru/docs/reference/rest/friends-getscratchsuggested/",
    "http": "GET",
    "idempotent": True,
    "privilege": None,
    "circuits": ["server"],
    "params_complete": True,
    "paging": "offset",
    "params": {
        "offset": {"type": "int", "required": False, "description": "Where to start."},
        "limit": {"type": "int", "required": False, "default": 2, "description": "Page size."},
    },
    "returns": "list[str]",
    "notes": ["Added by the round-trip test."],
}


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    """The generated files for the real catalogue."""
    return generate_sources(DEFAULT_SPEC)


def test_generation_is_deterministic(files: dict[str, str]) -> None:
    again = generate_sources(DEFAULT_SPEC)
    assert again == files
    assert list(again) == list(files)


def test_committed_output_is_current(files: dict[str, str]) -> None:
    assert stale_files(files, DEFAULT_OUT) == [], "run `make generate` and commit the result"


def test_one_module_per_namespace(files: dict[str, str]) -> None:
    namespaces = {method.namespace for method in load_spec(DEFAULT_SPEC).methods}
    assert {"friends", "stream", "users", "titles"} <= namespaces
    expected = {"__init__.py", "resources/__init__.py", "types.py", "errors.py", "client.py"}
    expected |= {"catalogue.py"}  # the catalogue as data, for the command line and the fake
    expected |= {"typeexpr.py"}  # the runtime's copy of the generator's grammar
    expected |= {f"resources/{name}.py" for name in namespaces}
    assert set(files) == expected


def test_generation_does_not_depend_on_the_hash_seed(files: dict[str, str]) -> None:
    """No set or dict order leaks into the output (the catalogue's allowed values, imports)."""
    code = "import json, codegen; print(json.dumps(codegen.generate_sources()))"
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        assert json.loads(done.stdout) == files


def test_every_file_starts_with_the_banner(files: dict[str, str]) -> None:
    for rel, text in files.items():
        assert text.splitlines()[0] == BANNER_LINE, rel
        assert text.endswith("\n") and not text.endswith("\n\n"), rel


def test_generated_files_compile(files: dict[str, str]) -> None:
    for rel, text in files.items():
        compile(text, rel, "exec")


# -- the command line ------------------------------------------------------------------


def check(out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["--check", "--out", str(out), "--docs-out", str(out / "reference")])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_check_exit_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    out = tmp_path / "generated"

    status, _, err = check(out, capsys)
    assert status == 1
    assert err.startswith(f"generated code is stale ({len(files)} files: ")
    assert "resources/friends.py" in err and "client.py" in err and "catalogue.py" in err
    assert not out.exists()  # --check writes nothing

    assert main(["--out", str(out), "--docs-out", str(out / "reference")]) == 0
    assert capsys.readouterr().out.startswith("wrote ")
    status, stdout, err = check(out, capsys)
    assert (status, err) == (0, "")
    assert stdout.startswith("generated code is current (")

    friends = out / "resources" / "friends.py"
    friends.write_text(friends.read_text() + "# edited by hand\n")
    status, _, err = check(out, capsys)
    assert status == 1
    assert "(1 files: resources/friends.py)" in err

    assert main(["--out", str(out), "--docs-out", str(out / "reference")]) == 0
    assert capsys.readouterr().out.startswith("wrote 1 of ")
    extra = out / "resources" / "extra.py"
    extra.write_text("x = 1\n")
    status, _, err = check(out, capsys)
    assert status == 1
    assert "(1 files: resources/extra.py)" in err

    # regenerating deletes the file the catalogue no longer produces
    assert main(["--out", str(out), "--docs-out", str(out / "reference")]) == 0
    capsys.readouterr()
    assert not extra.exists()
    assert check(out, capsys)[0] == 0


def test_check_covers_the_catalogue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--out", str(tmp_path), "--docs-out", str(tmp_path / "reference")]) == 0
    capsys.readouterr()
    catalogue = tmp_path / "catalogue.py"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace("as uids or (with ext)", "edited by hand", 1))
    assert catalogue.read_text(encoding="utf-8") != text
    status, _, err = check(tmp_path, capsys)
    assert status == 1
    assert "(1 files: catalogue.py)" in err

    catalogue.unlink()
    status, _, err = check(tmp_path, capsys)
    assert status == 1
    assert "(1 files: catalogue.py)" in err

    assert main(["--out", str(tmp_path), "--docs-out", str(tmp_path / "reference")]) == 0
    capsys.readouterr()
    assert catalogue.read_text(encoding="utf-8") == text


def test_check_ignores_files_that_are_not_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--out", str(tmp_path), "--docs-out", str(tmp_path / "reference")]) == 0
    (tmp_path / "README.txt").write_text("notes\n")
    assert check(tmp_path, capsys)[0] == 0


# -- a round trip: a new method in the catalogue, called through its generated stub ------


def load_module(path: Path) -> ModuleType:
    name = f"_roundtrip_{path.stem}_{uuid.uuid4().hex}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def server_sig(wire: dict[str, str]) -> str:
    """DESIGN.md section 2: md5(concat + secret_key), concat sorted, sig left out."""
    concat = "".join(f"{name}={wire[name]}" for name in sorted(wire) if name != "sig")
    return hashlib.md5((concat + SECRET_KEY).encode("utf-8")).hexdigest()


@pytest.fixture(scope="module")
def extended(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real catalogue plus two friends.* methods, generated into a scratch package.

    Their names are this test's own, never the platform's: CONTRIBUTING.md's example,
    friends.getBirthdays, is what a contributor adds (tests/test_contributing.py).
    """
    base = tmp_path_factory.mktemp("roundtrip")
    data = yaml.safe_load(DEFAULT_SPEC.read_text(encoding="utf-8"))
    assert "friends.getScratchBirthdays" not in data["methods"]
    data["methods"]["friends.getScratchBirthdays"] = BIRTHDAYS
    data["methods"]["friends.getScratchSuggested"] = SUGGESTED
    spec_path = base / "methods.yaml"
    spec_path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    out = base / "generated"
    assert (
        main(["--spec", str(spec_path), "--out", str(out), "--docs-out", str(out / "reference")])
        == 0
    )
    return out


def test_new_method_changes_only_its_namespace_and_the_client(
    extended: Path, files: dict[str, str]
) -> None:
    changed = sorted(
        rel for rel in files if (extended / rel).read_text(encoding="utf-8") != files[rel]
    )
    assert changed == ["catalogue.py", "client.py", "resources/friends.py"]
    assert "def getScratchBirthdays(" in (extended / "resources" / "friends.py").read_text()
    assert "def iter_getScratchSuggested(" in (extended / "resources" / "friends.py").read_text()


def test_new_method_is_in_the_catalogue(extended: Path) -> None:
    catalogue = load_module(extended / "catalogue.py")
    entries = {entry.name: entry for entry in catalogue.METHODS}
    birthdays = entries["friends.getScratchBirthdays"]
    assert birthdays.description == BIRTHDAYS["description"]
    assert birthdays.returns == "list[User]" and birthdays.info.required == ("days",)
    assert [(p.name, p.type, p.required) for p in birthdays.params] == [
        ("days", "int", True),
        ("ext", "bool", False),
    ]
    suggested = entries["friends.getScratchSuggested"]
    assert (suggested.paging, suggested.info.page_size, suggested.circuits) == (
        "offset",
        2,
        ("server-server",),
    )
    assert suggested.param("limit").default == 2
    names = list(entries)
    # namespaces sorted, the spec's order within: the new methods close the friends.* block
    birthdays_at, suggested_at = (names.index(f"friends.getScratch{n}") for n in BOTH)
    assert suggested_at == birthdays_at + 1
    assert names[suggested_at + 1].startswith("guestbook.")


def test_new_method_round_trip(extended: Path) -> None:
    module = load_module(extended / "resources" / "friends.py")
    friends = module.FriendsNamespace(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))
    answer = [{"uid": "15410773191172635989", "birthday": "01.01.1990"}]
    with responses.RequestsMock() as mock:
        mock.post(API_URL, json=answer)
        assert friends.getScratchBirthdays(days=7) == answer
        assert friends.getScratchBirthdays(days=30, ext=True) == answer
        first, second = (call.request for call in mock.calls)

    assert first.method == "POST"  # the default: the parameters in a form body
    assert first.url == API_URL
    wire = sent_params(first)
    expected = {
        "app_id": str(APP_ID),
        "days": "7",
        "method": "friends.getScratchBirthdays",
        "secure": "1",
        "session_key": ACCESS_TOKEN,
    }
    assert wire == {**expected, "sig": server_sig(expected)}

    wire = sent_params(second)
    assert (wire["days"], wire["ext"]) == ("30", "1")
    assert wire["sig"] == server_sig(wire)


def test_new_method_required_parameter_is_checked_before_traffic(extended: Path) -> None:
    module = load_module(extended / "resources" / "friends.py")
    friends = module.FriendsNamespace(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(API_URL, json=[])
        required = r"friends\.getScratchBirthdays: parameter 'days' is required"
        with pytest.raises(TypeError, match=required):
            friends.getScratchBirthdays(days=None)
        with pytest.raises(TypeError):
            friends.getScratchBirthdays(7)  # keyword-only
        assert len(mock.calls) == 0


def test_new_paged_method_round_trip(extended: Path) -> None:
    module = load_module(extended / "resources" / "friends.py")
    friends = module.FriendsNamespace(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))
    with responses.RequestsMock() as mock:
        mock.post(API_URL, json=["1", "2"])
        mock.post(API_URL, json=["3"])
        suggested = friends.iter_getScratchSuggested()
        assert len(mock.calls) == 0  # lazy
        assert list(suggested) == ["1", "2", "3"]
        offsets = [sent_params(c.request) for c in mock.calls]
    # pages of 2 (the documented default, not sent): the short second page ends it
    assert [(w["offset"], w.get("limit")) for w in offsets] == [("0", None), ("2", None)]
    assert all(w["sig"] == server_sig(w) for w in offsets)


# -- the runtime stays free of the generator's dependencies ------------------------------


def test_runtime_never_imports_jinja2_or_yaml() -> None:
    code = (
        "import sys, mailru_sdk, mailru_sdk.api, mailru_sdk.errors, mailru_sdk.api.base\n"
        "from mailru_sdk import API, ServerSession\n"
        "api = API(ServerSession(1, 'secret', 'token'))\n"
        "api.friends, api.users, api.photos\n"
        "leaked = sorted({'jinja2', 'yaml', 'codegen'} & set(sys.modules))\n"
        "assert not leaked, leaked\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_the_generator_does_not_import_the_package_it_generates() -> None:
    """A broken generated file (a merge conflict) must not stop the generator repairing it."""
    import subprocess
    import sys

    code = (
        "import sys, codegen, codegen.__main__; codegen.generate_sources(); "
        "assert 'mailru_sdk' not in sys.modules, sorted(m for m in sys.modules if 'mailru' in m)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
