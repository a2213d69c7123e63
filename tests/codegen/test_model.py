"""build_model: the names, annotations, overloads, MethodInfo, docstrings and catalogue data."""

from __future__ import annotations

from typing import Any

import pytest

from codegen.model import Argument, Method, Model, NamespaceModule, build_model, python_name
from codegen.render import render
from codegen.spec import SpecError, parse_spec
from mailru_sdk._catalogue import MethodEntry, ParamEntry
from mailru_sdk.api.base import MethodInfo

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
        description: "Some friends."

errors:
  - code: 1
    name: UnknownPlatformError
    message: "Unknown error"
    description: "Resend the request."
    retryable: true
    source: doc
  - code: 202
    name: AccessDeniedError
    message: "Access denied"
    description: "Not allowed."
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
    params:
      ext:
        type: bool
        required: false
        default: false
        description: "Return User objects."
      offset:
        type: int
        required: false
        description: "Friends to skip."
    returns: list[str]
    overloads:
      - when: {ext: true}
        returns: list[User]
    notes: []

  friends.getInvitationsCount:
    description: "Counts pending invitations."
    source: doc
    reference: https://api.mail.ru/docs/reference/rest/friends-getinvitationscount/
    http: GET
    idempotent: true
    privilege: null
    circuits: [client, server]
    params_complete: true
    params:
      uid:
        type: uid
        required: true
        description: "Whose invitations."
    returns: Any
    notes: ["doc."]

  photos.upload:
    description: "Uploads a photo."
    source: doc
    reference: https://api.mail.ru/docs/reference/rest/photos-upload/
    http: POST
    idempotent: false
    privilege: photos
    circuits: [server]
    params_complete: true
    params:
      img_file:
        type: file
        required: true
        description: "The image."
      aid:
        type: str
        required: false
        description: "Album id."
      tags:
        type: list[str]
        required: false
        description: "Tags."
    returns: dict[str, Any]
    notes: ["Sent as multipart."]

  titles.del:
    description: "Deletes a title."
    source: doc
    reference: https://api.mail.ru/docs/reference/rest/titles-del/
    http: GET
    idempotent: false
    privilege: null
    circuits: [client, server]
    params_complete: false
    status: disabled
    params:
      id:
        type: int
        required: true
        description: "Title to delete."
    returns: bool
    notes: []

  titles.list:
    description: "Lists titles."
    source: doc
    reference: https://api.mail.ru/docs/reference/rest/titles-list/
    http: GET
    idempotent: true
    privilege: null
    circuits: [client, server]
    params_complete: true
    params:
      order:
        type: str
        required: false
        values: [asc, desc]
        description: "Sort order."
      limit:
        type: int
        required: false
        values: [10, 20]
        default: 10
        description: "Page size."
    returns: list[str]
    notes: []
"""


@pytest.fixture(scope="module")
def model() -> Model:
    return build_model(parse_spec(SPEC))


def namespace(model: Model, name: str) -> NamespaceModule:
    (found,) = (ns for ns in model.namespaces if ns.name == name)
    return found


def method(model: Model, wire_name: str) -> Method:
    ns = namespace(model, wire_name.split(".")[0])
    (found,) = (m for m in ns.methods if m.wire_name == wire_name)
    return found


def arg(m: Method, py_name: str) -> Argument:
    (found,) = (a for a in m.arguments if a.py_name == py_name)
    return found


def flat(text: str) -> str:
    """A docstring with its wrapping undone."""
    return " ".join(text.split())


def test_namespaces_sorted_with_class_and_module_names(model: Model) -> None:
    assert [(ns.name, ns.module, ns.class_name) for ns in model.namespaces] == [
        ("friends", "friends", "FriendsNamespace"),
        ("photos", "photos", "PhotosNamespace"),
        ("titles", "titles", "TitlesNamespace"),
    ]
    assert namespace(model, "friends").docstring == "The ``friends.*`` methods of the platform."
    assert model.method_count == 5


def test_methods_keep_spec_order_and_wire_names(model: Model) -> None:
    friends = namespace(model, "friends")
    assert [(m.wire_name, m.py_name, m.const_name) for m in friends.methods] == [
        ("friends.get", "get", "_FRIENDS_GET"),
        ("friends.getInvitationsCount", "getInvitationsCount", "_FRIENDS_GETINVITATIONSCOUNT"),
    ]


def test_keyword_method_name_gets_a_trailing_underscore(model: Model) -> None:
    m = method(model, "titles.del")
    assert (m.py_name, m.wire_name, m.const_name) == ("del_", "titles.del", "_TITLES_DEL")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("del", "del_"), ("import", "import_"), ("get", "get"), ("list", "list"), ("del_", "del_")],
)
def test_python_name(name: str, expected: str) -> None:
    assert python_name(name) == expected


def test_builtins_prefix_when_a_method_is_named_list(model: Model) -> None:
    titles = namespace(model, "titles")
    assert titles.b == "builtins."
    assert "import builtins" in titles.imports
    assert method(model, "titles.list").returns == "builtins.list[builtins.str]"
    assert method(model, "titles.del").returns == "builtins.bool"
    assert arg(method(model, "titles.del"), "id").annotation == "builtins.int"
    # no shadowing method, no prefix
    friends = namespace(model, "friends")
    assert friends.b == ""
    assert "import builtins" not in friends.imports
    assert arg(method(model, "friends.get"), "offset").annotation == "int | None"


def test_required_arguments_have_no_default_optional_ones_default_to_none(model: Model) -> None:
    upload = method(model, "photos.upload")
    assert upload.arguments == (
        Argument("img_file", "img_file", "FileInput", None),
        Argument("aid", "aid", "str | None", "None"),
        Argument("tags", "tags", "Sequence[str] | None", "None"),
    )
    count = method(model, "friends.getInvitationsCount")
    assert count.arguments == (Argument("uid", "uid", "str | int", None),)
    assert count.returns == "Any"


def test_values_become_literal_annotations(model: Model) -> None:
    titles_list = method(model, "titles.list")
    assert titles_list.arguments == (
        Argument("order", "order", "Literal['asc', 'desc'] | None", "None"),
        Argument("limit", "limit", "Literal[10, 20] | None", "None"),
    )
    assert "from typing import Literal, Unpack" in namespace(model, "titles").imports


def test_bool_flag_overloads(model: Model) -> None:
    get = method(model, "friends.get")
    true, base, catch_all = get.overloads
    # ext=True (required in this overload) gives objects
    assert true.arguments == (
        Argument("ext", "ext", "Literal[True]", None),
        Argument("offset", "offset", "int | None", "None"),
    )
    assert true.returns == "list[User]"
    # ext absent, None or False gives the base shape
    assert base.arguments == (
        Argument("ext", "ext", "Literal[False] | None", "None"),
        Argument("offset", "offset", "int | None", "None"),
    )
    assert base.returns == "list[str]"
    # a plain bool known only at run time gives the union
    assert catch_all.arguments == get.arguments
    assert arg(get, "ext").annotation == "bool | None"
    assert catch_all.returns == "list[User] | list[str]"
    # the implementation returns the union
    assert get.returns == "list[User] | list[str]"


def imported(ns: NamespaceModule, module: str) -> set[str]:
    """The names ``ns`` imports from ``module``."""
    prefix = f"from {module} import "
    lines = [line.removeprefix(prefix) for line in ns.imports if line.startswith(prefix)]
    return {name.strip() for line in lines for name in line.split(",")}


def test_imports_follow_what_the_module_uses(model: Model) -> None:
    friends = namespace(model, "friends")
    assert {"Any", "Literal", "overload"} <= imported(friends, "typing")
    assert imported(friends, "collections.abc") == set()  # extra_params is base's Params
    assert imported(friends, "mailru_sdk.api.base") == {"MethodInfo", "Namespace", "Params"}
    assert imported(friends, "mailru_sdk.uploads") == set()
    assert friends.type_imports == ("User",)
    photos = namespace(model, "photos")
    assert imported(photos, "mailru_sdk.uploads") == {"FileInput"}
    assert imported(photos, "collections.abc") == {"Sequence"}
    assert "Any" in imported(photos, "typing")
    assert not {"Literal", "overload"} & imported(photos, "typing")
    assert photos.type_imports == ()
    assert all(line.startswith(("from ", "import ")) for line in friends.imports)
    assert list(friends.imports) == sorted(friends.imports)


def info(m: Method) -> MethodInfo:
    """The rendered MethodInfo(...) arguments, evaluated into the runtime's record."""
    value = eval(f"MethodInfo({m.info_args})", {"MethodInfo": MethodInfo})
    assert isinstance(value, MethodInfo)
    return value


def facts(value: MethodInfo) -> dict[str, object]:
    """Every attribute of a MethodInfo (it has no equality of its own)."""
    return {
        "name": value.name,
        "http": value.http,
        "idempotent": value.idempotent,
        "circuits": value.circuits,
        "required": value.required,
        "choices": dict(value.choices),
        "files": value.files,
    }


def test_method_info_of_an_upload(model: Model) -> None:
    assert facts(info(method(model, "photos.upload"))) == {
        "name": "photos.upload",
        "http": "POST",
        "idempotent": False,
        "circuits": ("server-server",),
        "required": ("img_file",),
        "choices": {},
        "files": ("img_file",),
    }


def test_method_info_of_a_read(model: Model) -> None:
    assert facts(info(method(model, "friends.get"))) == {
        "name": "friends.get",
        "http": "GET",
        "idempotent": True,
        "circuits": ("client-server", "server-server"),
        "required": (),
        "choices": {},
        "files": (),
    }
    count = info(method(model, "friends.getInvitationsCount"))
    assert count.required == ("uid",)
    assert count.choices == {} and count.files == ()


def test_method_info_choices(model: Model) -> None:
    titles_list = info(method(model, "titles.list"))
    assert titles_list.choices == {
        "order": frozenset({"asc", "desc"}),
        "limit": frozenset({10, 20}),
    }
    assert titles_list.required == ()


def test_docstring_of_a_read(model: Model) -> None:
    doc = flat(method(model, "friends.get").docstring)
    assert doc.startswith("``friends.get``: Lists the user's friends.")
    assert "ext: Return User objects. Platform default: False." in doc
    assert "offset: Friends to skip." in doc
    assert "extra_params: parameters the catalogue does not list" in doc
    assert "**options: ``timeout``, ``max_retries`` and ``deadline`` for this call only" in doc
    assert "Privilege: none known." in doc
    assert "Signing: client-server or server-server (doc)." in doc
    assert "HTTP: GET." in doc
    assert "comes from client code, not from complete documentation" in doc
    assert doc.endswith(
        "Reference: https://api.mail.ru/docs/reference/rest/friends-get/"
        " (URL inferred from the naming pattern)"
    )
    assert "Notes:" not in doc and "Disabled" not in doc


def test_docstring_of_a_write(model: Model) -> None:
    doc = flat(method(model, "photos.upload").docstring)
    assert "img_file: The image. Required." in doc
    assert "aid: Album id." in doc and "aid: Album id. Required." not in doc
    assert "Privilege: photos (doc)." in doc
    assert "Signing: server-server (doc)." in doc
    assert "HTTP: POST (a write: not retried once sent)." in doc
    assert "Notes: - Sent as multipart." in doc
    assert "client code" not in doc
    assert doc.endswith(
        "Reference: https://api.mail.ru/docs/reference/rest/photos-upload/"
        " (URL inferred from the naming pattern)"
    )


def test_docstring_values_default_and_status(model: Model) -> None:
    doc = flat(method(model, "titles.list").docstring)
    assert "order: Sort order. One of: 'asc', 'desc'." in doc
    assert "limit: Page size. One of: 10, 20. Platform default: 10." in doc
    deleted = flat(method(model, "titles.del").docstring)
    assert "Disabled by the platform: calls are expected to fail." in deleted
    assert "id: Title to delete. Required." in deleted


def test_docstring_lines_fit_in_100_columns(model: Model) -> None:
    for ns in model.namespaces:
        for m in ns.methods:
            for line in m.docstring.splitlines():
                assert len(line) <= 100, line


def test_typed_dicts_and_errors(model: Model) -> None:
    (user,) = model.typed_dicts
    assert user.name == "User"
    assert [(f.name, f.annotation, f.comment_lines) for f in user.fields] == [
        ("uid", "str", ("User id.",)),
        ("friends", "list[User]", ("Some friends.",)),
    ]
    assert model.type_names == ["User"]
    assert [(e.name, e.code, e.retryable) for e in model.errors] == [
        ("UnknownPlatformError", 1, True),
        ("AccessDeniedError", 202, False),
    ]
    assert model.error_names == ["AccessDeniedError", "UnknownPlatformError"]
    assert flat(model.errors[1].docstring) == (
        "Platform error 202: Access denied Not allowed. Source: doc."
    )
    assert model.errors[1].source_label == "doc"


def with_method(name: str) -> str:
    """SPEC plus a copy of titles.del under ``name``."""
    return SPEC + (
        f"\n  {name}:\n"
        '    description: "Another."\n'
        "    source: doc\n"
        "    reference: https://api.mail.ru/docs/reference/rest/x/\n"
        "    http: GET\n"
        "    idempotent: true\n"
        "    privilege: null\n"
        "    circuits: [server]\n"
        "    params_complete: true\n"
        "    params: {}\n"
        "    returns: Any\n"
        "    notes: []\n"
    )


@pytest.mark.parametrize(
    ("extra", "path", "message"),
    [
        pytest.param(
            "titles.del_",
            "methods.titles.del_",
            "its Python name 'del_' is taken by titles.del",
            id="python-name-collision",
        ),
        pytest.param(
            "titles.LIST",
            "methods.titles.LIST",
            "its constant _TITLES_LIST is taken by titles.list (names differing only in case)",
            id="constant-collision",
        ),
        pytest.param(
            "session.get",
            "methods.session.get",
            "namespace 'session' is reserved",
            id="reserved-namespace",
        ),
        pytest.param(
            "import.get",
            "methods.import.get",
            "namespace 'import' is reserved",
            id="keyword-namespace",
        ),
    ],
)
def test_model_refuses(extra: str, path: str, message: str) -> None:
    spec = parse_spec(with_method(extra))  # the loader accepts it: the model must not
    with pytest.raises(SpecError) as error:
        build_model(spec)
    assert (error.value.path, error.value.message) == (path, message)


def test_distinct_names_do_not_collide() -> None:
    model = build_model(parse_spec(with_method("titles.delete")))
    titles = namespace(model, "titles")
    assert [m.py_name for m in titles.methods] == ["del_", "list", "delete"]
    assert len({m.const_name for m in titles.methods}) == 3


# -- iter_ companions of paged list methods -----------------------------------------------

PAGED = (
    SPEC.replace(
        "    params_complete: false\n    params:\n      ext:",
        "    params_complete: false\n    paging: offset\n    params:\n      ext:",
        1,
    ).replace(
        "    params_complete: true\n    params:\n      order:",
        "    params_complete: true\n    paging: offset\n    params:\n      offset:\n"
        '        type: int\n        required: false\n        description: "Skip."\n      order:',
        1,
    )
    + """
  stream.get:
    description: "The feed."
    source: doc
    reference: https://api.mail.ru/docs/reference/rest/stream-get/
    http: GET
    idempotent: true
    privilege: null
    circuits: [client, server]
    params_complete: true
    paging: skip
    params:
      skip:
        type: str
        required: false
        description: "Event id cursor."
      limit:
        type: int
        required: false
        default: 10
        description: "Events per page."
    returns: list[User]
    notes: []

  guestbook.get:
    description: "Guestbook entries."
    source: doc
    reference: https://api.mail.ru/docs/reference/rest/guestbook-get/
    http: GET
    idempotent: true
    privilege: null
    circuits: [client, server]
    params_complete: false
    paging: offset
    params:
      offset:
        type: int
        required: false
        description: "Entries to skip."
    returns: list[Any]
    notes: []
"""
)


@pytest.fixture(scope="module")
def paged() -> Model:
    return build_model(parse_spec(PAGED))


def test_the_paged_spec_differs_only_where_meant(paged: Model) -> None:
    assert [m.wire_name for ns in paged.namespaces for m in ns.methods if m.companion] == [
        "friends.get",
        "guestbook.get",
        "stream.get",
        "titles.list",
    ]


def test_no_companion_for_methods_that_do_not_page(model: Model, paged: Model) -> None:
    assert all(m.companion is None for ns in model.namespaces for m in ns.methods)
    assert method(paged, "photos.upload").companion is None
    assert info(method(paged, "photos.upload")).paging is None


def test_companion_of_an_overloaded_offset_method(paged: Model) -> None:
    get = method(paged, "friends.get")
    companion = get.companion
    assert companion is not None
    assert companion.py_name == "iter_get"
    # the method's own overloads, each returning an iterator of the list's items
    assert [o.arguments for o in companion.overloads] == [o.arguments for o in get.overloads]
    assert [o.returns for o in companion.overloads] == [
        "Iterator[User]",
        "Iterator[str]",
        "Iterator[User | str]",
    ]
    assert companion.returns == "Iterator[User | str]"
    assert facts(info(get))["name"] == "friends.get"
    assert (info(get).paging, info(get).page_size) == ("offset", None)
    assert "Iterator" in imported(namespace(paged, "friends"), "collections.abc")


def test_companion_of_a_skip_method(paged: Model) -> None:
    get = method(paged, "stream.get")
    assert get.companion is not None
    assert (get.companion.py_name, get.companion.returns, get.companion.overloads) == (
        "iter_get",
        "Iterator[User]",
        (),
    )
    assert (info(get).paging, info(get).page_size) == ("skip", 10)
    doc = flat(get.companion.docstring)
    assert doc.startswith("``stream.get``, page after page: yields every item")
    assert "Nothing is sent before the first ``next()``" in doc
    assert "Paging: by ``skip``, the event-id cursor" in doc
    assert "never yielded again" in doc
    assert "skip: The event id the first page starts after (newest when omitted)." in doc
    assert "limit: Events per page. Platform default: 10." in doc
    assert "``deadline`` for each page's call only" in doc
    assert doc.endswith(
        "Reference: https://api.mail.ru/docs/reference/rest/stream-get/"
        " (URL inferred from the naming pattern)"
    )


def test_companion_of_a_method_named_list(paged: Model) -> None:
    titles_list = method(paged, "titles.list")
    assert titles_list.companion is not None
    assert titles_list.companion.py_name == "iter_list"
    # the method named list shadows the builtin inside the class: so does the item type
    assert titles_list.companion.returns == "Iterator[builtins.str]"
    assert (info(titles_list).paging, info(titles_list).page_size) == ("offset", 10)
    doc = flat(titles_list.companion.docstring)
    assert "offset: Where the first page starts." in doc
    assert "limit: Items per page. One of: 10, 20. Platform default: 10." in doc
    assert "a page shorter than ``limit`` (10 when omitted)" in doc


def test_companion_of_a_list_whose_item_shape_is_unknown(paged: Model) -> None:
    get = method(paged, "guestbook.get")
    assert get.returns == "list[Any]"
    assert get.companion is not None and get.companion.returns == "Iterator[Any]"
    guestbook = namespace(paged, "guestbook")
    assert "Any" in imported(guestbook, "typing")
    assert imported(guestbook, "collections.abc") == {"Iterator"}


def test_offset_docstrings_without_a_known_page_size(paged: Model) -> None:
    companion = method(paged, "friends.get").companion
    assert companion is not None
    doc = flat(companion.docstring)
    assert (
        "ends after an empty page (or one shorter than a ``limit`` given in ``extra_params``)"
        in doc
    )
    no_default = build_model(parse_spec(PAGED.replace("        default: 10\n", "", 2)))
    companion = method(no_default, "stream.get").companion
    assert companion is not None and "Paging: by ``skip``" in flat(companion.docstring)
    titles_companion = method(no_default, "titles.list").companion
    assert titles_companion is not None
    assert "a page shorter than ``limit`` when it is given" in flat(titles_companion.docstring)


def test_companion_docstring_lines_fit_in_100_columns(paged: Model) -> None:
    for ns in paged.namespaces:
        for m in ns.methods:
            if m.companion is not None:
                assert all(len(line) <= 100 for line in m.companion.docstring.splitlines())


def test_a_method_named_like_a_companion_is_refused() -> None:
    spec = parse_spec(
        PAGED + "\n  friends.iter_get:\n"
        '    description: "Another."\n'
        "    source: doc\n"
        "    reference: https://api.mail.ru/docs/reference/rest/x/\n"
        "    http: GET\n"
        "    idempotent: true\n"
        "    privilege: null\n"
        "    circuits: [server]\n"
        "    params_complete: true\n"
        "    params: {}\n"
        "    returns: Any\n"
        "    notes: []\n"
    )
    with pytest.raises(SpecError) as error:
        build_model(spec)
    assert (error.value.path, error.value.message) == (
        "methods.friends.get",
        "the name of its iterator 'iter_get' is taken by friends.iter_get",
    )


# -- the catalogue as data (_generated/catalogue.py) ----------------------------------------


def catalogue(model: Model) -> tuple[dict[str, MethodEntry], dict[str, Any]]:
    """The rendered catalogue, run: the records the runtime reads, and the objects."""
    source = render(model)["catalogue.py"]
    scope: dict[str, Any] = {}
    exec(compile(source, "catalogue.py", "exec"), scope)
    return {entry.name: entry for entry in scope["METHODS"]}, scope["OBJECTS"]


def test_catalogue_follows_the_namespaces_in_spec_order(model: Model) -> None:
    methods, objects = catalogue(model)
    assert list(methods) == [m.wire_name for ns in model.namespaces for m in ns.methods]
    assert objects == {"User": {"uid": "str", "friends": "list[User]"}}


def test_catalogue_records_of_the_small_spec(model: Model) -> None:
    methods, _ = catalogue(model)
    get = methods["friends.get"]
    assert (get.namespace, get.python_name, get.returns) == ("friends", "get", "list[str]")
    assert [(o.when, o.returns) for o in get.overloads] == [((("ext", True),), "list[User]")]
    assert (get.http, get.idempotent, get.circuits) == (
        "GET",
        True,
        ("client-server", "server-server"),
    )
    ext = ParamEntry("ext", "ext", "bool", False, "Return User objects.", default=False)
    assert get.params[0] == ext and get.params[0].default is False
    assert get.params_complete is False and get.privilege is None and get.status is None
    assert get.reference == "https://api.mail.ru/docs/reference/rest/friends-get/"

    upload = methods["photos.upload"]
    assert (upload.http, upload.privilege, upload.info.files) == ("POST", "photos", ("img_file",))
    assert [(p.name, p.type, p.required) for p in upload.params] == [
        ("img_file", "file", True),
        ("aid", "str", False),
        ("tags", "list[str]", False),
    ]

    delete = methods["titles.del"]
    assert (delete.python_name, delete.status, delete.idempotent) == ("del_", "disabled", False)

    order, limit = methods["titles.list"].params
    assert (order.kind, order.choices, order.default) == ("choice", ("asc", "desc"), None)
    assert (limit.kind, limit.values, limit.default) == ("choice", (10, 20), 10)
    assert methods["titles.list"].info.choices == {
        "order": frozenset({"asc", "desc"}),
        "limit": frozenset({10, 20}),
    }


def test_catalogue_keeps_any_text_as_it_is() -> None:
    text = r"""'Порядок "asc" или \ (слэш), ''кавычки'''"""
    spec = parse_spec(SPEC.replace('"Sort order."', text))
    methods, _ = catalogue(build_model(spec))
    (order, _) = methods["titles.list"].params
    assert order.description == "Порядок \"asc\" или \\ (слэш), 'кавычки'"
