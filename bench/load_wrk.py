"""Running wrk: one endpoint's warm-up and measurement, read back from the BENCH_RESULT line that
bench/wrk/common.lua's done() prints (wrk's own text report is kept for the record)."""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

WRK_DIR = Path(__file__).resolve().parent / "wrk"


@dataclass(frozen=True)
class Endpoint:
    name: str
    script: str  # in bench/wrk/
    args: tuple[str, ...] = ()
    authenticated_read: bool = False  # the 0.8-of-the-ceiling target applies


@dataclass(frozen=True)
class Measurement:
    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    unexpected_status: int  # responses of another status than the script expects (every non-2xx among them)
    wrk_errors: dict[str, int]  # wrk's own counts: socket errors, timeouts, statuses of 400 and above
    first_unexpected: str
    app_cpu_ms: float = 0.0  # CPU time of the server's workers per request, filled in by the caller

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    @property
    def failed(self) -> bool:
        return bool(self.unexpected_status or any(self.wrk_errors.values()))

    def as_json(self) -> dict:
        return {**asdict(self), "rps": round(self.rps, 1), "app_cpu_ms": round(self.app_cpu_ms, 3)}


def wrk_version() -> str:
    if not shutil.which("wrk"):
        raise RuntimeError("wrk is not installed: `make bench-load` installs it (apt-get install wrk)")
    done = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    return (done.stdout or done.stderr).splitlines()[0].strip()


def run_wrk(base: str, endpoint: Endpoint, *, seconds: int, connections: int, env: dict[str, str]) -> Measurement:
    """wrk with one thread per connection (so each connection is one user), --latency, 5 s timeout."""
    path = endpoint.args[0] if endpoint.args else "/"
    command = ["wrk", f"-t{connections}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s",
               "-s", str(WRK_DIR / endpoint.script), base + path, "--", *endpoint.args]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=seconds + 60)
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed on {endpoint.name} ({done.returncode}): {done.stderr.strip()[-1000:]}")
    return parse(done.stdout, endpoint.name)


def parse(output: str, name: str) -> Measurement:
    result = next((line.split()[1:] for line in output.splitlines() if line.startswith("BENCH_RESULT ")), None)
    if result is None or len(result) != 12:
        raise RuntimeError(f"wrk printed no result for {name}:\n{output[-2000:]}")
    requests, duration_us, p50, p90, p99, peak, bad, connect, read, write, timeout, status = map(int, result)
    sample = next((line[len("BENCH_SAMPLE "):] for line in output.splitlines() if line.startswith("BENCH_SAMPLE ")), "")
    return Measurement(requests=requests, seconds=duration_us / 1e6, p50_ms=p50 / 1000, p90_ms=p90 / 1000,
                       p99_ms=p99 / 1000, max_ms=peak / 1000, unexpected_status=bad,
                       wrk_errors={"connect": connect, "read": read, "write": write, "timeout": timeout,
                                   "status_400_and_above": status},
                       first_unexpected=sample.strip())
