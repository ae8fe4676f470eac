#!/usr/bin/env python
"""Requests per second through the deployment `make prod-check` runs (nginx over HTTPS, gunicorn
with deploy/gunicorn.conf.py, the production settings, Redis), with one app server and with two.

Pages: the home page for a visitor (served from the shared page cache), a consultation page for a
signed-in member (made fresh every time: the heaviest common page) and /health/ (database and
Redis round trip). Load: wrk (Debian package `wrk`), else a Python client, from this machine.

Usage: .venv/bin/python bench/deployment.py   (DATABASE_URL for PostgreSQL; default SQLite)
Settings: BENCH_LOAD_SECONDS (default 5), BENCH_CONNECTIONS (16), BENCH_WORKERS per server (3).
"""

import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))

from load_wrk import run_wrk  # noqa: E402
from prod_stack import AppServer, MailSink, Nginx, PrivateRedis, make_certificate  # noqa: E402

from tests.production_server import HOST, ProductionSite  # noqa: E402

SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WORKERS = os.environ.get("BENCH_WORKERS", "3")


def with_wrk(url, cookie):
    rate, p99, failed = run_wrk(url, SECONDS, CONNECTIONS, cookie, gzip=False)
    if failed:
        raise RuntimeError(f"{url}: {failed} failed responses")
    return rate, p99


def with_python(url, cookie, certificate):
    deadline = time.monotonic() + SECONDS
    times = []

    def worker():
        session = requests.Session()
        session.verify = str(certificate)
        while time.monotonic() < deadline:
            start = time.perf_counter()
            response = session.get(url, headers={"Cookie": cookie} if cookie else {}, timeout=30)
            assert response.status_code == 200, (url, response.status_code)
            times.append((time.perf_counter() - start) * 1000)

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    times.sort()
    return len(times) / SECONDS, times[int(len(times) * 0.99) - 1]


def main():
    folder = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    redis = PrivateRedis(folder)
    sink = MailSink()
    nginx = Nginx(folder, *make_certificate(folder))
    site = ProductionSite()
    site.env.update(
        REDIS_URL=redis.url, EMAIL_HOST=HOST, EMAIL_PORT=str(sink.port), EMAIL_USE_TLS="false",
        CSRF_TRUSTED_ORIGINS=nginx.url, LOG_LEVEL="WARNING", GUNICORN_WORKERS=WORKERS,
    )  # fmt: skip
    servers = []
    try:
        redis.start()
        site.prepare()
        data = json.loads(site.python("from tests.production_data import build_journey; build_journey()"))
        key = site.python(
            f"from tests.production_data import session_cookies; session_cookies({data['voters'][0]!r})"
        )
        member = f"sessionid={key.strip()}"
        pages = [
            ("home page, visitor (page cache)", "/", ""),
            ("consultation, signed-in member", f"/consultations/{data['consultation_id']}/", member),
            ("/health/ (database + Redis)", "/health/", ""),
        ]
        load = "wrk" if shutil.which("wrk") else "a Python client"
        print(
            f"Deployment on {site.database_url.split(':')[0]}: nginx (HTTPS) -> gunicorn sync x{WORKERS} "
            f"per app server; {CONNECTIONS} connections for {SECONDS}s with {load}; {os.cpu_count()} cores"
        )
        results = {}
        for count in (1, 2):
            for server in servers:
                server.stop()
            servers = [AppServer(site) for _ in range(count)]
            for server in servers:
                server.start()
            for server in servers:
                server.wait()
            nginx.configure(site, [server.port for server in servers])
            if nginx.process is None:
                nginx.start()
            else:
                nginx.reload()
            for label, path, cookie in pages:
                url = nginx.url + path
                # wrk counts a redirect (to the sign-in page, say) as a success: check the page first.
                check = requests.get(
                    url,
                    headers={"Cookie": cookie},
                    verify=str(nginx.certificate),
                    allow_redirects=False,
                    timeout=30,
                )
                assert check.status_code == 200, (url, check.status_code)
                results[label, count] = (
                    with_wrk(url, cookie) if load == "wrk" else with_python(url, cookie, nginx.certificate)
                )
        print(f"{'page':36} {'1 server req/s':>15} {'p99 ms':>8} {'2 servers req/s':>16} {'p99 ms':>8}")
        for label, _path, _cookie in pages:
            (one, one_p99), (two, two_p99) = results[label, 1], results[label, 2]
            print(f"{label:36} {one:15.0f} {one_p99:8.0f} {two:16.0f} {two_p99:8.0f}")
    finally:
        for server in servers:
            server.stop()
        nginx.stop()
        redis.stop()
        site.stop()
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(site.folder, ignore_errors=True)


if __name__ == "__main__":
    main()
