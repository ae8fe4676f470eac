#!/usr/bin/env python
"""How fast the public pages are, beside a bare Django view measured in the same run.

For each public page type (one live page of each Wagtail page type, plus the feeds) it prints:
- the median in-process render time (Django's test client, page cache off), once as the requests
  the page cache does not answer meet it (signed-in members, visitors who sent a form: what is
  shared under the content version is already made) and once right after publishing (the
  version moved on before each render, so everything shared is made again),
- the Python function calls and shared-cache reads of one render (bench/work.py: they do not
  move with the machine), and
- requests per second under a loopback load (wrk, or a Python client if wrk is missing) against
  gunicorn with 2 workers, once with the page cache off and once with it on.

Usage: .venv/bin/python bench/public_pages.py   (DATABASE_URL for PostgreSQL; default a SQLite file)
"""

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from wagtail.models import get_page_models  # noqa: E402

from bench.work import cache_reads, function_calls  # noqa: E402
from portal.page_cache import invalidate_all  # noqa: E402

RENDERS = int(os.environ.get("BENCH_RENDERS", "40"))
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "4"))
CONNECTIONS = 8


# Feeds and other public views that are not Wagtail pages.
def extra_urls():
    from network.models import DropInPage, GroupPage

    drop_in = DropInPage.objects.live().first()
    group = GroupPage.objects.live().first()
    return {
        "all sessions (ICS)": reverse("network:groups_calendar"),
        "one group (ICS)": reverse("network:group_calendar", args=[group.pk]),
        "drop-in hours (ICS)": reverse("network:drop_in_calendar", args=[drop_in.pk]),
        "Meeting Guide JSON": reverse("network:meeting_guide"),
        "news RSS": reverse("network:news_rss"),
        "news Atom": reverse("network:news_atom"),
        "search": reverse("network:search") + "?q=group",
        "sitemap": "/sitemap.xml",
    }


def prepare_database():
    call_command("migrate", verbosity=0, interactive=False)
    with open(os.devnull, "w") as devnull:
        call_command("load_demo_content", stdout=devnull)


def targets(client):
    found = {"bare Django view": "/bench/bare/"}
    for model in get_page_models():
        if model._meta.abstract or model.__name__ == "Page":
            continue
        page = model.objects.live().public().order_by("path").first()
        if page is not None:
            found[model.__name__] = page.relative_url(page.get_site())
    found.update(extra_urls())
    return found


def median_render_ms(client, url, after_publishing=False):
    """With `after_publishing`, the content version moves on before each render, as publishing
    moves it: nothing kept under the old one (shared reads, fragments, filter fields) is used."""
    for _ in range(3):
        client.get(url)
    times = []
    for _ in range(RENDERS):
        if after_publishing:
            invalidate_all()
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(page_cache_seconds):
    port = free_port()
    env = {**os.environ, "PAGE_CACHE_SECONDS": str(page_cache_seconds), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "bench.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/bench/bare/", timeout=1)  # noqa: S310
            return process, base
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def requests_per_second_wrk(url):
    result = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{LOAD_SECONDS}s", url],
        capture_output=True,
        text=True,
        check=True,
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    if non_2xx:
        raise RuntimeError(f"{url}: {non_2xx.group(1)} failed responses")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))


def requests_per_second_python(url):
    deadline = time.monotonic() + LOAD_SECONDS
    counts = [0] * CONNECTIONS

    def worker(index):
        while time.monotonic() < deadline:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
                response.read()
            counts[index] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / LOAD_SECONDS


def main():
    prepare_database()
    setup_test_environment()
    client = Client()
    pages = targets(client)
    load = requests_per_second_wrk if shutil.which("wrk") else requests_per_second_python
    database = django.db.connection.vendor
    print(
        f"Public pages on {database}; {RENDERS} renders each; load: {CONNECTIONS} connections for "
        f"{LOAD_SECONDS}s with {'wrk' if load is requests_per_second_wrk else 'a Python client'}, "
        "gunicorn with 2 workers on loopback"
    )

    render = {label: median_render_ms(client, url) for label, url in pages.items()}
    calls = {label: function_calls(lambda u=url: client.get(u)) for label, url in pages.items()}
    reads = {label: cache_reads(lambda u=url: client.get(u)) for label, url in pages.items()}
    # Last: each of these moves the content version on, so nothing shared is made for the others.
    fresh = {label: median_render_ms(client, url, after_publishing=True) for label, url in pages.items()}
    throughput = {}
    for cache_seconds, column in ((0, "uncached"), (60, "cached")):
        process, base = start_server(cache_seconds)
        try:
            for label, url in pages.items():
                throughput[label, column] = load(base + url)
        finally:
            process.terminate()
            process.wait()

    print(
        f"{'page type':40} {'median render ms':>17} {'after publishing':>17} {'function calls':>15} "
        f"{'cache reads':>12} "
        f"{'req/s uncached':>15} {'req/s cached':>13}"
    )
    for label in pages:
        print(
            f"{label:40} {render[label]:17.1f} {fresh[label]:17.1f} {calls[label]:15,d} {reads[label]:12d} "
            f"{throughput[label, 'uncached']:15.0f} {throughput[label, 'cached']:13.0f}"
        )


if __name__ == "__main__":
    main()
