"""``python -m tests.integration.upload_peak API_URL PATH``: upload PATH, report peak memory.

Run in a subprocess by test_uploads.py so that tracemalloc sees only the SDK's
side of the upload (the loopback server, which keeps the whole body, stays in
the test process). Prints one JSON object: ``{"peak": bytes, "answer": ...}``.
"""

from __future__ import annotations

import json
import sys
import tracemalloc

from mailru_sdk import API, ServerSession
from tests.conftest import ACCESS_TOKEN, APP_ID, SECRET_KEY


def main(api_url: str, path: str) -> None:
    """Upload ``path`` with ``photos.upload`` and print the peak traced memory."""
    api = API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=api_url, max_retries=0))
    tracemalloc.start()
    answer = api.photos.upload(aid="big", img_file=path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(json.dumps({"peak": peak, "answer": answer}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
