"""Is the database answering?"""
from __future__ import annotations

import sqlalchemy as sa

from ports.outbound.health import HealthProbe


class PgHealthProbe(HealthProbe):
    name = "database"

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def check(self) -> None:
        with self.engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
