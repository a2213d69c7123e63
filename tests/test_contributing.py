"""CONTRIBUTING.md's "Adding a method", done as written on a copy of the repository.

The entry is the ```yaml block of that section, pasted at the end of its
namespace's group in spec/methods.yaml; then ``make generate`` (the Makefile's
own recipe, with this test's interpreter), then the checks ``make test`` runs
that the new method touches: ``python -m codegen --check``, ruff, ``mypy
--strict`` on the generated package and on code calling the new stub, the
``mkdocs build --strict`` of the site, and the tests of the catalogue, the
stubs, the command line and the docs' figures.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.repo_copy import ROOT, copy_repository

NAME = "friends.getBirthdays"
#: the tests a new method concerns (the whole suite is `make test`'s job)
SUBSET = [
    "tests/codegen",
    "tests/unit/test_resources.py",
    "tests/integration/test_catalogue_coverage.py",
    "tests/integration/test_call_options.py",
    "tests/cli/test_cli.py",
    "tests/test_docs_examples.py::test_the_catalogue_figures_are_current",
]
# the header matches a recount of the spec (the audit's pinned figures change with a method)
PROVENANCE = "tests/codegen/test_provenance.py::test_the_spec_header_states_the_counts"
USER_CODE = """\
from mailru_sdk import API, ServerSession
from mailru_sdk.types import User

api = API(ServerSession(1, "secret", "token"))
uids: list[str] = api.friends.getBirthdays(days=7)
profiles: list[User] = api.friends.getBirthdays(days=7, ext=True)
"""


def section(text: str, heading: str) -> str:
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def documented_entry() -> str:
    """The ```yaml block of CONTRIBUTING.md's "Adding a method", its list indent removed."""
    text = section((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), "Adding a method")
    found = re.search(r"\n( *)```yaml\n(.*?)\n\1```\n", text, re.DOTALL)
    assert found is not None, "CONTRIBUTING.md shows no entry to add"
    indent = found[1]
    lines = found[2].split("\n")
    assert all(not line or line.startswith(indent) for line in lines)
    return "\n".join(line[len(indent) :] for line in lines) + "\n"


def add_to_its_group(spec: str, entry: str) -> str:
    """The spec with ``entry`` at the end of its namespace's group (before the next one)."""
    namespace = NAME.split(".")[0]
    lines = spec.splitlines(keepends=True)
    group = re.compile(r"^  # -+ (\w+)\n$")
    start = next(i for i, line in enumerate(lines) if group.match(line) and namespace in line)
    end = next(
        (i for i in range(start + 1, len(lines)) if group.match(lines[i])),
        len(lines),
    )
    while lines[end - 1].strip() == "":
        end -= 1
    return "".join([*lines[:end], "\n", entry, *lines[end:]])


def run(argv: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAILRU_", "PYTEST_"))}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def ok(done: subprocess.CompletedProcess[str]) -> str:
    output = done.stdout[-4000:] + done.stderr[-4000:]
    return f"{' '.join(done.args)} exited {done.returncode}:\n{output}"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository with CONTRIBUTING.md's method added and `make generate` run."""
    if shutil.which("make") is None:
        pytest.skip("no make on PATH")
    copy = copy_repository(tmp_path_factory.mktemp("contributor") / "mailru-sdk")
    spec = copy / "spec" / "methods.yaml"
    before = spec.read_text(encoding="utf-8")
    assert f"\n  {NAME}:" not in before, f"{NAME} is catalogued already: pick another example"
    spec.write_text(add_to_its_group(before, documented_entry()), encoding="utf-8")
    # the Makefile's recipe, with the venv this test runs in (-o install: no reinstall)
    venv = Path(sys.executable).parent.parent
    done = run(["make", "-o", "install", f"VENV={venv}", "generate"], copy)
    assert done.returncode == 0, ok(done)
    return copy


def test_make_generate_writes_the_new_method(repo: Path) -> None:
    stub = (repo / "mailru_sdk" / "_generated" / "resources" / "friends.py").read_text()
    assert "def getBirthdays(" in stub
    page = (repo / "docs" / "reference" / "methods" / "friends.md").read_text()
    assert NAME in page
    done = run([sys.executable, "-m", "codegen", "--check"], repo)
    assert done.returncode == 0, ok(done)


def test_ruff_passes(repo: Path) -> None:
    for argv in (["check", "."], ["format", "--check", "."]):
        done = run([sys.executable, "-m", "ruff", *argv], repo)
        assert done.returncode == 0, ok(done)


def test_mypy_strict_passes_on_the_stubs_and_their_use(repo: Path) -> None:
    (repo / "user_code.py").write_text(USER_CODE, encoding="utf-8")
    done = run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir",
         str(repo / ".mypy-cache-scratch"), "mailru_sdk/_generated", "user_code.py"],
        repo,
    )  # fmt: skip
    assert done.returncode == 0, ok(done)


def test_the_docs_site_builds(repo: Path) -> None:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    if not mkdocs.exists():
        pytest.skip("mkdocs is not installed here (the docs group): make test builds the site")
    done = run([str(mkdocs), "build", "--strict", "--quiet", "--site-dir", "site"], repo)
    assert done.returncode == 0, ok(done)


def test_the_tests_a_method_concerns_pass(repo: Path) -> None:
    codegen = sorted((repo / "tests" / "codegen").glob("test_*.py"))
    subset = [n for n in SUBSET if n != "tests/codegen"]
    subset += [p.relative_to(repo).as_posix() for p in codegen if p.name != "test_provenance.py"]
    done = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *subset], repo)
    assert done.returncode == 0, ok(done)


def test_the_provenance_table_is_regenerated(repo: Path) -> None:
    """``make generate`` recounted the spec header's provenance table for the new method."""
    done = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", PROVENANCE], repo)
    assert done.returncode == 0, ok(done)
