"""The exchanges of the REST API and the public data: what each try sends, how it is read.

``APICall`` is one API call: signed afresh for each try (a refresh may
change the token between tries) from the session's parts, never from the
session itself: the app's ``AppCredentials``,
the ``TokenHolder``, the
``Refresher`` (OAuth sessions) and the secrets
registry. ``PublicRequest`` is an unsigned GET of public data. Both are
run by ``mailru_sdk._pipeline.run()`` and read by
``mailru_sdk._answers.read_answer()``.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Mapping
from typing import Any

from mailru_sdk._answers import Outcome, read_answer
from mailru_sdk._http import query_string
from mailru_sdk._pipeline import Exchange, Request, call_time_left
from mailru_sdk._redact import Secrets, redact_params
from mailru_sdk.auth.credentials import AppCredentials
from mailru_sdk.auth.refresh import Refresher
from mailru_sdk.auth.tokens import Held, TokenHolder
from mailru_sdk.errors import AuthorizationFailedError, CredentialsError
from mailru_sdk.options import HTTPMethod
from mailru_sdk.signing import Circuit
from mailru_sdk.uploads import MultipartBody, PreparedFile

__all__ = ["APICall", "CallParts", "PublicRequest"]

_FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class CallParts:
    """What a session lends its API calls: its name, credentials, tokens, refresher, secrets.

    Built once per session; a call reads the current token from ``tokens`` when
    it signs, so the parts never change under it.
    """

    __slots__ = ("credentials", "needs_token", "owner", "refresher", "secrets", "tokens")

    def __init__(
        self,
        owner: str,
        credentials: AppCredentials,
        tokens: TokenHolder,
        secrets: Secrets,
        refresher: Refresher | None = None,
    ) -> None:
        self.owner = owner
        self.credentials = credentials
        self.tokens = tokens
        self.secrets = secrets
        self.refresher = refresher
        #: an OAuth session signs nothing before it has a token (``authorize()``)
        self.needs_token = False

    def circuit_for(self, held: Held, allowed: Collection[Circuit] | None) -> Circuit:
        """The circuit a call with the ``held`` tokens is signed with (see ``AppCredentials``).

        Raises:
            CredentialsError: no allowed circuit has its keys, or the session
                needs a token and has none yet.
        """
        if self.needs_token and not held.access_token:
            raise CredentialsError(
                f"{self.owner} is not authorized yet: use "
                f"`with {self.owner}(...) as session:` or call session.authorize()"
            )
        return self.credentials.circuit_for(held.uid, allowed, self.owner)


class APICall(Exchange):
    """One API call: signed afresh for each try, its answer read as the platform's JSON."""

    def __init__(
        self,
        parts: CallParts,
        api_url: str,
        method: str,
        encoded: dict[str, str],
        circuits: Collection[Circuit] | None,
        verb: HTTPMethod,
        idempotent: bool,
        uploads: dict[str, PreparedFile] | None,
    ) -> None:
        self.parts = parts
        self.api_url = api_url
        self.name = method
        self.encoded = encoded
        self.circuits = circuits
        self.verb = verb
        self.idempotent = idempotent
        self.uploads = uploads
        self.refreshed = False
        self.token_used = ""
        self.signed_at = 0
        self.wire: dict[str, str] = {}

    def build(self) -> Request:
        parts = self.parts
        refresher = parts.refresher
        if refresher is not None:
            refresher.deliver()  # a refresh's tokens to token_updater, in the caller's thread
            self.signed_at = refresher.generation
        # one snapshot: the token and the uid of the same moment (a refresh may swap both)
        held = parts.tokens.held
        circuit = parts.circuit_for(held, self.circuits)
        self.token_used = held.access_token
        self.wire = wire = parts.credentials.signed(
            self.name, self.encoded, circuit, held.access_token, held.uid
        )
        if self.uploads:
            # streamed: the files are read in chunks while sending, never whole
            left = call_time_left()
            end = None if left is None else time.monotonic() + left
            body = MultipartBody(wire, self.uploads, end=end)
            return Request("POST", self.api_url, "", "", body, {"Content-Type": body.content_type})
        query = query_string(wire)
        if self.verb == "GET":
            return Request("GET", self.api_url, "", query)
        return Request("POST", self.api_url, "", "", query, _FORM)

    def interpret(self, status: int, headers: Any, body: bytes) -> Outcome:
        return read_answer("api", self.name, status, headers, body, self.secrets)

    def secrets(self) -> list[str]:
        # sig, session_key, and secret method parameters (photos.createAlbum's password):
        # requests puts the whole URL, query included, in its exception messages
        return self.parts.secrets.with_params(self.wire)

    def rewind(self) -> bool:
        # any repeat sends the uploads again from their start
        return all(upload.rewind() for upload in (self.uploads or {}).values())

    def recover(self, outcome: Outcome) -> bool:
        refresher = self.parts.refresher
        if (
            refresher is not None
            and not self.refreshed
            and isinstance(outcome.error, AuthorizationFailedError)
            and refresher.after_rejection(self.token_used, self.signed_at, self.name)
        ):
            # a fresh token: sign again and repeat the call once, outside the retry count
            self.refreshed = True
            return True
        return False

    def log_details(self) -> object:
        return f"params={redact_params(self.encoded)}"

    def endpoint(self) -> str:
        return self.api_url


class PublicRequest(Exchange):
    """A GET of public data: unsigned, read like an API answer."""

    def __init__(
        self, public_url: str, path: str, params: Mapping[str, str], secrets: Secrets
    ) -> None:
        self.request = Request("GET", public_url, path, query_string(params))
        self.name = f"public{path}"
        self.registry = secrets

    def build(self) -> Request:
        return self.request

    def interpret(self, status: int, headers: Any, body: bytes) -> Outcome:
        return read_answer("api", self.name, status, headers, body, self.secrets)

    def secrets(self) -> list[str]:
        return list(self.registry.values())

    def endpoint(self) -> str:
        return self.request.base_url
