"""`mkdocs serve` run as a child process and read line by line: shared by serve_rebuild.py and
the tests that edit a served site (tests/integration/test_serve_rebuild.py)."""

from __future__ import annotations

import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path


class ServeError(RuntimeError):
    """The server failed, ended, or did not log what was awaited in time."""


class Server:
    """`mkdocs serve [options]` of a site folder on a free local port, its log read line by line."""

    def __init__(self, root: Path, env: Mapping[str, str], *options: str, wait: float = 600):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.wait = wait  # seconds for a build to end before giving up
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *options, "-a", f"127.0.0.1:{self.port}"], cwd=root,
            env=dict(env), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line)
        self.lines.put("")  # the server ended

    def wait_for(self, words: str) -> str:
        """The log from the last wait up to a line holding `words`; fails on an error logged or
        when the server ends."""
        deadline, start = time.monotonic() + self.wait, len(self.log)
        while True:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise ServeError(f"mkdocs serve: no '{words}' in {self.wait} s:\n{self.tail()}") from None
            self.log.append(line)
            if not line or "ERROR" in line:
                raise ServeError(f"mkdocs serve failed:\n{self.tail()}")
            if words in line:
                return "".join(self.log[start:])

    def tail(self) -> str:
        return "".join(self.log[-30:])

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
