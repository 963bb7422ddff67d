"""Gunicorn settings: `gunicorn ignition.wsgi:app -c gunicorn.conf.py`.

Only server knobs live here (GUNICORN_BIND, WEB_CONCURRENCY, GUNICORN_WORKER_CLASS,
GUNICORN_THREADS); the app's own settings are read by ignition.settings in each worker.
No preload: the app, and with it the database pool, is built after the fork.
"""
import os
import shutil
import tempfile
from pathlib import Path

# Set before any worker imports prometheus_client, which picks its mode at import time.
_OWN_METRICS_DIR = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _OWN_METRICS_DIR:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="ignition-metrics-")

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
# gthread: one thread per pooled connection by default (DB_POOL_SIZE defaults to 4).
threads = int(os.environ.get("GUNICORN_THREADS", "4" if worker_class == "gthread" else "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))  # long uploads and streams to slow clients
graceful_timeout = 20
keepalive = 5
preload_app = False
# gunicorn >= 25 opens a control socket at one path per user, shared by every server of
# that user on the host (dev run, e2e tests); nothing here uses gunicornc.
control_socket_disable = True

accesslog = None  # the app logs every request itself, as JSON with its request id
# gunicorn's own log: JSON lines on stderr, with the field names the app's records use.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.orjson.OrjsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "process": "pid"},
        },
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
    },
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": [], "propagate": False},
    },
    "root": {"level": "INFO", "handlers": []},
}


def _metrics_dir() -> Path:
    return Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])


def on_starting(server):
    """Start with no samples from an earlier run (only prometheus_client's *.db files go)."""
    folder = _metrics_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db"):
        stale.unlink(missing_ok=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if _OWN_METRICS_DIR:
        shutil.rmtree(_metrics_dir(), ignore_errors=True)
