"""The catalogue loader: every validation error, located by its dotted path.

Each broken variant is derived from :data:`SPEC` (a small valid catalogue) by
editing the parsed YAML and dumping it again, or by editing the text.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen import DEFAULT_SPEC
from codegen.__main__ import main
from codegen.provenance import Source
from codegen.spec import (
    PARAM_TYPES,
    ErrorSpec,
    OverloadSpec,
    Spec,
    SpecError,
    load_spec,
    parse_spec,
)
from codegen.typeexpr import TypeRef

SPEC = """\
version: 1

objects:
  User:
    description: "A user profile."
    fields:
      uid:
        type: str
        description: "User id."
      friends:
        type: list[User]
        description: "Some of the user's friends."

errors:
  - code: 202
    name: AccessDeniedError
    message: "Access to this object is denied"
    description: "The current user may not see the object."
    retryable: false
    source: doc

methods:
  friends.get:
    description: "Lists the user's friends."
    source: doc
    reference: https://api.mail.ru/docs/reference/rest/friends-get/
    http: GET
    idempotent: true
    privilege: null
    circuits: [client, server]
    params_complete: false
    paging: offset
    params:
      ext:
        type: bool
        required: false
        default: false
        description: "Return User objects instead of uids."
      offset:
        type: int
        required: false
        description: "Number of friends to skip."
    returns: list[str]
    overloads:
      - when: {ext: true}
        returns: list[User]
    notes: []

  stream.post:
    description: "Posts to the user's stream."
    source: doc
    reference: https://api.mail.ru/docs/reference/rest/stream-post/
    http: POST
    idempotent: false
    privilege: stream
    circuits: [server]
    params_complete: true
    params:
      uid:
        type: uid
        required: true
        description: "Whose stream."
      kind:
        type: str
        required: false
        values: [text, link]
        description: "What is posted."
    returns: dict[str, Any]
    notes: ["doc."]
"""

Data = dict[str, Any]
Edit = Callable[[Data], None]

FRIENDS_GET = ("methods", "friends.get")
EXT = (*FRIENDS_GET, "params", "ext")


def _parent(data: Data, path: tuple[str | int, ...]) -> Any:
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    return target


def put(*path: str | int, value: object) -> Edit:
    """Set the entry at ``path`` (adding it if needed)."""

    def edit(data: Data) -> None:
        _parent(data, path)[path[-1]] = value

    return edit


def capped(**entries: object) -> Edit:
    """friends.get's ``ext`` made a list parameter, with ``entries`` (max_items...) added."""

    def edit(data: Data) -> None:
        ext = _parent(data, (*EXT, "type"))
        ext["type"] = "list[int]"
        ext.update(entries)

    return edit


def drop(*path: str | int) -> Edit:
    """Remove the entry at ``path``."""

    def edit(data: Data) -> None:
        del _parent(data, path)[path[-1]]

    return edit


def rename(*path: str, to: str) -> Edit:
    """Rename the key at ``path``, keeping its place among its siblings."""

    def edit(data: Data) -> None:
        parent = _parent(data, path)
        items = [(to if key == path[-1] else key, value) for key, value in parent.items()]
        parent.clear()
        parent.update(items)

    return edit


def both(*edits: Edit) -> Edit:
    """Apply ``edits`` in order."""

    def edit(data: Data) -> None:
        for one in edits:
            one(data)

    return edit


def add_param(name: str, **body: object) -> Edit:
    """Add a parameter ``name`` to friends.get (a valid optional str unless overridden)."""
    entry: dict[str, object] = {"type": "str", "required": False, "description": "Something."}
    entry.update(body)
    return put(*FRIENDS_GET, "params", name, value=entry)


def add_error(**changes: object) -> Edit:
    """Append a second error: a copy of the first with ``changes``."""

    def edit(data: Data) -> None:
        data["errors"].append({**data["errors"][0], **changes})

    return edit


def variant(edit: Edit) -> str:
    """SPEC with ``edit`` applied, as YAML text."""
    data = yaml.safe_load(SPEC)
    edit(data)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def spec_error(text: str) -> SpecError:
    with pytest.raises(SpecError) as info:
        parse_spec(text)
    return info.value


def line_of(text: str, needle: str) -> int:
    """The 1-based number of the only line of ``text`` that contains ``needle``."""
    numbers = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(numbers) == 1, numbers
    return numbers[0]


ALLOWED_PARAM_TYPES = ", ".join(PARAM_TYPES)
TOP_KEYS = "errors, methods, objects, version"
METHOD_KEYS = (
    "circuits, circuits_source, description, http, idempotent, method_source, notes, one_of, "
    "overloads, paging, params, params_complete, privilege, privilege_source, reference, "
    "reference_source, returns, returns_source, source, status"
)

# (id, edit, expected path, a fragment of the expected message)
CASES: list[tuple[str, Edit, str, str]] = [
    # -- the top level
    ("missing-top-key", drop("errors"), "(top level)", "missing errors"),
    (
        "missing-top-keys",
        lambda d: d.clear(),
        "(top level)",
        "missing errors, methods, objects, version",
    ),
    (
        "unknown-top-key",
        put("extra", value=1),
        "extra",
        f"unknown field; expected one of {TOP_KEYS}",
    ),
    ("version-2", put("version", value=2), "version", "unsupported version 2; expected 1"),
    ("version-text", put("version", value="1"), "version", "unsupported version '1'"),
    ("version-true", put("version", value=True), "version", "unsupported version True"),
    ("version-float", put("version", value=1.0), "version", "unsupported version 1.0"),
    # -- objects
    ("objects-list", put("objects", value=[]), "objects", "expected a mapping, got list"),
    (
        "object-lowercase",
        rename("objects", "User", to="user"),
        "objects.user",
        "object names must be CamelCase identifiers",
    ),
    (
        "object-underscore",
        rename("objects", "User", to="User_Profile"),
        "objects.User_Profile",
        "CamelCase",
    ),
    (
        "object-not-mapping",
        put("objects", "User", value="a user"),
        "objects.User",
        "expected a mapping, got str",
    ),
    (
        "object-missing-fields",
        drop("objects", "User", "fields"),
        "objects.User",
        "missing fields",
    ),
    (
        "object-unknown-key",
        put("objects", "User", "total", value=False),
        "objects.User.total",
        "unknown field; expected one of description, fields",
    ),
    (
        "object-empty-description",
        put("objects", "User", "description", value="  "),
        "objects.User.description",
        "expected non-empty text, got str",
    ),
    (
        "field-dash",
        rename("objects", "User", "fields", "uid", to="first-name"),
        "objects.User.fields.first-name",
        "names must be valid Python identifiers",
    ),
    (
        "field-keyword",
        rename("objects", "User", "fields", "uid", to="class"),
        "objects.User.fields.class",
        "'class' is a Python keyword",
    ),
    (
        "field-not-mapping",
        put("objects", "User", "fields", "uid", value="str"),
        "objects.User.fields.uid",
        "expected a mapping, got str",
    ),
    (
        "field-missing-type",
        drop("objects", "User", "fields", "uid", "type"),
        "objects.User.fields.uid",
        "missing type",
    ),
    (
        "field-unknown-key",
        put("objects", "User", "fields", "uid", "required", value=True),
        "objects.User.fields.uid.required",
        "unknown field; expected one of description, type",
    ),
    (
        "field-type-boolean",
        put("objects", "User", "fields", "uid", "type", value="boolean"),
        "objects.User.fields.uid.type",
        "unknown type 'boolean' in 'boolean'",
    ),
    (
        "field-type-not-text",
        put("objects", "User", "fields", "uid", "type", value=5),
        "objects.User.fields.uid.type",
        "expected a type expression, got int",
    ),
    (
        "field-unknown-object",
        put("objects", "User", "fields", "friends", "type", value="list[Group]"),
        "objects.User.fields.friends.type",
        "unknown object 'Group'; define it under objects",
    ),
    (
        "field-no-description",
        put("objects", "User", "fields", "uid", "description", value=None),
        "objects.User.fields.uid.description",
        "expected non-empty text, got nothing",
    ),
    # -- errors
    ("errors-mapping", put("errors", value={"a": 1}), "errors", "expected a list, got dict"),
    ("errors-null", put("errors", value=None), "errors", "expected a list, got nothing"),
    ("error-not-mapping", put("errors", 0, value=202), "errors[0]", "expected a mapping, got int"),
    ("error-missing-key", drop("errors", 0, "retryable"), "errors[0]", "missing retryable"),
    (
        "error-unknown-key",
        put("errors", 0, "http_status", value=403),
        "errors[0].http_status",
        "unknown field; expected one of code, description, message, name, retryable, source",
    ),
    (
        "error-code-text",
        put("errors", 0, "code", value="202"),
        "errors[0].code",
        "expected an integer, got str",
    ),
    (
        "error-code-bool",
        put("errors", 0, "code", value=True),
        "errors[0].code",
        "expected an integer, got bool",
    ),
    (
        "error-name-suffix",
        put("errors", 0, "name", value="AccessDenied"),
        "errors[0].name",
        "'AccessDenied' must be a CamelCase class name ending in Error",
    ),
    (
        "error-name-lowercase",
        put("errors", 0, "name", value="accessDeniedError"),
        "errors[0].name",
        "must be a CamelCase class name ending in Error",
    ),
    (
        "error-name-not-text",
        put("errors", 0, "name", value=7),
        "errors[0].name",
        "expected non-empty text, got int",
    ),
    (
        "error-duplicate-code",
        add_error(name="BlacklistedError"),
        "errors[1].code",
        "duplicate error code 202",
    ),
    (
        "error-duplicate-name",
        add_error(code=203),
        "errors[1].name",
        "duplicate error class name AccessDeniedError",
    ),
    (
        "error-retryable-text",
        put("errors", 0, "retryable", value="no"),
        "errors[0].retryable",
        "expected true or false, got 'no'",
    ),
    (
        "error-empty-message",
        put("errors", 0, "message", value=""),
        "errors[0].message",
        "expected non-empty text, got str",
    ),
    # -- methods: names and keys
    ("methods-list", put("methods", value=[]), "methods", "expected a mapping, got list"),
    (
        "method-name-no-dot",
        rename(*FRIENDS_GET, to="friends"),
        "methods.friends",
        "method names look like 'namespace.method' (e.g. friends.get)",
    ),
    (
        "method-name-two-dots",
        rename(*FRIENDS_GET, to="friends.get.all"),
        "methods.friends.get.all",
        "method names look like 'namespace.method'",
    ),
    (
        "method-name-capital-namespace",
        rename(*FRIENDS_GET, to="Friends.get"),
        "methods.Friends.get",
        "method names look like",
    ),
    (
        "method-not-mapping",
        put(*FRIENDS_GET, value="Lists friends"),
        "methods.friends.get",
        "expected a mapping, got str",
    ),
    (
        "method-missing-key",
        drop(*FRIENDS_GET, "reference"),
        "methods.friends.get",
        "missing reference",
    ),
    (
        "method-missing-keys",
        both(drop(*FRIENDS_GET, "http"), drop(*FRIENDS_GET, "notes")),
        "methods.friends.get",
        "missing http, notes",
    ),
    (
        "method-unknown-key",
        put(*FRIENDS_GET, "deprecated", value=True),
        "methods.friends.get.deprecated",
        f"unknown field; expected one of {METHOD_KEYS}",
    ),
    (
        "method-empty-description",
        put(*FRIENDS_GET, "description", value=""),
        "methods.friends.get.description",
        "expected non-empty text, got str",
    ),
    # -- methods: facts
    (
        "reference-http",
        put(*FRIENDS_GET, "reference", value="http://api.mail.ru/docs/"),
        "methods.friends.get.reference",
        "expected an https:// URL, got 'http://api.mail.ru/docs/'",
    ),
    (
        "reference-relative",
        put(*FRIENDS_GET, "reference", value="/docs/reference/rest/friends-get/"),
        "methods.friends.get.reference",
        "expected an https:// URL",
    ),
    (
        "reference-not-text",
        put(*FRIENDS_GET, "reference", value=None),
        "methods.friends.get.reference",
        "expected non-empty text, got nothing",
    ),
    (
        "http-put",
        put(*FRIENDS_GET, "http", value="PUT"),
        "methods.friends.get.http",
        "'PUT' is not one of GET, POST",
    ),
    (
        "http-lowercase",
        put(*FRIENDS_GET, "http", value="get"),
        "methods.friends.get.http",
        "'get' is not one of GET, POST",
    ),
    (
        "idempotent-text",
        put(*FRIENDS_GET, "idempotent", value="yes"),
        "methods.friends.get.idempotent",
        "expected true or false, got 'yes'",
    ),
    (
        "params-complete-int",
        put(*FRIENDS_GET, "params_complete", value=1),
        "methods.friends.get.params_complete",
        "expected true or false, got 1",
    ),
    (
        "circuits-empty",
        put(*FRIENDS_GET, "circuits", value=[]),
        "methods.friends.get.circuits",
        "expected a non-empty list of client/server",
    ),
    (
        "circuits-text",
        put(*FRIENDS_GET, "circuits", value="client"),
        "methods.friends.get.circuits",
        "expected a non-empty list of client/server",
    ),
    (
        "circuits-unknown",
        put(*FRIENDS_GET, "circuits", value=["client", "web"]),
        "methods.friends.get.circuits",
        "'web' is not one of client, server",
    ),
    (
        "circuits-duplicate",
        put(*FRIENDS_GET, "circuits", value=["server", "server"]),
        "methods.friends.get.circuits",
        "a circuit is listed twice",
    ),
    (
        "privilege-int",
        put(*FRIENDS_GET, "privilege", value=5),
        "methods.friends.get.privilege",
        "expected non-empty text, got int",
    ),
    (
        "privilege-list",
        put(*FRIENDS_GET, "privilege", value=["stream"]),
        "methods.friends.get.privilege",
        "expected non-empty text, got list",
    ),
    (
        "privilege-empty",
        put(*FRIENDS_GET, "privilege", value=""),
        "methods.friends.get.privilege",
        "expected non-empty text, got str",
    ),
    (
        "notes-text",
        put(*FRIENDS_GET, "notes", value="doc."),
        "methods.friends.get.notes",
        "expected a list of strings",
    ),
    (
        "notes-numbers",
        put(*FRIENDS_GET, "notes", value=["doc.", 2]),
        "methods.friends.get.notes",
        "expected a list of strings",
    ),
    (
        "notes-null",
        put(*FRIENDS_GET, "notes", value=None),
        "methods.friends.get.notes",
        "expected a list of strings",
    ),
    (
        "status-enabled",
        put(*FRIENDS_GET, "status", value="enabled"),
        "methods.friends.get.status",
        "'enabled' is not one of disabled",
    ),
    (
        "status-null",
        put(*FRIENDS_GET, "status", value=None),
        "methods.friends.get.status",
        "None is not one of disabled",
    ),
    (
        "paging-page",
        put(*FRIENDS_GET, "paging", value="page"),
        "methods.friends.get.paging",
        "'page' is not one of offset, skip",
    ),
    (
        "paging-true",
        put(*FRIENDS_GET, "paging", value=True),
        "methods.friends.get.paging",
        "True is not one of offset, skip",
    ),
    (
        "paging-offset-without-offset",
        drop(*FRIENDS_GET, "params", "offset"),
        "methods.friends.get.paging",
        "paging offset needs a parameter 'offset' of type int",
    ),
    (
        "paging-offset-of-type-str",
        put(*FRIENDS_GET, "params", "offset", "type", value="str"),
        "methods.friends.get.paging",
        "paging offset needs a parameter 'offset' of type int",
    ),
    (
        "paging-skip-without-skip",
        put(*FRIENDS_GET, "paging", value="skip"),
        "methods.friends.get.paging",
        "paging skip needs a parameter 'skip' of type str",
    ),
    (
        "paging-limit-not-int",
        add_param("limit", type="str"),
        "methods.friends.get.params.limit.type",
        "the page size of a paged method is an int",
    ),
    (
        "paging-returns-not-a-list",
        both(drop(*FRIENDS_GET, "overloads"), put(*FRIENDS_GET, "returns", value="dict[str, Any]")),
        "methods.friends.get.returns",
        "a paged method returns list[T] shown by a source, not dict[str, Any]",
    ),
    (
        "paging-returns-any",
        both(drop(*FRIENDS_GET, "overloads"), put(*FRIENDS_GET, "returns", value="Any")),
        "methods.friends.get.returns",
        "a paged method returns list[T] shown by a source, not Any; remove paging",
    ),
    (
        "paging-returns-a-guessed-list",
        put(*FRIENDS_GET, "returns_source", value="guess"),
        "methods.friends.get.paging",
        "page only where a source shows a list: the return shape is a guess here",
    ),
    (
        "paging-overload-returns-not-a-list",
        put(*FRIENDS_GET, "overloads", 0, "returns", value="User"),
        "methods.friends.get.overloads[0].returns",
        "a paged method returns list[T] shown by a source, not User",
    ),
    # -- provenance
    ("method-no-source", drop(*FRIENDS_GET, "source"), "methods.friends.get", "missing source"),
    (
        "method-source-unknown-kind",
        put(*FRIENDS_GET, "source", value="docs"),
        "methods.friends.get.source",
        "unknown source 'docs'; expected doc, copy:<copy>, code:<client>[,<client>...], guess",
    ),
    (
        "method-source-code-without-client",
        put(*FRIENDS_GET, "source", value="code"),
        "methods.friends.get.source",
        "'code' names no client; write code:<client>, e.g. code:py_mymailru",
    ),
    (
        "method-source-unknown-client",
        put(*FRIENDS_GET, "source", value="code:py_mymailru,vk_api"),
        "methods.friends.get.source",
        "unknown client 'vk_api'; expected one of aiomailru, py_mymailru",
    ),
    (
        "method-source-client-twice",
        put(*FRIENDS_GET, "method_source", value="code:misc,misc"),
        "methods.friends.get.method_source",
        "'code:misc,misc' names a client twice",
    ),
    (
        "method-source-not-text",
        put(*FRIENDS_GET, "circuits_source", value=["doc"]),
        "methods.friends.get.circuits_source",
        "expected a source (doc, copy:<copy>, code:<client>[,<client>...], guess), got ['doc']",
    ),
    (
        "pattern-only-for-references",
        put(*FRIENDS_GET, "circuits_source", value="pattern"),
        "methods.friends.get.circuits_source",
        "unknown source 'pattern'",
    ),
    (
        "reference-source-code",
        put(*FRIENDS_GET, "reference_source", value="code:aiomailru"),
        "methods.friends.get.reference_source",
        "a reference URL is either seen in the docs (doc, or copy:<copy> for a copy of them) "
        "or built from the naming pattern",
    ),
    (
        "privilege-source-without-privilege",
        put(*FRIENDS_GET, "privilege_source", value="guess"),
        "methods.friends.get.privilege_source",
        "no privilege is catalogued (null), so there is nothing to source",
    ),
    (
        "returns-source-for-any",
        both(
            put("methods", "stream.post", "returns", value="Any"),
            put("methods", "stream.post", "returns_source", value="doc"),
        ),
        "methods.stream.post.returns_source",
        "the return shape is unknown (Any), so there is nothing to source",
    ),
    (
        "param-source-unknown",
        put(*EXT, "type_source", value="maybe"),
        "methods.friends.get.params.ext.type_source",
        "unknown source 'maybe'",
    ),
    (
        "param-required-source-client",
        put(*EXT, "required_source", value="code:ruby"),
        "methods.friends.get.params.ext.required_source",
        "unknown client 'ruby'",
    ),
    ("error-no-source", drop("errors", 0, "source"), "errors[0]", "missing source"),
    (
        "error-source-pattern",
        put("errors", 0, "source", value="pattern"),
        "errors[0].source",
        "unknown source 'pattern'",
    ),
    # -- methods: return types
    (
        "returns-unknown-object",
        put(*FRIENDS_GET, "returns", value="list[Group]"),
        "methods.friends.get.returns",
        "unknown object 'Group'; define it under objects",
    ),
    (
        "returns-unknown-object-in-dict",
        put(*FRIENDS_GET, "returns", value="dict[str, list[Profile]]"),
        "methods.friends.get.returns",
        "unknown object 'Profile'",
    ),
    (
        "returns-unclosed",
        put(*FRIENDS_GET, "returns", value="list["),
        "methods.friends.get.returns",
        "type 'list[' ends too early",
    ),
    (
        "returns-dict-int-key",
        put(*FRIENDS_GET, "returns", value="dict[int, str]"),
        "methods.friends.get.returns",
        "dict keys must be str in 'dict[int, str]'",
    ),
    (
        "returns-extra-bracket",
        put(*FRIENDS_GET, "returns", value="list[str]]"),
        "methods.friends.get.returns",
        "unexpected ']' after the type in 'list[str]]'",
    ),
    (
        "returns-bare-list",
        put(*FRIENDS_GET, "returns", value="list"),
        "methods.friends.get.returns",
        "expected '[' in type 'list'",
    ),
    (
        "returns-dict-one-arg",
        put(*FRIENDS_GET, "returns", value="dict[str]"),
        "methods.friends.get.returns",
        "expected ',' in type 'dict[str]'",
    ),
    (
        "returns-leading-bracket",
        put(*FRIENDS_GET, "returns", value="[str]"),
        "methods.friends.get.returns",
        "unexpected '[' in type '[str]'",
    ),
    (
        "returns-punctuation",
        put(*FRIENDS_GET, "returns", value="list[str?]"),
        "methods.friends.get.returns",
        "cannot read '?]' in type 'list[str?]'",
    ),
    (
        "returns-empty",
        put(*FRIENDS_GET, "returns", value="  "),
        "methods.friends.get.returns",
        "empty type",
    ),
    (
        "returns-lowercase-name",
        put(*FRIENDS_GET, "returns", value="list[boolean]"),
        "methods.friends.get.returns",
        "unknown type 'boolean' in 'list[boolean]'",
    ),
    (
        "returns-null",
        put(*FRIENDS_GET, "returns", value=None),
        "methods.friends.get.returns",
        "expected a type expression, got nothing",
    ),
    # -- methods: parameters
    (
        "params-list",
        put(*FRIENDS_GET, "params", value=["ext"]),
        "methods.friends.get.params",
        "expected a mapping, got list",
    ),
    (
        "param-not-mapping",
        put(*EXT, value="bool"),
        "methods.friends.get.params.ext",
        "expected a mapping, got str",
    ),
    (
        "param-missing-key",
        drop(*EXT, "required"),
        "methods.friends.get.params.ext",
        "missing required",
    ),
    (
        "param-unknown-key",
        put(*EXT, "optional", value=True),
        "methods.friends.get.params.ext.optional",
        "unknown field; expected one of default, description, max_items, max_items_source, "
        "required, required_source, source, type, type_source, values",
    ),
    (
        "param-max-items-not-a-list",
        put(*EXT, "max_items", value=10),
        "methods.friends.get.params.ext.max_items",
        "only a list parameter has one, not a bool",
    ),
    (
        "param-max-items-zero",
        capped(max_items=0, max_items_source="guess"),
        "methods.friends.get.params.ext.max_items",
        "expected a whole number above 0, got 0",
    ),
    (
        "param-max-items-unsourced",
        capped(max_items=100),
        "methods.friends.get.params.ext.max_items_source",
        "a maximum needs its provenance",
    ),
    (
        "param-max-items-source-alone",
        capped(max_items_source="guess"),
        "methods.friends.get.params.ext.max_items_source",
        "given without max_items",
    ),
    (
        "param-type-boolean",
        put(*EXT, "type", value="boolean"),
        "methods.friends.get.params.ext.type",
        f"unknown type 'boolean'; expected one of {ALLOWED_PARAM_TYPES}",
    ),
    (
        "param-type-return-only",
        put(*EXT, "type", value="Any"),
        "methods.friends.get.params.ext.type",
        "unknown type 'Any'; expected one of str, int, bool, uid,",
    ),
    (
        "param-type-list",
        put(*EXT, "type", value=["bool"]),
        "methods.friends.get.params.ext.type",
        "unknown type ['bool']; expected one of",
    ),
    (
        "param-required-text",
        put(*EXT, "required", value="no"),
        "methods.friends.get.params.ext.required",
        "expected true or false, got 'no'",
    ),
    (
        "param-no-description",
        put(*EXT, "description", value=""),
        "methods.friends.get.params.ext.description",
        "expected non-empty text",
    ),
    (
        "param-name-dash",
        add_param("user-id"),
        "methods.friends.get.params.user-id",
        "names must be valid Python identifiers",
    ),
    (
        "param-keyword",
        add_param("from"),
        "methods.friends.get.params.from",
        "'from' is a Python keyword; it cannot be a keyword argument",
    ),
    *[
        (
            f"common-param-{name}",
            add_param(name),
            f"methods.friends.get.params.{name}",
            f"{name!r} is a common parameter the SDK adds itself; remove it",
        )
        for name in ("app_id", "sig", "session_key", "method", "secure", "format")
    ],
    *[
        (
            f"call-option-{name}",
            add_param(name, type="int"),
            f"methods.friends.get.params.{name}",
            f"{name!r} collides with the call option of the same name",
        )
        for name in ("extra_params", "timeout", "max_retries", "deadline")
    ],
    # -- methods: values
    (
        "values-empty",
        put("methods", "stream.post", "params", "kind", "values", value=[]),
        "methods.stream.post.params.kind.values",
        "expected a non-empty list of allowed values",
    ),
    (
        "values-text",
        put("methods", "stream.post", "params", "kind", "values", value="text"),
        "methods.stream.post.params.kind.values",
        "expected a non-empty list of allowed values",
    ),
    (
        "values-int-for-str",
        put("methods", "stream.post", "params", "kind", "values", value=["text", 1]),
        "methods.stream.post.params.kind.values",
        "1 is not a str",
    ),
    (
        "values-str-for-int",
        add_param("limit", type="int", values=[10, "20"]),
        "methods.friends.get.params.limit.values",
        "'20' is not a int",
    ),
    (
        "values-bool-for-int",
        add_param("limit", type="int", values=[True]),
        "methods.friends.get.params.limit.values",
        "True is not a int",
    ),
    (
        "values-int-for-bool",
        put(*EXT, "values", value=[1]),
        "methods.friends.get.params.ext.values",
        "1 is not a bool",
    ),
    (
        "values-for-list",
        add_param("uids", type="list[uid]", values=["1"]),
        "methods.friends.get.params.uids.values",
        "'1' is not a list[uid]",
    ),
    (
        "values-float-for-uid",
        put("methods", "stream.post", "params", "uid", "values", value=[1.5]),
        "methods.stream.post.params.uid.values",
        "1.5 is not a uid",
    ),
    # -- methods: defaults (documentation only, but written into the generated catalogue)
    (
        "default-list",
        put(*EXT, "default", value=[False]),
        "methods.friends.get.params.ext.default",
        "expected a number, text, true or false, got [False]",
    ),
    (
        "default-date",
        put(*EXT, "default", value=datetime.date(2024, 1, 1)),
        "methods.friends.get.params.ext.default",
        "got datetime.date(2024, 1, 1)",
    ),
    (
        "default-nan",
        put(*EXT, "default", value=float("nan")),
        "methods.friends.get.params.ext.default",
        "got nan",
    ),
    # -- methods: overloads
    (
        "overloads-empty",
        put(*FRIENDS_GET, "overloads", value=[]),
        "methods.friends.get.overloads",
        "expected a non-empty list of {when, returns}",
    ),
    (
        "overloads-mapping",
        put(*FRIENDS_GET, "overloads", value={"when": {"ext": True}, "returns": "list[User]"}),
        "methods.friends.get.overloads",
        "expected a non-empty list of {when, returns}",
    ),
    (
        "overload-not-mapping",
        put(*FRIENDS_GET, "overloads", 0, value="list[User]"),
        "methods.friends.get.overloads[0]",
        "expected a mapping, got str",
    ),
    (
        "overload-missing-returns",
        drop(*FRIENDS_GET, "overloads", 0, "returns"),
        "methods.friends.get.overloads[0]",
        "missing returns",
    ),
    (
        "overload-unknown-key",
        put(*FRIENDS_GET, "overloads", 0, "description", value="ext"),
        "methods.friends.get.overloads[0].description",
        "unknown field; expected one of returns, when",
    ),
    (
        "overload-when-empty",
        put(*FRIENDS_GET, "overloads", 0, "when", value={}),
        "methods.friends.get.overloads[0].when",
        "name at least one parameter",
    ),
    (
        "overload-when-null",
        put(*FRIENDS_GET, "overloads", 0, "when", value=None),
        "methods.friends.get.overloads[0].when",
        "name at least one parameter",
    ),
    (
        "overload-when-list",
        put(*FRIENDS_GET, "overloads", 0, "when", value=["ext"]),
        "methods.friends.get.overloads[0].when",
        "expected a mapping, got list",
    ),
    (
        "overload-unknown-param",
        put(*FRIENDS_GET, "overloads", 0, "when", value={"extended": True}),
        "methods.friends.get.overloads[0].when.extended",
        "not a parameter of this method",
    ),
    (
        "overload-wrong-literal-type",
        put(*FRIENDS_GET, "overloads", 0, "when", value={"ext": 1}),
        "methods.friends.get.overloads[0].when.ext",
        "bool parameter set to true or false, got 1",
    ),
    (
        "overload-text-for-int",
        put(*FRIENDS_GET, "overloads", 0, "when", value={"offset": "0"}),
        "methods.friends.get.overloads[0].when.offset",
        "bool parameter set to true or false, got '0'",
    ),
    (
        "overload-int-flag",
        put(*FRIENDS_GET, "overloads", 0, "when", value={"offset": 0}),
        "methods.friends.get.overloads[0].when.offset",
        "bool parameter set to true or false, got 0",
    ),
    (
        "overload-flag-twice",
        put(
            *FRIENDS_GET,
            "overloads",
            value=[
                {"when": {"ext": True}, "returns": "list[User]"},
                {"when": {"ext": False}, "returns": "list[str]"},
            ],
        ),
        "methods.friends.get.overloads[1].when.ext",
        "give one overload per flag",
    ),
    (
        "method-shadows-overload",
        rename("methods", "friends.get", to="friends.overload"),
        "methods.friends.overload",
        "would shadow a name the generated code uses",
    ),
    (
        "object-named-any",
        both(
            rename("objects", "User", to="Any"),
            put(*FRIENDS_GET, "overloads", 0, "returns", value="list[Any]"),
        ),
        "objects.Any",
        "is a name the generated code uses",
    ),
    (
        "overload-on-uid",
        put(
            "methods", "stream.post", "overloads", value=[{"when": {"uid": "1"}, "returns": "Any"}]
        ),
        "methods.stream.post.overloads[0].when.uid",
        "bool parameter set to true or false, got '1'",
    ),
    (
        "overload-unknown-object",
        put(*FRIENDS_GET, "overloads", 0, "returns", value="list[Group]"),
        "methods.friends.get.overloads[0].returns",
        "unknown object 'Group'",
    ),
    (
        "overload-bad-type",
        put(*FRIENDS_GET, "overloads", 0, "returns", value="list[User"),
        "methods.friends.get.overloads[0].returns",
        "expected ']' in type 'list[User'",
    ),
]


def test_the_small_spec_is_valid_and_parsed_in_full() -> None:
    spec = parse_spec(SPEC)
    (user,) = spec.objects
    assert user.name == "User"
    assert user.description == "A user profile."
    assert [(f.name, f.type) for f in user.fields] == [
        ("uid", TypeRef("str")),
        ("friends", TypeRef("list", (TypeRef("User"),))),
    ]
    assert spec.errors == (
        ErrorSpec(
            code=202,
            name="AccessDeniedError",
            message="Access to this object is denied",
            description="The current user may not see the object.",
            retryable=False,
            source=Source("doc"),
        ),
    )
    get, post = spec.methods
    assert (get.name, get.namespace, get.short_name) == ("friends.get", "friends", "get")
    assert (post.namespace, post.short_name) == ("stream", "post")
    assert get.http == "GET" and get.idempotent is True
    assert get.privilege is None and get.circuits == ("client", "server")
    assert get.params_complete is False and get.paging == "offset" and get.status is None
    assert [(p.name, p.type, p.required, p.default) for p in get.params] == [
        ("ext", "bool", False, False),
        ("offset", "int", False, None),
    ]
    assert get.returns == TypeRef("list", (TypeRef("str"),))
    assert get.overloads == (OverloadSpec((("ext", True),), TypeRef("list", (TypeRef("User"),))),)
    assert get.notes == ()
    assert post.http == "POST" and post.idempotent is False
    assert post.privilege == "stream" and post.circuits == ("server",)
    assert post.paging is None and post.overloads == ()
    assert [(p.name, p.type, p.required, p.values) for p in post.params] == [
        ("uid", "uid", True, None),
        ("kind", "str", False, ("text", "link")),
    ]
    assert post.returns == TypeRef("dict", (TypeRef("str"), TypeRef("Any")))
    assert post.notes == ("doc.",)


def test_dumped_and_reloaded_spec_is_still_valid() -> None:
    """The editing helpers alone do not break the spec: failures below are the edits'."""
    assert parse_spec(variant(lambda data: None)) == parse_spec(SPEC)


@pytest.mark.parametrize(
    ("edit", "path", "fragment"),
    [pytest.param(edit, path, fragment, id=name) for name, edit, path, fragment in CASES],
)
def test_validation_error(edit: Edit, path: str, fragment: str) -> None:
    error = spec_error(variant(edit))
    assert error.path == path
    assert fragment in error.message
    assert str(error) == f"{path}: {error.message}"


@pytest.mark.parametrize(
    ("edit", "check"),
    [
        pytest.param(
            put(*FRIENDS_GET, "status", value="disabled"),
            lambda spec: spec.methods[0].status == "disabled",
            id="status-disabled",
        ),
        pytest.param(
            both(
                put(*FRIENDS_GET, "paging", value="skip"),
                rename(*FRIENDS_GET, "params", "offset", to="skip"),
                put(*FRIENDS_GET, "params", "skip", "type", value="str"),
            ),
            lambda spec: spec.methods[0].paging == "skip",
            id="paging-skip",
        ),
        pytest.param(
            both(
                add_param("limit", type="int", default=10),
                put(*FRIENDS_GET, "returns", value="list[Any]"),
                drop(*FRIENDS_GET, "overloads"),
            ),
            lambda spec: spec.methods[0].paging == "offset",
            id="paging-with-limit-returning-a-list-of-any",
        ),
        pytest.param(
            both(
                put("methods", "stream.post", "params", "kind", "default", value="text"),
                put(*FRIENDS_GET, "params", "offset", "default", value=0.5),
            ),
            lambda spec: (
                (spec.methods[1].params[1].default, spec.methods[0].params[1].default)
                == ("text", 0.5)
            ),
            id="defaults-text-and-float",
        ),
        pytest.param(
            put("methods", "stream.post", "params", "uid", "values", value=[1, "2"]),
            lambda spec: spec.methods[1].params[0].values == (1, "2"),
            id="uid-values-str-and-int",
        ),
        pytest.param(
            both(
                drop(*FRIENDS_GET, "overloads"),
                drop(*FRIENDS_GET, "paging"),
                put(*FRIENDS_GET, "params", value={}),
            ),
            lambda spec: spec.methods[0].params == (),
            id="params-empty-mapping",
        ),
        pytest.param(
            both(
                drop(*FRIENDS_GET, "overloads"),
                drop(*FRIENDS_GET, "paging"),
                put(*FRIENDS_GET, "params", value=None),
            ),
            lambda spec: spec.methods[0].params == (),
            id="params-null",
        ),
        pytest.param(
            drop(*FRIENDS_GET, "overloads"),
            lambda spec: spec.methods[0].overloads == (),
            id="overloads-absent",
        ),
        pytest.param(
            lambda data: data.update(objects={}, errors=[], methods={}),
            lambda spec: spec.objects == spec.errors == spec.methods == (),
            id="empty-catalogue",
        ),
    ],
)
def test_accepted_variant(edit: Edit, check: Callable[[Spec], bool]) -> None:
    assert check(parse_spec(variant(edit)))


# -- the YAML layer --------------------------------------------------------------------


def test_invalid_yaml_reports_its_line() -> None:
    text = SPEC.replace("    http: POST", "    http: [POST")
    error = spec_error(text)
    # the parser notices the unclosed [ at the next key, on the line after the broken one
    assert error.path == f"line {line_of(text, 'http: [POST') + 1}"
    assert line_of(text, "idempotent: false") == line_of(text, "http: [POST") + 1
    assert error.message == "not valid YAML: expected ',' or ']', but got ':'"


def test_invalid_yaml_tab_indentation() -> None:
    error = spec_error("version: 1\nobjects:\n\tUser: {}\n")
    assert error.path == "line 3"
    assert "not valid YAML: found character '\\t' that cannot start any token" in error.message


def test_duplicate_method_key_is_refused_with_its_line() -> None:
    duplicate = '  friends.get:\n    description: "Again."\n'
    text = SPEC + "\n" + duplicate
    error = spec_error(text)
    assert error.path == f"line {len(SPEC.splitlines()) + 2}"
    assert error.message == "duplicate key 'friends.get'"


def test_duplicate_param_key_is_refused_with_its_line() -> None:
    text = SPEC.replace("      offset:\n", "      ext:\n        type: int\n      offset:\n", 1)
    first, second = (i for i, line in enumerate(text.splitlines(), 1) if line == "      ext:")
    error = spec_error(text)
    assert error.path == f"line {second}"
    assert first < second
    assert error.message == "duplicate key 'ext'"


def test_unhashable_yaml_key_is_an_error_not_a_crash() -> None:
    error = spec_error(SPEC.replace("  friends.get:\n", "  ? [friends, get]\n  :\n", 1))
    assert error.path.startswith("line ")
    assert "found unhashable key" in error.message


def test_mixed_unknown_keys_are_an_error_not_a_crash() -> None:
    def edit(data: Data) -> None:
        data["methods"]["friends.get"][1] = "one"
        data["methods"]["friends.get"]["zero"] = 0

    error = spec_error(variant(edit))
    assert error.path == "methods.friends.get.1"
    assert "unknown field" in error.message


@pytest.mark.parametrize(
    ("text", "kind"),
    [("- version: 1\n", "list"), ("just text\n", "str"), ("42\n", "int")],
)
def test_top_level_must_be_a_mapping(text: str, kind: str) -> None:
    error = spec_error(text)
    assert error.path == "(top level)"
    assert error.message == f"expected a mapping, got {kind}"


def test_empty_document_lists_every_missing_key() -> None:
    error = spec_error("")
    assert (error.path, error.message) == (
        "(top level)",
        "missing errors, methods, objects, version",
    )


# -- files -----------------------------------------------------------------------------


def test_load_spec_reads_the_real_catalogue() -> None:
    spec = load_spec(DEFAULT_SPEC)
    names = {m.name for m in spec.methods}
    assert {"friends.get", "stream.getByAuthor", "users.getInfo", "titles.del"} <= names
    assert "AccessDeniedError" in {e.name for e in spec.errors}


def test_load_spec_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    with pytest.raises(SpecError) as info:
        load_spec(missing)
    assert info.value.path == str(missing)
    assert info.value.message == "cannot read the file (No such file or directory)"


def test_load_spec_directory(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as info:
        load_spec(tmp_path)
    assert info.value.path == str(tmp_path)
    assert info.value.message.startswith("cannot read the file (")


def test_load_spec_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(SPEC.replace("A user profile.", "Un profil \xe9.").encode("latin-1"))
    with pytest.raises(SpecError) as info:
        load_spec(path)
    assert info.value.path == str(path)
    assert info.value.message.startswith("not UTF-8 text (")


def test_load_spec_round_trips_a_file(tmp_path: Path) -> None:
    path = tmp_path / "methods.yaml"
    path.write_text(SPEC, encoding="utf-8")
    assert load_spec(path) == parse_spec(SPEC)


# -- the command line ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        pytest.param(
            put(*EXT, "type", value="boolean"),
            "methods.friends.get.params.ext.type: unknown type 'boolean'; "
            f"expected one of {ALLOWED_PARAM_TYPES}",
            id="unknown-param-type",
        ),
        pytest.param(
            put(*EXT, "type", value={"list": "str"}),
            "methods.friends.get.params.ext.type: unknown type {'list': 'str'}; "
            f"expected one of {ALLOWED_PARAM_TYPES}",
            id="mapping-param-type",
        ),
        pytest.param(
            add_param("format"),
            "methods.friends.get.params.format: 'format' is a common parameter "
            "the SDK adds itself; remove it",
            id="common-param",
        ),
    ],
)
def test_cli_reports_one_line_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: Edit, expected: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(variant(edit), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["--spec", str(bad), "--out", str(out), "--docs-out", str(out / "reference")]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"{bad}: {expected}\n"
    assert not out.exists()  # nothing written


def test_cli_reports_a_missing_spec(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.yaml"
    assert (
        main(
            [
                "--spec",
                str(missing),
                "--check",
                "--out",
                str(tmp_path),
                "--docs-out",
                str(tmp_path / "reference"),
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.count(str(missing)) == 1
    assert "cannot read the file (No such file or directory)" in err
    assert "Traceback" not in err


def test_cli_reports_invalid_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nobjects:\n\tUser: {}\n", encoding="utf-8")
    assert (
        main(
            [
                "--spec",
                str(bad),
                "--out",
                str(tmp_path / "out"),
                "--docs-out",
                str(tmp_path / "ref"),
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}: line 3: not valid YAML: ")
    assert err.count("\n") == 1
