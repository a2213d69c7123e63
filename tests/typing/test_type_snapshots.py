"""What mypy --strict says about user code: nothing for samples/good.py, a stored report
for samples/mistakes.py.

When the stubs change on purpose, refresh the stored report with
``UPDATE_SNAPSHOTS=1 python -m pytest tests/typing`` and review its diff.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import mypy.api
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SAMPLES = HERE / "samples"
GOOD = SAMPLES / "good.py"
MISTAKES = SAMPLES / "mistakes.py"
EXPECTED = HERE / "expected_mistakes.txt"

_SUMMARY = re.compile(
    r"^(Found \d+ errors? in \d+ files?|Success: no issues found in \d+ source files?)"
)
_LOCATION = re.compile(r"^(\w+\.py):(\d+): error:")


def run_mypy(path: Path, cache_dir: Path) -> tuple[str, int]:
    """mypy --strict on ``path``, with the repository's configuration: (report, exit status)."""
    stdout, stderr, status = mypy.api.run(
        [
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(cache_dir),
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--no-color-output",
            str(path),
        ]
    )
    assert stderr == "", stderr
    return normalise(stdout, path), status


def normalise(report: str, path: Path) -> str:
    """Paths reduced to the file's name, the summary line dropped."""
    where = re.compile(rf"^.*?{re.escape(path.name)}:")
    lines = [
        where.sub(f"{path.name}:", line) for line in report.splitlines() if not _SUMMARY.match(line)
    ]
    return "".join(f"{line}\n" for line in lines)


def test_good_sample_is_clean(tmp_path: Path) -> None:
    report, status = run_mypy(GOOD, tmp_path)
    assert report == ""
    assert status == 0


@pytest.fixture(scope="module")
def mistakes_report(tmp_path_factory: pytest.TempPathFactory) -> str:
    report, status = run_mypy(MISTAKES, tmp_path_factory.mktemp("mypy-cache"))
    assert status == 1
    return report


def test_every_mistake_is_reported(mistakes_report: str) -> None:
    """Each commented line of mistakes.py gets an error, and no other line does."""
    commented = {
        number
        for number, line in enumerate(MISTAKES.read_text(encoding="utf-8").splitlines(), 1)
        if line and not line.startswith(("#", " ", '"')) and "  # " in line
    }
    reported = {
        int(match.group(2))
        for line in mistakes_report.splitlines()
        if (match := _LOCATION.match(line))
    }
    assert len(commented) >= 7
    assert reported == commented


def test_mistakes_report_matches_the_snapshot(mistakes_report: str) -> None:
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        EXPECTED.write_text(mistakes_report, encoding="utf-8")
    expected = EXPECTED.read_text(encoding="utf-8") if EXPECTED.exists() else ""
    if mistakes_report != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                mistakes_report.splitlines(keepends=True),
                fromfile=str(EXPECTED.relative_to(ROOT)),
                tofile="mypy --strict samples/mistakes.py",
            )
        )
        pytest.fail(
            "mypy's report on tests/typing/samples/mistakes.py changed:\n"
            f"{diff}\n"
            "If the change is intended, run `UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest "
            "tests/typing` and commit the updated expected_mistakes.txt.",
            pytrace=False,
        )
