"""The docs site's method reference, generated from spec/methods.yaml (codegen/docs.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from codegen import DEFAULT_SPEC, generate_docs
from codegen.__main__ import main
from codegen.docs import DEFAULT_DOCS_OUT, docs_files, param_provenance
from codegen.render import stale_files
from codegen.spec import MethodSpec, Spec, load_spec


@pytest.fixture(scope="module")
def spec() -> Spec:
    return load_spec(DEFAULT_SPEC)


@pytest.fixture(scope="module")
def pages(spec: Spec) -> dict[str, str]:
    return docs_files(spec)


def method(spec: Spec, name: str) -> MethodSpec:
    return next(m for m in spec.methods if m.name == name)


def section(pages: dict[str, str], name: str) -> str:
    """The Markdown of one method's section on its namespace page."""
    text = pages[f"{name.split('.')[0]}.md"]
    start = text.index(f"\n## {name} ")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def test_committed_pages_are_current(pages: dict[str, str]) -> None:
    assert stale_files(pages, DEFAULT_DOCS_OUT, "*.md") == [], "run `make generate`"
    assert generate_docs() == pages


def test_one_page_per_namespace_and_an_index(spec: Spec, pages: dict[str, str]) -> None:
    namespaces = {m.namespace for m in spec.methods}
    assert set(pages) == {"index.md"} | {f"{ns}.md" for ns in namespaces}
    for m in spec.methods:
        assert f"\n## {m.name} {{ #" in pages[f"{m.namespace}.md"], m.name
        assert f"({m.namespace}.md#" in pages["index.md"]


def test_every_parameter_has_its_type_requirement_and_provenance(
    spec: Spec, pages: dict[str, str]
) -> None:
    for m in spec.methods:
        text = section(pages, m.name)
        for p in m.params:
            row = re.search(
                rf"^\| `{re.escape(p.name)}_?` \| `(.+?)` \| (yes|no) \| ([^|]+) \|", text, re.M
            )
            assert row is not None, f"{m.name}.{p.name}"
            assert row.group(2) == ("yes" if p.required else "no")
            assert row.group(3) == param_provenance(m, p)


def test_a_method_section_states_returns_circuits_http_and_errors(
    spec: Spec, pages: dict[str, str]
) -> None:
    text = section(pages, "friends.get")
    assert "- **Returns:** `list[str]`; `list[User]` when `ext=True` (source: code: " in text
    assert "- **Method known from:** code: py-mymailru" in text
    assert "**Paging:** `api.friends.iter_get(...)` → `Iterator[User | str]`, by `offset`" in text
    assert "**Signing:** client-server or server-server" in text
    assert "**HTTP:** GET, a read" in text
    assert "`InvalidSignatureError` (104)" in text and "`PaginationError`" in text
    assert "<https://api.mail.ru/docs/reference/rest/friends-get/>" in text
    for m in spec.methods:  # a URL built from the naming pattern says so; one seen does not
        marked = "(URL inferred from the naming pattern)" in section(pages, m.name)
        assert marked == (m.reference_source.kind == "pattern"), m.name


def test_errors_follow_the_methods_facts(spec: Spec, pages: dict[str, str]) -> None:
    for m in spec.methods:
        text = section(pages, m.name)
        assert ("`PermissionDeniedError` (200)" in text) == bool(m.privilege), m.name
        assert ("`CredentialsError`" in text) == (len(m.circuits) == 1), m.name
        has_file = any(p.type == "file" for p in m.params)
        assert ("`IncorrectImageError` (501)" in text) == has_file, m.name


def test_provenance_is_the_spec_s_per_fact_source(spec: Spec) -> None:
    documented = method(spec, "friends.get").params[0]
    assert param_provenance(method(spec, "friends.get"), documented) == documented.source.label
    guessed = [
        (m, p)
        for m in spec.methods
        for p in m.params
        if p.type_source.kind == "guess" and p.source.kind != "guess"
    ]
    assert guessed, "the spec has parameters whose type alone is a guess"
    m, p = guessed[0]
    assert param_provenance(m, p) == f"{p.source.label}; type: unconfirmed (guess)" or (
        param_provenance(m, p).startswith(f"{p.source.label}; type: unconfirmed (guess)")
    )


def test_check_reports_a_stale_or_extra_reference_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, docs = tmp_path / "generated", tmp_path / "methods"
    assert main(["--out", str(out), "--docs-out", str(docs)]) == 0
    capsys.readouterr()
    friends = docs / "friends.md"
    friends.write_text(friends.read_text(encoding="utf-8") + "edited by hand\n")
    (docs / "old.md").write_text("a namespace that is gone\n")
    assert main(["--check", "--out", str(out), "--docs-out", str(docs)]) == 1
    captured = capsys.readouterr()
    assert "generated code is current" in captured.out
    assert "method reference is stale (2 files: friends.md, old.md)" in captured.err
    assert main(["--out", str(out), "--docs-out", str(docs)]) == 0
    assert not (docs / "old.md").exists()
    assert main(["--check", "--out", str(out), "--docs-out", str(docs)]) == 0
