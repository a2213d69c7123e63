"""A list parameter longer than its catalogued maximum: split, called in order, merged."""

from __future__ import annotations

import pytest

from mailru_sdk import API
from mailru_sdk.errors import APIError, DeadlineExceededError
from mailru_sdk.testing import FakePlatform
from mailru_sdk.types import User
from tests.bulk.conftest import USERS


def sent_sizes(fake: FakePlatform, method: str, param: str) -> list[int]:
    return [len(call.params[param].split(",")) for call in fake.calls_to(method)]


def test_a_long_list_is_split_at_the_catalogued_maximum_and_merged_in_order(
    fake: FakePlatform,
) -> None:
    api = API(fake.server_session())
    wanted = list(reversed(USERS[:250]))
    profiles: list[User] = api.users.getInfo(uids=wanted)
    assert [p["uid"] for p in profiles] == wanted
    assert sent_sizes(fake, "users.getInfo", "uids") == [100, 100, 50]


def test_a_list_within_the_maximum_is_one_call(fake: FakePlatform) -> None:
    api = API(fake.server_session())
    assert len(api.users.getInfo(uids=USERS[:100])) == 100
    assert sent_sizes(fake, "users.getInfo", "uids") == [100]


def test_max_items_overrides_the_catalogue_and_chunks_may_run_concurrently(
    fake: FakePlatform,
) -> None:
    api = API(fake.server_session())
    wanted = tuple(USERS[:95])
    profiles = api.users.getInfo(uids=wanted, max_items=10, chunk_concurrency=4)
    assert [p["uid"] for p in profiles] == list(wanted)
    assert sorted(sent_sizes(fake, "users.getInfo", "uids")) == [5] + [10] * 9


def test_a_comma_separated_string_is_sent_unchanged(fake: FakePlatform) -> None:
    api = API(fake.server_session())
    api.photos.getAlbums(aids=",".join(str(n) for n in range(150)))
    assert sent_sizes(fake, "photos.getAlbums", "aids") == [150]


@pytest.mark.parametrize(
    ("method", "param"),
    [("audio.get", "mids"), ("notifications.send", "uids"), ("achievements.groups", "groups")],
)
def test_chunking_is_refused_before_any_traffic_where_answers_cannot_be_merged(
    fake: FakePlatform, method: str, param: str
) -> None:
    api = API(fake.server_session())
    namespace, name = method.split(".")
    stub = getattr(getattr(api, namespace), name)
    with pytest.raises(ValueError, match="cannot be merged") as refused:
        stub(**{param: USERS[:101]})
    assert "at most 100 per call" in str(refused.value)
    assert fake.calls_to(method) == []
    stub(**{param: USERS[:100]})  # within the maximum: one call, as before
    assert len(fake.calls_to(method)) == 1


def test_bad_chunk_options_are_refused_before_any_traffic(fake: FakePlatform) -> None:
    api = API(fake.server_session())
    with pytest.raises(ValueError, match="max_items must be above 0"):
        api.users.getInfo(uids=USERS[:3], max_items=0)
    with pytest.raises(TypeError, match="chunk_concurrency must be a whole number"):
        api.users.getInfo(uids=USERS[:3], chunk_concurrency=1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="has none"):
        api.friends.get(max_items=10)
    assert fake.calls == []


def test_a_failing_chunk_fails_the_call_and_stops_the_rest(fake: FakePlatform) -> None:
    api = API(fake.server_session())
    fake.fail("users.getInfo", 100, times=1)
    with pytest.raises(APIError) as failed:
        api.users.getInfo(uids=USERS[:300])
    assert failed.value.code == 100
    assert len(fake.calls_to("users.getInfo")) == 1  # the first chunk failed: no other sent


def test_with_pass_error_the_error_body_is_returned(fake: FakePlatform) -> None:
    api = API(fake.server_session(pass_error=True))
    fake.fail("users.getInfo", 100, times=1)
    answer: object = api.users.getInfo(uids=USERS[:300])
    assert isinstance(answer, dict)
    assert answer["error"]["error_code"] == 100


def test_the_deadline_bounds_every_chunk_together(fake: FakePlatform) -> None:
    api = API(fake.server_session())
    fake.delay(0.3, method="users.getInfo")
    with pytest.raises(DeadlineExceededError):
        api.users.getInfo(uids=USERS[:1000], deadline=0.5, max_retries=0)
    assert len(fake.calls_to("users.getInfo")) < 10
