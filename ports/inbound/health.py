"""Readiness: every dependency probed, each reported ok or down."""
from __future__ import annotations

import logging

from ports.outbound.health import HealthProbe

log = logging.getLogger("ignition.health")


def check_health(probes: list[HealthProbe]) -> tuple[bool, dict[str, str]]:
    """(all ok, name → "ok" | "down") — a failing probe never raises out of here."""
    checks = {}
    for probe in probes:
        try:
            probe.check()
            checks[probe.name] = "ok"
        except Exception as error:  # a probe may fail in any way; the report is the point
            log.warning("health check %s failed: %s", probe.name, type(error).__name__)
            checks[probe.name] = "down"
    return all(v == "ok" for v in checks.values()), checks
