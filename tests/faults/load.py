"""A bounded load loop: a few threads sending authenticated GETs in turn, every answer timed."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import requests


@dataclass(frozen=True)
class Outcome:
    path: str
    started: float  # time.monotonic()
    latency: float
    status: int | None  # None: no HTTP answer at all (refused, reset, timed out)
    code: str | None = None  # the error envelope's `code`, when the body is one
    has_request_id: bool = False

    @property
    def ended(self) -> float:
        return self.started + self.latency


class Load:
    """`threads` clients, each cycling through `paths` with a short pause, until stopped or `max_s` passed."""

    def __init__(self, base_url: str, headers: dict[str, str], paths: list[str], *, threads: int = 4,
                 pause_s: float = 0.01, timeout_s: float = 10, max_s: float = 60) -> None:
        self.base_url, self.headers, self.paths = base_url, headers, paths
        self.pause_s, self.timeout_s = pause_s, timeout_s
        self.deadline = time.monotonic() + max_s
        self.outcomes: list[Outcome] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(threads)]

    def __enter__(self) -> "Load":
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=self.timeout_s + 5)

    def _run(self, offset: int) -> None:
        client = requests.Session()
        client.headers.update(self.headers)
        n = offset
        while not self._stop.is_set() and time.monotonic() < self.deadline:
            path = self.paths[n % len(self.paths)]
            n += 1
            self.outcomes.append(self._one(client, path))  # list.append is atomic in CPython
            self._stop.wait(self.pause_s)

    def _one(self, client: requests.Session, path: str) -> Outcome:
        started = time.monotonic()
        try:
            reply = client.get(self.base_url + path, timeout=self.timeout_s)
        except requests.RequestException:
            return Outcome(path, started, time.monotonic() - started, None)
        latency = time.monotonic() - started
        try:
            body = reply.json()
        except ValueError:
            body = None
        envelope = isinstance(body, dict) and "code" in body and "error" in body
        return Outcome(path, started, latency, reply.status_code, body["code"] if envelope else None,
                       bool(envelope and body.get("request_id")))

    def between(self, start: float, end: float) -> list[Outcome]:
        """The requests sent from `start` to `end` (monotonic)."""
        return [o for o in list(self.outcomes) if start <= o.started < end]

    def wait_for(self, condition, timeout_s: float) -> bool:
        """Poll (every 20 ms, at most `timeout_s`) until condition(outcomes) holds."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if condition(list(self.outcomes)):
                return True
            time.sleep(0.02)
        return False
