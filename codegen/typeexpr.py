"""The catalogue's type language, as the generator uses it.

The grammar itself (:class:`TypeRef`, :func:`parse_type`) lives in the runtime
package, :mod:`mailru_sdk._typeexpr`, so that the generator and the running
package (the fake platform's canned answers) read the spec's type strings with
one parser. This module adds what only the generator needs: the annotation
each parameter type gets in the stubs.

The grammar module is loaded from its file, without running
``mailru_sdk/__init__.py``: that would load the generated ``client.py`` and
``errors.py``, and the generator must run even when those are broken (a merge
conflict in generated code is what regenerating repairs).

Parameter types: ``str``, ``int``, ``bool``, ``uid``, ``list[str]``, ``list[int]``,
``list[uid]``, ``file``, ``str | int``, ``str | list[str | int]``. Return and field
types: ``Any``, ``str``, ``int``, ``bool``, an object name, ``list[T]``, ``dict[str, T]``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mailru_sdk._typeexpr import PRIMITIVES, ParamType, TypeRef, TypeSyntaxError, parse_type
else:
    _NAME = "mailru_sdk._typeexpr"
    if _NAME not in sys.modules:  # stdlib-only module: load it alone, by path
        _path = Path(__file__).resolve().parent.parent / "mailru_sdk" / "_typeexpr.py"
        _spec = importlib.util.spec_from_file_location(_NAME, _path)
        assert _spec is not None and _spec.loader is not None
        _module = importlib.util.module_from_spec(_spec)
        sys.modules[_NAME] = _module  # later imports of it get this same module
        _spec.loader.exec_module(_module)
    _grammar = sys.modules[_NAME]
    PRIMITIVES = _grammar.PRIMITIVES
    ParamType = _grammar.ParamType
    TypeRef = _grammar.TypeRef
    TypeSyntaxError = _grammar.TypeSyntaxError
    parse_type = _grammar.parse_type

__all__ = ["PARAM_TYPES", "PRIMITIVES", "ParamType", "TypeRef", "TypeSyntaxError", "parse_type"]

PARAM_TYPES: dict[ParamType, str] = {
    "str": "{b}str",
    "int": "{b}int",
    "bool": "{b}bool",
    "uid": "{b}str | {b}int",
    "list[str]": "Sequence[{b}str]",
    "list[int]": "Sequence[{b}int]",
    "list[uid]": "Sequence[{b}str | {b}int]",
    "file": "FileInput",
    "str | int": "{b}str | {b}int",
    "str | list[str | int]": "{b}str | Sequence[{b}str | {b}int]",
}
"""Parameter type → the Python annotation users see; ``{b}`` is the builtins prefix."""
