"""A copy of the repository's files (tracked and new, not ignored) in a scratch folder.

For tests that do what a contributor or a packager does (build the distributions,
add a method and regenerate) without touching the working tree.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

__all__ = ["ROOT", "copy_repository", "repository_files"]

ROOT = Path(__file__).resolve().parent.parent
_IGNORED = shutil.ignore_patterns(
    ".git", ".venv", ".nox", "__pycache__", "*.egg-info", ".*_cache", "site", "build", "dist"
)


def repository_files() -> list[str] | None:
    """The files git knows or would add, relative to :data:`ROOT`; None outside a checkout."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return None
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    names = [name for name in listed.stdout.decode().split("\0") if name]
    return [name for name in names if (ROOT / name).is_file()]  # deleted, not yet committed


def copy_repository(target: Path) -> Path:
    """Copy the repository's files into ``target`` (created) and return it."""
    files = repository_files()
    if files is None:  # an unpacked sdist, say: everything but caches and builds
        shutil.copytree(ROOT, target, ignore=_IGNORED)
        return target
    for name in files:
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, destination)
    return target
