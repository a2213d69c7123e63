"""The SDK's logger, ``mailru_sdk``: one name for every record the SDK writes."""

from __future__ import annotations

import logging

__all__ = ["logger"]

logger = logging.getLogger("mailru_sdk")
