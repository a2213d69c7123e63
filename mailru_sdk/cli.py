"""The ``mailru-sdk`` command (also ``python -m mailru_sdk``).

Subcommands:

* ``call METHOD [name=value ...]``: call a method, print the answer as JSON;
* ``sign METHOD [name=value ...]``: show what would be signed, and the signature;
* ``methods [NAMESPACE]``: the catalogue, with parameters and descriptions;
* ``token password|refresh|code``: run an OAuth grant, print the tokens as JSON;
* ``demo``: a tour of the SDK against the fake platform on 127.0.0.1.

Credentials come from flags or the environment (``MAILRU_APP_ID``,
``MAILRU_PRIVATE_KEY``, ``MAILRU_SECRET_KEY``, ``MAILRU_ACCESS_TOKEN``,
``MAILRU_UID``, and ``MAILRU_API_URL`` / ``MAILRU_TOKEN_URL`` for other
endpoints); prefer the environment for keys, since command lines are visible
to other users of the machine.

Exit status: 0 on success, 1 when the platform or the network failed the
call (the platform's code and message go to stderr) or the output cannot be
written (a full disk), 2 for bad input (an unknown method, a malformed
``name=value``, missing credentials), always as one line on stderr, never a
traceback. A reader that stops reading early (``mailru-sdk methods | head``)
ends the command quietly with status 0, as when the output was complete.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TextIO

from mailru_sdk import _catalogue
from mailru_sdk._catalogue import MethodEntry, ParamEntry
from mailru_sdk._redact import redact_params
from mailru_sdk.api import API
from mailru_sdk.errors import APIError, CredentialsError, MailRuError, OAuthError
from mailru_sdk.sessions import DEFAULT_API_URL, TokenSession
from mailru_sdk.signing import Circuit, canonical_string, encode_params

__all__ = ["UsageError", "main"]

PROG = "mailru-sdk"
_ENV = {
    "app_id": "MAILRU_APP_ID",
    "private_key": "MAILRU_PRIVATE_KEY",
    "secret_key": "MAILRU_SECRET_KEY",
    "access_token": "MAILRU_ACCESS_TOKEN",
    "uid": "MAILRU_UID",
    "api_url": "MAILRU_API_URL",
    "token_url": "MAILRU_TOKEN_URL",
}
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


class UsageError(Exception):
    """Bad input on the command line: reported on one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line (exit 2, no usage block).

    Leaf commands parse intermixed: ``call m a=1 --json b=2`` collects both
    ``name=value`` pairs, where plain argparse stops at the first option.
    """

    _intermixing = False

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self._intermixing or self._subparsers is not None:
            return super().parse_known_args(args, namespace)
        self._intermixing = True  # parse_known_intermixed_args comes back here
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixing = False

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see {self.prog} --help)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    parser = _build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
        command: Callable[[argparse.Namespace], int] = args.run
        status = command(args)
        sys.stdout.flush()  # a closed or full output fails here, not at interpreter exit
        return status
    except UsageError as exc:
        print(_one_line(str(exc)), file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (`| head`): nothing left to tell it
        _discard_stdout()
        return 0
    except OSError as exc:  # what reaches here is the output failing (a full disk)
        _discard_stdout()
        print(_one_line(f"cannot write the output: {exc.strerror or exc}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


def _discard_stdout() -> None:
    """Point stdout at the null device, so the interpreter's final flush cannot fail again."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if text.startswith(PROG) else f"{PROG}: {text}"


# -- the parser ----------------------------------------------------------------------------


def _build_parser() -> argparse.ArgumentParser:
    from mailru_sdk import __version__

    parser = _Parser(
        prog=PROG,
        description="Call the Mail.Ru Platform REST API from a shell, check signatures, "
        "browse the method catalogue.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    call = commands.add_parser(
        "call",
        help="call a method and print its answer as JSON",
        description="Call METHOD with name=value parameters and print the answer as JSON. "
        "Values are converted to the parameter's type in the catalogue (int, bool, "
        "comma-separated lists).",
    )
    _add_method_arguments(call)
    call.add_argument("--json", action="store_true", help="compact one-line JSON (for scripts)")
    call.add_argument("--timeout", type=float, help="seconds to wait for the answer")
    call.add_argument("--max-retries", type=int, help="retries of transient failures")
    _add_credentials(call)
    call.set_defaults(run=_run_call)

    sign = commands.add_parser(
        "sign",
        help="show the string a call signs and its signature (for error 104)",
        description="Print the canonical string of METHOD's parameters (secrets masked as "
        "***), the circuit and the resulting signature, as the SDK would send them. The "
        "signature is printed: it is what this command is for.",
    )
    _add_method_arguments(sign)
    sign.add_argument(
        "--circuit",
        choices=["client-server", "server-server"],
        help="force a circuit (default: the one a session with these credentials uses)",
    )
    _add_credentials(sign)
    sign.set_defaults(run=_run_sign)

    methods = commands.add_parser(
        "methods",
        help="list the catalogued methods",
        description="List the catalogued methods with their parameters and descriptions.",
    )
    methods.add_argument("namespace", nargs="?", help="a namespace (friends) or method")
    methods.set_defaults(run=_run_methods)

    token = commands.add_parser(
        "token",
        help="run an OAuth grant and print the tokens as JSON",
        description="Run an OAuth grant and print access_token, refresh_token, expires_in "
        "and uid as JSON.",
    )
    grants = token.add_subparsers(title="grants", metavar="GRANT", parser_class=_Parser)
    grants.required = True
    password = grants.add_parser("password", help="log in with e-mail and password")
    password.add_argument("--email", help="the user's e-mail (or MAILRU_EMAIL)")
    password.add_argument(
        "--password", help="the user's password (or MAILRU_PASSWORD; asked when missing)"
    )
    password.add_argument("--scope", default="", help="privileges, space-separated")
    refresh = grants.add_parser("refresh", help="exchange a refresh token")
    refresh.add_argument("--refresh-token", help="the refresh token (or MAILRU_REFRESH_TOKEN)")
    code = grants.add_parser("code", help="exchange an authorization code")
    code.add_argument("--code", required=True, help="the code the redirect received")
    code.add_argument("--redirect-uri", required=True, help="the redirect_uri of the login")
    for grant in (password, refresh, code):
        _add_credentials(grant, token=True)
        grant.set_defaults(run=_run_token, grant=grant.prog.rsplit(" ", 1)[-1])

    demo = commands.add_parser(
        "demo",
        help="a tour of the SDK against a fake platform on 127.0.0.1",
        description="Start the fake platform on 127.0.0.1 and show the SDK at work: "
        "OAuth, both signature circuits, errors, retries. Touches no other network.",
    )
    demo.set_defaults(run=_run_demo)
    return parser


def _add_method_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("method", metavar="METHOD", help="e.g. friends.get")
    parser.add_argument("params", nargs="*", metavar="name=value", help="method parameters")
    parser.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="name=value",
        help="a parameter the catalogue does not list, sent as given (repeatable)",
    )
    parser.add_argument(
        "--raw",
        action="store_true",
        help="allow a method the catalogue does not know; values are sent as given",
    )


def _add_credentials(parser: argparse.ArgumentParser, *, token: bool = False) -> None:
    group = parser.add_argument_group("credentials (default: the MAILRU_* variables)")
    group.add_argument("--app-id", help="application id (MAILRU_APP_ID)")
    group.add_argument("--private-key", help="private key, client-server (MAILRU_PRIVATE_KEY)")
    group.add_argument("--secret-key", help="secret key, server-server (MAILRU_SECRET_KEY)")
    if token:
        group.add_argument("--token-url", help="token endpoint (MAILRU_TOKEN_URL)")
        return
    group.add_argument("--access-token", help="the user's access token (MAILRU_ACCESS_TOKEN)")
    group.add_argument("--uid", help="the user's id, client-server (MAILRU_UID)")
    group.add_argument("--api-url", help=f"REST endpoint (MAILRU_API_URL; {DEFAULT_API_URL})")


# -- credentials and parameters ------------------------------------------------------------


def _setting(args: argparse.Namespace, name: str) -> str:
    value = getattr(args, name, None)
    if value is None:
        value = os.environ.get(_ENV[name], "")
    return str(value)


def _app_id(args: argparse.Namespace) -> int:
    text = _setting(args, "app_id")
    if not text:
        raise UsageError("missing credentials: give --app-id or set MAILRU_APP_ID")
    app_id = 0
    if text.isascii() and text.isdigit():  # "²".isdigit() is true, but int() refuses it
        with contextlib.suppress(ValueError):  # more digits than int() converts
            app_id = int(text)
    if app_id <= 0:
        raise UsageError(f"app id must be a positive integer, got {_shown(text)}")
    return app_id


def _shown(text: str, limit: int = 40) -> str:
    """``text`` quoted for a message, cut short when long."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + f"... ({len(text)} chars)"


def _url_setting(args: argparse.Namespace, name: str) -> str:
    """An endpoint from its flag or variable; "" when neither gives one (use the default).

    A flag given explicitly empty is an error, not a silent fall-back to the
    platform's production endpoint.
    """
    if getattr(args, name, None) == "":
        flag = "--" + name.replace("_", "-")
        raise UsageError(
            f"{flag} must not be empty (leave it out to use {_ENV[name]} or the default)"
        )
    return _setting(args, name)


def _session(args: argparse.Namespace) -> TokenSession:
    app_id = _app_id(args)
    private_key, secret_key = _setting(args, "private_key"), _setting(args, "secret_key")
    if not private_key and not secret_key:
        raise UsageError(
            "missing credentials: give --secret-key (server-server) or --private-key with "
            "--uid (client-server), or set MAILRU_SECRET_KEY / MAILRU_PRIVATE_KEY and MAILRU_UID"
        )
    options: dict[str, Any] = {"api_url": _url_setting(args, "api_url") or DEFAULT_API_URL}
    if getattr(args, "timeout", None) is not None:
        options["timeout"] = args.timeout
    if getattr(args, "max_retries", None) is not None:
        options["max_retries"] = args.max_retries
    try:
        return TokenSession(
            app_id,
            private_key,
            secret_key,
            _setting(args, "access_token"),
            _setting(args, "uid"),
            **options,
        )
    except (TypeError, ValueError) as exc:
        raise UsageError(str(exc)) from None


def _entry(args: argparse.Namespace) -> MethodEntry | None:
    method: str = args.method
    entry = _catalogue.methods().get(method)
    if entry is None and not args.raw:
        hint = _did_you_mean(method)
        raise UsageError(
            f"unknown method {method!r}{hint}; see `{PROG} methods`, or add --raw to call "
            "a method the catalogue does not know"
        )
    if entry is None and (method.count(".") < 1 or " " in method):
        raise UsageError(f"method must be a name like friends.get, got {method!r}")
    return entry


def _did_you_mean(method: str) -> str:
    import difflib

    close = difflib.get_close_matches(method, list(_catalogue.methods()), n=1)
    return f" (did you mean {close[0]}?)" if close else ""


def _pairs(items: Sequence[str]) -> list[tuple[str, str]]:
    pairs = []
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name or not name.replace("_", "a").isalnum():
            raise UsageError(f"expected name=value, got {item!r}")
        pairs.append((name, value))
    seen: set[str] = set()
    for name, _ in pairs:
        if name in seen:
            raise UsageError(f"parameter {name!r} given twice")
        seen.add(name)
    return pairs


def convert(param: ParamEntry, text: str) -> object:
    """Convert a command-line value to ``param``'s catalogued type.

    Raises:
        UsageError: a value the type does not allow.
    """
    kind = param.kind
    if kind == "bool":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise UsageError(f"{param.name} is a bool: give 1/0, true/false or yes/no, not {text!r}")
    if kind == "int":
        return _int(param.name, text)
    if kind == "uid":
        return _uid(param.name, text)
    if kind.startswith("list["):
        items = [item.strip() for item in text.split(",")] if text else []
        if kind == "list[int]":
            return [_int(param.name, item) for item in items]
        if kind == "list[uid]":
            return [_uid(param.name, item) for item in items]
        return items
    if kind == "choice":
        for choice in param.choices:
            if text == str(choice) or (isinstance(choice, bool) and text.lower() == str(choice)):
                return choice
        options = ", ".join(str(choice) for choice in param.choices)
        raise UsageError(f"{param.name} must be one of {options}, not {text!r}")
    return text  # str, and file (a path)


def _int(name: str, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise UsageError(f"{name} is an int, not {text!r}") from None


def _uid(name: str, text: str) -> str:
    if not (text.isascii() and text.isdigit()):
        raise UsageError(f"{name} is a user id (digits), not {_shown(text)}")
    return text


def _call_arguments(
    entry: MethodEntry | None, args: argparse.Namespace
) -> tuple[dict[str, object], dict[str, str]]:
    """The typed keyword arguments (or, for ``--raw``, strings) and the extra parameters."""
    params: dict[str, object] = {}
    for name, text in _pairs(args.params):
        if entry is None:
            params[name] = text
            continue
        param = entry.param(name)
        if param is None:
            known = ", ".join(p.name for p in entry.params) or "none"
            raise UsageError(
                f"{entry.name} has no parameter {name!r} (catalogued: {known}); "
                f"pass others with --extra {name}=VALUE"
            )
        params[param.python_name] = convert(param, text)
    extra = dict(_pairs(args.extra))
    clash = sorted(set(extra) & set(params))
    if clash:
        raise UsageError(f"{', '.join(clash)} given both as a parameter and with --extra")
    if entry is not None:
        missing = [p.name for p in entry.params if p.required and p.python_name not in params]
        if missing:
            raise UsageError(f"{entry.name} needs {', '.join(f'{m}=...' for m in missing)}")
    return params, extra


# -- call ----------------------------------------------------------------------------------


def _run_call(args: argparse.Namespace) -> int:
    entry = _entry(args)
    params, extra = _call_arguments(entry, args)
    session = _session(args)
    try:
        # first what signs the call, then the token: without a token the platform answers
        # 104 (client-server) or an empty list (server-server), so name what is missing
        session.circuit_for(entry.info.circuits if entry else None)
        if not session.access_token and not _acts_for_uid(session, params, extra):
            raise UsageError(
                "missing credentials: no access token: give --access-token or set "
                "MAILRU_ACCESS_TOKEN (a server-server call on behalf of a user without a "
                "session names the user instead: uid=... for a method with a uid parameter, "
                "else --extra uid=...)"
            )
    except CredentialsError as exc:
        session.close()
        raise UsageError(f"missing credentials: {exc}") from None
    except UsageError:
        session.close()
        raise
    api = API(session)
    try:
        if entry is None:
            answer = session.call(args.method, {**params, **extra})
        else:
            stub = getattr(getattr(api, entry.namespace), entry.python_name)
            answer = stub(**params, extra_params=extra or None)
    except MailRuError as exc:
        _report(exc, args.json, sys.stderr)
        return 1
    except (TypeError, ValueError) as exc:  # refused by the SDK before any traffic
        raise UsageError(str(exc)) from None
    finally:
        session.close()
    if args.json:
        print(json.dumps(answer, ensure_ascii=False, separators=(",", ":")))
    else:
        print(json.dumps(answer, ensure_ascii=False, indent=2))
    return 0


def _acts_for_uid(session: TokenSession, params: dict[str, object], extra: dict[str, str]) -> bool:
    """A server-server call naming its user with ``uid`` instead of a session key."""
    return bool(session.secret_key) and ("uid" in params or "uid" in extra)


def _report(exc: MailRuError, as_json: bool, out: TextIO) -> None:
    if as_json:
        error: dict[str, object] = {"type": type(exc).__name__, "message": str(exc)}
        if isinstance(exc, APIError):
            error.update(error_code=exc.code, error_msg=exc.msg, method=exc.method)
        if isinstance(exc, OAuthError):
            error.update(error=exc.error, error_description=exc.error_description)
        print(json.dumps({"error": error}, ensure_ascii=False), file=out)
    elif isinstance(exc, APIError):
        print(
            f"{PROG}: error {exc.code} ({type(exc).__name__}) from {exc.method}: {exc.msg}",
            file=out,
        )
    else:
        print(_one_line(f"{type(exc).__name__}: {exc}"), file=out)


# -- sign ----------------------------------------------------------------------------------


def _run_sign(args: argparse.Namespace) -> int:
    entry = _entry(args)
    params, extra = _call_arguments(entry, args)
    session = _session(args)
    if entry is not None:  # platform names; files are not signed
        params = {p.name: params[p.python_name] for p in entry.params if p.python_name in params}
        params = {k: v for k, v in params.items() if k not in entry.info.files}
    try:
        encoded = encode_params({**params, **extra})
        # a forced --circuit is checked like a catalogued one: its keys must be there
        allowed = [args.circuit] if args.circuit else (entry.info.circuits if entry else None)
        circuit: Circuit = session.circuit_for(allowed)
        wire = session.signed_params(args.method, encoded, circuit)
    except CredentialsError as exc:
        raise UsageError(f"missing credentials: {exc}") from None
    except (TypeError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    finally:
        session.close()
    canonical = canonical_string(redact_params(wire))
    if circuit == "client-server":
        formula = "md5(uid + canonical + private_key)"
    else:
        formula = "md5(canonical + secret_key)"
    print(f"method:    {args.method}")
    print(f"circuit:   {circuit}: sig = {formula}")
    if circuit == "client-server":
        print(f"uid:       {session.uid}")
    print(f"canonical: {canonical}")
    print(f"sig:       {wire['sig']}")
    print("(secrets shown as ***; every parameter is signed except sig, files are not signed)")
    return 0


# -- methods -------------------------------------------------------------------------------


def _run_methods(args: argparse.Namespace) -> int:
    catalogue = _catalogue.methods()
    wanted: str | None = args.namespace
    if wanted is None:
        entries = list(catalogue.values())
    elif wanted in catalogue:
        entries = [catalogue[wanted]]
    elif wanted in _catalogue.namespaces():
        entries = [e for e in catalogue.values() if e.namespace == wanted]
    else:
        raise UsageError(
            f"unknown namespace or method {wanted!r}; namespaces: "
            + ", ".join(_catalogue.namespaces())
        )
    for index, entry in enumerate(entries):
        if index:
            print()
        print(_describe(entry))
    return 0


def _describe(entry: MethodEntry) -> str:
    kind = "read" if entry.idempotent else "write"
    circuits = " or ".join(entry.circuits)
    returns = " | ".join(entry.return_types)
    lines = [f"{entry.name}  ({entry.http}, {kind}, {circuits}) -> {returns}"]
    lines += textwrap.wrap(entry.description, 96, initial_indent="  ", subsequent_indent="  ")
    for param in entry.params:
        needed = "required" if param.required else "optional"
        head = f"    {param.name}: {param.kind}, {needed}"
        lines += textwrap.wrap(f"{head}. {_details(param)}", 96, subsequent_indent=" " * 8)
    return "\n".join(lines)


def _details(param: ParamEntry) -> str:
    """The parameter's description, with its allowed values and documented default."""
    text = param.description
    if param.values is not None:
        text += f" One of: {', '.join(repr(v) for v in param.values)}."
    if param.default is not None:
        text += f" Platform default: {param.default!r}."
    return text + (" Required." if param.required else "")


# -- token ---------------------------------------------------------------------------------


def _run_token(args: argparse.Namespace) -> int:
    from mailru_sdk import oauth

    app_id = _app_id(args)
    private_key, secret_key = _setting(args, "private_key"), _setting(args, "secret_key")
    if not private_key and not secret_key:
        raise UsageError(
            "missing credentials: give --secret-key or --private-key (or set "
            "MAILRU_SECRET_KEY / MAILRU_PRIVATE_KEY)"
        )
    token_url = _url_setting(args, "token_url")
    options: dict[str, Any] = {"token_url": token_url} if token_url else {}
    session: oauth.OAuthSession
    try:
        if args.grant == "password":
            email = args.email or os.environ.get("MAILRU_EMAIL", "")
            if not email:
                raise UsageError("missing --email (or MAILRU_EMAIL)")
            password = args.password or os.environ.get("MAILRU_PASSWORD") or _ask_password()
            session = oauth.PasswordSession(
                app_id, private_key, secret_key, email, password, args.scope, **options
            )
        elif args.grant == "refresh":
            refresh_token = args.refresh_token or os.environ.get("MAILRU_REFRESH_TOKEN", "")
            if not refresh_token:
                raise UsageError("missing --refresh-token (or MAILRU_REFRESH_TOKEN)")
            session = oauth.RefreshSession(
                app_id, private_key, secret_key, refresh_token, **options
            )
        else:
            session = oauth.CodeSession(
                app_id, private_key, secret_key, args.code, args.redirect_uri, **options
            )
    except (TypeError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    try:
        session.authorize()
    except MailRuError as exc:
        _report(exc, False, sys.stderr)
        return 1
    finally:
        session.close()
    tokens = {
        "access_token": session.access_token,
        "refresh_token": session.refresh_token,
        "expires_in": session.expires_in,
        "uid": session.uid,
    }
    print(json.dumps(tokens, indent=2))
    return 0


def _ask_password() -> str:
    if not sys.stdin.isatty():
        raise UsageError("missing --password (or MAILRU_PASSWORD)")
    import getpass

    return getpass.getpass("password: ")


# -- demo ----------------------------------------------------------------------------------


def _run_demo(args: argparse.Namespace) -> int:
    from mailru_sdk.testing.demo import run

    return run(sys.stdout)
