"""The dead man's switch of ``POST /swap-api/v1/swap-cancel-after``, one per access key.

``on_off=1`` arms (or re-arms) a countdown of ``time_out`` ms from now; ``on_off=0`` turns it
off. If it is not refreshed before ``trigger_time`` it fires: the exchange cancels the open
orders (HTX's page: "all pending orders, including both opening and closing orders") and the
switch is off again, marked as fired. The exchange checks countdowns on a timer, every
``ExchangeSettings.cancel_after_check_interval`` seconds (about 10 ms, as HTX does), so a
switch fires up to that much after its time.

Times are server-clock milliseconds, skew included.
"""

from __future__ import annotations

import threading

import attrs

__all__ = ["CancelAfterState", "DeadMansSwitches"]


@attrs.frozen
class CancelAfterState:
    """One key's switch. ``armed``: counting down to ``trigger_time``. ``fired``: how many
    times it has fired (``fired_at`` the last time, ``cancelled`` the order ids it cancelled
    then)."""

    armed: bool = False
    time_out: int = 0  # ms, as last set
    trigger_time: int = 0  # ms; 0 when not armed
    fired: int = 0
    fired_at: int = 0
    cancelled: tuple[str, ...] = ()


_OFF = CancelAfterState()


class DeadMansSwitches:
    """The switches of every access key; thread-safe (the timer fires them on the server's
    loop while tests read them from their own thread)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._switches: dict[str, CancelAfterState] = {}

    def get(self, access_key: str) -> CancelAfterState:
        with self._lock:
            return self._switches.get(access_key, _OFF)

    def all(self) -> dict[str, CancelAfterState]:
        with self._lock:
            return dict(self._switches)

    def arm(self, access_key: str, time_out: int, now_ms: int) -> CancelAfterState:
        """Start (or restart) the countdown: it fires at ``now_ms + time_out``."""
        with self._lock:
            old = self._switches.get(access_key, _OFF)
            new = attrs.evolve(old, armed=True, time_out=time_out, trigger_time=now_ms + time_out)
            self._switches[access_key] = new
            return new

    def disarm(self, access_key: str) -> CancelAfterState:
        with self._lock:
            old = self._switches.get(access_key, _OFF)
            new = attrs.evolve(old, armed=False, trigger_time=0)
            self._switches[access_key] = new
            return new

    def take_due(self, now_ms: int) -> list[str]:
        """The keys whose countdown has run out at ``now_ms``; each is turned off and counted
        as fired (``record_cancelled`` then says what it cancelled)."""
        with self._lock:
            due = [
                key
                for key, switch in self._switches.items()
                if switch.armed and switch.trigger_time <= now_ms
            ]
            for key in due:
                switch = self._switches[key]
                self._switches[key] = attrs.evolve(
                    switch, armed=False, fired=switch.fired + 1, fired_at=now_ms, cancelled=()
                )
            return due

    def record_cancelled(self, access_key: str, order_ids: tuple[str, ...]) -> None:
        with self._lock:
            switch = self._switches.get(access_key, _OFF)
            self._switches[access_key] = attrs.evolve(switch, cancelled=order_ids)

    def clear(self) -> None:
        with self._lock:
            self._switches.clear()
