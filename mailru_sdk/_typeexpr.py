"""The catalogue's type language at run time: the generator's grammar, as generated.

The grammar is owned by ``codegen/typeexpr.py``; ``python -m codegen`` copies it to
``mailru_sdk._generated.typeexpr``. This module keeps the runtime's import path.
"""

from __future__ import annotations

from mailru_sdk._generated.typeexpr import (
    PRIMITIVES,
    ParamType,
    TypeRef,
    TypeSyntaxError,
    parse_type,
)

__all__ = ["PRIMITIVES", "ParamType", "TypeRef", "TypeSyntaxError", "parse_type"]
