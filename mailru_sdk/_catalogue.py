"""The method catalogue as the running package knows it: data written by the generator.

The command line (``mailru-sdk methods``, parameter conversion) and the fake
platform (canned answers) need to know every catalogued method, its
parameters and its return type. At run time the package may not read
``spec/methods.yaml``: ``python -m codegen`` writes what they need as plain
data (the records of ``mailru_sdk._catalogue_records``) into
``mailru_sdk._generated.catalogue``. This module is the one door to it, and
loads it on first use: ``import mailru_sdk`` never does, and neither does
importing this module.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from mailru_sdk._catalogue_records import MethodEntry, OverloadEntry, ParamEntry, ParamKind

__all__ = [
    "MethodEntry",
    "OverloadEntry",
    "ParamEntry",
    "ParamKind",
    "methods",
    "namespaces",
    "objects",
]


@functools.cache
def methods() -> dict[str, MethodEntry]:
    """Every catalogued method by platform name: namespaces sorted, the spec's order within."""
    # imported here, not at the top: 2,500 lines of data the command line's start and
    # the stubs never need
    from mailru_sdk._generated import catalogue

    return {entry.name: entry for entry in catalogue.METHODS}


def namespaces() -> list[str]:
    """The catalogued namespaces, sorted."""
    return sorted({entry.namespace for entry in methods().values()})


def objects() -> Mapping[str, Mapping[str, str]]:
    """Every catalogued object: its fields and their spec types (``"list[Photo]"``)."""
    from mailru_sdk._generated import catalogue

    return catalogue.OBJECTS
