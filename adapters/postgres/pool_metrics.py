"""Connection-pool gauges for /metrics, fed by SQLAlchemy pool events (all workers summed)."""
from __future__ import annotations

import sqlalchemy as sa
from prometheus_client import Gauge

CHECKED_OUT = Gauge("ignition_db_pool_checked_out", "Database connections in use", multiprocess_mode="livesum")
OPEN = Gauge("ignition_db_pool_connections", "Database connections open", multiprocess_mode="livesum")
CAPACITY = Gauge("ignition_db_pool_size", "Database pool capacity", multiprocess_mode="livesum")


def instrument(engine: sa.Engine, pool_size: int) -> None:
    """Count connections as the pool opens, lends, takes back and closes them."""
    CAPACITY.inc(pool_size)
    sa.event.listen(engine, "connect", lambda *_: OPEN.inc())
    sa.event.listen(engine, "close", lambda *_: OPEN.dec())
    sa.event.listen(engine, "close_detached", lambda *_: OPEN.dec())
    sa.event.listen(engine, "checkout", lambda *_: CHECKED_OUT.inc())
    sa.event.listen(engine, "checkin", lambda *_: CHECKED_OUT.dec())
