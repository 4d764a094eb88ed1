"""A process holding one account's dead man's switch through a ``RedisSwitchCoordinator``:
``python -m tests.many_processes.holder EXCHANGE_URL REDIS_URL`` (keys in HTX_ACCESS_KEY /
HTX_SECRET_KEY). Prints "armed", then on a line "exit" on stdin leaves the block cleanly and
prints how it went as JSON."""

from __future__ import annotations

import json
import sys

from htx_swap import HtxCredentials, HtxError, RedisSwitchCoordinator, SwapClient

TIMEOUT, REFRESH = 5.0, 0.3


def main(url: str, redis_url: str) -> int:
    coordinator = RedisSwitchCoordinator(redis_url, account="switch")
    outcome: dict[str, object] = {}
    with SwapClient(HtxCredentials.from_env(), base_url=url) as client:
        try:
            with client.dead_mans_switch(TIMEOUT, refresh=REFRESH, coordinator=coordinator):
                print("armed", flush=True)
                sys.stdin.readline()
        except HtxError as error:
            outcome["error"] = type(error).__name__
    outcome["last_exit"] = coordinator.last_exit
    print(json.dumps(outcome), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
