"""``RedisSwitchCoordinator``: one account's dead man's switch held by many processes and hosts.

Give it to ``dead_mans_switch(timeout, coordinator=...)``. Each process holding the switch
registers a lease in Redis, renewed at each refresh and lapsing ``timeout`` seconds (the
switch's own) after its last renewal, by Redis's clock (``TIME``, in Lua scripts):

- clean exit: the holder leaves; HTX's switch is turned off only by the **last** holder to
  leave, and only when no holder died while holding it. Any other holder leaves it armed, for
  the holders still running to refresh.
- a holder that dies (crash, SIGKILL, an exception out of its block) stops renewing; once its
  lease lapses the next holder to talk to Redis marks the account "a holder died". HTX's
  switch stays armed, refreshed by the live holders; when the last of them leaves, it leaves
  it armed, and HTX fires it ``timeout`` seconds later: the dead process's orders are cancelled.
- a holder paused past its lease (SIGSTOP) counts as dead the same way; when it runs again its
  next refresh finds its lease gone: ``switch.check()`` and the exit raise
  ``SwitchLeaseLostError``, and it never turns the switch off.
- Redis lost: entering the block raises ``SwitchCoordinationError`` (nothing is sent to HTX);
  inside the block the refreshes of HTX's switch go on and a failed renewal is logged once; a
  clean exit that cannot reach Redis leaves HTX's switch armed and raises
  ``SwitchMayBeArmedError``.
"""

from __future__ import annotations

import logging
import os
import uuid
from typing import Literal

from htx_swap._model.errors import HtxError, SwitchMayBeArmedError
from htx_swap._redis.redis_limiter import (
    DEFAULT_REDIS_TIMEOUT,
    KEY_PREFIX,
    _checked_account,
    _redis_module,
    connect,
    redacted,
)

__all__ = ["RedisSwitchCoordinator", "SwitchCoordinationError", "SwitchLeaseLostError"]

LOG = logging.getLogger("htx_swap.redis")
Exit = Literal["last", "others", "died"]

# Every script first moves the holders whose lease lapsed (score <= now) to "died".
# KEYS: holders (zset: holder -> lease end, ms), died (string). ARGV: holder, lease (ms).
_SWEEP = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lapsed = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
if #lapsed > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
  redis.call('SET', KEYS[2], table.concat(lapsed, ','))
end
local keep = tonumber(ARGV[2]) * 2 + 1000
"""
# Returns 1: renewed (or joined); 0: this holder's lease was gone: renewed, the account marked.
RENEW = (
    _SWEEP
    + """
local present = redis.call('ZSCORE', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], keep)
if ARGV[3] == 'join' and redis.call('EXISTS', KEYS[3]) == 1 then
  redis.call('SET', KEYS[4], ARGV[1], 'PX', keep)  -- the last one leaving arms it again
end
if ARGV[3] == 'join' or present then
  if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('PEXPIRE', KEYS[2], keep) end
  return 1
end
-- its lease was gone (lapsed, or Redis lost its data): back in, the account marked "a holder
-- died", so that no clean exit turns off a switch a holder may have counted on
redis.call('SET', KEYS[2], ARGV[1], 'PX', keep)
return 0
"""
)
# ARGV[3]: '1' clean exit, '0' not. Returns 'lost' (this holder's lease had lapsed), else
# 'others', 'died' or 'last' (turn it off).
LEAVE = (
    _SWEEP
    + """
local present = redis.call('ZREM', KEYS[1], ARGV[1])
if ARGV[3] ~= '1' or present == 0 then
  redis.call('SET', KEYS[2], ARGV[1], 'PX', keep)
end
local answer = 'last'
if redis.call('ZCARD', KEYS[1]) > 0 then
  answer = 'others'
else
  if redis.call('GET', KEYS[2]) then
    answer = 'died'
  else  -- it turns the switch off: a holder joining meanwhile must find it armed again
    redis.call('SET', KEYS[3], ARGV[1], 'PX', keep)
    redis.call('DEL', KEYS[4])
  end
  redis.call('DEL', KEYS[1], KEYS[2])
end
if present == 0 then return 'lost' end
return answer
"""
)

# After the last holder's turn-off was answered: 1 when a holder joined meanwhile (the switch
# must be armed again), else 0. KEYS: holders, died, leaving, joined while leaving.
TURNED_OFF = """
local joined = redis.call('GET', KEYS[4])
redis.call('DEL', KEYS[3], KEYS[4])
if joined and redis.call('ZCARD', KEYS[1]) > 0 then return 1 end
return 0
"""


class SwitchCoordinationError(HtxError):
    """Redis could not be asked about the account's switch (unreachable, wrong password, too
    slow): entering the block sends nothing; at a clean exit the switch is left armed."""


class SwitchLeaseLostError(SwitchMayBeArmedError):
    """This holder's lease lapsed before it renewed it (the process was paused or cut off from
    Redis for the switch's whole timeout, or Redis lost its data): it counted as dead, and the
    account's switch is no longer turned off by any clean exit; HTX fires it once every holder
    has left. The holder renewed its lease and goes on refreshing the switch meanwhile."""


class RedisSwitchCoordinator:
    """The holders of one account's dead man's switch, in the Redis at ``url``: pass it as
    ``dead_mans_switch(timeout, coordinator=...)`` in every process of ``account``. One object
    per block (it is one holder); ``last_exit`` says how its block's clean exit went: "last"
    (it turned the switch off), "others" (holders remain: left armed), "died" (a holder died:
    left armed to fire)."""

    def __init__(
        self, url: str, *, account: str, redis_timeout: float = DEFAULT_REDIS_TIMEOUT
    ) -> None:
        self.account = _checked_account(account)
        self.url = redacted(url)
        self._redis = connect(url, timeout=redis_timeout)
        self._keys = self._keys_of("swap_cancel_after")
        self._renew = self._redis.register_script(RENEW)
        self._leave = self._redis.register_script(LEAVE)
        self._turned_off = self._redis.register_script(TURNED_OFF)
        self.holder = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        self.lease = 0.0
        self.last_exit: Exit | None = None
        self._warned = False
        self._lost: SwitchLeaseLostError | None = None  # the lease lapsed once, renewed since

    def __repr__(self) -> str:
        return f"RedisSwitchCoordinator({self.url!r}, account={self.account!r})"

    def _failed(self, what: str, error: BaseException) -> SwitchCoordinationError:
        return SwitchCoordinationError(
            f"dead man's switch of {self.account}: Redis at {self.url} could not {what} "
            f"({type(error).__name__}: {error})"
        )

    def _keys_of(self, switch: str) -> list[str]:
        """The Redis keys of ``switch`` (its operation: each product's switch is HTX's own, so
        a futures holder never keeps the swaps' switch armed, nor the other way round)."""
        prefix = f"{KEY_PREFIX}:{{{self.account}}}:switch"
        if switch != "swap_cancel_after":
            prefix = f"{prefix}:{switch}"
        return [f"{prefix}:{name}" for name in ("holders", "died", "leaving", "joined")]

    def join(self, lease: float, switch: str = "swap_cancel_after") -> None:
        """Register this holder of ``switch`` (the product's switch operation: the coin-M
        swaps' by default) with a lease of ``lease`` seconds (the switch's timeout)."""
        self.lease = lease
        self._keys = self._keys_of(switch)
        try:
            self._renew(keys=self._keys, args=[self.holder, round(lease * 1000), "join"])
        except (_redis_module().exceptions.RedisError, OSError) as error:
            raise self._failed("register this holder", error) from None

    def _lease_lost(self) -> SwitchLeaseLostError:
        return SwitchLeaseLostError(
            f"dead man's switch of {self.account}: this holder's lease lapsed (paused or cut "
            f"off from Redis for {self.lease:g} s, or Redis lost its data): it counted as dead, "
            "and the switch will not be turned off by any clean exit: HTX fires it once every "
            "holder has left (this holder refreshes it meanwhile)"
        )

    def renew(self) -> None:
        """Extend the lease (after each refresh); ``SwitchLeaseLostError`` when it had lapsed.
        Redis unreachable: logged once, the lease runs on."""
        try:
            alive = self._renew(keys=self._keys, args=[self.holder, round(self.lease * 1000), ""])
        except (_redis_module().exceptions.RedisError, OSError) as error:
            if not self._warned:
                self._warned = True
                LOG.warning("%s; the switch's refreshes go on", self._failed("renew", error))
            return
        if not alive:
            self._lost = self._lease_lost()
            LOG.warning("%s", self._lost)
            raise self._lost

    def leave(self, *, clean: bool) -> Exit:
        """Leave; "last" when this was the last holder, every one left cleanly (turn the
        switch off). ``SwitchCoordinationError`` when Redis cannot say, ``SwitchLeaseLostError``
        when this holder's lease had lapsed (it counted as dead: the switch is left armed)."""
        try:
            answer = self._leave(
                keys=self._keys, args=[self.holder, round(self.lease * 1000), int(clean)]
            )
        except (_redis_module().exceptions.RedisError, OSError) as error:
            raise self._failed("say whether other holders remain", error) from None
        text = answer.decode() if isinstance(answer, bytes) else str(answer)
        if text == "lost":
            self.last_exit = "died"
            raise self._lease_lost()
        exit_: Exit = "last" if text == "last" else "others" if text == "others" else "died"
        self.last_exit = exit_
        if self._lost is not None:  # renewed marked: the switch was not turned off by this
            raise self._lost
        return exit_

    def turned_off(self) -> bool:
        """The last holder's turn-off was answered: True when a holder joined between its
        leave and then (this holder arms the switch again for it; ``last_exit`` "others").
        Redis unreachable: False (the joiner's own refreshes arm it again)."""
        try:
            joined = self._turned_off(keys=self._keys, args=[])
        except (_redis_module().exceptions.RedisError, OSError):
            return False
        if joined:
            self.last_exit = "others"
        return bool(joined)

    def close(self) -> None:
        """Close the connections to Redis."""
        self._redis.close()
