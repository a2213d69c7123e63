"""The catalogue's type language, as the generator uses it.

The grammar itself (:class:`TypeRef`, :func:`parse_type`) lives in the runtime
package, :mod:`mailru_sdk._typeexpr`, so that the generator and the running
package (the fake platform's canned answers) read the spec's type strings with
one parser. This module adds what only the generator needs: the annotation
each parameter type gets in the stubs.

Importing it imports ``mailru_sdk``, whose ``__init__`` loads the generated
``client.py`` and ``errors.py``: when those are broken (a merge conflict in
generated code), check them out again (``git checkout -- mailru_sdk/_generated``)
before regenerating.

Parameter types: ``str``, ``int``, ``bool``, ``uid``, ``list[str]``, ``list[int]``,
``list[uid]``, ``file``. Return and field types: ``Any``, ``str``, ``int``,
``bool``, an object name, ``list[T]``, ``dict[str, T]``.
"""

from __future__ import annotations

from mailru_sdk._typeexpr import PRIMITIVES, ParamType, TypeRef, TypeSyntaxError, parse_type

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
}
"""Parameter type → the Python annotation users see; ``{b}`` is the builtins prefix."""
