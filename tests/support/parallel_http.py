"""Real parallel HTTP on 127.0.0.1: an app served by a threaded server, a signed-in requests session,
and calls released from many threads at the same instant."""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import requests
from werkzeug.serving import make_server


@contextmanager
def serving(app) -> Iterator[str]:
    """Serve `app` from a threaded server on a free loopback port; yields its base URL and stops it on exit."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        thread.join(timeout=10)
        httpd.server_close()


def signed_in(base: str, email: str) -> requests.Session:
    """A session signed in through the development login at `base`, sending its CSRF token on every request."""
    http = requests.Session()
    http.trust_env = False  # loopback: no proxy from the environment
    reply = http.post(f"{base}/auth/dev/login", json={"email": email}, timeout=10)
    assert reply.status_code == 200, reply.text
    http.headers["X-CSRF-Token"] = reply.headers["X-CSRF-Token"]
    return http


def together(calls: list[Callable[[], object]]) -> list:
    """Run each call from a thread of its own, all released at the same instant by a barrier; their results
    in the order of `calls`."""
    barrier = threading.Barrier(len(calls))

    def one(call):
        barrier.wait(timeout=10)
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(one, calls))
