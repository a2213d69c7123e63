"""``mailru-sdk fan-out``: values from a file or stdin, JSON lines out, a progress bar."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from mailru_sdk.testing import FakePlatform
from tests.cli.conftest import SERVER_ENV
from tests.cli.test_cli import Capture, run, use
from tests.conftest import ACCESS_TOKEN, SECRET_KEY

UIDS = [str(20_000_000 + n) for n in range(25)]


@pytest.fixture
def platform(served: FakePlatform, monkeypatch: pytest.MonkeyPatch) -> FakePlatform:
    for uid in UIDS:
        served.add_user(uid, first_name=f"user {uid}")
    use(monkeypatch, {**SERVER_ENV, "MAILRU_API_URL": served.api_url})
    return served


def test_uids_from_a_file_in_batches_as_json_lines_in_order(
    platform: FakePlatform, tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "uids.txt"
    source.write_text("\n".join(UIDS) + "\n\n")
    code, out, err = run(
        capsys, "fan-out", "users.getInfo", "--each", "uids", "--input", str(source),
        "--batch", "10", "--rate-limit", "50", "--progress",
    )  # fmt: skip
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["index"] for line in lines] == [0, 1, 2]
    assert [line["params"]["uids"] for line in lines] == [UIDS[:10], UIDS[10:20], UIDS[20:]]
    assert [p["uid"] for line in lines for p in line["result"]] == UIDS
    assert err.endswith("3/3\n") and "[" in err  # the bar, on stderr
    assert ACCESS_TOKEN not in out + err and SECRET_KEY not in out + err


def test_one_call_per_line_from_stdin_with_failures_per_line(
    platform: FakePlatform, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(UIDS[:5])))
    platform.fail("users.getInfo", 100, times=2)
    code, out, err = run(
        capsys, "fan-out", "users.getInfo", "--each", "uids", "--concurrency", "1",
        "--max-retries", "0", "--no-progress",
    )  # fmt: skip
    assert code == 1 and err == ""
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["params"]["uids"] for line in lines] == [[u] for u in UIDS[:5]]
    assert [line["error"]["error_code"] for line in lines[:2]] == [100, 100]
    assert all("result" in line for line in lines[2:])


def test_bad_input_is_a_usage_error(
    platform: FakePlatform, tmp_path: Path, capsys: Capture
) -> None:
    code, _, err = run(capsys, "fan-out", "users.getInfo", "--each", "nope", "--input", "-")
    assert code == 2 and "no parameter 'nope'" in err
    code, _, err = run(
        capsys, "fan-out", "friends.get", "--each", "uid", "--batch", "2", "--input", "-"
    )
    assert code == 2 and "not a list" in err
    code, _, err = run(
        capsys, "fan-out", "users.getInfo", "--each", "uids", "--input", str(tmp_path / "none")
    )
    assert code == 2 and "cannot read" in err
    assert platform.calls == []
