"""Memory held by a working session plus ``API`` (tracemalloc): namespaces built, one call made."""

from __future__ import annotations

import gc
import tracemalloc

from benchmarks._harness import ACCESS_TOKEN, APP_ID, SECRET_KEY, server_process

NAMESPACES = ("friends", "stream", "users", "photos")


def measure() -> int:
    """Bytes allocated and still held by one session and its API after a call.

    The session's per-session caches (send settings, the connection pool and
    its connection) are built by that call, as in a program's first request.
    """
    import mailru_sdk  # imported before tracing: module code is not the session's cost

    with server_process() as base:
        api_url = f"{base}/platform/api"
        # a warm-up session: lazily imported modules and process-wide caches (CA files)
        warm = mailru_sdk.API(
            mailru_sdk.ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=api_url)
        )
        for name in NAMESPACES:
            getattr(warm, name)
        warm.friends.get()
        gc.collect()  # nothing of the warm-up may be freed inside the measured window
        tracemalloc.start()
        before = tracemalloc.take_snapshot()
        session = mailru_sdk.ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=api_url)
        api = mailru_sdk.API(session)
        for name in NAMESPACES:
            getattr(api, name)
        api.friends.get()
        gc.collect()
        after = tracemalloc.take_snapshot()
        tracemalloc.stop()
        held = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
        session.close()
        warm.session.close()
    return held


def main() -> None:
    """Print the held size."""
    print(f"memory: a session + API holds {measure() / 1024:.0f} KiB (target < 1024 KiB)")


if __name__ == "__main__":
    main()
