"""The ``mailru-sdk`` command (also ``python -m mailru_sdk``).

Subcommands:

* ``call METHOD [name=value ...]``: call a method, print the answer as JSON;
* ``fan-out METHOD --each PARAM [name=value ...]``: one call per line of input
  (or per ``--batch``), in order, as JSON lines, with a progress bar;
* ``sign METHOD [name=value ...]``: show what would be signed, and the signature;
* ``methods [NAMESPACE]``: the catalogue, with parameters and descriptions;
* ``token password|refresh|code``: run an OAuth grant, print the tokens as JSON;
* ``demo``: a tour of the SDK against the fake platform on 127.0.0.1.

Credentials come from flags or the environment (``MAILRU_APP_ID``,
``MAILRU_PRIVATE_KEY``, ``MAILRU_SECRET_KEY``, ``MAILRU_ACCESS_TOKEN``,
``MAILRU_UID``, and ``MAILRU_API_URL`` / ``MAILRU_TOKEN_URL`` for other
endpoints); prefer the environment for keys, since command lines are visible
to other users of the machine.

Exit status: 0 on success, 1 when the platform or the network failed the
call (the platform's code and message go to stderr) or the output cannot be
written (a full disk), 2 for bad input (an unknown method, a malformed
``name=value``, missing credentials), always as one line on stderr, never a
traceback. A reader that stops reading early (``mailru-sdk methods | head``)
ends the command quietly with status 0, as when the output was complete.

The package's modules, one job each: ``parser`` (the
command line), ``credentials`` (flags and ``MAILRU_*``
variables), ``params`` (METHOD and ``name=value``),
``messages`` (one-line errors), and one module per
command: ``call``, ``fan_out``, ``sign``, ``methods``, ``token_grants``, ``demo``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from mailru_sdk.cli.messages import PROG, UsageError, one_line
from mailru_sdk.cli.parser import build_parser

__all__ = ["UsageError", "main"]

#: the parser's builder under its first name (tests/test_docs_examples.py imports it)
_build_parser = build_parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
        command: Callable[[argparse.Namespace], int] = args.run
        status = command(args)
        sys.stdout.flush()  # a closed or full output fails here, not at interpreter exit
        return status
    except UsageError as exc:
        print(one_line(str(exc)), file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (`| head`): nothing left to tell it
        _discard_stdout()
        return 0
    except OSError as exc:  # what reaches here is the output failing (a full disk)
        _discard_stdout()
        print(one_line(f"cannot write the output: {exc.strerror or exc}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


def _discard_stdout() -> None:
    """Point stdout at the null device, so the interpreter's final flush cannot fail again."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)
