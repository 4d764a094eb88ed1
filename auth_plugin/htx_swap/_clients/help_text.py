"""How the clients' public methods read to a person: their signatures in ``help()`` and
``inspect.signature`` (no quoted ``'IdList'``), and the ``TypeError`` of a call that does not
fit one (the public method's name, and the keyword that was most likely meant).
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

__all__ = [
    "ShownAnnotation",
    "call_error",
    "named_call_errors",
    "readable_help",
    "readable_signature",
]

ClassT = TypeVar("ClassT", bound=type)
P = ParamSpec("P")
T = TypeVar("T")

# The SDK's type aliases, spelled out: help() shows what a caller may pass.
_ALIASES = {"IdList": "Iterable[str | int]", "TimeoutArg": "float | httpx.Timeout"}
_ALIAS = re.compile(r"\b(?:" + "|".join(_ALIASES) + r")\b")
# HTX's own request fields, which a newcomer reading HTX's documentation types first.
_HTX_FIELDS = {"order_id": "order_ids", "client_order_id": "client_order_ids"}


class ShownAnnotation(str):
    """An annotation as the source wrote it (the modules use ``from __future__ import
    annotations``), shown without quotes: ``help()`` and ``inspect.signature`` read
    ``order_ids: Iterable[str | int] | None`` instead of ``order_ids: 'IdList | None'``.

    >>> ShownAnnotation("CancelResult")
    CancelResult
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return str(self)


def _shown(annotation: object) -> object:
    if not isinstance(annotation, str):
        return annotation
    return ShownAnnotation(_ALIAS.sub(lambda alias: _ALIASES[alias.group()], annotation))


def readable_signature(
    function: Callable[..., Any], *, returns: object = inspect.Signature.empty
) -> inspect.Signature:
    """``function``'s signature with each annotation shown as written, aliases spelled out;
    ``returns`` replaces the return annotation when given.

    >>> def cancel(order_ids: IdList | None = None) -> CancelResult: ...  # (PEP 563: text)
    >>> readable_signature(cancel)
    <Signature (order_ids: Iterable[str | int] | None = None) -> CancelResult>
    """
    signature = inspect.signature(function)
    parameters = [
        parameter.replace(annotation=_shown(parameter.annotation))
        for parameter in signature.parameters.values()
    ]
    if returns is inspect.Signature.empty:
        returns = signature.return_annotation
    return signature.replace(parameters=parameters, return_annotation=_shown(returns))


def readable_help(cls: ClassT) -> ClassT:
    """Class decorator: the public functions and dunders of ``cls`` and of its bases in this
    package (the constructor, ``from_env``, ``__enter__``) read in ``help()`` as written."""
    for klass in cls.__mro__:
        if not klass.__module__.startswith("htx_swap."):
            continue
        for name, value in vars(klass).items():
            function = getattr(value, "__func__", value)  # a classmethod's function
            shown = name[0] != "_" or name[:2] == "__" == name[-2:]
            if inspect.isfunction(function) and shown:
                function.__signature__ = readable_signature(function)  # type: ignore[attr-defined]
    return cls


def _hint(problem: str, signature: inspect.Signature) -> str:
    """What to write instead, for Python's complaint about a call of ``signature``."""
    names = [name for name in signature.parameters if name != "self"]
    keywords = [
        name
        for name, parameter in signature.parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    ]
    unexpected = re.search(r"unexpected keyword argument '(\w+)'", problem)
    if unexpected:
        given = unexpected.group(1)
        meant = _HTX_FIELDS.get(given)
        if meant in names:
            return f"; did you mean {meant}=? (a list of ids, even for one: {meant}=[...])"
        import difflib  # only for a call that failed

        close = difflib.get_close_matches(given, names, n=1)
        if close:
            return f"; did you mean {close[0]}=?"
        return f"; it takes {', '.join(names)}" if names else "; it takes no arguments"
    if "too many positional" in problem and keywords:
        return f"; give {', '.join(f'{name}=' for name in keywords)} by keyword"
    return ""


def call_error(
    owner: object,
    name: str,
    builder: Callable[..., Any],
    args: tuple[object, ...],
    kwargs: dict[str, object],
) -> TypeError | None:
    """The ``TypeError`` for a call of ``owner``'s public method ``name`` (built by
    ``builder``) whose arguments do not fit its signature, naming the public method (not
    ``ClientSurface._cancel``); None when they fit (the ``TypeError`` came from elsewhere).

    >>> class SwapClient:
    ...     def _cancel(self, contract_code: str, *, order_ids: object = None) -> None: ...
    >>> print(call_error(SwapClient(), "cancel", SwapClient._cancel, ("BTC-USD",), {"order_id": 1}))
    SwapClient.cancel() got an unexpected keyword argument 'order_id'; did you mean order_ids=? (a list of ids, even for one: order_ids=[...])
    """  # noqa: E501 - one line of output
    signature = inspect.signature(builder)
    unknown = [keyword for keyword in kwargs if keyword not in signature.parameters]
    if unknown:  # named first: an unknown keyword is often the missing one misspelt
        problem = f"got an unexpected keyword argument {unknown[0]!r}"
    else:
        try:
            signature.bind(owner, *args, **kwargs)
        except TypeError as exc:
            problem = str(exc)
        else:
            return None
    called = f"{type(owner).__name__}.{name}()"
    if not problem.startswith("got "):
        called += ":"
    return TypeError(f"{called} {problem}{_hint(problem, signature)}")


def named_call_errors(method: Callable[P, T]) -> Callable[P, T]:
    """``method`` (a client's method defined on a shared base class) whose call that does not
    fit its signature is a ``TypeError`` naming the caller's class and what was meant
    (``SwapClient.with_options() got an unexpected keyword argument 'timout'; did you mean
    timeout=?``), not the base class."""

    @functools.wraps(method)
    def checked(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return method(*args, **kwargs)
        except TypeError:
            clearer = call_error(args[0], method.__name__, method, args[1:], kwargs)
            if clearer is None:  # the arguments fit: a TypeError from inside, as it was
                raise
            raise clearer from None

    return checked
