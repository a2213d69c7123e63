"""``mailru-sdk sign METHOD [name=value ...]``: what a call signs, and its signature."""

from __future__ import annotations

import argparse

from mailru_sdk._redact import redact_params
from mailru_sdk.cli.credentials import token_session
from mailru_sdk.cli.messages import UsageError
from mailru_sdk.cli.params import call_arguments, method_entry
from mailru_sdk.errors import CredentialsError
from mailru_sdk.signing import Circuit, canonical_string, encode_params

__all__ = ["run_sign"]


def run_sign(args: argparse.Namespace) -> int:
    """Print the canonical string (secrets masked), the circuit and the signature."""
    entry = method_entry(args)
    params, extra = call_arguments(entry, args)
    session = token_session(args)
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
