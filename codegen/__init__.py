"""The stub generator: spec/methods.yaml → mailru_sdk/_generated/ (a dev-time tool).

Stages: ``codegen.spec`` loads and validates the YAML into typed records,
``codegen.model`` decides names, annotations, imports and docstrings,
``codegen.render`` fills logic-free Jinja2 templates and formats the
result with ruff; ``codegen.docs`` renders the docs site's method reference
from the same model. Besides the typed stubs, the output holds the catalogue as
plain data (``catalogue.py``), which the command line and the fake platform
read. The runtime package never imports this, and this never imports the
runtime: the grammar of type strings is ``codegen.typeexpr``, of which the
runtime gets a generated copy (the module says why).
"""

from __future__ import annotations

from pathlib import Path

from codegen.docs import docs_files
from codegen.header import refresh_header
from codegen.model import build_model
from codegen.render import format_sources, render
from codegen.spec import load_spec

__all__ = ["DEFAULT_OUT", "DEFAULT_SPEC", "generate_docs", "generate_header", "generate_sources"]

DEFAULT_SPEC = Path(__file__).resolve().parent.parent / "spec" / "methods.yaml"
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "mailru_sdk" / "_generated"


def generate_sources(spec_path: Path = DEFAULT_SPEC) -> dict[str, str]:
    """Every generated file for the catalogue at ``spec_path``, formatted."""
    return format_sources(render(build_model(load_spec(spec_path))))


def generate_docs(spec_path: Path = DEFAULT_SPEC) -> dict[str, str]:
    """Every page of the docs site's method reference for the catalogue at ``spec_path``."""
    return docs_files(load_spec(spec_path))


def generate_header(spec_path: Path = DEFAULT_SPEC) -> str:
    """The spec file at ``spec_path`` with the provenance table of its header recounted."""
    text = spec_path.read_text(encoding="utf-8")
    return refresh_header(text, load_spec(spec_path))
