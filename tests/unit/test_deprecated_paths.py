"""The module paths of the earlier layout still import, with a DeprecationWarning."""

from __future__ import annotations

import importlib
import sys

import pytest

MOVED = {
    "mailru_sdk.tokenstore": "mailru_sdk.stores.tokens",
    "mailru_sdk.redis_tokenstore": "mailru_sdk.stores.redis_tokens",
    "mailru_sdk.ratelimit": "mailru_sdk.stores.ratelimit",
    "mailru_sdk.redis_ratelimit": "mailru_sdk.stores.redis_ratelimit",
    "mailru_sdk.pagination": "mailru_sdk.api.pagination",
}


@pytest.mark.parametrize(("old", "new"), MOVED.items())
def test_an_old_path_warns_and_gives_the_same_objects(old: str, new: str) -> None:
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=f"import from {new}"):
        module = importlib.import_module(old)
    current = importlib.import_module(new)
    assert module.__all__ == current.__all__
    for name in current.__all__:
        assert getattr(module, name) is getattr(current, name)
