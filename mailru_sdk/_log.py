"""The SDK's logger, ``mailru_sdk``: one name for every record the SDK writes.

Every record carries its facts as attributes too (``logger.info(..., extra=...)``),
which JSON log formatters (python-json-logger, structlog's stdlib bridge,
Google Cloud's and Datadog's handlers) write as fields: ``method``,
``attempt``, ``status``, ``elapsed_ms``, ``error``, ``error_code``, and per
record ``retry``, ``max_retries``, ``delay_s``, ``details``, ``session``,
``event``. They are names, numbers and class names, never a parameter's
value; ``details`` is the message's redacted text.
"""

from __future__ import annotations

import logging

__all__ = ["logger", "try_fields"]

logger = logging.getLogger("mailru_sdk")


def try_fields(method: str, attempt: int, error: BaseException | None) -> dict[str, object]:
    """The structured fields of a record about try ``attempt`` of ``method``."""
    return {
        "method": method,
        "attempt": attempt,
        "error": None if error is None else type(error).__name__,
        # an APIError's platform code (the attribute of mailru_sdk.errors.APIError)
        "error_code": getattr(error, "code", None) if error is not None else None,
    }
