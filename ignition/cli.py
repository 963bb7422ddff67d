"""The `ignition` console script: database chores and the one-command local run.

`main` is the click group; more groups (from `entrypoints.cli`) join it with
`main.add_command(...)` in `create_cli()`. Adapters are imported inside the commands, so
`ignition --help` works without a database and without importing the whole app.
"""
from __future__ import annotations

import os
import secrets
import shutil
import sys
from pathlib import Path

import click

from ignition.settings import Settings, SettingsError

DEV_DB = "ignition"
DEV_LOGIN_HELP = ("curl -i -c cookies -X POST http://127.0.0.1:{port}/auth/dev/login "
                  "-H 'Content-Type: application/json' -d '{{\"email\":\"me@example.com\"}}'")


class ConfigError(click.ClickException):
    """A missing or bad setting: printed as `Error: …`, exit code 2."""

    exit_code = 2


def _settings(environ: dict[str, str] | None = None) -> Settings:
    try:
        settings = Settings.from_env(environ)
    except SettingsError as exc:
        raise ConfigError(str(exc)) from None
    if not settings.database_url:
        raise ConfigError("DATABASE_URL is not set (postgresql://user@host:port/dbname)")
    return settings


def _migrate(settings: Settings, revision: str = "head") -> None:
    from adapters.postgres.migrate import upgrade

    upgrade(settings.sqlalchemy_url, revision)


def _seed(settings: Settings) -> dict[str, int]:
    from ignition.seed import seed_database

    return seed_database(settings.sqlalchemy_url)


@click.group("db")
def db() -> None:
    """Database schema and seed content (uses DATABASE_URL)."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Alembic revision to migrate to.")
def db_upgrade(revision: str) -> None:
    """Migrate the database at DATABASE_URL to REVISION."""
    _migrate(_settings(), revision)
    click.echo(f"migrated to {revision}")


@db.command("seed")
def db_seed() -> None:
    """Load the built-in content; safe to run again.

    Universal quests, market items, achievements, onboarding, learn content, exercises.
    Prints the rows inserted or changed per table (0: already as the seed says).
    """
    for table, rows in _seed(_settings()).items():
        click.echo(f"{table}: {rows} rows inserted or changed")


def _dev_secret(data: Path) -> str:
    """One AUTH_SECRET for every worker and every restart, kept in .data/dev-auth-secret."""
    path = data / "dev-auth-secret"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def _running_port(datadir: Path) -> int | None:
    """The port a cluster already running in `datadir` listens on (postmaster.pid, line 4)."""
    try:
        return int((datadir / "postmaster.pid").read_text().splitlines()[3])
    except (OSError, IndexError, ValueError):
        return None


def _start_cluster(data: Path, pg_port: int) -> str:
    from ignition.localpg import LocalCluster

    cluster = LocalCluster(data / "pg", pg_port)
    if cluster.initialized and cluster.running:
        cluster.port = _running_port(cluster.datadir) or pg_port
    cluster.start()
    cluster.ensure_database(DEV_DB)
    click.echo(f"postgres cluster up at 127.0.0.1:{cluster.port} (data in {cluster.datadir})")
    return cluster.url(DEV_DB)


def _dev_environment(data: Path, port: int, workers: int) -> dict[str, str]:
    """The server's environment: the user's own values win, except the forced dev ones."""
    defaults = {
        "COOKIE_SECURE": "0", "BLOB_STORE": "filesystem", "BLOB_DIR": "./.data/blobs",
        "PUBLIC_URL": f"http://127.0.0.1:{port}", "AUTH_SECRET": _dev_secret(data),
    }
    forced = {"IGNITION_ENV": "development", "DEV_LOGIN": "1", "WEB_CONCURRENCY": str(workers)}
    return {**defaults, **os.environ, **forced}


def _gunicorn_argv(port: int, workers: int) -> list[str]:
    exe = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
    config = Path.cwd() / "gunicorn.conf.py"
    argv = [exe, "ignition.wsgi:app"] + (["-c", str(config)] if config.is_file() else [])
    return argv + ["--bind", f"127.0.0.1:{port}", "--workers", str(workers)]


@click.command("dev")
@click.option("--port", default=8000, show_default=True, help="HTTP port on 127.0.0.1.")
@click.option("--pg-port", default=54329, show_default=True, envvar="LOCAL_PG_PORT",
              help="Port of the local Postgres cluster (env LOCAL_PG_PORT).")
@click.option("--workers", default=2, show_default=True, envvar="WEB_CONCURRENCY",
              help="Gunicorn worker processes (env WEB_CONCURRENCY).")
def dev(port: int, pg_port: int, workers: int) -> None:
    """Run it all locally: Postgres, migrations, seed, gunicorn.

    The cluster lives in ./.data/pg of the current folder and keeps running after the
    server stops (`make clean` stops it).

    DATABASE_URL, AUTH_SECRET and the other settings already in the environment win over
    the development defaults; IGNITION_ENV=development and DEV_LOGIN=1 are always set.
    """
    data = Path.cwd() / ".data"
    (data / "blobs").mkdir(parents=True, exist_ok=True)
    env = _dev_environment(data, port, workers)
    if "DATABASE_URL" in env:
        click.echo("using DATABASE_URL from the environment (no local cluster)")
    else:
        env["DATABASE_URL"] = _start_cluster(data, pg_port)
    settings = _settings(env)
    _migrate(settings)
    click.echo("migrated to head")
    click.echo(f"seeded: {sum(_seed(settings).values())} rows inserted or changed")
    click.echo(f"serving on http://127.0.0.1:{port} with {workers} workers; log in with:")
    click.echo("  " + DEV_LOGIN_HELP.format(port=port))
    click.echo(f"  curl -b cookies http://127.0.0.1:{port}/api/v1/me")
    argv = _gunicorn_argv(port, workers)
    os.execvpe(argv[0], argv, env)


def _admin_services():
    """The adapters of `ignition admin …`, wired from the environment when a command runs."""
    from entrypoints.cli.admin import AdminServices
    from ignition.container import Container

    try:
        settings = _settings().validate()
    except SettingsError as exc:
        raise ConfigError(str(exc)) from None
    container = Container(settings=settings)
    return AdminServices(uow=container.uow, blob_store=container.blob_store(), clock=container.clock(),
                         dumper=container.dumper(), database_url=settings.sqlalchemy_url,
                         retention=settings.backup_retention)


def _d1_services(dump: Path):
    """The adapters of `ignition d1 …`: the dump read into SQLite, the target at DATABASE_URL."""
    from adapters.d1.dump import SqliteDump
    from adapters.postgres.d1_target import PostgresD1Target
    from adapters.postgres.engine import make_engine

    engine = make_engine(_settings().sqlalchemy_url, pool_size=1, statement_timeout_ms=0, connect_timeout_s=10)
    return SqliteDump.from_path(dump), PostgresD1Target(engine)


@click.command("openapi")
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path), default=None,
              help="Write the document to this file instead of standard output.")
def openapi(out: Path | None) -> None:
    """Print the OpenAPI document of /api/v1/openapi.json (no database needed)."""
    from ignition.openapi_document import document_text

    text = document_text()
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")


def create_cli() -> click.Group:
    """The root group with every command of the project."""
    from entrypoints.cli.admin import admin_group
    from entrypoints.cli.d1 import d1_group

    @click.group()
    @click.version_option(package_name="ignition-backend")
    def cli() -> None:
        """Ignition backend: database, local run, administration."""

    cli.add_command(db)
    cli.add_command(dev)
    cli.add_command(openapi)
    cli.add_command(admin_group(_admin_services))
    cli.add_command(d1_group(_d1_services))
    return cli


main = create_cli()
