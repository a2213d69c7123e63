"""Deprecated alias of [`mailru_sdk.api.pagination`][mailru_sdk.api.pagination]: import from there.

Kept so that code written against the earlier layout keeps working; it warns
once on import and will be removed in a later release.
"""

from __future__ import annotations

import warnings

from mailru_sdk.api.pagination import *  # noqa: F403
from mailru_sdk.api.pagination import __all__ as __all__

warnings.warn(
    "mailru_sdk.pagination is deprecated: import from mailru_sdk.api.pagination",
    DeprecationWarning,
    stacklevel=2,
)
