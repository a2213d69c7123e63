"""The stub generator: spec/methods.yaml → mailru_sdk/_generated/ (a dev-time tool).

Stages: :mod:`codegen.spec` loads and validates the YAML into typed records,
:mod:`codegen.model` decides names, annotations, imports and docstrings,
:mod:`codegen.render` fills logic-free Jinja2 templates and formats the
result with ruff. The runtime package never imports this.
"""

from __future__ import annotations

from pathlib import Path

from codegen.model import build_model
from codegen.render import format_sources, render
from codegen.spec import load_spec

__all__ = ["DEFAULT_OUT", "DEFAULT_SPEC", "generate_sources"]

DEFAULT_SPEC = Path(__file__).resolve().parent.parent / "spec" / "methods.yaml"
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "mailru_sdk" / "_generated"


def generate_sources(spec_path: Path = DEFAULT_SPEC) -> dict[str, str]:
    """Every generated file for the catalogue at ``spec_path``, formatted."""
    return format_sources(render(build_model(load_spec(spec_path))))
