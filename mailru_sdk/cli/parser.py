"""The command line of ``mailru-sdk``: its commands, their arguments, and one-line errors."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import NoReturn

from mailru_sdk import __version__
from mailru_sdk.cli.call import run_call
from mailru_sdk.cli.credentials import add_credentials
from mailru_sdk.cli.demo import run_demo
from mailru_sdk.cli.fan_out import add_fan_out_arguments, run_fan_out
from mailru_sdk.cli.messages import PROG, UsageError
from mailru_sdk.cli.methods import run_methods
from mailru_sdk.cli.params import add_method_arguments
from mailru_sdk.cli.sign import run_sign
from mailru_sdk.cli.token_grants import run_token

__all__ = ["CommandParser", "build_parser"]


class CommandParser(argparse.ArgumentParser):
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


def build_parser() -> argparse.ArgumentParser:
    """The parser of the whole command; each command sets ``run``, its function."""
    parser = CommandParser(
        prog=PROG,
        description="Call the Mail.Ru Platform REST API from a shell, check signatures, "
        "browse the method catalogue.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(
        title="commands", metavar="COMMAND", parser_class=CommandParser
    )
    commands.required = True

    call = commands.add_parser(
        "call",
        help="call a method and print its answer as JSON",
        description="Call METHOD with name=value parameters and print the answer as JSON. "
        "Values are converted to the parameter's type in the catalogue (int, bool, "
        "comma-separated lists).",
    )
    add_method_arguments(call)
    call.add_argument("--json", action="store_true", help="compact one-line JSON (for scripts)")
    call.add_argument("--timeout", type=float, help="seconds to wait for the answer")
    call.add_argument("--max-retries", type=int, help="retries of transient failures")
    add_credentials(call)
    call.set_defaults(run=run_call)

    fan = commands.add_parser(
        "fan-out",
        help="one call per input line (or batch), JSON lines out, with a progress bar",
        description="Call METHOD once per value of --each PARAM read from --input (one per "
        "line; --batch N values per call as a list), a few at a time under --rate-limit, "
        "and print one JSON line per call, in input order. Exit status 1 if any call failed.",
    )
    add_method_arguments(fan)
    add_fan_out_arguments(fan)
    add_credentials(fan)
    fan.set_defaults(run=run_fan_out)

    sign = commands.add_parser(
        "sign",
        help="show the string a call signs and its signature (for error 104)",
        description="Print the canonical string of METHOD's parameters (secrets masked as "
        "***), the circuit and the resulting signature, as the SDK would send them. The "
        "signature is printed: it is what this command is for.",
    )
    add_method_arguments(sign)
    sign.add_argument(
        "--circuit",
        choices=["client-server", "server-server"],
        help="force a circuit (default: the one a session with these credentials uses)",
    )
    add_credentials(sign)
    sign.set_defaults(run=run_sign)

    methods = commands.add_parser(
        "methods",
        help="list the catalogued methods",
        description="List the catalogued methods with their parameters and descriptions.",
    )
    methods.add_argument("namespace", nargs="?", help="a namespace (friends) or method")
    methods.set_defaults(run=run_methods)

    token = commands.add_parser(
        "token",
        help="run an OAuth grant and print the tokens as JSON",
        description="Run an OAuth grant and print access_token, refresh_token, expires_in "
        "and uid as JSON.",
    )
    grants = token.add_subparsers(title="grants", metavar="GRANT", parser_class=CommandParser)
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
        add_credentials(grant, token=True)
        grant.set_defaults(run=run_token, grant=grant.prog.rsplit(" ", 1)[-1])

    demo = commands.add_parser(
        "demo",
        help="a tour of the SDK against a fake platform on 127.0.0.1",
        description="Start the fake platform on 127.0.0.1 and show the SDK at work: "
        "OAuth, both signature circuits, errors, retries. Touches no other network.",
    )
    demo.set_defaults(run=run_demo)
    return parser
