"""The pieces `make prod-check` starts, each a real process as in a deployment: a private Redis,
a mail sink, nginx with deploy/nginx-portal.conf and a generated certificate, gunicorn app servers
with deploy/gunicorn.conf.py, and the task worker. The portal's own folders, database and
settings come from tests/production_server.py (ProductionSite), so there is one way to run the
production settings."""

import email
import os
import re
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path
from string import Template

import requests
from requests.adapters import HTTPAdapter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.production_server import HOST, free_port  # noqa: E402

DEPLOY = ROOT / "deploy"


def wait_for(check, what, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (requests.RequestException, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"Gave up waiting for {what}")


def port_is_free(port):
    with socket.socket() as sock:
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
        return True


class MailSink(socketserver.ThreadingTCPServer):
    """Enough SMTP for Django's SMTP backend (no TLS, no login); keeps each message it is given."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__((HOST, 0), SmtpSession)
        self.port = self.server_address[1]
        self.messages = []
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def to(self, address):
        return [message for message in self.messages if address in message["To"]]

    def wait_for(self, address, count=1, seconds=90):
        wait_for(lambda: len(self.to(address)) >= count, f"email number {count} to {address}", seconds)
        return self.to(address)[count - 1]


def text_of(message):
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    return ""


class SmtpSession(socketserver.StreamRequestHandler):
    def say(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.say("220 sink ESMTP")
        while line := self.rfile.readline():
            verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.say("250-sink")
                self.say("250 8BITMIME")
            elif verb == "DATA":
                self.say("354 go on")
                lines = []
                while (data := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    lines.append(data[1:] if data.startswith(b"..") else data)
                self.server.messages.append(email.message_from_bytes(b"".join(lines)))
                self.say("250 kept")
            elif verb == "QUIT":
                self.say("221 bye")
                return
            else:
                self.say("250 ok")


class PrivateRedis:
    """A Redis of prod-check's own, so it can be stopped without touching the machine's Redis."""

    def __init__(self, folder):
        self.port = 6390 if port_is_free(6390) else free_port()
        self.folder = folder
        self.url = f"redis://{HOST}:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", HOST, "--save", "", "--appendonly", "no",
             "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(lambda: socket.create_connection((HOST, self.port), timeout=1).close() is None, "Redis")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


def make_certificate(folder):
    """A self-signed certificate for 127.0.0.1, as a stand-in for the real one."""
    certificate, key = folder / "portal.crt", folder / "portal.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={HOST}",
         "-addext", f"subjectAltName=IP:{HOST}", "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    return certificate, key


class Nginx:
    """deploy/nginx-portal.conf filled in (as an operator does with envsubst) inside a small main
    configuration of prod-check's own, so it runs beside any nginx the machine has."""

    def __init__(self, folder, certificate, key):
        self.folder = folder / "nginx"
        (self.folder / "logs").mkdir(parents=True, exist_ok=True)
        self.certificate, self.key = certificate, key
        self.https_port, self.http_port = free_port(), free_port()
        self.url = f"https://{HOST}:{self.https_port}"
        self.process = None

    def configure(self, site, app_ports):
        values = {
            "PORTAL_SERVER_NAME": HOST,
            "PORTAL_HTTPS_PORT": f"{HOST}:{self.https_port}",
            "PORTAL_HTTP_PORT": f"{HOST}:{self.http_port}",
            "PORTAL_CERTIFICATE": str(self.certificate),
            "PORTAL_CERTIFICATE_KEY": str(self.key),
            "PORTAL_STATIC_ROOT": site.env["STATIC_ROOT"],
            "PORTAL_MEDIA_ROOT": site.env["MEDIA_ROOT"],
            "PORTAL_APP_SERVERS": " ".join(f"server {HOST}:{port};" for port in app_ports),
            "PORTAL_LOG_DIR": str(self.folder / "logs"),
        }
        server = Template((DEPLOY / "nginx-portal.conf").read_text()).safe_substitute(values)
        (self.folder / "portal.conf").write_text(server)
        temp = self.folder / "temp"
        (self.folder / "nginx.conf").write_text(
            # The machine's nginx runs its workers as www-data; this one reads prod-check's
            # private temporary folders, so its workers stay root, like the rest of prod-check.
            f"user root;\nworker_processes 2;\npid {self.folder}/nginx.pid;\n"
            f"error_log {self.folder}/logs/error.log warn;\nevents {{ worker_connections 1024; }}\n"
            f"http {{\n include /etc/nginx/mime.types;\n default_type application/octet-stream;\n"
            f" sendfile on;\n client_body_temp_path {temp}/body;\n proxy_temp_path {temp}/proxy;\n"
            f" fastcgi_temp_path {temp}/fastcgi;\n uwsgi_temp_path {temp}/uwsgi;\n"
            f" scgi_temp_path {temp}/scgi;\n include {self.folder}/portal.conf;\n}}\n"
        )
        temp.mkdir(exist_ok=True)
        subprocess.run(["nginx", "-t", "-q", "-c", str(self.folder / "nginx.conf")], check=True)

    def start(self):
        self.process = subprocess.Popen(
            ["nginx", "-c", str(self.folder / "nginx.conf"), "-g", "daemon off;"], stderr=subprocess.DEVNULL
        )
        wait_for(
            lambda: requests.get(f"{self.url}/health/", verify=str(self.certificate), timeout=5).ok, "nginx"
        )

    def reload(self):
        os.kill(self.process.pid, signal.SIGHUP)
        time.sleep(1)

    def access_log(self):
        return (self.folder / "logs" / "portal-access.log").read_text()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class AppServer:
    """One app server, started with the README's command."""

    COMMAND = ".venv/bin/gunicorn -c deploy/gunicorn.conf.py portal.wsgi"

    def __init__(self, site, port=None):
        self.site, self.port = site, port or free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "-c", "deploy/gunicorn.conf.py", "portal.wsgi"],
            cwd=ROOT, env={**self.site.env, "GUNICORN_BIND": f"{HOST}:{self.port}", "GUNICORN_WORKERS": self.site.env.get("GUNICORN_WORKERS", "2")},
            stdout=subprocess.DEVNULL, stderr=self.log(),
        )  # fmt: skip

    def log(self):
        """The app server's log (one JSON line per request and event), kept to read after a failure."""
        return (self.site.folder / f"app-{self.port}.log").open("a")

    def wait(self):
        url = f"http://{HOST}:{self.port}/health/"
        wait_for(lambda: requests.get(url, headers={"X-Forwarded-Proto": "https"}, timeout=5).ok, "gunicorn")

    def workers(self):
        found = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True)
        return [int(pid) for pid in found.stdout.split()]

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


class TaskWorker:
    COMMAND = ".venv/bin/python manage.py db_worker"

    def __init__(self, site):
        self.site, self.process = site, None

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker"], cwd=ROOT, env=self.site.env,
            stdout=subprocess.DEVNULL, stderr=(self.site.folder / "worker.log").open("a"),
        )  # fmt: skip

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


class FromAddress(HTTPAdapter):
    """Connect from a chosen loopback address (127.0.0.0/8 is all this machine), so nginx sees
    different visitors."""

    def __init__(self, address):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class Visitor:
    """A browser on the internet: HTTPS to the proxy, checks its certificate, keeps cookies."""

    def __init__(self, nginx, address="127.0.0.1"):
        self.base = nginx.url
        self.session = requests.Session()
        # Given with each request: REQUESTS_CA_BUNDLE in the environment would override a session's.
        self.verify = str(nginx.certificate)
        self.session.mount("https://", FromAddress(address))
        self.session.headers.update({"Origin": self.base, "Referer": self.base + "/"})

    def get(self, path, **kwargs):
        return self.session.get(
            self.base + path, allow_redirects=False, timeout=30, verify=self.verify, **kwargs
        )

    def post(self, path, data=None, **kwargs):
        if "csrftoken" not in self.session.cookies:
            self.get("/accounts/login/")
        data = {"csrfmiddlewaretoken": self.session.cookies.get("csrftoken", ""), **(data or {})}
        return self.session.post(
            self.base + path, data=data, allow_redirects=False, timeout=30, verify=self.verify, **kwargs
        )

    def direct(self, port, path):
        """The same cookies, straight to one app server (as nginx would pass them on)."""
        return requests.get(
            f"http://{HOST}:{port}{path}", cookies=self.session.cookies.get_dict(),
            headers={"X-Forwarded-Proto": "https"}, allow_redirects=False, timeout=30,
        )  # fmt: skip


def emailed_code(message):
    return re.search(r"^\s*([A-Z0-9]{4,6}(?:-[A-Z0-9]{4})?)\s*$", text_of(message), re.MULTILINE).group(1)
