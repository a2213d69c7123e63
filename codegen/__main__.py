"""``python -m codegen [--check] [--spec PATH] [--out DIR]``: regenerate or check the stubs.

Besides the stubs and the method reference, it recounts the provenance table in the
spec's own header (``codegen.header``); ``--check`` fails when that table is stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from codegen import DEFAULT_OUT, DEFAULT_SPEC, generate_docs, generate_header, generate_sources
from codegen.docs import DEFAULT_DOCS_OUT
from codegen.render import FormatError, stale_files, write
from codegen.spec import SpecError


def main(argv: list[str] | None = None) -> int:
    """Run the generator; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the output is stale")
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC, help="the catalogue")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the output folder")
    parser.add_argument(
        "--docs-out",
        type=Path,
        default=DEFAULT_DOCS_OUT,
        help="the method reference's folder (Markdown pages of the docs site)",
    )
    args = parser.parse_args(argv)
    try:
        files = generate_sources(args.spec)
        pages = generate_docs(args.spec)
        header = generate_header(args.spec)
    except SpecError as exc:
        # file-level errors already name the file
        prefix = "" if exc.path == str(args.spec) else f"{args.spec}: "
        print(f"{prefix}{exc}", file=sys.stderr)
        return 1
    except FormatError as exc:
        print(f"codegen: {exc}", file=sys.stderr)
        return 1
    outputs = [
        ("generated code", files, args.out, "*.py"),
        ("method reference", pages, args.docs_out, "*.md"),
    ]
    header_stale = header != args.spec.read_text(encoding="utf-8")
    if args.check:
        status = 0
        if header_stale:
            print(
                f"the provenance counts in the header of {args.spec} are stale; "
                "run `make generate` and commit the result",
                file=sys.stderr,
            )
            status = 1
        for what, produced, out, pattern in outputs:
            stale = stale_files(produced, out, pattern)
            if stale:
                print(
                    f"{what} is stale ({len(stale)} files: {', '.join(stale)}); "
                    "run `make generate` and commit the result",
                    file=sys.stderr,
                )
                status = 1
            else:
                print(f"{what} is current ({len(produced)} files)")
        return status
    for _what, produced, out, pattern in outputs:
        changed = write(produced, out, pattern)
        print(f"wrote {len(changed)} of {len(produced)} files in {out}")
    if header_stale:
        args.spec.write_text(header, encoding="utf-8")
        print(f"recounted the provenance table in the header of {args.spec}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
