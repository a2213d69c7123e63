"""``mailru-sdk call METHOD [name=value ...]``: call a method, print the answer as JSON."""

from __future__ import annotations

import argparse
import json
import sys

from mailru_sdk.api import API
from mailru_sdk.cli.credentials import token_session
from mailru_sdk.cli.messages import UsageError, report
from mailru_sdk.cli.params import call_arguments, method_entry
from mailru_sdk.errors import CredentialsError, MailRuError
from mailru_sdk.sessions import TokenSession

__all__ = ["run_call"]


def run_call(args: argparse.Namespace) -> int:
    """Call the method through its typed stub (or, with ``--raw``, by name); returns the status."""
    entry = method_entry(args)
    params, extra = call_arguments(entry, args)
    session = token_session(args)
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
        report(exc, args.json, sys.stderr)
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
