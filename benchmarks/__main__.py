"""``python -m benchmarks``: run every measurement and print the results."""

from __future__ import annotations

from benchmarks import (
    bench_bulk,
    bench_clientside,
    bench_codegen,
    bench_import,
    bench_listcall,
    bench_memory,
    bench_percall,
    bench_redis,
    bench_threads,
)

if __name__ == "__main__":
    bench_percall.main()
    bench_clientside.main()
    bench_listcall.main()
    bench_threads.main()
    bench_import.main()
    bench_memory.main()
    bench_codegen.main()
    bench_redis.main()
    bench_bulk.main()
