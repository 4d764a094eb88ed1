"""How to install the ``mock`` extra (uvicorn, trustme, websockets), said once for the server's
ImportError, the pytest fixture and ``htx-swap-mock``.

htx-swap-sdk is on no package index, so ``pip install 'htx-swap-sdk[mock]'`` finds nothing: the
extra is installed from where the SDK came from. Where pip recorded that (PEP 610's
``direct_url.json``: a clone, a URL, a wheel), the first line says it for this install.
Standard library only: it runs where the extra is missing.
"""

from __future__ import annotations

import json
from importlib import metadata
from urllib.parse import unquote, urlsplit

__all__ = ["DISTRIBUTION", "install_hint", "recorded_install"]

DISTRIBUTION = "htx-swap-sdk"
_WAYS = (
    "pip install '.[mock]'   # in a clone of the repository, in its root directory",
    f"pip install '{DISTRIBUTION}[mock] @ git+<the repository's URL>'",
    "pip install '<path to htx_swap_sdk-<version>-py3-none-any.whl>[mock]'   # a built wheel",
)


def _local_path(url: str) -> str | None:
    parts = urlsplit(url)
    return unquote(parts.path) if parts.scheme == "file" else None


def recorded_install(direct_url: str | None) -> str | None:
    """The pip command that adds the extra to this install, from the ``direct_url.json`` pip
    wrote when it installed the SDK (None when there is none, or it cannot be read).

    >>> recorded_install('{"url": "file:///src/htx", "dir_info": {"editable": true}}')
    "pip install -e '/src/htx[mock]'"
    >>> recorded_install('{"url": "https://g.example/o/htx.git", "vcs_info": {"vcs": "git",'
    ...                  ' "commit_id": "abc", "requested_revision": "v0.1.0"}}')
    "pip install 'htx-swap-sdk[mock] @ git+https://g.example/o/htx.git@v0.1.0'"
    """
    try:
        recorded = json.loads(direct_url or "null")
    except ValueError:
        return None
    url = recorded.get("url") if isinstance(recorded, dict) else None
    if not isinstance(url, str) or not url:
        return None
    vcs = recorded.get("vcs_info")
    if isinstance(vcs, dict):
        revision = vcs.get("requested_revision") or vcs.get("commit_id")
        pinned = f"@{revision}" if isinstance(revision, str) and revision else ""
        return f"pip install '{DISTRIBUTION}[mock] @ {vcs.get('vcs', 'git')}+{url}{pinned}'"
    path = _local_path(url)
    if path is None:
        return f"pip install '{DISTRIBUTION}[mock] @ {url}'"
    dir_info = recorded.get("dir_info")
    editable = isinstance(dir_info, dict) and dir_info.get("editable") is True
    return f"pip install {'-e ' if editable else ''}'{path}[mock]'"


def _direct_url() -> str | None:
    try:
        return metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None


def install_hint() -> str:
    """Lines saying how to install the extra: for this install when pip recorded where it came
    from, then the ways the README's Install section gives."""
    lines = ["the SDK is on no package index: install its `mock` extra from where it came from"]
    mine = recorded_install(_direct_url())
    if mine is not None:
        lines.append(f"  {mine}   # where this install came from")
    lines += [f"  {way}" for way in _WAYS]
    return "\n".join(lines)
