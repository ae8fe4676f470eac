#!/usr/bin/env python
"""Load test of the deployment `make prod-check` runs (deploy/prod_stack.py: nginx over HTTPS, two
gunicorn app servers with deploy/gunicorn.conf.py, the task worker, a private Redis, the
production settings on PostgreSQL), with a bare Django view measured in the same run.

Loads the demo's public pages, an open consultation with 1,000 published priorities and 15,000
votes (counts hidden while open, the default; --counts-shown shows them, so every vote counts the
consultation's figures again and its answer carries one), a closed one for the board, members with
signed-in sessions, a facilitator and a board representative (bench/load_data.py). Then, each phase --seconds long, --concurrency browsers at
once (asyncio, keep-alive HTTPS, bench/http_client.py), every endpoint alone in its own slice of
the phase (so its requests per second compare with the bare view's), then all together:
  1. the bare view (/bench/bare/: a small template, no database; the reference),
  2. visitors reading public pages and feeds from the page cache,
  3. the same uncached: each visitor carries a CSRF cookie (as after opening a form), which makes
     the page cache hand every request to Django (the "hits" column shows 0%),
  4. members: a few sign in with the real form; the consultation page; votes and taking them
     back (POST with the CSRF token, Accept: application/json, as static/js/votes.js does),
  5. a facilitator's moderation queue; a board representative's results and CSV export,
  6. all of them at once (the realistic mix), 7. the bare view again (the machine may have moved).
Prints per endpoint p50/p95/p99 ms, requests/s, % of the bare view's requests/s, errors, and the
server-side p50/p95 from the portal's request log (portal/request_log.py); then checks that the
votes in the database are exactly those seeded plus those the script saw accepted. Last, 8. the
GET pages again with wrk, whose client costs the shared cores next to nothing (bench/load_wrk.py;
--wrk-seconds, 0 for none), then every other page a member, a facilitator and a board
representative opens (bench/load_pages.py), each as that role, against the same bare view; a page
under 12% of it is loaded twice more between fresh bare runs, and its median share given.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_load .venv/bin/python bench/load.py

A database named after DATABASE_URL's with a random suffix is made and dropped afterwards;
everything started is stopped, and every folder removed, on Ctrl-C or an error too.
Needs nginx, redis-server, openssl and PostgreSQL; without them it says so and exits 0.
"""

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "deploy"), str(ROOT / "bench")]
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/bench_load"


def missing_services(database_url):
    missing = [tool for tool in ("nginx", "redis-server", "openssl") if not shutil.which(tool)]
    try:
        import psycopg

        psycopg.connect(re.sub(r"/[^/]*$", "/postgres", database_url), connect_timeout=3).close()
    except Exception as error:  # any failure means: no PostgreSQL to use
        missing.append(f"PostgreSQL at {urlsplit(database_url).netloc} ({type(error).__name__})")
    return missing


async def drive(args, results, nginx, data):
    from http_client import Browser
    from load_steps import Members, loop_over, sign_in

    def browser(address="127.0.0.1"):
        return Browser("127.0.0.1", nginx.https_port, nginx.certificate, address)

    c, s = args.concurrency, args.seconds
    public = {label: path for label, path in data["public"].items() if path}
    browsers = [browser() for _ in range(c)]
    bare = [("bare view, first (reference)", "/bench/bare/", lambda b: b.get("/bench/bare/"))]
    for label, path in [*public.items(), ("bare", "/bench/bare/")]:  # warm every gunicorn worker up
        for answer in await asyncio.gather(*(b.get(path) for b in browsers)):
            if answer.status != 200:
                raise RuntimeError(f"{label} {path}: {answer.status}")
    if any(b.cookies for b in browsers):
        print(f"note: visitors were given cookies {sorted(browsers[0].cookies)}: the page cache skips them")
    step("1. bare view")
    await results.slice(s / 2, [loop_over(results, b, lambda: bare) for b in browsers])
    step("2. visitors, page cache")
    for label, path in public.items():
        one = [(f"{label} (cached)", path, lambda b, p=path: b.get(p))]
        await results.slice(s / len(public), [loop_over(results, b, lambda st=one: st) for b in browsers])

    step("3. visitors, uncached (each carries a CSRF cookie, so the page cache makes every page fresh)")
    fresh = [browser() for _ in range(c)]
    for b in fresh:
        b.csrf_cookie()  # as a visitor who has opened a form; portal/page_cache.py BYPASS_COOKIES
    for label, path in public.items():
        one = [(f"{label} (uncached)", path, lambda b, p=path: b.get(p))]
        await results.slice(s / len(public), [loop_over(results, b, lambda st=one: st) for b in fresh])

    step("4. members: sign in with the form, read the consultation, vote and take votes back")
    await results.slice(0, [
        lambda _deadline, n=n, email=email: sign_in(results, browser(f"127.0.0.{10 + n}"), email, data["password"])
        for n, email in enumerate(data["members"][: args.sign_ins])
    ])  # fmt: skip
    member_browsers = [browser() for _ in data["sessions"]]
    for member, key in zip(member_browsers, data["sessions"], strict=True):
        member.cookies["sessionid"] = key
    members = Members(results, member_browsers, data)
    owned = [range(n, len(member_browsers), c) for n in range(c)]
    await results.slice(s / 2, [members.worker(own, [members.read]) for own in owned])
    await results.slice(s / 2, [members.worker(own, [members.vote]) for own in owned])

    step("5. a facilitator's moderation queue; a board representative's results and export")
    facilitator, board = browser("127.0.0.30"), browser("127.0.0.31")
    await results.slice(0, [
        lambda _deadline, person=person, who=who: sign_in(
            results, person, data[who], data["password"], data[f"{who}_totp_secret"], "sign in with an app code (staff)"
        )
        for person, who in ((facilitator, "facilitator"), (board, "board"))
    ])  # fmt: skip
    closed = f"/consultations/board/consultations/{data['closed_consultation_id']}/"
    staff = {
        "moderation queue (facilitator)": (facilitator, "/consultations/moderation/"),
        "board results (board)": (board, closed),
        "export CSV, 1,000 priorities (board)": (board, closed + "export.csv"),
    }
    for label, (person, path) in staff.items():
        copies = [browser() for _ in range(c)]
        for copy in copies:
            copy.cookies.update(person.cookies)
        one = [(label, path, lambda b, p=path: b.get(p))]
        await results.slice(s / len(staff), [loop_over(results, b, lambda st=one: st) for b in copies])

    step("6. all at once: visitors, members voting, the facilitator, the board")
    visitors = [browser() for _ in range(max(1, c // 2))]
    mixed = [(f"mix: {label} (cached)", path, lambda b, p=path: b.get(p)) for label, path in public.items()]
    workers = [loop_over(results, b, lambda: mixed) for b in visitors]
    voters = max(1, c - len(visitors) - 2)
    workers += [
        members.worker(
            range(n, len(member_browsers), voters),
            [
                lambda i: members.read(i, "mix: consultation page (member)"),
                *[lambda i: members.vote(i, "mix: vote / take back (JSON)")] * 4,
            ],
        )
        for n in range(voters)
    ]
    for label, (person, path) in staff.items():
        copy = browser()
        copy.cookies.update(person.cookies)
        workers.append(
            loop_over(results, copy, lambda st=[(f"mix: {label}", path, lambda b, p=path: b.get(p))]: st)
        )
    await results.slice(s, workers)

    step("7. bare view again")
    bare = [("bare view, last (reference)", "/bench/bare/", lambda b: b.get("/bench/bare/"))]
    await results.slice(s / 2, [loop_over(results, b, lambda: bare) for b in browsers])
    for b in [*browsers, *fresh, *member_browsers, *visitors]:
        await b.close()
    return members, {label: (person.cookies, path) for label, (person, path) in staff.items()}


def wrk_cross_check(args, nginx, data, staff):
    from load_wrk import cross_check, visitor_with_a_form_open

    def cookie(jar):
        return "; ".join(f"{name}={value}" for name, value in jar.items())

    visitor = visitor_with_a_form_open()
    member = f"sessionid={data['sessions'][0]}"
    pages = [("bare view (reference)", "/bench/bare/", "")]
    pages += [(f"{label} (uncached)", path, visitor) for label, path in data["public"].items() if path]
    pages.append(("consultation page (member)", f"/consultations/{data['consultation_id']}/", member))
    pages += [(label, path, cookie(jar)) for label, (jar, path) in staff.items()]
    # Every other page each role opens (bench/load_pages.py), as that role.
    role_cookie = {
        "member": member,
        "facilitator": cookie(staff["moderation queue (facilitator)"][0]),
        "board": cookie(staff["board results (board)"][0]),
    }
    pages += [
        (f"{role}: {label}", path, role_cookie[role])
        for role, role_pages in data["signed_in_pages"].items()
        for label, path in role_pages
    ]
    step("8. the wrk cross-check")
    cross_check(nginx.url, nginx.certificate, pages, args.wrk_seconds, args.concurrency)


STARTED = time.monotonic()


def step(message):
    print(f"[{time.monotonic() - STARTED:5.0f}s] {message}", flush=True)


class Stopper:
    """A plain subprocess, stopped like the prod_stack processes."""

    def __init__(self, process):
        self.process = process

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20, help="length of each phase (default 20)")
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight (default 16)")
    parser.add_argument("--sign-ins", type=int, default=4, help="members who sign in with the form")
    parser.add_argument("--priorities", type=int, default=1000)
    parser.add_argument(
        "--counts-shown", action="store_true", help="the open consultation shows its counts while open"
    )
    parser.add_argument(
        "--wrk-seconds", type=float, default=5, help="each page's time in the wrk cross-check (0: none)"
    )
    parser.add_argument("--logs", type=Path, help="copy the app servers' and nginx's logs into this folder")
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE)
    if not database_url.startswith("postgres"):
        database_url = DEFAULT_DATABASE
    if missing := missing_services(database_url):
        print(f"bench/load.py skipped: it needs {', '.join(missing)} (see `make prod-check`).")
        return 0
    os.environ["DATABASE_URL"] = database_url

    from prod_check import settle
    from prod_stack import AppServer, MailSink, Nginx, PrivateRedis, TaskWorker, make_certificate

    from tests.production_server import ProductionSite

    class LoadSite(ProductionSite):
        def _database(self):
            import psycopg

            name = f"{urlsplit(database_url).path.lstrip('/')}_{uuid.uuid4().hex[:8]}"
            admin = re.sub(r"/[^/]*$", "/postgres", database_url)
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f'CREATE DATABASE "{name}"')

            def drop():
                with psycopg.connect(admin, autocommit=True) as connection:
                    connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

            return re.sub(r"/[^/]*$", f"/{name}", database_url), drop

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C even if started with it ignored
    load_before = os.getloadavg()
    folder = Path(tempfile.mkdtemp(prefix="portal-load-"))
    processes, site = [], None
    try:
        sink, redis = MailSink(), PrivateRedis(folder)
        processes.append(redis)
        nginx = Nginx(folder, *make_certificate(folder))
        redis.start()
        site = LoadSite()
        settle(site, redis, sink, nginx)
        site.env.update(DJANGO_SETTINGS_MODULE="bench.load_settings", LOG_LEVEL="INFO", LOG_FORMAT="json")
        step(f"migrate and collectstatic ({site.database_url.rsplit('/', 1)[1]})")
        static = subprocess.Popen(  # no database needed: alongside migrate
            [sys.executable, "manage.py", "collectstatic", "--no-input"], cwd=ROOT, env=site.env,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        processes.append(Stopper(static))
        site.manage("migrate", "--no-input")
        if static.wait() != 0:
            raise RuntimeError(f"collectstatic failed: {static.stderr.read().decode()}")
        step("migrate and collectstatic done; the app servers start while the data loads")
        servers = [AppServer(site) for _ in range(2)]
        processes += servers
        for server in servers:
            server.start()
        build = f"build_load({args.priorities}, counts_shown={args.counts_shown})"
        data = json.loads(site.python(f"from bench.load_data import build_load; {build}"))
        step(f"data loaded: {data['votes']} votes on the open consultation")
        for server in servers:
            server.wait()
        worker = TaskWorker(site)
        processes.append(worker)
        worker.start()
        nginx.configure(site, [server.port for server in servers])
        processes.append(nginx)
        nginx.start()
        step(
            f"nginx (HTTPS) -> 2 gunicorn app servers x {site.env.get('GUNICORN_WORKERS', '2')} sync "
            f"workers, the task worker, Redis, PostgreSQL; {args.concurrency} in flight, {args.seconds:g}s a phase"
        )
        from load_steps import Results

        results = Results(lambda: sorted(site.folder.glob("app-*.log")))
        members, staff = asyncio.run(drive(args, results, nginx, data))
        bare, table = results.table(["bare view, first (reference)", "bare view, last (reference)"])
        held = int(
            site.python(f"from bench.load_data import vote_count; vote_count({data['consultation_id']})")
        )
        expected = data["votes"] + members.added - members.taken_back
        load_after = os.getloadavg()
        print(f"\nbare view: {bare:.1f} req/s (the better of its two slices); times in ms; "
              "srv = the portal's own request log (portal/request_log.py)")  # fmt: skip
        print(table)
        print(f"\nvotes: {data['votes']} seeded + {members.added} accepted - {members.taken_back} taken back = "
              f"{expected}; the database holds {held}: {'EXACT' if held == expected else 'MISMATCH'}")  # fmt: skip
        print(f"load average (1, 5, 15 min) before: {' '.join(f'{x:.2f}' for x in load_before)}; "
              f"after: {' '.join(f'{x:.2f}' for x in load_after)}; {os.cpu_count()} cores; "
              f"total {time.monotonic() - STARTED:.0f}s")  # fmt: skip
        if args.wrk_seconds:
            wrk_cross_check(args, nginx, data, staff)
        return 0 if held == expected else 1
    finally:
        if args.logs and site is not None:
            args.logs.mkdir(parents=True, exist_ok=True)
            for log in [*site.folder.glob("*.log"), *(folder / "nginx" / "logs").glob("*.log")]:
                shutil.copy(log, args.logs / log.name)
        for process in reversed(processes):
            try:
                process.stop()
            except Exception as error:  # stop the rest all the same
                print(f"could not stop {process}: {error}", file=sys.stderr)
        if site is not None:
            if site.drop_database:
                site.drop_database()
            shutil.rmtree(site.folder, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print(
            "\nStopped: everything bench/load.py started is stopped, its database dropped.", file=sys.stderr
        )
        sys.exit(130)
