"""``mailru_sdk.bulk.fan_out`` against the fake platform with scripted faults."""

from __future__ import annotations

import functools

import pytest

from mailru_sdk import API
from mailru_sdk.bulk import Progress, chunks, default_concurrency, fan_out
from mailru_sdk.errors import APIError, DeadlineExceededError, TransportError
from mailru_sdk.testing import EXAMPLE, FakePlatform
from mailru_sdk.types import User
from tests.bulk.conftest import USERS


def test_results_come_in_input_order_with_failures_recorded_per_item(
    fake: FakePlatform,
) -> None:
    api = API(fake.server_session())
    fake.fail("users.getInfo", 100, times=3)  # the first three to arrive fail
    seen: list[Progress] = []
    results = fan_out(
        api.users.getInfo, [{"uids": [uid]} for uid in USERS[:40]], on_progress=seen.append
    )
    assert [r.index for r in results] == list(range(40))
    assert [r.params["uids"] for r in results] == [[uid] for uid in USERS[:40]]
    failed = [r for r in results if not r.ok]
    assert len(failed) == 3
    assert all(isinstance(r.error, APIError) and r.error.code == 100 for r in failed)
    for r in results:
        if r.ok:
            profiles: list[User] = r.unwrap()
            assert [p["uid"] for p in profiles] == r.params["uids"]
    assert [p.done for p in seen] == list(range(1, 41))
    assert seen[-1] == Progress(done=40, failed=3, total=40)
    with pytest.raises(APIError):
        failed[0].unwrap()


def test_no_secret_in_any_failure(fake: FakePlatform, closed_url: str) -> None:
    session = fake.server_session(api_url=closed_url, max_retries=0)
    results = fan_out(API(session).users.getInfo, [{"uids": [u]} for u in USERS[:3]])
    assert all(isinstance(r.error, TransportError) for r in results)
    secrets = (EXAMPLE.access_token, EXAMPLE.secret_key)
    for r in results:
        assert r.error is not None
        shown = f"{r!r} {r.error} {r.error!r} {r.error.__cause__!r}"
        assert not any(secret in shown for secret in secrets)


def test_batches_through_session_call_with_a_partial(fake: FakePlatform) -> None:
    session = fake.server_session()
    batches = chunks(USERS[:250], 100)
    results = fan_out(
        functools.partial(session.call, "users.getInfo"),
        [{"params": {"uids": batch}} for batch in batches],
        concurrency=2,
    )
    merged = [p["uid"] for r in results for p in r.unwrap()]
    assert merged == USERS[:250]


def test_an_item_deadline_cuts_one_slow_call(fake: FakePlatform) -> None:
    api = API(fake.server_session(max_retries=0))
    fake.delay(2.0, times=1, method="users.getInfo")
    results = fan_out(
        api.users.getInfo, [{"uids": [u]} for u in USERS[:5]], concurrency=1, item_deadline=0.3
    )
    assert isinstance(results[0].error, DeadlineExceededError)
    assert all(r.ok for r in results[1:])


def test_the_overall_deadline_stops_starting_calls(fake: FakePlatform) -> None:
    api = API(fake.server_session(max_retries=0))
    fake.delay(0.2, method="users.getInfo")
    results = fan_out(
        api.users.getInfo, [{"uids": [u]} for u in USERS[:20]], concurrency=2, deadline=0.5
    )
    assert len(results) == 20  # every item has its result
    late = [r for r in results if isinstance(r.error, DeadlineExceededError)]
    assert late and "not started" in str(late[-1].error)
    assert len(fake.calls_to("users.getInfo")) < 20


def test_default_concurrency_follows_the_rate_limit(fake: FakePlatform) -> None:
    assert default_concurrency(fake.server_session()) == 8
    assert default_concurrency(fake.server_session(rate_limit=20)) == 20
    assert default_concurrency(fake.server_session(rate_limit=500)) == 32  # the pool
    assert default_concurrency(fake.server_session(rate_limit=0.5)) == 1
    assert default_concurrency(fake.server_session(rate_limit=5, pool_maxsize=4)) == 4
    assert default_concurrency(None) == 8


def test_bad_arguments_are_refused_before_any_call(fake: FakePlatform) -> None:
    api = API(fake.server_session())
    items = [{"uids": [USERS[0]]}]
    with pytest.raises(ValueError, match="concurrency"):
        fan_out(api.users.getInfo, items, concurrency=0)
    with pytest.raises(ValueError, match="deadline"):
        fan_out(api.users.getInfo, items, deadline=-1)
    with pytest.raises(ValueError, match="size"):
        chunks(USERS, 0)
    assert fake.calls == []


def test_an_empty_input_gives_no_results(fake: FakePlatform) -> None:
    assert fan_out(API(fake.server_session()).users.getInfo, []) == []
