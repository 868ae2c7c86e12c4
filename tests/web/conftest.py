"""Fixtures for the browser test: the demo store, a live server and headless Chromium.

The demo store is built from samples/ through the same path as ``eventscope ingest``
(reader, pipeline, store), into a temporary folder.  The app runs under uvicorn on a
random loopback port in a thread, and Debian's Chromium is driven by Playwright
(never a downloaded browser).  Without a Chromium the tests are skipped, saying why.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventscope import Pipeline
from eventscope.readers import Article, read_inputs
from eventscope.store import SQLiteStore

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-extensions",
]


def chromium_path() -> str | None:
    """``$EVENTSCOPE_CHROMIUM``, else Debian's chromium on PATH or in /usr/bin."""
    for candidate in (os.environ.get("EVENTSCOPE_CHROMIUM"), shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def artifacts_dir() -> Path:
    """Where screenshots go: ``$ARTIFACTS_DIR`` or tests/web/artifacts (git-ignored)."""
    folder = Path(os.environ.get("ARTIFACTS_DIR") or Path(__file__).parent / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> str:
    path = tmp_path_factory.mktemp("web") / "demo.db"
    articles = [a for a in read_inputs([ROOT / "samples"]) if isinstance(a, Article)]
    with SQLiteStore(str(path)) as store:
        for result in pipeline.process(articles):
            if result.ok:
                store.add(result.article, result.events)
    return str(path)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def live_server(demo_db: str) -> Iterator[str]:
    """The app on 127.0.0.1:<random port>, served by uvicorn in a daemon thread."""
    import uvicorn

    from eventscope.api import create_app

    port = free_port()
    config = uvicorn.Config(
        create_app(demo_db), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium found (apt-get install chromium, or set EVENTSCOPE_CHROMIUM)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()
