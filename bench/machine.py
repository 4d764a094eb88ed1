"""What the figures were measured on: cores, CPU, Python and the contenders' versions."""

from __future__ import annotations

import os
import platform
from importlib.metadata import PackageNotFoundError, version

__all__ = ["describe"]


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def describe() -> str:
    packages = ", ".join(
        f"{name} {_version(name)}"
        for name in (
            "htx-swap-sdk",
            "httpx",
            "httpcore",
            "h11",
            "attrs",
            "ccxt",
            "requests",
            "uvicorn",
        )
    )
    return (
        f"{os.cpu_count()} cores ({_cpu_model()}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; {packages}"
    )
