"""Fail when the built docs site shows raw markup: Sphinx roles that mkdocstrings does not render.

Run by ``make docs`` after ``mkdocs build`` (``python -m tests.docs_rendered site``).
Docstrings cross-reference with autorefs' ``[`name`][full.path]``; a role such as
``:class:`TokenSession``` would reach the page as literal text.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

RAW_ROLE = re.compile(r":(?:py:)?(?:class|meth|func|mod|attr|data|exc|obj|const):(?:<code>|`)")


def raw_roles(site: Path) -> dict[str, int]:
    """Each built page that shows raw roles, with how many."""
    found = {}
    for page in sorted(site.rglob("*.html")):
        count = len(RAW_ROLE.findall(page.read_text(encoding="utf-8")))
        if count:
            found[str(page.relative_to(site))] = count
    return found


def main(argv: list[str]) -> int:
    """Print the pages with raw roles; exit 1 when there is any."""
    site = Path(argv[0] if argv else "site")
    found = raw_roles(site)
    for page, count in found.items():
        print(f"{page}: {count} raw Sphinx role(s); write [`name`][mailru_sdk.path] instead")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
