"""A throwaway PostgreSQL server for the store tests: a fresh cluster in a temporary folder on a
free port of 127.0.0.1, stopped and removed afterwards.

PostgreSQL refuses to run as root, so as root (CI) the server runs as the `postgres` system user
that Debian's package creates. Where the server binaries or that user are absent, the tests that
need the server skip and say what to install (`make test` installs it on CI)."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


def server_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def missing_reason() -> str | None:
    """Why no server can be started here, or None when one can."""
    if server_bin() is None:
        return "PostgreSQL server not installed (apt-get install postgresql; make test does on CI)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a postgres system user to run the server as"
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(command: list[str]) -> None:
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


@contextlib.contextmanager
def running_server() -> Iterator[str]:
    """Yield a SQLAlchemy URL of a fresh, empty server; stop it on exit."""
    binaries = server_bin()
    assert binaries is not None
    folder = Path(tempfile.mkdtemp(prefix="intake-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", _free_port()
    _run([str(binaries / "initdb"), "-D", str(data), "-U", "intake", "--auth=trust",
          "-E", "UTF8", "--locale=C.UTF-8"])
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off"
    _run([str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-l",
          str(folder / "server.log"), "start"])
    try:
        yield f"postgresql+psycopg://intake@127.0.0.1:{port}/postgres"
    finally:
        with contextlib.suppress(subprocess.SubprocessError):
            _run([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])
        shutil.rmtree(folder, ignore_errors=True)


def fresh_database(server: str, name: str, template: str | None = None) -> str:
    """Create database `name` on the server (a copy of `template` when given); its URL."""
    import sqlalchemy as sa

    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        copy = f" TEMPLATE {template}" if template else ""
        connection.exec_driver_sql(f"CREATE DATABASE {name}{copy}")
    engine.dispose()
    return server.rsplit("/", 1)[0] + f"/{name}"
