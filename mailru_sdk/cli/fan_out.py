"""``mailru-sdk fan-out METHOD --each PARAM``: one call per input line (or batch), as JSON lines.

Values of PARAM are read one per line from ``--input`` (a file, or ``-`` for
stdin; blank lines are skipped). Each value, or each ``--batch N`` of them as
a list, makes one call of METHOD with the other ``name=value`` parameters,
through ``mailru_sdk.bulk.fan_out()``: a few at a time, under
``--rate-limit``, in input order. Each call prints one JSON line,
``{"index": 0, "params": {...}, "result": ...}`` or ``{..., "error": {...}}``.
A progress bar goes to stderr when it is a terminal (``--progress`` forces
it, ``--no-progress`` turns it off). Exit status 1 when any call failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any, TextIO

from mailru_sdk.api import API
from mailru_sdk.bulk import Progress, Result, chunks, fan_out
from mailru_sdk.cli.credentials import token_session
from mailru_sdk.cli.messages import UsageError
from mailru_sdk.cli.params import call_arguments, convert, method_entry
from mailru_sdk.errors import APIError

__all__ = ["add_fan_out_arguments", "run_fan_out"]

BAR_WIDTH = 30


def add_fan_out_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``fan-out`` besides METHOD, its parameters and the credentials."""
    parser.add_argument(
        "--each", required=True, metavar="PARAM", help="the parameter each input line sets"
    )
    parser.add_argument(
        "--input", default="-", metavar="FILE", help="values, one per line (default: stdin)"
    )
    parser.add_argument(
        "--batch", type=int, default=1, metavar="N", help="values per call, as a list (default 1)"
    )
    parser.add_argument("--concurrency", type=int, help="calls in flight (default: from the limit)")
    parser.add_argument("--rate-limit", type=float, help="calls per second for all the calls")
    parser.add_argument("--deadline", type=float, help="seconds for the whole run")
    parser.add_argument("--item-deadline", type=float, help="seconds for each call")
    parser.add_argument("--max-retries", type=int, help="retries of transient failures")
    progress = parser.add_mutually_exclusive_group()
    progress.add_argument(
        "--progress", dest="progress", action="store_true", default=None, help="show a bar"
    )
    progress.add_argument("--no-progress", dest="progress", action="store_false", help="no bar")


def run_fan_out(args: argparse.Namespace) -> int:
    """Read the values, make the calls, print one JSON line per call; returns the status."""
    entry = method_entry(args)
    if entry is None:
        raise UsageError("fan-out calls catalogued methods only (no --raw)")
    param = entry.param(args.each)
    if param is None:
        raise UsageError(f"{entry.name} has no parameter {args.each!r}")
    if args.batch < 1:
        raise UsageError(f"--batch must be 1 or more, got {args.batch}")
    listed = "list[" in param.kind
    if args.batch > 1 and not listed:
        raise UsageError(f"{param.name} is a {param.kind}, not a list: --batch must be 1")
    fixed, extra = call_arguments(entry, args)
    if param.python_name in fixed:
        raise UsageError(f"{param.name} is set by each input line; drop {param.name}=...")
    values = _read_values(args.input)
    items: list[dict[str, object]] = []
    for batch in chunks(values, args.batch):
        value = convert(param, ",".join(batch)) if listed else convert(param, batch[0])
        items.append({**fixed, param.python_name: value, "extra_params": extra or None})
    session = token_session(args)
    stub = getattr(getattr(API(session), entry.namespace), entry.python_name)
    show = sys.stderr.isatty() if args.progress is None else bool(args.progress)
    try:
        results = fan_out(
            stub,
            items,
            concurrency=args.concurrency,
            deadline=args.deadline,
            item_deadline=args.item_deadline,
            on_progress=_bar(sys.stderr) if show else None,
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    finally:
        session.close()
    if show:
        print(file=sys.stderr)
    for result in results:
        print(json.dumps(_line(result, param.python_name), ensure_ascii=False))
    return 1 if any(not r.ok for r in results) else 0


def _read_values(source: str) -> list[str]:
    try:
        if source == "-":
            lines = sys.stdin.read().splitlines()
        else:
            with open(source, encoding="utf-8") as file:
                lines = file.read().splitlines()
    except OSError as exc:
        raise UsageError(f"cannot read {source}: {exc.strerror or exc}") from None
    return [line.strip() for line in lines if line.strip()]


def _line(result: Result[Any], name: str) -> dict[str, object]:
    line: dict[str, object] = {"index": result.index, "params": {name: result.params[name]}}
    if result.error is None:
        line["result"] = result.value
        return line
    error: dict[str, object] = {"type": type(result.error).__name__, "message": str(result.error)}
    if isinstance(result.error, APIError):
        error.update(error_code=result.error.code, error_msg=result.error.msg)
    line["error"] = error
    return line


def _bar(out: TextIO) -> Callable[[Progress], None]:
    def show(progress: Progress) -> None:
        filled = BAR_WIDTH * progress.done // max(progress.total, 1)
        failed = f", {progress.failed} failed" if progress.failed else ""
        out.write(
            f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] "
            f"{progress.done}/{progress.total}{failed}"
        )
        out.flush()

    return show
