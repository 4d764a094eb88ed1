"""``Record``: equality and repr from ``__slots__`` for the SDK's internal value holders.

attrs compiles the methods of each class it builds (about a millisecond apiece at import); the
internal holders of a call (codec answers, validated ids, the engine) need no such methods, so
they are plain slotted classes, and the public value objects stay attrs.
"""

from __future__ import annotations

__all__ = ["Record"]


class Record:
    """Fields in ``__slots__``; equal when of the same class with equal fields.

    >>> class Pair(Record):
    ...     __slots__ = ("a", "b")
    ...     def __init__(self, a: int, b: int) -> None:
    ...         self.a, self.b = a, b
    >>> Pair(1, 2) == Pair(1, 2), Pair(1, 2)
    (True, Pair(a=1, b=2))
    """

    __slots__: tuple[str, ...] = ()

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Record)
            and type(other) is type(self)
            and (self._fields() == other._fields())
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"
