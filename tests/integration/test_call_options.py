"""``timeout=`` and ``max_retries=`` for one call, on stubs and ``api(...)`` (127.0.0.1 only).

Each override must apply to its call only: the session's own settings, and
the calls made after it, stay as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from mailru_sdk import API, HTTPStatusError, RequestTimeoutError, ServerSession, _catalogue
from mailru_sdk.options import DEFAULT_TIMEOUT
from mailru_sdk.testing import Fault, LoopbackPlatform
from tests.conftest import ACCESS_TOKEN, APP_ID, SECRET_KEY

FRIENDS = ["100", "200"]

# the same call through a generated stub and through the escape hatch
Caller = Callable[..., Any]
CALLERS: dict[str, Callable[[API], Caller]] = {
    "stub": lambda api: api.friends.get,
    "api()": lambda api: lambda **options: api("friends.get", **options),
}
VIA = pytest.mark.parametrize("via", list(CALLERS))


def make_api(platform: LoopbackPlatform, **kwargs: Any) -> API:
    return API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=platform.url, **kwargs))


@VIA
def test_max_retries_for_one_call_only(
    platform: LoopbackPlatform, sleeps: list[float], via: str
) -> None:
    api = make_api(platform, max_retries=0)
    policy = api.session.retry_policy
    call = CALLERS[via](api)

    platform.inject(Fault(kind="status", status=503))
    assert call(max_retries=1) == FRIENDS  # retried once, this call only
    assert len(platform.calls) == 2 and len(sleeps) == 1

    platform.inject(Fault(kind="status", status=503))
    with pytest.raises(HTTPStatusError):
        call()  # the session's own setting again: no retry
    assert len(platform.calls) == 3 and len(sleeps) == 1
    assert api.session.max_retries == 0 and api.session.retry_policy is policy


@VIA
def test_fewer_retries_for_one_call(
    platform: LoopbackPlatform, sleeps: list[float], via: str
) -> None:
    api = make_api(platform)  # max_retries=2 by default
    call = CALLERS[via](api)
    platform.inject(Fault(kind="status", status=503))
    with pytest.raises(HTTPStatusError):
        call(max_retries=0)
    assert len(platform.calls) == 1 and sleeps == []
    platform.inject(Fault(kind="status", status=503))
    assert call() == FRIENDS and len(sleeps) == 1
    assert api.session.max_retries == 2


@VIA
def test_timeout_for_one_call_only(platform: LoopbackPlatform, via: str) -> None:
    api = make_api(platform, max_retries=0)
    call = CALLERS[via](api)
    platform.inject(Fault(kind="sleep", seconds=1.0))
    with pytest.raises(RequestTimeoutError):
        call(timeout=0.1)
    assert api.session.timeout == DEFAULT_TIMEOUT
    # the same slow answer is waited for with the session's own (default) timeout
    platform.inject(Fault(kind="sleep", seconds=0.3))
    assert call() == FRIENDS


@VIA
def test_a_connect_and_read_pair(platform: LoopbackPlatform, via: str) -> None:
    api = make_api(platform, timeout=7.0)
    assert CALLERS[via](api)(timeout=(2.0, 5.0)) == FRIENDS
    assert api.session.timeout == 7.0


@pytest.mark.parametrize("timeout", [0, -1, float("inf"), (1.0, None), "5"])
def test_an_invalid_timeout_is_refused_before_traffic(
    platform: LoopbackPlatform, timeout: object
) -> None:
    api = make_api(platform)
    with pytest.raises((TypeError, ValueError)):
        api.friends.get(timeout=timeout)  # type: ignore[call-overload]
    with pytest.raises((TypeError, ValueError)):
        api("friends.get", timeout=timeout)  # type: ignore[arg-type]
    assert platform.calls == []


def test_a_misspelt_call_option_is_refused_before_any_traffic(platform: LoopbackPlatform) -> None:
    api = make_api(platform)
    with pytest.raises(
        TypeError, match=r"friends.get\(\) got unexpected keyword argument 'timout'"
    ):
        api.friends.get(timout=3)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="'retries'"):
        api.friends.iter_get(retries=3)  # type: ignore[call-overload]
    assert platform.calls == []


def test_every_generated_method_takes_the_call_options() -> None:
    import inspect

    from mailru_sdk.api.base import NamespaceAttribute

    api = API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))
    names = [n for n, v in vars(type(api).__mro__[1]).items() if isinstance(v, NamespaceAttribute)]
    checked = 0
    for name in names:
        namespace = getattr(api, name)
        for attr in dir(namespace):
            if attr.startswith("_"):
                continue
            parameters = inspect.signature(getattr(namespace, attr)).parameters
            # the per-call options are one typed bag, merged with the session's in one place
            assert parameters["options"].kind is inspect.Parameter.VAR_KEYWORD
            assert parameters["options"].annotation == "Unpack[CallOptions]"
            checked += 1
    catalogue = _catalogue.methods().values()
    # every stub and every iter_ companion (one per method the catalogue marks as paged)
    assert checked == len(catalogue) + sum(1 for m in catalogue if m.paging)


def test_an_option_session_call_does_not_take_is_refused(platform: LoopbackPlatform) -> None:
    """max_items on session.call would chunk nothing: refused, not dropped."""
    api = make_api(platform)
    with pytest.raises(TypeError, match="max_items"):
        api.session.call("users.getInfo", {"uids": "1"}, max_items=10)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="timout"):
        api.session.call("friends.get", timout=3)  # type: ignore[call-arg]
    assert platform.calls == []
