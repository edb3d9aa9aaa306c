"""The desk served by a real uvicorn on 127.0.0.1 (an ephemeral port) in a background thread, for
the browser test and the bench."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from intake.desk.app import create_app
from rubric import Rubric


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(db: Path | str, rubric: Rubric, pool_size: int = 4) -> Iterator[str]:
    """The desk's base URL while the block runs; the server stops after it."""
    port = free_port()
    config = uvicorn.Config(create_app(db, rubric, pool_size), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the desk did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
