"""``python -m mailru_sdk``: the ``mailru-sdk`` command (see ``mailru_sdk.cli``)."""

from __future__ import annotations

import sys

from mailru_sdk.cli import main

if __name__ == "__main__":
    sys.exit(main())
