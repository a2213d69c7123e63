"""``mailru-sdk demo``: a tour of the SDK against the fake platform on 127.0.0.1."""

from __future__ import annotations

import argparse
import sys

__all__ = ["run_demo"]


def run_demo(args: argparse.Namespace) -> int:
    """Run the tour (``mailru_sdk.testing.demo``); returns the exit status."""
    # imported on use: the fake platform (http.server, email parsing, the canned world)
    # is a test tool that no other command needs, and would add ~0.1 s to every start
    from mailru_sdk.testing.demo import run

    return run(sys.stdout)
