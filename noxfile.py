"""The test suite on every supported Python: ``make matrix`` (CI runs it after ``make test``).

``make test`` is the quick path on one Python (the venv's) with every check; this
runs pytest alone, once per version, each in a fresh venv under ``.nox/`` with the
package (editable, with its ``redis`` and ``testing`` extras) and the ``test``
dependency group. The interpreters are looked up on ``PATH`` and in pyenv's
versions (``pyenv root``), so a machine with pyenv needs no ``pyenv local``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import nox

#: the versions the classifiers in pyproject.toml declare
PYTHONS = ["3.11", "3.12", "3.13"]
PYPROJECT = nox.project.load_toml("pyproject.toml")

nox.options.default_venv_backend = "venv"
nox.options.error_on_missing_interpreters = True
nox.options.reuse_venv = "yes"


def _runs(executable: str) -> bool:
    """False for a pyenv shim of a version pyenv has not selected (it exits 127)."""
    try:
        done = subprocess.run([executable, "-c", ""], capture_output=True, timeout=30, check=False)
    except OSError:
        return False
    return done.returncode == 0


def _pyenv_versions() -> Path | None:
    root = os.environ.get("PYENV_ROOT")
    if not root and shutil.which("pyenv"):
        found = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=False)
        root = found.stdout.strip()
    return Path(root) / "versions" if root else None


def _find_interpreters() -> None:
    """Put pyenv's ``bin`` folder of each version that ``PATH`` lacks first on ``PATH``."""
    versions = _pyenv_versions()
    for wanted in PYTHONS:
        found = shutil.which(f"python{wanted}")
        if found and _runs(found):
            continue
        if versions is None or not versions.is_dir():
            continue
        candidates = [
            folder
            for folder in versions.iterdir()
            if re.fullmatch(re.escape(wanted) + r"\.\d+", folder.name)
            and (folder / "bin" / f"python{wanted}").is_file()
        ]
        if candidates:
            newest = max(candidates, key=lambda f: int(f.name.rsplit(".", 1)[1]))
            os.environ["PATH"] = f"{newest / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"


_find_interpreters()


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """pytest, the whole suite (``nox -s tests -- tests/unit`` for a part)."""
    session.install(
        "--disable-pip-version-check",
        "--quiet",
        "-e",
        ".[redis,testing]",
        *nox.project.dependency_groups(PYPROJECT, "test"),
    )
    session.run("python", "--version")
    session.run("python", "-m", "pytest", "-p", "no:cacheprovider", *session.posargs)
