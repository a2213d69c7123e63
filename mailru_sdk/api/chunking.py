"""A call whose list parameter is longer than one call may send, split into several calls.

The catalogue gives some list parameters a per-call maximum (``max_items`` in
``spec/methods.yaml``, shown in each stub's docstring, e.g. ``users.getInfo``'s
``uids``: 100). ``api.users.getInfo(uids=five_thousand_uids)`` then makes 50
calls of at most 100 uids and returns one list, the answers concatenated in
the input's order: the same type a single call returns.

- ``max_items=N`` (a call option) overrides the catalogue's maximum for this
  call; ``chunk_concurrency=N`` runs up to N of the calls at once (default 1:
  one after another).
- Every call goes through the session: its rate limit, token and retries. The
  call's deadline (``deadline=`` or the session's) bounds all of them together:
  each call gets what is left of it.
- The answers are merged only where the catalogue knows the answer is a list;
  for any other method a list over the maximum is refused with ``ValueError``
  before any traffic (batch it with ``mailru_sdk.bulk.chunks()`` and
  ``mailru_sdk.bulk.fan_out()``, which keep each answer apart). So is a call
  with two lists over their maxima.
- A chunked call succeeds or fails as one call: the first failure stops the
  calls not started yet and is raised. With ``pass_error=True``, the first
  answer that is not a list (the platform's error body) is returned as is.
- A list or tuple is split; a comma-separated string is sent unchanged.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from mailru_sdk._errors import DeadlineExceededError
from mailru_sdk.bulk import Result, chunks, run_ordered
from mailru_sdk.options import CallOptions, HTTPMethod, RequestOptions
from mailru_sdk.signing import Circuit

if TYPE_CHECKING:  # a type only: the stubs' base loads no session class
    from mailru_sdk.sessions import TokenSession

__all__ = ["ChunkPlan", "call_chunked", "chunk_plan", "without_chunk_options"]

CHUNK_OPTIONS = ("max_items", "chunk_concurrency")


class MethodInfo(Protocol):
    """What chunking reads of ``mailru_sdk.api.base.MethodInfo`` (which imports this)."""

    @property
    def name(self) -> str: ...
    @property
    def http(self) -> HTTPMethod: ...
    @property
    def idempotent(self) -> bool: ...
    @property
    def circuits(self) -> tuple[Circuit, ...]: ...
    @property
    def max_items(self) -> Mapping[str, int]: ...
    @property
    def returns_list(self) -> bool: ...


class ChunkPlan(NamedTuple):
    """How one call is split: the parameters of each call, and how many run at once."""

    calls: list[dict[str, object]]
    concurrency: int


def without_chunk_options(options: CallOptions) -> RequestOptions:
    """``options`` without the two that only chunking reads: what the session's call takes."""
    if "max_items" not in options and "chunk_concurrency" not in options:
        return options
    rest = {k: v for k, v in options.items() if k not in CHUNK_OPTIONS}
    return rest  # type: ignore[return-value]


def chunk_plan(
    info: MethodInfo, params: Mapping[str, object], options: CallOptions
) -> ChunkPlan | None:
    """The calls ``params`` is split into, or ``None`` when every list fits in one call.

    Raises:
        ValueError: a bad ``max_items``/``chunk_concurrency``, a list over its
            maximum for a method whose answers cannot be merged, or two such lists.
        TypeError: ``max_items=`` for a method without a capped list parameter.
    """
    override = options.get("max_items")
    concurrency = options.get("chunk_concurrency")
    for option, given in (("max_items", override), ("chunk_concurrency", concurrency)):
        if given is not None and (isinstance(given, bool) or not isinstance(given, int)):
            raise TypeError(f"{info.name}: {option} must be a whole number, got {given!r}")
        if given is not None and given < 1:
            raise ValueError(f"{info.name}: {option} must be above 0, got {given!r}")
    if override is not None and not info.max_items:
        raise TypeError(
            f"{info.name}: max_items= applies to a list parameter with a per-call maximum, "
            "and this method has none; batch with mailru_sdk.bulk.chunks and fan_out"
        )
    over: list[tuple[str, list[object] | tuple[object, ...], int]] = []
    for name, catalogued in info.max_items.items():
        value = params.get(name)
        limit = catalogued if override is None else override
        if isinstance(value, list | tuple) and len(value) > limit:
            over.append((name, value, limit))
    if not over:
        return None
    if len(over) > 1:
        names = " and ".join(name for name, _, _ in over)
        raise ValueError(
            f"{info.name}: {names} are both longer than one call sends; the SDK splits one "
            "list, not several: batch the calls yourself (mailru_sdk.bulk.chunks, fan_out)"
        )
    name, value, limit = over[0]
    if not info.returns_list:
        raise ValueError(
            f"{info.name}: {name} has {len(value)} items, more than the {limit} one call "
            "sends, and the catalogue does not know the answer to be a list, so the answers "
            f"of several calls cannot be merged; send at most {limit} per call (batch with "
            "mailru_sdk.bulk.chunks and fan_out, which keep each answer), or pass max_items= "
            "if the platform takes more"
        )
    calls = [{**params, name: part} for part in chunks(value, limit)]
    return ChunkPlan(calls, 1 if concurrency is None else concurrency)


def call_chunked(
    session: TokenSession, info: MethodInfo, plan: ChunkPlan, options: RequestOptions
) -> Any:
    """Make the plan's calls, under one deadline, and merge their answers in order."""
    deadline = options.get("deadline")
    if deadline is None:
        deadline = session.sdk_options.for_call(options).deadline  # the session's
    end = None if deadline is None else time.monotonic() + deadline
    calls = plan.calls

    def one(index: int) -> Result[Any]:
        overrides: dict[str, Any] = dict(options)
        if end is not None:
            left = end - time.monotonic()
            if left <= 0:
                error = DeadlineExceededError(
                    f"{info.name}: the call's deadline of {deadline} s passed after "
                    f"{index} of {len(calls)} chunks",
                    method=info.name,
                    sent=False,
                )
                return Result(index, {}, error=error)
            overrides["deadline"] = left
        try:
            answer = session.call(
                info.name,
                calls[index],
                http_method=info.http,
                idempotent=info.idempotent,
                circuits=info.circuits,
                **overrides,
            )
        except Exception as exc:  # raised again by run_ordered, in the caller's thread
            return Result(index, {}, error=exc)
        return Result(index, {}, value=answer)

    merged: list[Any] = []
    for result in run_ordered(one, len(calls), plan.concurrency, stop_on_error=True):
        if not isinstance(result.value, list):  # pass_error: the platform's error body
            return result.value
        merged.extend(result.value)
    return merged
