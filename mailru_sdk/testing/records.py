"""What the fake platform records of the requests it receives."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["RecordedCall", "RecordedPublicRequest"]


@dataclass(frozen=True)
class RecordedCall:
    """One API request the fake received."""

    http_method: str
    method: str
    params: dict[str, str]
    """Every parameter as decoded from the query or form, ``sig`` and ``session_key`` included."""
    raw_query: str
    circuit: str
    """``"server-server"`` when ``secure=1`` was sent, else ``"client-server"``."""
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """Uploaded files of a multipart request: field name → (file name, content)."""


@dataclass(frozen=True)
class RecordedPublicRequest:
    """One request for public data the fake received."""

    segments: tuple[str, ...]
    """The path under the public root, decoded: ``("mail", "ivanov")``."""
    params: dict[str, str]
