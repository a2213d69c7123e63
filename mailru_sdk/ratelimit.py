"""Deprecated alias of [`mailru_sdk.stores.ratelimit`][mailru_sdk.stores.ratelimit]: import from
there.

Kept so that code written against the earlier layout keeps working; it warns
once on import and will be removed in a later release.
"""

from __future__ import annotations

import warnings

from mailru_sdk.stores.ratelimit import *  # noqa: F403
from mailru_sdk.stores.ratelimit import __all__ as __all__

warnings.warn(
    "mailru_sdk.ratelimit is deprecated: import from mailru_sdk.stores.ratelimit",
    DeprecationWarning,
    stacklevel=2,
)
