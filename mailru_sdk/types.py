"""The objects the platform returns, as TypedDicts: ``from mailru_sdk.types import User``.

Generated from spec/methods.yaml (see ``mailru_sdk._generated.types``). Every
field is optional, since the platform sends only what the caller may see.
"""

from __future__ import annotations

from mailru_sdk._generated.types import *  # noqa: F403
from mailru_sdk._generated.types import __all__ as __all__
