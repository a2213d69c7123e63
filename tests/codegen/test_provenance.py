"""Provenance: every fact of the real catalogue is sourced, and stubs say where it comes from."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from codegen import DEFAULT_SPEC
from codegen.__main__ import main
from codegen.header import refresh_header, summary
from codegen.model import Method, build_model, python_name
from codegen.provenance import CLIENTS, COPIES, Source, SourceSyntaxError, parse_source
from codegen.spec import MethodSpec, ParamSpec, load_spec
from mailru_sdk import API, ServerSession
from mailru_sdk import errors as sdk_errors
from tests.conftest import ACCESS_TOKEN, APP_ID, SECRET_KEY

SPEC = load_spec(DEFAULT_SPEC)
MODEL = build_model(SPEC)
API_ = API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))


def stub_doc(method: MethodSpec) -> str:
    stub = getattr(getattr(API_, method.namespace), python_name(method.short_name))
    return " ".join(inspect.getdoc(stub).split())  # type: ignore[union-attr]


def model_method(name: str) -> Method:
    return next(m for ns in MODEL.namespaces for m in ns.methods if m.wire_name == name)


# -- the vocabulary ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "label"),
    [
        ("doc", Source("doc"), "doc"),
        ("guess", Source("guess"), "unconfirmed (guess)"),
        ("code:py_mymailru", Source("code", ("py_mymailru",)), "code: py-mymailru"),
        (
            "copy:methods_txt",
            Source("copy", copy="methods_txt"),
            "doc, via a copy in py-mymailru (pymymailru/methods.txt, the docs' index of methods)",
        ),
        (
            "code:ruby_mailru_api, js_loader",
            Source("code", ("ruby_mailru_api", "js_loader")),
            "code: the Ruby client mailru-api, the platform's JS loader",
        ),
    ],
)
def test_a_source_reads_back_and_has_its_label(text: str, source: Source, label: str) -> None:
    assert parse_source(text) == source
    assert source.label == label
    assert parse_source(str(source)) == source


def test_pattern_is_only_for_reference_urls() -> None:
    with pytest.raises(SourceSyntaxError, match="unknown source 'pattern'"):
        parse_source("pattern")
    pattern = parse_source("pattern", allow_pattern=True)
    assert pattern.label == "URL inferred from the naming pattern"


# -- the real catalogue ---------------------------------------------------------------------


def test_every_fact_not_from_the_docs_carries_its_provenance() -> None:
    """Each non-doc fact names a client or says it is a guess, and a stub prints it."""
    facts = SPEC.facts()
    assert facts, "the catalogue has sourced facts"
    for fact in facts:
        assert fact.source.kind in ("doc", "copy", "code", "guess", "pattern"), fact.path
        if fact.source.kind == "code":
            assert fact.source.clients and set(fact.source.clients) <= set(CLIENTS), fact.path
        if fact.source.kind == "pattern":
            assert fact.kind == "reference", fact.path
    for method in SPEC.methods:
        prefix = f"methods.{method.name}"
        doc = stub_doc(method)
        for fact in facts:
            if fact.source.kind == "doc" or not (
                fact.path == prefix or fact.path.startswith(prefix + ".")
            ):
                continue
            shown = "(assumed)" if fact.kind == "privilege" else fact.source.label
            assert shown in doc, fact.path


def test_every_error_says_where_it_is_known_from() -> None:
    for error in SPEC.errors:
        cls = getattr(sdk_errors, error.name)
        assert f"Source: {error.source.label}." in " ".join((cls.__doc__ or "").split())
    access_denied = next(e for e in SPEC.errors if e.code == 202)
    assert access_denied.source == Source("code", ("ruby_mailru_api",))
    assert "the Ruby client (mailru-api) maps code 202" in access_denied.description
    assert "only in its HTML scraper" in access_denied.description


def test_the_spec_header_states_the_counts() -> None:
    header = DEFAULT_SPEC.read_text(encoding="utf-8").split("\nversion: 1\n", 1)[0]
    expected = "".join(f"#   {line}\n" for line in summary(SPEC))
    assert expected in header, "run `make generate` to recount the table:\n" + expected
    assert "Nothing here is invented" not in header


def test_the_second_pass_figures() -> None:
    """Issue 21's audit as figures (doc, copy, code, guess, pattern): a change to them is a
    change of what the catalogue claims, to be made on purpose."""
    header = DEFAULT_SPEC.read_text(encoding="utf-8").split("\nversion: 1\n", 1)[0]
    assert "#   param.type          14     4    32     86        0\n" in header
    assert "#   param.required      14     4    34     84        0\n" in header
    assert "#   method               9    28    19      0        0\n" in header
    assert "#   copy facts by copy: methods_txt 28, users_getinfo_md 15\n" in header


def test_the_generator_recounts_a_stale_header_and_check_fails_on_it(tmp_path: Path) -> None:
    text = DEFAULT_SPEC.read_text(encoding="utf-8")
    stale = text.replace("#   param.type          14", "#   param.type          99", 1)
    assert stale != text and refresh_header(stale, SPEC) == text
    spec = tmp_path / "methods.yaml"
    spec.write_text(stale, encoding="utf-8")
    out = ["--out", str(tmp_path / "gen"), "--docs-out", str(tmp_path / "docs")]
    assert main(["--spec", str(spec), *out]) == 0
    assert spec.read_text(encoding="utf-8") == text  # recounted in place
    spec.write_text(stale, encoding="utf-8")
    assert main(["--check", "--spec", str(spec), *out]) == 1
    assert spec.read_text(encoding="utf-8") == stale  # --check never writes


def test_no_type_or_required_flag_rests_on_py_mymailru() -> None:
    """py-mymailru passes every value as unicode(...), positionally: it shows names only."""
    for fact in SPEC.facts():
        if fact.kind in ("param.type", "param.required"):
            assert "py_mymailru" not in fact.source.clients, fact.path


def test_second_hand_docs_have_their_own_kind() -> None:
    copies = {f.path for f in SPEC.facts() if f.source.kind == "copy"}
    by_index = {f.path for f in SPEC.facts() if f.source == Source("copy", copy="methods_txt")}
    assert len(by_index) == 28 and "methods.audios.top.circuits" in by_index
    assert "methods.achievements.add" in by_index and "methods.stream.post" in by_index
    assert {
        "methods.users.getInfo",
        "methods.users.getInfo.reference",
        "methods.users.getInfo.returns",
        "methods.events.getNewCount.params.uid",
    } <= copies
    assert set(COPIES) == {"methods_txt", "users_getinfo_md"}
    with pytest.raises(SourceSyntaxError, match="unknown copy 'wiki'"):
        parse_source("copy:wiki")
    doc = stub_doc(spec_method("events.getNewCount"))
    assert "uid: " in doc and "doc, via a Markdown copy of the users.getInfo page" in doc
    page = (PAGE.parent / "reference" / "methods" / "achievements.md").read_text(encoding="utf-8")
    assert "**Method known from:** doc, via a copy in py-mymailru" in page


def test_guessed_types_are_broad_and_say_so() -> None:
    guessed = [(m, p) for m in SPEC.methods for p in m.params if p.type_source.kind == "guess"]
    assert len(guessed) == 86
    for method, param in guessed:
        # a guessed type never refuses text the platform may accept; an upload stays a file
        broad = ("str", "uid", "str | int", "str | list[str | int]")
        assert param.type in broad or (param.name, param.type) == ("img_file", "file"), param.name
        model = next(p for p in model_method(method.name).params if p.name == param.name)
        assert model.type_label == "unconfirmed (guess)"
        assert "unconfirmed (guess)" in model.provenance
        assert f"{param.name}: " in stub_doc(method) and model.provenance in stub_doc(method)


def test_assumed_privileges_are_said_in_the_summary_line() -> None:
    assumed = [m for m in SPEC.methods if m.privilege_source == Source("guess")]
    assert {m.name for m in assumed} >= {"stream.post", "guestbook.get", "photos.upload"}
    for method in assumed:
        stub = getattr(getattr(API_, method.namespace), python_name(method.short_name))
        first_paragraph = (stub.__doc__ or "").split("\n\n", 1)[0]
        assert f"Privilege: {method.privilege} (assumed)." in " ".join(first_paragraph.split())
        assert model_method(method.name).privilege_label == "assumed"
    documented = model_method("guestbook.post")
    assert documented.privilege_label == "doc"
    assert "(assumed)" not in stub_doc(next(m for m in SPEC.methods if m.name == "guestbook.post"))


def test_reference_urls_seen_in_the_docs_are_not_marked() -> None:
    seen = {m.name for m in SPEC.methods if m.reference_source.kind == "doc"}
    assert spec_method("users.getInfo").reference_source == Source("copy", copy="users_getinfo_md")
    assert seen == {
        "users.isAppUser",
        "friends.getInvitationsCount",
        "stream.get",
        "guestbook.post",
        "events.getNewCount",
        "photos.getAlbums",
        "photos.get",
        "widget.set",
    }
    for method in SPEC.methods:
        doc = stub_doc(method)
        marked = "(URL inferred from the naming pattern)" in doc
        assert marked is (method.reference_source.kind == "pattern"), method.name


def test_provenance_is_a_field_of_the_model() -> None:
    add = model_method("achievements.add")
    assert add.source_label == Source("copy", copy="methods_txt").label
    assert add.circuits_label == "unconfirmed (guess)"
    assert add.reference_label == "URL inferred from the naming pattern"
    assert (add.privilege_label, add.returns_label) == (None, None)
    width = next(p for p in add.params if p.name == "width")
    assert (width.source_label, width.type_label, width.required_label) == (
        "code: py-mymailru",
        "unconfirmed (guess)",
        "unconfirmed (guess)",
    )
    get = model_method("users.getInfo")
    copy = Source("copy", copy="users_getinfo_md").label
    assert (get.source_label, get.returns_label) == (copy, copy)
    assert [p.provenance for p in get.params] == [f"Source: {copy}; maximum: unconfirmed (guess)."]


# -- issue 11: what the sources show -------------------------------------------------------


def spec_method(name: str) -> MethodSpec:
    return next(m for m in SPEC.methods if m.name == name)


def test_achievements_add_sends_width_as_its_code_source_does() -> None:
    names = [p.name for p in spec_method("achievements.add").params]
    assert "width" in names and "weight" not in names


@pytest.mark.parametrize(
    ("method", "param"),
    [("audio.get", "mids"), ("photos.getAlbums", "aids"), ("photos.get", "pids")],
)
def test_id_lists_take_a_string_or_a_list(method: str, param: str) -> None:
    (spec,) = [p for p in spec_method(method).params if p.name == param]
    assert spec.type == "str | list[str | int]"


def test_photos_create_album_is_posted() -> None:
    assert spec_method("photos.createAlbum").http == "POST"


def test_mobile_get_canvas_allows_both_circuits_and_says_the_sources_disagree() -> None:
    method = spec_method("mobile.getCanvas")
    assert method.circuits == ("client", "server")
    assert "sources disagree" in stub_doc(method)


def test_the_missing_methods_and_parameters_are_catalogued_with_sources() -> None:
    top = spec_method("audio.top")
    assert top.circuits == ("client",)
    assert top.method_source == Source("code", ("py_mymailru", "ruby_mailru_api"))
    unread = spec_method("email.getUnreadCount")
    assert unread.source == Source("code", ("js_loader",))
    for name in ("friends.get", "friends.getAppUsers", "events.getNewCount"):
        (uid,) = [p for p in spec_method(name).params if p.name == "uid"]
        # the REST guide's common parameter, "only when session_key is absent", read in a copy
        assert uid.source == Source("copy", copy="users_getinfo_md") and not uid.required, name
    (uid,) = [p for p in spec_method("messages.getThreadsList").params if p.name == "uid"]
    assert uid.source == Source("code", ("py_mymailru",)) and uid.type_source.kind == "guess"
    paging = {p.name: p for p in spec_method("audio.get").params if p.name in ("offset", "limit")}
    # the Ruby README: api.audio.get(offset: 10, limit: 20), and calls without either
    assert all(p.source == Source("code", ("ruby_mailru_api",)) for p in paging.values())
    assert all(p.type == "int" and not p.required for p in paging.values())
    assert "no client we could read" not in " ".join(spec_method("audio.get").notes)


# -- issue 21: cite only what a source shows ------------------------------------------------

JS = Source("code", ("js_loader",))


def param(method: str, name: str) -> ParamSpec:
    return next(p for p in spec_method(method).params if p.name == name)


@pytest.mark.parametrize(
    ("method", "name", "source"),
    [
        ("users.isAppUser", "uid", JS),
        ("audio.get", "mid", JS),
        ("stream.get", "offset", Source("code", ("py_mymailru", "js_loader"))),
        ("stream.getByAuthor", "offset", Source("code", ("py_mymailru", "js_loader"))),
    ],
)
def test_the_parameters_clients_send_are_catalogued(method: str, name: str, source: Source) -> None:
    found = param(method, name)
    assert found.source == source and not found.required
    assert f"{name}: " in stub_doc(spec_method(method))


def test_types_come_from_the_client_that_shows_them() -> None:
    ext = param("friends.get", "ext")  # the JS loader: getExtended sends ext: 1
    assert (ext.type, ext.type_source, ext.required_source) == ("bool", JS, JS)
    assert param("photos.createAlbum", "privacy").type_source.kind == "guess"
    assert param("photos.createAlbum", "title").required is False
    assert param("stream.like", "thread_id").required_source.kind == "guess"
    assert param("audios.top", "offset").source.kind == "guess"  # py-mymailru calls audio.top
    assert param("photos.upload", "set_as_cover").source.kind == "guess"  # a JS dialog only
    assert "link_1_text" in " ".join(spec_method("guestbook.post").notes)


def test_return_shapes_and_paging_only_where_a_source_shows_the_list() -> None:
    misc = Source("code", ("misc",))
    for name in ("friends.get", "friends.getAppUsers", "messages.getThread"):
        assert spec_method(name).returns_source == misc, name
    online = spec_method("friends.getOnline")
    assert online.returns.name == "Any" and online.returns_source is None and not online.overloads
    for method in SPEC.methods:
        if method.paging is not None:
            assert method.returns_source is not None and method.returns_source.kind != "guess"


# -- docs/provenance.md ------------------------------------------------------------------------

PAGE = DEFAULT_SPEC.parent.parent / "docs" / "provenance.md"


def test_the_provenance_page_shows_a_real_stub() -> None:
    text = PAGE.read_text(encoding="utf-8")
    sample = text.split("```text\n", 1)[1].split("```", 1)[0]
    doc = stub_doc(spec_method("achievements.add"))
    position = 0
    for fragment in " ".join(sample.split()).split("…"):
        fragment = fragment.strip()
        found = doc.find(fragment, position)
        assert found >= 0, fragment
        position = found + len(fragment)


def test_the_provenance_page_names_the_real_labels_and_links() -> None:
    text = PAGE.read_text(encoding="utf-8")
    for label in (
        "doc",
        Source("code", ("py_mymailru",)).label,
        Source("guess").label,
        parse_source("pattern", allow_pattern=True).label,
    ):
        assert f"| `{label}`" in text, label
    for client in ("aiomailru", "py-mymailru", "mailru-api", "assorted PHP/JS/C# snippets"):
        assert client in text
    for target in re.findall(r"\]\((\.\./[^)]+)\)", text):
        assert (PAGE.parent / target).resolve().is_file(), target


def test_notes_name_clients_as_readers_know_them() -> None:
    from codegen.provenance import readable_clients

    text = readable_clients("code only (py_mymailru, js_loader); ruby_mailru_api too")
    assert text == (
        "code only (py-mymailru, the platform's JS loader); the Ruby client mailru-api too"
    )
    assert readable_clients("aiomailru_x stays") == "aiomailru_x stays"  # whole words only
