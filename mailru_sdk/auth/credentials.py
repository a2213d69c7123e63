"""The app's credentials, and signing a call with them: which circuit, which key, which ``sig``.

An ``AppCredentials`` is frozen: the app's id and keys do not change
during a session. The user's token and uid, which do, come from the session's
``TokenHolder`` and are given to each signature.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping

from mailru_sdk._validate import check_app_id, check_secret
from mailru_sdk.errors import CredentialsError
from mailru_sdk.signing import Circuit, sign

__all__ = ["AppCredentials"]


@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class AppCredentials:
    """An app's id and keys: ``private_key`` signs client-server, ``secret_key`` server-server.

    Either key may be ``""`` (unused). Never shown: ``repr`` names the app only.
    """

    app_id: int
    private_key: str
    secret_key: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "app_id", check_app_id(self.app_id))
        object.__setattr__(self, "private_key", check_secret("private_key", self.private_key))
        object.__setattr__(self, "secret_key", check_secret("secret_key", self.secret_key))

    def __repr__(self) -> str:
        return f"AppCredentials(app_id={self.app_id})"

    @property
    def client_secret(self) -> str:
        """What token requests send as ``client_secret``: the secret key, else the private key.

        Clients disagree on which one the platform expects (aiomailru sends the
        secret key, the beobyte iOS SDK the private key); a server-side app
        should hold the secret key anyway.
        """
        return self.secret_key or self.private_key

    def secrets(self) -> tuple[str, ...]:
        """The keys, for the session's secrets registry."""
        return (self.private_key, self.secret_key)

    def circuit_for(self, uid: str, allowed: Collection[Circuit] | None, owner: str) -> Circuit:
        """The circuit to sign with for user ``uid`` when only ``allowed`` circuits may call.

        Client-server is preferred when there is a ``uid`` and a private key;
        server-server when there is a secret key. ``owner`` names the session
        in messages.

        Raises:
            CredentialsError: when no allowed circuit has its keys.
        """
        can_client = bool(uid and self.private_key)
        can_server = bool(self.secret_key)
        if (allowed is None or "client-server" in allowed) and can_client:
            return "client-server"
        if (allowed is None or "server-server" in allowed) and can_server:
            return "server-server"
        if allowed is not None and (can_client or can_server):
            only = " or ".join(sorted(allowed))
            raise CredentialsError(
                f"this method can only be signed {only}, and {owner} lacks the "
                + ("secret_key" if "server-server" in allowed else "uid and private_key")
                + " for it"
            )
        missing = []
        if not self.private_key:
            missing.append("private_key")
        if not uid:
            missing.append("uid")
        raise CredentialsError(
            f"{owner} cannot sign requests: the client-server circuit needs "
            f"uid and private_key (missing: {', '.join(missing)}), the server-server circuit "
            "needs secret_key (missing)"
        )

    def signed(
        self,
        method: str,
        params: Mapping[str, str],
        circuit: Circuit,
        access_token: str,
        uid: str,
    ) -> dict[str, str]:
        """The full wire parameters of a call, ``sig`` included, from encoded ``params``."""
        wire = dict(params)
        wire["method"] = method
        wire["app_id"] = str(self.app_id)
        if access_token:
            wire["session_key"] = access_token
        if circuit == "server-server":
            wire["secure"] = "1"
            wire["sig"] = sign(wire, circuit, uid="", key=self.secret_key)
        else:
            wire["sig"] = sign(wire, circuit, uid=uid, key=self.private_key)
        return wire
