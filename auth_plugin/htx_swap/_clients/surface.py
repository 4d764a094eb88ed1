"""What ``SwapClient`` and ``AsyncSwapClient`` share: their options, checked once, and one flow
builder per public method (validation first, then the engine's flow). A driver turns each
builder into its public method with ``sync_method`` or ``async_method``.
"""

from __future__ import annotations

import enum
import inspect
import logging
import os
import re
import time
from collections.abc import Callable, Coroutine, Mapping
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, Self, TypeVar, overload

import httpx

from htx_swap._clients.help_text import call_error, named_call_errors, readable_signature
from htx_swap._clients.options import KEEP
from htx_swap._engine import calls
from htx_swap._engine.engine import Engine
from htx_swap._engine.limiter import (
    AccountLimiters,
    RateLimiter,
    account_of,
    htx_buckets,
    product_roles,
)
from htx_swap._engine.policy import RetryPolicy
from htx_swap._engine.products import SWAP, Product
from htx_swap._engine.steps import Flow
from htx_swap._model.constants import (
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_PANIC_DEADLINE,
    MAX_TIMEOUT,
)
from htx_swap._model.credentials import BASE_URL_ENV, HtxCredentials
from htx_swap._model.errors import HtxError, InvalidRequestError
from htx_swap._model.redaction import install_log_redaction
from htx_swap._model.results import CancelResult
from htx_swap._observe.log_setup import configure_from_env
from htx_swap._observe.watch import TRAIL, CallEnded
from htx_swap._wire import codec
from htx_swap._wire.loopback import is_loopback_host, is_loopback_url
from htx_swap._wire.signing import HtxAuth
from htx_swap._wire.validation import (
    IdList,
    Ids,
    as_seconds,
    shown,
    validate_choice,
    validate_contract_code,
    validate_ids,
    validate_ids_of,
)

if TYPE_CHECKING:
    from htx_swap._clients.aclient import AsyncDriver
    from htx_swap._clients.client import SyncDriver
    from htx_swap._engine.confirm import CancelOutcome
    from htx_swap._engine.family import PanicPlan
    from htx_swap._model.order_info import OrderInfo
    from htx_swap._model.reports import CancelAfterStatus, OpenOrder, PanicReport
    from htx_swap._observe.hooks import EventHooks
    from htx_swap._push.push_stream import PushSettings
    from htx_swap._wire.codec import OpenOrdersPage

__all__ = [
    "HTX_LIMITS",
    "ClientSurface",
    "Default",
    "TimeoutArg",
    "async_method",
    "base_url_from_env",
    "both_drivers",
    "check_base_url",
    "check_push_url",
    "check_timeout",
    "is_loopback_url",
    "sync_method",
]

log = logging.getLogger("htx_swap")
TimeoutArg = float | httpx.Timeout
P = ParamSpec("P")
T = TypeVar("T")
SelfT = TypeVar("SelfT", bound="ClientSurface")


class Default(enum.Enum):
    """An argument left at its default."""

    HTX_LIMITS = "HTX_LIMITS"

    def __repr__(self) -> str:
        return self.value


HTX_LIMITS = Default.HTX_LIMITS  # the limiters HTX's documented limits call for
DIRECTIONS = ("buy", "sell")
VIAS = ("auto", "push", "poll")
OFFSETS = ("open", "close")
_PROXY_VARIABLES = ("ALL_PROXY", "HTTPS_PROXY", "HTTP_PROXY")
_HOST = re.compile(r"[A-Za-z0-9._-]+|[0-9A-Fa-f:.]+")  # a name, an IPv4 or an IPv6 address


def _importable(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def _with_scheme(text: str) -> str | None:
    """The URL ``text`` (given without a scheme, as ``127.0.0.1:8080``) most likely meant:
    plain http to a loopback host (the local exchange), https to any other; None when ``text``
    has a scheme or no host.

    >>> _with_scheme("127.0.0.1:8080"), _with_scheme("api.hbdm.com")
    ('http://127.0.0.1:8080', 'https://api.hbdm.com')
    """
    if "://" in text or not text:
        return None
    try:
        host = httpx.URL(f"http://{text}").host
    except (httpx.InvalidURL, TypeError, ValueError):
        return None
    if not host:
        return None
    return f"{'http' if is_loopback_host(host) else 'https'}://{text}"


def check_base_url(base_url: object, field: str = "base_url") -> str:
    """An https URL (plain http to a loopback host only) with no userinfo, query or fragment;
    ``field`` names where it came from in an error (``HTX_BASE_URL`` for the environment)."""
    if not isinstance(base_url, str):
        raise InvalidRequestError(field, f"must be a string, got {type(base_url).__name__}")
    shown = base_url.split("@")[-1] if "@" in base_url else base_url  # never echo a password
    if "@" in base_url:
        raise InvalidRequestError(field, f"must not carry user info (…@{shown})")
    if "?" in base_url or "#" in base_url:
        raise InvalidRequestError(field, f"{shown!r} must not carry a query or fragment")
    meant = _with_scheme(base_url)
    if meant is not None:
        local = " (the local exchange)" if meant.startswith("http:") else ""
        raise InvalidRequestError(field, f"{shown!r} has no scheme; did you mean {meant!r}{local}?")
    try:
        url = httpx.URL(base_url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise InvalidRequestError(field, f"{shown!r} is not a URL ({exc})") from None
    if url.port is not None and not 0 < url.port < 65536:
        raise InvalidRequestError(field, f"{shown!r}: port {url.port} is not a TCP port")
    if url.scheme not in {"https", "http"} or not url.host:
        raise InvalidRequestError(field, f"{shown!r} needs https:// and a host")
    if url.scheme == "http" and not is_loopback_host(url.host):
        raise InvalidRequestError(
            field,
            f"{shown!r} is plain http; only https is allowed, except to a loopback host "
            "(the local exchange)",
        )
    return str(url).rstrip("/")  # as it goes on the wire: IDN hosts as xn--, paths encoded


def base_url_from_env(environ: Mapping[str, str] | None = None) -> str:
    """The base URL ``HTX_BASE_URL`` names (checked: an error names the variable), or
    ``DEFAULT_BASE_URL`` (HTX's live exchange) when it is unset or empty.

    >>> base_url_from_env({"HTX_BASE_URL": "http://127.0.0.1:8080/"})
    'http://127.0.0.1:8080'
    >>> base_url_from_env({})
    'https://api.hbdm.com'
    """
    value = (os.environ if environ is None else environ).get(BASE_URL_ENV)
    return check_base_url(value, BASE_URL_ENV) if value else DEFAULT_BASE_URL


def check_timeout(timeout: object, field: str = "timeout") -> httpx.Timeout:
    """Seconds > 0 (at most an hour) or an ``httpx.Timeout`` with every part so."""
    parts: tuple[object, ...] = (timeout,)
    if isinstance(timeout, httpx.Timeout):
        parts = (timeout.connect, timeout.read, timeout.write, timeout.pool)
    for part in parts:
        if part is None and isinstance(timeout, httpx.Timeout):
            raise InvalidRequestError(field, "every part (connect, read, write, pool) is needed")
        seconds = as_seconds(part)
        if seconds is None or not 0 < seconds <= MAX_TIMEOUT:
            raise InvalidRequestError(
                field,
                f"must be seconds in (0, {MAX_TIMEOUT:.0f}] or an httpx.Timeout, got {shown(part)}",
            )
    if isinstance(timeout, httpx.Timeout):
        return timeout
    assert isinstance(timeout, int | float)  # checked above
    return httpx.Timeout(float(timeout))


def _given(field: str, given: object) -> RateLimiter | Default | None:
    if given is not HTX_LIMITS and given is not None and not isinstance(given, RateLimiter):
        raise InvalidRequestError(
            field, f"must be a RateLimiter or None, got {type(given).__name__}"
        )
    return given


def _limiters(
    trade: object, read: object, account: object, product: str = "swap"
) -> dict[str, RateLimiter | None]:
    """A limiter per bucket the spec names for ``product``'s operations (for swaps ``trade``,
    ``read`` and each strategy cancel endpoint's own; for USDT-M ``usdt_trade``, ``usdt_read``;
    for futures ``futures_trade``, ``futures_read`` and theirs); ``rate_limiter`` /
    ``read_rate_limiter`` stand for the product's trade / read bucket.

    - ``limiters=`` (an ``AccountLimiters``): every bucket is its; ``rate_limiter`` /
      ``read_rate_limiter`` may only be left out (or be that very bucket);
    - else ``rate_limiter=`` a ``RateLimiter``: the trade bucket, and the account's other
      buckets are those of every client given that same limiter (``account_of``);
    - else each client has buckets of its own (HTX's limits);
    - None turns off every bucket of that permission.
    """
    given = {"trade": _given("rate_limiter", trade), "read": _given("read_rate_limiter", read)}
    mine = htx_buckets(product)
    role = dict(zip(("trade", "read"), product_roles(product), strict=True))
    if account is not None:
        if not isinstance(account, AccountLimiters):
            raise InvalidRequestError(
                "limiters", f"must be an AccountLimiters or None, got {type(account).__name__}"
            )
        for (bucket, limiter), field in zip(
            given.items(), ("rate_limiter", "read_rate_limiter"), strict=True
        ):
            if not mine.keys() <= account.keys():
                raise InvalidRequestError(
                    "limiters", f"holds no {product} buckets: AccountLimiters(product={product!r})"
                )
            if limiter is not HTX_LIMITS and limiter is not account[role[bucket]]:
                raise InvalidRequestError(
                    field,
                    f"conflicts with limiters= (which holds the {bucket} bucket): leave {field} "
                    f"out, or build AccountLimiters({bucket}=...) around your limiter",
                )
        return {name: account[name] for name in mine}
    trade_limiter, read_limiter = given["trade"], given["read"]
    own_read = read_limiter if isinstance(read_limiter, RateLimiter) else None
    if isinstance(trade_limiter, RateLimiter) and product == "swap":
        shared = account_of(trade_limiter, read=own_read)
    else:  # another product's trade limiter is its bucket alone; the others the client's own
        shared = AccountLimiters(read=own_read, product=product)
    off = {permission for permission, limiter in given.items() if limiter is None}
    permissions = {name: bucket.permission for name, bucket in mine.items()}
    limiters: dict[str, RateLimiter | None] = {
        name: None if permissions.get(name, "trade") in off else limiter
        for name, limiter in shared.items()
        if name in mine
    }
    for bucket, limiter in given.items():
        if isinstance(limiter, RateLimiter):
            limiters[role[bucket]] = limiter
    return limiters


def _check_proxies(base_url: str) -> bool:
    """Whether the SDK's own client may read proxy settings from the environment: never for a
    loopback host (the local exchange). A setting httpx could not use is a typed error, whatever
    the host: it is a mistake in the environment either way."""
    for name in (*_PROXY_VARIABLES, *(n.lower() for n in _PROXY_VARIABLES)):
        value = os.environ.get(name)  # httpx reads either case: each is checked
        if not value:
            continue
        try:
            proxy = httpx.Proxy(value)
        except (httpx.InvalidURL, ValueError, TypeError) as exc:
            raise InvalidRequestError(name, f"is not a proxy URL httpx can use ({exc})") from None
        if not _HOST.fullmatch(proxy.url.host):
            raise InvalidRequestError(name, f"has no usable host ({proxy.url.host!r})")
        if proxy.url.scheme.startswith("socks") and not _importable("socksio"):
            raise InvalidRequestError(name, "is a SOCKS proxy; install httpx[socks] to use it")
    return not is_loopback_url(base_url)


class ClientSurface:
    """Options shared by both clients, and the flow of each public method."""

    _engine: Engine
    _owns_http = True  # a caller's http_client: "auto" polls (the caller owns the wire)
    _kind: Product = SWAP  # the product the client speaks to: its operations and buckets

    def __init__(
        self,
        credentials: HtxCredentials,
        *,
        base_url: str,
        timeout: TimeoutArg,
        max_retries: int,
        rate_limiter: RateLimiter | Default | None,
        read_rate_limiter: RateLimiter | Default | None,
        limiters: AccountLimiters | None,
        clock: Callable[[], float],
        backoff_initial: float,
        backoff_max: float,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        push_url: str | None = None,
        event_hooks: Mapping[str, list[Callable[[Any], object]]] | None = None,
    ) -> None:
        if not isinstance(credentials, HtxCredentials):
            raise InvalidRequestError("credentials", "must be an HtxCredentials")
        self._base_url = check_base_url(base_url)
        if push_url is not None and not self._kind.order_push:
            raise InvalidRequestError(
                "push_url",
                f"{type(self).__name__} has no order push (it is coin-M only): "
                f"{self._kind.name} confirms by polling",
            )
        self._push_url = None if push_url is None else check_push_url(push_url)
        self._push_url_given = push_url is not None
        self._trust_env = _check_proxies(self._base_url)
        if isinstance(max_response_bytes, bool) or not isinstance(max_response_bytes, int):
            raise InvalidRequestError("max_response_bytes", "must be an int")
        if not 1024 <= max_response_bytes <= 1 << 30:
            raise InvalidRequestError("max_response_bytes", "must be from 1024 to 1 GiB")
        if not callable(clock):
            raise InvalidRequestError("clock", "must be a callable returning POSIX seconds")
        self._engine = Engine(
            auth=HtxAuth(credentials, clock),
            base_url=self._base_url,
            timeout=check_timeout(timeout),
            policy=RetryPolicy(max_retries, backoff_initial, backoff_max),
            limiters=_limiters(rate_limiter, read_rate_limiter, limiters, self._kind.name),
            max_response_bytes=max_response_bytes,
            monotonic=time.monotonic,
            headers={"Content-Type": "application/json", "Accept-Encoding": "gzip"},
            hooks=None if event_hooks is None else _checked_hooks(event_hooks),
        )
        self._parent: ClientSurface | None = None  # set on a client made by with_options
        install_log_redaction()
        configure_from_env()  # HTX_SWAP_LOG

    @classmethod
    def from_env(cls, **options: Any) -> Self:  # noqa: ANN401 - the constructor's keywords
        """A client for the account and exchange the environment names: the keys from
        ``HTX_ACCESS_KEY`` and ``HTX_SECRET_KEY``, the base URL from ``HTX_BASE_URL`` (unset or
        empty: HTX's live exchange, ``https://api.hbdm.com``). A ``base_url=`` given here wins
        over ``HTX_BASE_URL``; every other keyword is the constructor's. The constructor itself
        never reads the environment. Raises ``InvalidRequestError`` naming the variable that is
        missing or wrong."""
        if "base_url" not in options:
            options["base_url"] = base_url_from_env()
        return cls(HtxCredentials.from_env(), **options)

    @property
    def auth(self) -> HtxAuth:
        """The signer; its ``offset`` is the correction applied to the local clock."""
        return self._engine.auth

    def __repr__(self) -> str:
        engine = getattr(self, "_engine", None)  # a client whose __init__ raised still prints
        if engine is None:
            return f"{type(self).__name__}(<not initialised>)"
        return f"{type(self).__name__}({engine.auth.credentials!r}, base_url={self._base_url!r})"

    @property
    def push_url(self) -> str:
        """The order-push URL: ``push_url=`` as given, or derived from ``base_url`` (``https``
        -> ``wss``, ``http`` -> ``ws`` for a loopback host, same host and port,
        ``/swap-notification``)."""
        url = self._push_url
        if url is None:
            from htx_swap._push.push_protocol import push_url  # the push: imported on use

            url = push_url(self._base_url)
            self._push_url = url
        return url

    def _push_settings(self, open_within: float | None = None) -> PushSettings:
        """The order push's settings; ``open_within`` cuts its opening time boxes."""
        from htx_swap._push.push_stream import PushSettings

        auth = self._engine.auth
        attempt = self._engine.attempt_time()
        if open_within is not None:
            attempt = max(0.001, min(attempt, open_within))
        return PushSettings(
            url=self.push_url,
            wall_clock=lambda: auth.clock() + auth.offset,
            open_timeout=attempt,
            answer_timeout=min(5.0, attempt),
        )

    def _uses_push_by_default(self) -> bool:
        """Whether ``via="auto"`` may open the order push: when the SDK makes its own HTTP
        client, or ``push_url=`` was given. With a caller's ``http_client`` (their transport,
        proxy or test double) the SDK opens no other connection unless told where."""
        parent = self._parent  # with_options: as the client it was made from
        if parent is not None:
            return parent._uses_push_by_default()
        return self._owns_http or self._push_url_given

    def _push_via(self, via: object) -> str:
        """``via`` checked: ``"push"`` needs the ``[push]`` extra (an ``InvalidRequestError``
        naming ``via``); ``"auto"`` without it is ``"poll"``."""
        choice = str(validate_choice("via", via, VIAS))
        if choice == "poll" or (choice == "auto" and not self._uses_push_by_default()):
            return "poll"
        from htx_swap._push.push_wire import require_websockets

        try:
            require_websockets("via")
        except InvalidRequestError:
            if choice == "push":
                raise
            return "poll"
        return choice

    def _poll_only(self, via: object) -> str:
        """``via`` checked on a product without an order push in the SDK (delivery futures:
        HTX pushes their orders on ``/notification``, not subscribed here): ``"auto"`` and
        ``"poll"`` poll order info; ``"push"`` is an ``InvalidRequestError`` naming ``via``."""
        if validate_choice("via", via, VIAS) == "push":
            raise InvalidRequestError(
                "via", f"{self._kind.name} has no order push in this SDK; use 'auto' or 'poll'"
            )
        return "poll"

    @named_call_errors
    def with_options(
        self,
        *,
        timeout: TimeoutArg | object = KEEP,
        max_retries: int | object = KEEP,
        backoff_initial: float | object = KEEP,
        backoff_max: float | object = KEEP,
    ) -> Self:
        """A client with these options changed (each checked as the constructor checks it),
        sharing this one's connection pool, rate limiters, signer and hooks. Closing it leaves
        this client and its pool open; closing this one closes the pool under both."""
        from htx_swap._clients.options import derive

        return derive(
            self,
            timeout=timeout,
            max_retries=max_retries,
            backoff_initial=backoff_initial,
            backoff_max=backoff_max,
        )

    def _timeout(self, timeout: TimeoutArg | None) -> httpx.Timeout | None:
        return None if timeout is None else check_timeout(timeout)

    # -- flows of the public methods (validation happens here, before anything is sent) -----

    def _sync_clock(self) -> Flow[float]:
        """Read the server's clock (``GET /api/v1/timestamp``) and correct the signer's offset.
        Returns the offset in seconds; raises ``ClockSkewError`` for an absurd one."""
        return self._engine.sync_clock()

    def _cancel(
        self,
        contract_code: str,
        *,
        order_ids: IdList | None = None,
        client_order_ids: IdList | None = None,
        timeout: TimeoutArg | None = None,
    ) -> Flow[CancelResult]:
        """Cancel up to 10 orders of ``contract_code`` by exchange ids or by client ids.

        Raises ``InvalidRequestError`` before sending anything when the input is wrong, and an
        ``HtxError`` subclass when the request as a whole fails (``may_have_reached`` says
        whether it may have been processed). Per-order refusals are data: ``result.errors``;
        ids HTX's answer did not name are in ``result.unanswered``.
        """
        code = self._kind.contract_code(contract_code)
        name = self._kind.cancel
        ids = validate_ids_of(order_ids, client_order_ids, limit=codec.facts(name).max_ids)
        return self._engine.cancel_one(name, code, ids, self._timeout(timeout))

    def _cancel_many(
        self,
        contract_code: str,
        *,
        order_ids: IdList | None = None,
        client_order_ids: IdList | None = None,
        timeout: TimeoutArg | None = None,
    ) -> Flow[CancelResult]:
        """Cancel any number of orders: all ids are validated first, then sent in chunks of 10
        within the rate limit. A chunk that fails as a whole lists its ids in ``errors`` (with
        ``cause`` and ``may_have_reached``) and the other chunks' results are kept."""
        code = self._kind.contract_code(contract_code)
        ids = validate_ids_of(order_ids, client_order_ids, limit=None)
        return self._engine.cancel_ids(self._kind.cancel, code, ids, None, self._timeout(timeout))

    def _order_info(
        self,
        contract_code: str,
        *,
        order_ids: IdList | None = None,
        client_order_ids: IdList | None = None,
        timeout: TimeoutArg | None = None,
    ) -> Flow[list[OrderInfo]]:
        """Read orders by exchange ids or by client ids (any number: sent as many per request
        as HTX takes, 50 for swaps, one for USDT-M, within the read bucket).

        Orders HTX does not find are absent from the list; an entry that cannot be read is left
        out (logged) and never hides the others. An order listed twice is returned once when
        the entries are identical, and every differing entry when they are not (logged: HTX
        contradicted itself, and no entry is picked). Raises ``InvalidRequestError`` before sending
        when the input is wrong, an ``HtxError`` when a request fails.
        """
        code = self._kind.contract_code(contract_code)
        ids = validate_ids_of(order_ids, client_order_ids, limit=None)
        return self._engine.order_info(code, ids, self._timeout(timeout), self._kind)

    def _cancel_and_confirm(
        self,
        contract_code: str,
        *,
        order_ids: IdList | None = None,
        client_order_ids: IdList | None = None,
        deadline: float = 5.0,
        timeout: TimeoutArg | None = None,
        via: str = "auto",
    ) -> Flow[CancelOutcome]:
        """Cancel any number of orders, then learn each one's final state, until each is final
        or ``deadline`` seconds have passed; never blocks past the deadline.

        ``via="auto"`` (the default) subscribes to the order push *before* sending the cancels,
        settles each id from its push, and reads order info only for ids no push settled after
        a grace time (0.5 s; 2 s after a push that said "cancelling"), or after a gap; without
        the ``[push]`` extra, or when the push cannot be opened, it polls order info.
        ``"push"``: the same, but a push that cannot be opened is raised (the extra missing:
        ``InvalidRequestError`` naming ``via``). ``"poll"``: order info only.
        ``outcome.reads`` counts the order-info requests spent; ``outcome.via`` says which.

        Every id lands in exactly one of ``cancelled``, ``filled``, ``failed`` (proven refused)
        and ``pending`` (not final, or in doubt, at the deadline; see ``CancelOutcome``).
        """
        seconds = check_seconds("deadline", deadline, minimum=0.001, maximum=MAX_TIMEOUT * 24)
        code = self._kind.contract_code(contract_code)
        ids = validate_ids_of(order_ids, client_order_ids, limit=None)
        route = self._push_via(via) if self._kind.order_push else self._poll_only(via)
        return self._engine.cancel_and_confirm(
            code, ids, seconds, self._timeout(timeout), route, self._kind
        )

    # -- the rest of the cancel family ---------------------------------------------------------

    def _cancel_all_of(
        self, kind: str, contract_code: str, timeout: TimeoutArg | None, **filters: object
    ) -> Flow[CancelResult]:
        checked = {
            "direction": validate_choice(
                "direction", filters.get("direction"), (None, *DIRECTIONS)
            ),
            "offset": validate_choice("offset", filters.get("offset"), (None, *OFFSETS)),
        }
        if "offset" not in filters:  # TP/SL cancel-all takes a direction only
            del checked["offset"]
        from htx_swap._engine import family  # the cancel family: imported when first used

        code = validate_contract_code(contract_code)
        return family.cancel_all(self._engine, kind, code, checked, None, self._timeout(timeout))

    def _cancel_all(
        self,
        contract_code: str,
        *,
        direction: str | None = None,
        offset: str | None = None,
        timeout: TimeoutArg | None = None,
    ) -> Flow[CancelResult]:
        """Cancel every open limit order of ``contract_code``, or only those of one
        ``direction`` ("buy"/"sell") and/or ``offset`` ("open"/"close"). An empty book is an
        empty result, not an error (HTX's 1051)."""
        return self._cancel_all_of(
            "limit", contract_code, timeout, direction=direction, offset=offset
        )

    def _cancel_all_trigger(
        self,
        contract_code: str,
        *,
        direction: str | None = None,
        offset: str | None = None,
        timeout: TimeoutArg | None = None,
    ) -> Flow[CancelResult]:
        """Cancel every trigger order of ``contract_code`` (optionally of one ``direction``
        and/or ``offset``); within HTX's 5 requests per second for this endpoint."""
        return self._cancel_all_of(
            "trigger", contract_code, timeout, direction=direction, offset=offset
        )

    def _cancel_all_tpsl(
        self, contract_code: str, *, direction: str | None = None, timeout: TimeoutArg | None = None
    ) -> Flow[CancelResult]:
        """Cancel every take-profit / stop-loss order of ``contract_code`` (optionally of one
        ``direction``); within HTX's 5 requests per second for this endpoint."""
        return self._cancel_all_of("tpsl", contract_code, timeout, direction=direction)

    def _cancel_all_trailing(
        self,
        contract_code: str,
        *,
        direction: str | None = None,
        offset: str | None = None,
        timeout: TimeoutArg | None = None,
    ) -> Flow[CancelResult]:
        """Cancel every trailing order of ``contract_code`` (optionally of one ``direction``
        and/or ``offset``); within HTX's 5 requests per second for this endpoint."""
        return self._cancel_all_of(
            "trailing", contract_code, timeout, direction=direction, offset=offset
        )

    def _strategy_cancel(
        self, kind: str, contract_code: str, order_ids: IdList, timeout: TimeoutArg | None
    ) -> Flow[CancelResult]:
        code = self._kind.contract_code(contract_code)
        ids = Ids("order_ids", validate_ids("order_ids", order_ids, limit=None))
        name = self._kind.cancels[kind]
        return self._engine.cancel_ids(name, code, ids, None, self._timeout(timeout))

    def _cancel_trigger(
        self, contract_code: str, *, order_ids: IdList, timeout: TimeoutArg | None = None
    ) -> Flow[CancelResult]:
        """Cancel trigger orders by id (any number: requests of 10, within HTX's 5 per second
        for this endpoint); every id ends in exactly one of successes, errors, unanswered."""
        return self._strategy_cancel("trigger", contract_code, order_ids, timeout)

    def _cancel_tpsl(
        self, contract_code: str, *, order_ids: IdList, timeout: TimeoutArg | None = None
    ) -> Flow[CancelResult]:
        """Cancel take-profit / stop-loss orders by id (like ``cancel_trigger``)."""
        return self._strategy_cancel("tpsl", contract_code, order_ids, timeout)

    def _cancel_trailing(
        self, contract_code: str, *, order_ids: IdList, timeout: TimeoutArg | None = None
    ) -> Flow[CancelResult]:
        """Cancel trailing orders by id (like ``cancel_trigger``)."""
        return self._strategy_cancel("trailing", contract_code, order_ids, timeout)

    def _cancel_after(self, timeout: float | None) -> Flow[CancelAfterStatus]:
        """Arm HTX's dead man's switch: unless called again within ``timeout`` seconds (>= 5),
        HTX cancels every open order of the account. ``None`` turns it off."""
        from htx_swap._engine import family

        name = self._kind.cancel_after
        if timeout is None:
            return family.cancel_after(self._engine, None, name)
        seconds = check_seconds("timeout", timeout, minimum=5.0, maximum=MAX_TIMEOUT * 24)
        return family.cancel_after(self._engine, round(seconds * 1000), name)

    @staticmethod
    def _switch_times(timeout: float, refresh: float | None) -> tuple[float, float]:
        from htx_swap._engine.dead_man import refresh_period

        seconds = check_seconds("timeout", timeout, minimum=5.0, maximum=MAX_TIMEOUT * 24)
        return seconds, refresh_period(seconds, refresh)

    def _open_orders(
        self,
        contract_code: str | None = None,
        *,
        kind: str = "limit",
        timeout: TimeoutArg | None = None,
    ) -> Flow[list[OpenOrder]]:
        """Every open order of ``kind`` ("limit", "trigger", "tpsl", "trailing"), every page;
        ``contract_code`` None lists limit orders of every contract (HTX lists the other kinds
        per contract only). Ids exact, numbers ``Decimal``. ``timeout`` bounds each attempt,
        as for every other method (default: the client's)."""
        from htx_swap._engine import family

        validate_choice("kind", kind, family.KINDS)
        naming = self._kind.naming  # "contract_code", or the futures' "symbol"
        if contract_code is None and kind != "limit":
            raise InvalidRequestError(naming, f"HTX lists {kind} orders per {naming}")
        code = None if contract_code is None else self._kind.contract_code(contract_code)
        return family.open_orders(kind, self._listing(kind, code, self._timeout(timeout)))

    def _listing(
        self, kind: str, code: str | None, timeout: httpx.Timeout | None
    ) -> Flow[OpenOrdersPage]:
        """Every page of ``kind``'s open orders of ``code`` (None: of every contract)."""
        from htx_swap._engine import family

        return family.read_open_orders(self._engine, kind, code, None, timeout, self._kind)

    def _panic(
        self, contract_codes: list[str] | None = None, *, deadline: float = DEFAULT_PANIC_DEADLINE
    ) -> Flow[PanicReport]:
        """Cancel every order of every kind on ``contract_codes`` (None: every contract with
        open orders: limit orders for swaps, limit and algo orders for USDT-M), then read open
        orders back until none is left or ``deadline`` seconds pass. ``report.clean`` is True
        only when every read came back empty."""
        seconds = check_seconds("deadline", deadline, minimum=0.001, maximum=MAX_TIMEOUT)
        codes = None
        if contract_codes is not None:
            if isinstance(contract_codes, str):
                raise InvalidRequestError("contract_codes", "must be a list of contract codes")
            codes = list(dict.fromkeys(self._kind.contract_code(c) for c in contract_codes))
        from htx_swap._engine import family

        return family.panic(self._engine, codes, seconds, self._panic_plan())

    def _panic_plan(self) -> PanicPlan:
        """What ``panic`` does on this client's product."""
        from htx_swap._engine import family

        return family.SWAP_PANIC


def check_push_url(url: object, field: str = "push_url") -> str:
    """A ``wss://`` URL (``ws://`` to a loopback host only) with a path and no user info,
    query or fragment."""
    if not isinstance(url, str):
        raise InvalidRequestError(field, f"must be a string, got {type(url).__name__}")
    if "@" in url or "?" in url or "#" in url:
        raise InvalidRequestError(field, "must not carry user info, a query or a fragment")
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise InvalidRequestError(field, f"{url!r} is not a URL ({exc})") from None
    if parsed.scheme not in {"wss", "ws"} or not parsed.host:
        raise InvalidRequestError(field, f"{url!r} needs wss:// and a host")
    if parsed.scheme == "ws" and not is_loopback_host(parsed.host):
        raise InvalidRequestError(
            field, f"{url!r} is plain ws; only wss is allowed, except to a loopback host"
        )
    return url


def _checked_hooks(event_hooks: object) -> EventHooks | None:
    from htx_swap._observe.hooks import check_event_hooks  # imported when hooks are given

    return check_event_hooks(event_hooks)


def check_seconds(field: str, value: object, *, minimum: float, maximum: float) -> float:
    """Finite seconds in ``[minimum, maximum]``."""
    seconds = as_seconds(value)
    if seconds is None or not minimum <= seconds <= maximum:
        raise InvalidRequestError(
            field, f"must be seconds in [{minimum:g}, {maximum:g}], got {shown(value)}"
        )
    return seconds


def _describe(method: Callable[..., Any], builder: Callable[..., Any]) -> None:
    """Give ``method`` the builder's public name, docstring and signature (for ``help()``),
    returning what the flow returns."""
    annotation = inspect.signature(builder).return_annotation
    if isinstance(annotation, str) and annotation.startswith("Flow["):
        annotation = annotation[len("Flow[") : -1]
    method.__name__ = method.__qualname__ = builder.__name__.lstrip("_")
    method.__doc__ = builder.__doc__
    method.__module__ = builder.__module__
    method.__signature__ = readable_signature(builder, returns=annotation)  # type: ignore[attr-defined]


def sync_method(
    builder: Callable[Concatenate[SelfT, P], Flow[T]],
) -> Callable[Concatenate[SelfT, P], T]:
    """A public sync method from a flow builder: same name, signature and docstring; a call
    that does not fit the signature is a ``TypeError`` naming the public method."""
    name = builder.__name__.lstrip("_")

    def method(self: SelfT, /, *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            flow = builder(self, *args, **kwargs)
        except TypeError:
            clearer = call_error(self, name, builder, args, kwargs)
            if clearer is None:  # the arguments fit: a TypeError from inside, as it was
                raise
            raise clearer from None
        quiet = calls.quiet()  # decided once a call: None when something watches it
        if quiet is None:  # OpenTelemetry or the log on: the call's span, metrics and lines
            flow = calls.observed(self._engine, name, flow, args, kwargs)
            try:
                return self._run(flow)  # type: ignore[attr-defined,no-any-return]
            except CallEnded as stop:  # a hook ended the call: its HookError
                raise calls.ended(stop, None) from stop.error.__cause__
        records, token = quiet  # nothing watches: only the attempts' records are kept
        try:
            result = self._run(flow)  # type: ignore[attr-defined]
        except HtxError as error:
            error.attempt_log = tuple(records)
            raise
        except CallEnded as stop:  # a hook ended the call: its HookError
            raise calls.ended(stop, records) from stop.error.__cause__
        finally:
            TRAIL.reset(token)
        kept = len(records)  # the result's own records, unless some are elsewhere or dropped
        if kept >= calls.MAX_RECORDS or len(getattr(result, "attempt_log", records)) != kept:
            return calls.with_log(result, records)  # type: ignore[no-any-return]
        return result  # type: ignore[no-any-return]

    _describe(method, builder)
    return method


def async_method(
    builder: Callable[Concatenate[SelfT, P], Flow[T]],
) -> Callable[Concatenate[SelfT, P], Coroutine[Any, Any, T]]:
    """A public coroutine method from a flow builder: same name, signature and docstring; a
    call that does not fit the signature is a ``TypeError`` naming the public method."""
    name = builder.__name__.lstrip("_")

    async def method(self: SelfT, /, *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            flow = builder(self, *args, **kwargs)
        except TypeError:
            clearer = call_error(self, name, builder, args, kwargs)
            if clearer is None:  # the arguments fit: a TypeError from inside, as it was
                raise
            raise clearer from None
        quiet = calls.quiet()  # decided once a call: None when something watches it
        if quiet is None:  # OpenTelemetry or the log on: the call's span, metrics and lines
            flow = calls.observed(self._engine, name, flow, args, kwargs)
            try:
                return await self._run(flow)  # type: ignore[attr-defined,no-any-return]
            except CallEnded as stop:  # a hook ended the call: its HookError
                raise calls.ended(stop, None) from stop.error.__cause__
        records, token = quiet  # nothing watches: only the attempts' records are kept
        try:
            result = await self._run(flow)  # type: ignore[attr-defined]
        except HtxError as error:
            error.attempt_log = tuple(records)
            raise
        except CallEnded as stop:  # a hook ended the call: its HookError
            raise calls.ended(stop, records) from stop.error.__cause__
        finally:
            TRAIL.reset(token)
        kept = len(records)  # the result's own records, unless some are elsewhere or dropped
        if kept >= calls.MAX_RECORDS or len(getattr(result, "attempt_log", records)) != kept:
            return calls.with_log(result, records)  # type: ignore[no-any-return]
        return result  # type: ignore[no-any-return]

    _describe(method, builder)
    return method


class both_drivers(Generic[P, T]):
    """A public method of a product's surface, for both of its clients: on a ``SyncDriver``'s
    class ``sync_method(builder)``, on an ``AsyncDriver``'s ``async_method(builder)`` (each
    driver class names its maker as ``_public_method``). One method table serves a product's
    sync and async client, typed for each."""

    def __init__(self, builder: Callable[Concatenate[Any, P], Flow[T]]) -> None:
        self._builder = builder
        self._made: dict[type, Callable[..., Any]] = {}

    @overload
    def __get__(
        self, obj: AsyncDriver, owner: type | None = None
    ) -> Callable[P, Coroutine[Any, Any, T]]: ...
    @overload
    def __get__(self, obj: SyncDriver, owner: type | None = None) -> Callable[P, T]: ...
    @overload
    def __get__(self, obj: None, owner: type | None = None) -> Callable[..., Any]: ...
    def __get__(self, obj: object, owner: type | None = None) -> Callable[..., Any]:
        cls = owner if owner is not None else type(obj)
        made = self._made.get(cls)
        if made is None:
            maker = getattr(cls, "_public_method", None)
            if maker is None:  # the surface itself: the flow builder
                return self._builder if obj is None else self._builder.__get__(obj, cls)
            made = self._made[cls] = maker(self._builder)
        return made if obj is None else made.__get__(obj, cls)
