#!/usr/bin/env python
"""`make prod-check`: the README's deployment, run and put through its paces.

Builds static files and runs `check --deploy` with the real production settings on a fresh
database (PostgreSQL when DATABASE_URL is one), starts two gunicorn app servers behind nginx
(HTTPS, a generated certificate) with the task worker, a private Redis and a mail sink. Then,
through the proxy over HTTPS: a smoke journey (sign up with the emailed code, post a priority,
vote, a board representative exports a board pack that the worker makes and emails about);
sessions, sign-in limits (per real visitor address) and cache clearing hold across both servers;
with Redis stopped, public pages, sign-in and voting still work; a gunicorn worker killed while
votes are in flight loses none; then a backup is restored into a fresh database and folders and
the smoke journey passes there too. Exits non-zero at the first thing that does not hold.
"""

import base64
import hashlib
import hmac
import json
import os
import re
import shutil
import signal
import socket
import ssl
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from prod_stack import (
    HOST,
    ROOT,
    AppServer,
    MailSink,
    Nginx,
    PrivateRedis,
    TaskWorker,
    Visitor,
    emailed_code,
    make_certificate,
    text_of,
)

from tests.production_server import HOME_PAGE_BUDGET, ProductionSite, page_weight

PYTHON = ".venv/bin/python manage.py"
# Every command this script runs, as the README's "Deploying" section gives it.
README_COMMANDS = [
    f"{PYTHON} migrate --no-input",
    f"{PYTHON} collectstatic --no-input",
    f"{PYTHON} check --deploy --fail-level WARNING",
    AppServer.COMMAND,
    TaskWorker.COMMAND,
    f"{PYTHON} backup",
    f"{PYTHON} restore",
]
started = time.monotonic()


def step(message):
    print(f"[{time.monotonic() - started:5.1f}s] {message}", flush=True)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def readme_gives_every_command():
    readme = (ROOT / "README.md").read_text()
    deploying = readme.split("## Deploying", 1)[1].split("\n## ", 1)[0]
    missing = [command for command in README_COMMANDS if command not in deploying]
    expect(not missing, f"The README's Deploying section does not give: {missing}")


def app_code(secret):
    """What an authenticator app shows (RFC 6238), for the next 30 seconds (allowed by
    MFA_TOTP_TOLERANCE), so that a second sign-in never reuses a code."""
    counter = (int(time.time()) // 30 + 1).to_bytes(8, "big")
    digest = hmac.new(base64.b32decode(secret), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(int.from_bytes(digest[offset : offset + 4], 'big') & 0x7FFFFFFF) % 10**6:06d}"


def settle(site, redis, sink, nginx):
    site.env.update(
        REDIS_URL=redis.url, EMAIL_HOST=HOST, EMAIL_PORT=str(sink.port), EMAIL_USE_TLS="false",
        ALLOWED_HOSTS=HOST, CSRF_TRUSTED_ORIGINS=nginx.url, WAGTAILADMIN_BASE_URL=nginx.url,
    )  # fmt: skip


def deploy_checks(site):
    step("README: collectstatic and check --deploy with the production settings")
    expect((Path(site.env["STATIC_ROOT"]) / "staticfiles.json").exists(), "collectstatic wrote no manifest")
    check = site.manage("check", "--deploy", "--fail-level", "WARNING", check=False)
    expect(check.returncode == 0, f"check --deploy failed:\n{check.stdout}{check.stderr}")


def smoke(site, sink, nginx, data, tag):
    step(f"smoke journey ({tag}): pages and files through nginx")
    visitor = Visitor(nginx)
    home = visitor.get("/")
    expect(home.status_code == 200, f"home page: {home.status_code}")
    stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]+\.css)"', home.text).group(1)
    css = visitor.get(stylesheet)
    expect(css.status_code == 200 and "Expires" in css.headers, "nginx does not serve /static/")
    weight = page_weight(visitor.get, "/")
    expect(sum(weight.values()) <= HOME_PAGE_BUDGET, f"the home page over the wire, in bytes: {weight}")
    print(f"    home page over the wire, gzipped, with everything it loads: {sum(weight.values())} bytes")
    for setting, text in (("MEDIA_ROOT", "public"), ("PRIVATE_FILES_ROOT", "private-probe-7d3f")):
        Path(site.env[setting]).mkdir(parents=True, exist_ok=True)
        (Path(site.env[setting]) / "probe.txt").write_text(text)
    expect(visitor.get("/media/probe.txt").text == "public", "nginx does not serve /media/")
    for path in ("/private/probe.txt", "/media/../private/probe.txt", "/media/%2e%2e/private/probe.txt"):
        expect("private-probe-7d3f" not in visitor.get(path).text, f"a private file was served at {path}")
    health = visitor.get("/health/").json()
    expect(health["status"] == "ok", f"/health/ through the proxy: {health}")

    step(f"smoke journey ({tag}): sign up with the emailed code")
    address = f"heron-{tag}@production.test"
    visitor.get("/accounts/signup/")
    response = visitor.post("/accounts/signup/", {
        "display_name": f"Heron {tag}", "email": address,
        "password1": data["password"], "password2": data["password"],
    })  # fmt: skip
    expect(response.status_code == 302, f"sign-up: {response.status_code}")
    code = emailed_code(sink.wait_for(address))
    response = visitor.post(response.headers["Location"], {"code": code})
    expect(response.status_code == 302, f"the emailed code was refused: {response.status_code}")

    step(f"smoke journey ({tag}): post a priority and vote")
    consultation = f"/consultations/{data['consultation_id']}/"
    title = f"Open late on Fridays ({tag})"
    response = visitor.post(consultation + "post/", {
        "title": title, "explanation": "People who work could come.", "show_name": "no",
    })  # fmt: skip
    expect(response.status_code == 302, f"posting a priority: {response.status_code}")
    expect(title in visitor.get(consultation).text, "the new priority is not on the consultation page")
    vote = visitor.post(
        f"/consultations/priorities/{data['priority_ids'][0]}/vote/", {"action": "add"},
        headers={"Accept": "application/json"},
    )  # fmt: skip
    expect(vote.status_code == 200 and vote.json()["ok"], f"vote: {vote.status_code} {vote.text[:200]}")

    step(f"smoke journey ({tag}): a board representative exports the board pack; the worker makes it")
    board = Visitor(nginx)
    response = board.post("/accounts/login/", {"login": data["board"], "password": data["password"]})
    expect(response.headers.get("Location") == "/accounts/2fa/authenticate/", "board sign-in: no second step")
    response = board.post("/accounts/2fa/authenticate/", {"code": app_code(data["board_totp_secret"])})
    expect(response.status_code == 302, f"authenticator code refused: {response.status_code}")
    export = f"/consultations/board/meetings/{data['meeting_id']}/export.pdf"
    expect(board.get(export).status_code == 200, "export confirmation page")
    emails_before = len(sink.to(data["board"]))
    expect(board.post(export).headers.get("Location") == "/consultations/board/downloads/", "export request")
    message = sink.wait_for(data["board"], emails_before + 1)
    link = re.search(r"/consultations/board/downloads/\d+/", text_of(message))
    downloads = board.get("/consultations/board/downloads/").text
    links = re.findall(r'href="(/consultations/board/downloads/\d+/)"', downloads)
    expect(links, f"no file on the downloads page (email said: {link})")
    pdf = board.get(links[0])
    expect(pdf.status_code == 200 and pdf.content.startswith(b"%PDF"), "the board pack did not download")
    return visitor, board, title


def across_servers(site, nginx, servers, member, data):
    step("sessions: one sign-in holds on both app servers, and one sign-out ends it on both")
    # A page only for people signed in ("Have your say" itself may be open to visitors).
    mine = "/consultations/your-contributions/"
    for server in servers:
        expect(member.direct(server.port, mine).status_code == 200, "session not shared")
    member.post("/accounts/logout/")
    for server in servers:
        expect(member.direct(server.port, mine).status_code == 302, "sign-out not shared")

    step("sign-in limits count each visitor (X-Forwarded-For from nginx), on both servers together")
    attacker = Visitor(nginx, "127.0.0.2")

    def held_back(response):
        return response.status_code == 429 or "Too many failed login attempts" in response.text

    guesses = [
        held_back(
            attacker.post("/accounts/login/", {"login": f"guess{n}@production.test", "password": "wrong"})
        )
        for n in range(12)
    ]
    expect(guesses == [False] * 10 + [True] * 2, f"ten bad passwords a minute, then held back: {guesses}")
    upstreams = set(
        re.findall(r'127\.0\.0\.2 .*"POST /accounts/login/" \d+ .* upstream=(\S+)', nginx.access_log())
    )
    expect(len(upstreams) == 2, f"the bad passwords did not reach both app servers: {upstreams}")
    neighbour = Visitor(nginx, "127.0.0.3")
    response = neighbour.post("/accounts/login/", {"login": data["voters"][0], "password": data["password"]})
    expect(response.status_code == 302, f"another visitor was locked out too: {response.status_code}")
    response = attacker.post("/accounts/login/", {"login": data["voters"][1], "password": data["password"]})
    expect(held_back(response), "the visitor who guessed was not held back")

    step("cache clearing: publishing on one server clears the public page cache for both")
    for server in servers:
        for _ in range(2):
            expect(Visitor(nginx).direct(server.port, "/").status_code == 200, "home page")
    site.python(
        "from wagtail.models import Site\n"
        "home = Site.objects.get(is_default_site=True).root_page.specific\n"
        "home.title = 'Welcome, all change'\nhome.save_revision().publish()"
    )
    for server in servers:
        expect(
            "Welcome, all change" in Visitor(nginx).direct(server.port, "/").text, "a stale page was served"
        )


def slow_uploads(nginx, servers):
    """More slow uploads than there are gunicorn workers: nginx holds them, the site still answers."""
    workers = sum(len(server.workers()) for server in servers)
    step(
        f"{workers + 2} uploads at a byte a second (more than the {workers} gunicorn workers) hold nothing up"
    )
    context = ssl.create_default_context(cafile=str(nginx.certificate))
    uploads = []
    for _ in range(workers + 2):
        connection = context.wrap_socket(
            socket.create_connection((HOST, nginx.https_port)), server_hostname=HOST
        )
        connection.sendall(
            f"POST /accounts/login/ HTTP/1.1\r\nHost: {HOST}:{nginx.https_port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000\r\n\r\nlogin=".encode()
        )
        uploads.append(connection)
    try:
        time.sleep(1)
        for connection in uploads:
            connection.sendall(b"a")
        begun = time.monotonic()
        for _ in range(workers * 2):
            expect(Visitor(nginx).get("/health/").status_code == 200, "the site stopped answering")
        took = time.monotonic() - begun
        expect(took < 10, f"{workers * 2} requests took {took:.1f}s behind slow uploads")
    finally:
        for connection in uploads:
            connection.close()


def without_redis(redis, nginx, data):
    step("Redis stopped: public pages, sign-in and voting still work")
    redis.stop()
    try:
        visitor = Visitor(nginx, "127.0.0.4")
        for path in ("/", "/groups/", "/accounts/login/"):
            expect(visitor.get(path).status_code == 200, f"{path} without Redis")
        response = visitor.post(
            "/accounts/login/", {"login": data["voters"][0], "password": data["password"]}
        )
        expect(response.status_code == 302, f"sign-in without Redis: {response.status_code}")
        vote = visitor.post(
            f"/consultations/priorities/{data['priority_ids'][1]}/vote/", {"action": "add"},
            headers={"Accept": "application/json"},
        )  # fmt: skip
        expect(vote.status_code == 200 and vote.json()["ok"], f"vote without Redis: {vote.status_code}")
        health = visitor.get("/health/").json()
        expect(not health["checks"]["cache"]["ok"], f"/health/ did not notice: {health}")
    finally:
        redis.start()
    expect(Visitor(nginx).get("/health/").json()["checks"]["cache"]["ok"], "Redis did not come back")


def worker_killed_mid_vote(site, nginx, servers, data):
    step("a gunicorn worker killed while votes are in flight: no vote lost, none twice")
    voters = data["voters"][1:]
    keys = site.python(f"from tests.production_data import session_cookies; session_cookies(*{voters!r})")
    sessions = {}
    for address, key in zip(voters, keys.split(), strict=True):
        visitor = Visitor(nginx, "127.0.0.5")
        visitor.session.cookies.set("sessionid", key)
        visitor.get("/consultations/")
        sessions[address] = visitor
    jobs = [(address, priority) for priority in data["priority_ids"] for address in voters]

    def cast(job):
        address, priority = job
        return (
            sessions[address]
            .post(
                f"/consultations/priorities/{priority}/vote/",
                {"action": "add"},
                headers={"Accept": "application/json"},
            )
            .status_code
        )

    before = servers[0].workers()
    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(cast, job) for job in jobs]
        time.sleep(0.15)
        os.kill(before[0], signal.SIGKILL)
        statuses = [future.result() for future in futures]
    if site.database_url.startswith("postgres"):
        # SQLite (a local run) lets one writer in at a time and answers some of these with
        # "database is locked"; the deployment's PostgreSQL must answer every one.
        expect(500 not in statuses, f"votes answered with a server error: {Counter(statuses)}")
    retried = [cast(job) for job, status in zip(jobs, statuses, strict=True) if status != 200]
    expect(all(status in (200, 409) for status in retried), f"retries failed: {retried}")
    counts = json.loads(site.python(
        "import json\nfrom consultations.models import Vote\n"
        f"print(json.dumps([Vote.objects.filter(voter__email=e).count() for e in {voters!r}]))"
    ))  # fmt: skip
    expect(counts == [3] * len(voters), f"votes held per voter (each cast 3): {counts}")
    step(
        f"  {len(jobs)} votes: answers {dict(Counter(statuses))}; {len(retried)} sent again "
        f"({retried.count(409)} of those had been counted already); worker {before[0]} killed, "
        f"workers now {servers[0].workers()}; every voter holds exactly 3 votes"
    )


def main():
    readme_gives_every_command()
    folder = Path(tempfile.mkdtemp(prefix="portal-prod-check-"))
    sink = MailSink()
    redis = PrivateRedis(folder)
    nginx = Nginx(folder, *make_certificate(folder))
    site = restored = None
    servers, worker = [], None

    def start_site(current):
        nonlocal servers, worker
        ports = [server.port for server in servers] or [None, None]
        servers = [AppServer(current, port) for port in ports]
        for server in servers:
            server.start()
        for server in servers:
            server.wait()
        worker = TaskWorker(current)
        worker.start()
        nginx.configure(current, [server.port for server in servers])

    def stop_site():
        for process in [*servers, worker]:
            if process:
                process.stop()

    try:
        redis.start()
        site = ProductionSite()
        settle(site, redis, sink, nginx)
        step(f"README: migrate, collectstatic, check --deploy ({site.database_url.split(':')[0]})")
        site.prepare()
        data = {**json.loads(site.people), **json.loads(site.python(
            "from tests.production_data import build_journey; build_journey()"))}  # fmt: skip
        deploy_checks(site)
        step("two app servers (gunicorn -c deploy/gunicorn.conf.py), the task worker, nginx over HTTPS")
        start_site(site)
        nginx.start()
        member, _board, title = smoke(site, sink, nginx, data, "first")
        across_servers(site, nginx, servers, member, data)
        slow_uploads(nginx, servers)
        without_redis(redis, nginx, data)
        worker_killed_mid_vote(site, nginx, servers, data)

        step("backup, then restore into a fresh database and fresh folders")
        backup = site.manage("backup", "--output-dir", str(folder / "backups"))
        archive = backup.stdout.strip()
        stop_site()
        restored = ProductionSite()
        settle(restored, redis, sink, nginx)
        result = restored.manage("restore", archive, check=False)
        expect(result.returncode == 0, f"restore failed: {result.stderr}")
        restored.manage("collectstatic", "--no-input")
        deploy_checks(restored)
        start_site(restored)
        nginx.reload()
        smoke(restored, sink, nginx, data, "restored")
        page = Visitor(nginx)
        page.post("/accounts/login/", {"login": data["voters"][2], "password": data["password"]})
        expect(
            title in page.get(f"/consultations/{data['consultation_id']}/").text, "the backup lost a priority"
        )
        step(f"prod-check passed in {time.monotonic() - started:.0f}s")
    finally:
        stop_site()
        nginx.stop()
        redis.stop()
        for current in (site, restored):
            if current and current.drop_database:
                current.drop_database()
        shutil.rmtree(folder, ignore_errors=True)
        for current in (site, restored):
            if current:
                shutil.rmtree(current.folder, ignore_errors=True)


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print(f"prod-check FAILED: {error}", file=sys.stderr)
        sys.exit(1)
