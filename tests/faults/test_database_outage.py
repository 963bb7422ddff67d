"""Postgres stopped under load: 503 envelopes within 2 s, /health says so, and the same gunicorn
recovers within 5 s of Postgres coming back on its port.

The service runs under gunicorn (two sync workers, production settings) on a private cluster of
its own, never the suite's shared one. Four clients send authenticated GETs of a single row
(/me) and of a list (/focus) throughout; every answer is timed.
"""
from __future__ import annotations

import time

import pytest
import requests

from tests.faults.conftest import browser, production_env, sign_in, stop_cluster
from tests.faults.load import Load
from tests.support.servers import Instance, stop

PATHS = ["/api/v1/me", "/api/v1/focus"]
MAX_503_S = 2.0
RECOVERY_S = 5.0


def timed_get(url: str) -> tuple[float, requests.Response]:
    started = time.monotonic()
    reply = requests.get(url, timeout=10)
    return time.monotonic() - started, reply


def recovered_since(up: float):
    """A wait condition: a second of nothing but 200s (and at least 20 of them) after `up`."""
    def condition(outcomes) -> bool:
        after = [o for o in outcomes if o.started >= up]
        last_bad = max((o.ended for o in after if o.status != 200), default=up)
        return time.monotonic() - last_bad >= 1 and sum(o.started > last_bad for o in after) >= 20
    return condition


@pytest.fixture(scope="module")
def service(own_cluster, tmp_path_factory):
    """One gunicorn for the module's tests, and a signed-in client."""
    url = own_cluster.url("ignition", driver="postgresql+psycopg")
    token, _ = sign_in(url)
    folder = tmp_path_factory.mktemp("outage")
    instance = Instance(folder, production_env(url, folder), workers=2)
    try:
        yield instance, browser(instance.url, token)
    finally:
        stop(instance.process)


@pytest.fixture
def cluster(own_cluster):
    """The service's cluster; whatever the test did to it, it runs again afterwards for the next test."""
    yield own_cluster
    own_cluster.start(fast=True)


def log_tail(instance: Instance) -> str:
    return "\n".join(line for line in instance.log.read_text().splitlines()[-400:] if '"status":5' in line
                     or "unavailable" in line or "ERROR" in line)[-4000:]


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_requests_answer_503_while_postgres_is_down_and_succeed_again_once_it_is_back(mode, service, cluster):
    instance, client = service
    workers = sorted(instance.workers())
    with Load(instance.url, dict(client.headers), PATHS) as load:
        assert load.wait_for(lambda outcomes: sum(o.status == 200 for o in outcomes) >= 20, 15)
        stopping = time.monotonic()
        stop_cluster(cluster, mode)
        down = time.monotonic()
        time.sleep(1.5)
        health_s, health = timed_get(instance.url + "/health")
        restarting = time.monotonic()
        cluster.start(fast=True)  # the same folder, so the same port
        up = time.monotonic()
        assert load.wait_for(recovered_since(up), 15), "no second of successes within 15 s of the restart"
    outcomes = load.outcomes

    before = [o for o in outcomes if o.ended < stopping]
    outage = load.between(down, restarting)
    after = [o for o in outcomes if o.started >= up]
    first_ok = min(o.ended for o in after if o.status == 200) - up
    all_ok = max((o.ended for o in after if o.status != 200), default=up) - up
    worst = max(o.latency for o in outage)
    print(f"\npg stop -m {mode}: {len(outage)} requests while down, max latency {worst * 1000:.0f} ms, "
          f"/health {health_s * 1000:.0f} ms; back up: first success {first_ok * 1000:.0f} ms, "
          f"all succeed from {all_ok * 1000:.0f} ms ({len(outcomes)} requests in all)")

    assert before and all(o.status == 200 for o in before)
    assert len(outage) >= 20
    assert {(o.status, o.code, o.has_request_id) for o in outage} == {(503, "unavailable", True)}
    assert worst < MAX_503_S
    assert {o.status for o in outcomes} <= {200, 503}, "no 500s and no dropped connections, ever"
    assert health.status_code == 503 and health.json()["checks"]["database"] == "down"
    assert health_s < MAX_503_S
    assert first_ok < RECOVERY_S and all_ok < RECOVERY_S
    assert requests.get(instance.url + "/health", timeout=10).json()["checks"]["database"] == "ok"
    assert sorted(instance.workers()) == workers, "gunicorn's workers were replaced"


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_a_worker_idle_through_the_outage_serves_its_first_request_after_the_restart(mode, service, cluster):
    """No traffic while Postgres is down, so nothing told the pools their connections died: the
    first request on each pooled connection afterwards must not be the one that finds out."""
    instance, client = service
    warm = [client.get(instance.url + "/api/v1/me", timeout=10).status_code for _ in range(10)]
    assert warm == [200] * 10  # each worker that served one keeps a pooled connection
    stop_cluster(cluster, mode)
    cluster.start(fast=True)
    statuses = [client.get(instance.url + path, timeout=10).status_code for path in PATHS * 5]
    assert statuses == [200] * 10, log_tail(instance)
    assert requests.get(instance.url + "/health", timeout=10).json()["checks"]["database"] == "ok"
