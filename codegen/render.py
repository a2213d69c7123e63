"""Render the model with Jinja2, format with ruff, and write or compare the output."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import jinja2

from codegen.model import Model

BANNER = (
    "# Generated from spec/methods.yaml by `python -m codegen`; do not edit.\n"
    "# Change the spec and run `make generate` instead."
)
ROOT = Path(__file__).resolve().parent.parent
"""The repository: its pyproject.toml configures ruff for the output."""

# templates hold no logic: an undefined name is an error, not an empty string
TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("codegen", "templates"),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    autoescape=False,
)


def render(model: Model) -> dict[str, str]:
    """Every generated file: path relative to the output folder → unformatted source."""

    def page(template: str, **context: object) -> str:
        return TEMPLATES.get_template(template).render(banner=BANNER, **context)

    files = {
        "__init__.py": page("package.py.j2", docstring="Code generated from spec/methods.yaml."),
        "resources/__init__.py": page("package.py.j2", docstring="One module per namespace."),
        "types.py": page("types.py.j2", typed_dicts=model.typed_dicts, names=model.type_names),
        "errors.py": page("errors.py.j2", errors=model.errors, names=model.error_names),
        "client.py": page(
            "client.py.j2", namespaces=model.namespaces, method_count=model.method_count
        ),
        "catalogue.py": page(
            "catalogue.py.j2", methods=model.catalogue, objects=model.catalogue_objects
        ),
    }
    for namespace in model.namespaces:
        files[f"resources/{namespace.module}.py"] = page("namespace.py.j2", ns=namespace)
    # the runtime's copy of the generator's grammar (see codegen/typeexpr.py for why)
    grammar = (Path(__file__).resolve().parent / "typeexpr.py").read_text(encoding="utf-8")
    files["typeexpr.py"] = f"{BANNER}\n# Copied from codegen/typeexpr.py.\n{grammar}"
    return files


class FormatError(RuntimeError):
    """ruff could not format the rendered output (a template bug)."""


def format_sources(files: dict[str, str]) -> dict[str, str]:
    """Sort imports and format every file with ruff, in one run over a scratch folder."""
    with tempfile.TemporaryDirectory(prefix="mailru-codegen-") as scratch:
        base = Path(scratch)
        for rel, text in files.items():
            path = base / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        config = ["--config", str(ROOT / "pyproject.toml")]
        for args in (
            ["check", "--fix", "--select", "I", "--quiet", "--exit-zero", *config],
            ["format", "--quiet", *config],
        ):
            done = subprocess.run(
                [sys.executable, "-m", "ruff", *args, str(base)],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise FormatError(f"ruff {args[0]} failed: {done.stderr.strip() or done.stdout}")
        return {rel: (base / rel).read_text(encoding="utf-8") for rel in files}


def stale_files(files: dict[str, str], out_dir: Path, pattern: str = "*.py") -> list[str]:
    """Paths (relative) whose content on disk differs, is missing, or should not exist.

    Files under ``out_dir`` matching ``pattern`` that are not produced count as stale.
    """
    stale = [rel for rel, text in files.items() if _read(out_dir / rel) != text]
    if out_dir.exists():
        for path in out_dir.rglob(pattern):
            rel = path.relative_to(out_dir).as_posix()
            if rel not in files:
                stale.append(rel)
    return sorted(stale)


def write(files: dict[str, str], out_dir: Path, pattern: str = "*.py") -> list[str]:
    """Write the files that changed and delete generated files (``pattern``) no longer produced."""
    changed = stale_files(files, out_dir, pattern)
    for rel in changed:
        path = out_dir / rel
        if rel in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(files[rel], encoding="utf-8")
        else:
            path.unlink()
    return changed


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
