"""The SDK's runtime needs only requests: redis is imported by the Redis modules alone."""

from __future__ import annotations

import subprocess
import sys


def test_import_mailru_sdk_does_not_import_redis() -> None:
    code = (
        "import sys, mailru_sdk, mailru_sdk.stores, mailru_sdk.oauth\n"
        "assert 'redis' not in sys.modules, 'redis imported'\n"
        "import mailru_sdk.stores.redis_tokens\n"
        "assert 'redis' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
