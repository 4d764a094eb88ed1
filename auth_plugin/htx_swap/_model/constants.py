"""Every default of the SDK, in one place. Per-operation facts (ids per request, rate-limit
buckets) are not here: they come from ``openapi.yaml`` through generation (``codec.OPERATIONS``).
"""

from __future__ import annotations

__all__ = [
    "ALREADY_CANCELLING",
    "ATTEMPT_GUARD_GRACE",
    "DEFAULT_BACKOFF_INITIAL",
    "DEFAULT_BACKOFF_MAX",
    "DEFAULT_BASE_URL",
    "DEFAULT_CONFIRM_DEADLINE",
    "DEFAULT_MAX_CONCURRENCY",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_PANIC_DEADLINE",
    "DEFAULT_TIMEOUT",
    "HTX_TIMESTAMP_TOLERANCE",
    "LATE_ARRIVAL_MARGIN",
    "MAX_CLOCK_OFFSET",
    "MAX_RECORDS",
    "MAX_SERVER_WAIT",
    "MAX_TIMEOUT",
    "POLL_FIRST_PAUSE",
    "POLL_MAX_PAUSE",
]

DEFAULT_BASE_URL = "https://api.hbdm.com"
DEFAULT_TIMEOUT = 10.0  # seconds for one attempt, connect to last byte
MAX_RECORDS = 1000  # a call keeps the records of its last 1,000 attempts: memory stays bounded
MAX_TIMEOUT = 3600.0  # a longer attempt is a mistake, not a wish
DEFAULT_MAX_RETRIES = 2
DEFAULT_BACKOFF_INITIAL = 0.5
DEFAULT_BACKOFF_MAX = 8.0
MAX_SERVER_WAIT = 60.0  # a longer Retry-After / recovery-time is raised at once, not waited for
DEFAULT_MAX_RESPONSE_BYTES = 1 << 20  # HTX's answers are a few KiB
DEFAULT_MAX_CONCURRENCY = 16  # AsyncSwapClient: requests of one call in flight at once
DEFAULT_CONFIRM_DEADLINE = 5.0
DEFAULT_PANIC_DEADLINE = 10.0
MAX_CLOCK_OFFSET = 3600.0  # a server clock further off than this is not believed
# cancel_and_confirm polls order info at once, then after POLL_FIRST_PAUSE, doubling, at most
# POLL_MAX_PAUSE apart.
POLL_FIRST_PAUSE = 0.02
POLL_MAX_PAUSE = 0.06
# 1062 (cancelling) and 1071 (repeated cancel): a cancel of the order took before this one
ALREADY_CANCELLING = frozenset({1062, 1071})
# How long after an attempt's end its guard ends it (the async driver's asyncio.timeout, the
# sync driver's wait on a caller's client): httpx's own timeouts, cut to the same end, fire
# first, so a connection never made is told from an answer that came too slowly.
ATTEMPT_GUARD_GRACE = 0.05
# HTX refuses a signed request whose Timestamp is further than this from its own clock (its
# docs: 5 minutes): a request signed with Timestamp T cannot be taken once HTX's clock is past
# T + this. LATE_ARRIVAL_MARGIN covers HTX reading its clock in whole seconds and the moment
# between a request's check at HTX's gateway and its effect.
HTX_TIMESTAMP_TOLERANCE = 300.0
LATE_ARRIVAL_MARGIN = 10.0
