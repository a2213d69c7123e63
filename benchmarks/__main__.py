"""``python -m benchmarks``: run every measurement and print the results."""

from __future__ import annotations

from benchmarks import bench_codegen, bench_import

if __name__ == "__main__":
    bench_import.main()
    bench_codegen.main()
