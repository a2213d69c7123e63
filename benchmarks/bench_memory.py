"""Memory held by a session plus ``API`` (tracemalloc), after one call through each namespace."""

from __future__ import annotations

import gc
import tracemalloc

from benchmarks._harness import ACCESS_TOKEN, APP_ID, SECRET_KEY


def measure() -> int:
    """Bytes allocated and still held by one session and its API with every namespace built."""
    import mailru_sdk  # imported before tracing: module code is not the session's cost

    warm = mailru_sdk.API(mailru_sdk.ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))
    for name in ("friends", "stream", "users", "photos"):  # load the namespace modules
        getattr(warm, name)
    warm.session._send_plan()  # and the shared TLS settings
    gc.collect()  # nothing of the warm-up may be freed inside the measured window
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    session = mailru_sdk.ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    api = mailru_sdk.API(session)
    for name in ("friends", "stream", "users", "photos"):
        getattr(api, name)
    session._send_plan()  # the cached send plan is part of a working session
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    held = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    del warm, api, session
    return held


def main() -> None:
    """Print the held size."""
    print(f"memory: a session + API holds {measure() / 1024:.0f} KiB (target < 1024 KiB)")


if __name__ == "__main__":
    main()
