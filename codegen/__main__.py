"""``python -m codegen [--check] [--spec PATH] [--out DIR]``: regenerate or check the stubs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from codegen import DEFAULT_OUT, DEFAULT_SPEC, generate_sources
from codegen.render import FormatError, stale_files, write
from codegen.spec import SpecError


def main(argv: list[str] | None = None) -> int:
    """Run the generator; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the output is stale")
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC, help="the catalogue")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the output folder")
    args = parser.parse_args(argv)
    try:
        files = generate_sources(args.spec)
    except SpecError as exc:
        # file-level errors already name the file
        prefix = "" if exc.path == str(args.spec) else f"{args.spec}: "
        print(f"{prefix}{exc}", file=sys.stderr)
        return 1
    except FormatError as exc:
        print(f"codegen: {exc}", file=sys.stderr)
        return 1
    if args.check:
        stale = stale_files(files, args.out)
        if stale:
            print(
                f"generated code is stale ({len(stale)} files: {', '.join(stale)}); "
                "run `make generate` and commit the result",
                file=sys.stderr,
            )
            return 1
        print(f"generated code is current ({len(files)} files)")
        return 0
    changed = write(files, args.out)
    print(f"wrote {len(changed)} of {len(files)} files in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
