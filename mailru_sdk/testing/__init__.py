"""Test helpers for code that uses mailru-sdk: a local emulator of the platform."""

from __future__ import annotations

from mailru_sdk.testing.server import Fault, LoopbackPlatform, RecordedCall

__all__ = ["Fault", "LoopbackPlatform", "RecordedCall"]
