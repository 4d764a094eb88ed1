"""A real ``redis-server`` (Debian's package, ``apt-get install redis-server``; ``.ci/run``
installs it) in a child process on a loopback port: started, stopped, paused and started again
on the same port, optionally with a password (``requirepass``)."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import tempfile
import time
from types import TracebackType
from typing import Self

__all__ = ["RedisServer", "free_port"]

START_TIMEOUT = 10.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class RedisServer:
    """``redis-server`` on 127.0.0.1:``port``, no persistence, in a temporary directory."""

    def __init__(self, *, password: str | None = None, port: int | None = None) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError(
                "redis-server is not installed: apt-get install redis-server (.ci/run does)"
            )
        self.binary = binary
        self.password = password
        self._port_given = port is not None
        self.port = port or free_port()
        self._dir = tempfile.TemporaryDirectory(prefix="htx-redis-")
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
        self._dir.cleanup()

    def start(self) -> Self:
        for _ in range(2):  # a port picked free may be taken before the server binds it
            try:
                return self._start()
            except RuntimeError:
                if self._port_given:  # given, or kept across a restart
                    raise
                self.port = free_port()
        return self._start()

    def _start(self) -> Self:
        argv = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1"]
        argv += ["--save", "", "--appendonly", "no", "--dir", self._dir.name]
        if self.password:
            argv += ["--requirepass", self.password]
        self._process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        end = time.monotonic() + START_TIMEOUT
        while time.monotonic() < end:
            if self._process.poll() is not None:  # exited: the port was taken, say
                break
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    pass
            except OSError:
                time.sleep(0.02)
                continue
            time.sleep(0.05)  # still running once it answers: it is ours that listens
            if self._process.poll() is None:
                self._port_given = True  # a restart comes back on this port
                return self
        self.stop()
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGCONT)
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
