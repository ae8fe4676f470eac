"""The portal as it is deployed: the real production settings module, in its own processes.

`ProductionSite` prepares a database, a static folder and private folders of its own, runs the
README's steps (migrate, collectstatic, check --deploy), loads a few people with a script run under
those settings (tests/production_data.py), and starts gunicorn. `Browser` talks to it over HTTP the
way a browser behind the TLS proxy would: it says the request came in over HTTPS and keeps
cookies, including the ones marked Secure.
"""

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY = "production-test-" + "k" * 60
HOST = "127.0.0.1"


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def redis_url():
    """The Redis for the production processes: its own database number, because tests on the
    test settings clear theirs."""
    base = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    return re.sub(r"/\d*$", "", base) + "/11"


def redis_is_up(url):
    import redis

    try:
        return redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


class ProductionSite:
    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="portal-production-"))
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.database_url, self.drop_database = self._database()
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(Path.home()),
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": SECRET_KEY,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": redis_url(),
            "MFA_ENCRYPTION_KEYS": "kmSx9rvE1u6oW2Jm8wVfQq4sPZb0n3cTgYd7hLrA5eI=",
            "CACHE_KEY_PREFIX": f"prodtest-{uuid.uuid4().hex[:8]}",
            "ALLOWED_HOSTS": HOST,
            "CSRF_TRUSTED_ORIGINS": f"https://{HOST}:{self.port}",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": "1",
            "STATIC_ROOT": str(self.folder / "static"),
            "MEDIA_ROOT": str(self.folder / "media"),
            "PRIVATE_FILES_ROOT": str(self.folder / "private"),
            "WAGTAILADMIN_BASE_URL": f"https://{HOST}:{self.port}",
            "LOG_LEVEL": "WARNING",
        }
        self.server = None

    def _database(self):
        configured = os.environ.get("DATABASE_URL", "")
        if not configured.startswith("postgres"):
            return f"sqlite:///{self.folder / 'portal.sqlite3'}", None
        import psycopg

        name = f"portal_production_{uuid.uuid4().hex[:10]}"
        admin_url = re.sub(r"/[^/]*$", "/postgres", configured)
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')

        def drop():
            with psycopg.connect(admin_url, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        return re.sub(r"/[^/]*$", f"/{name}", configured), drop

    def manage(self, *args, check=True):
        return subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=check,
        )

    def python(self, code):
        """Run code under the production settings, with Django set up; returns what it printed."""
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", f"import django; django.setup()\n{code}"],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def prepare(self):
        self.manage("migrate", "--no-input")
        self.manage("collectstatic", "--no-input")
        self.deploy_check = self.manage("check", "--deploy", "--fail-level", "WARNING", check=False)
        self.people = self.python("from tests.production_data import build; build()")

    def start(self):
        self.server = self.serve(ROOT, self.port)

    def serve(self, code, port, app="portal.wsgi"):
        """gunicorn running the code in the folder `code` on `port`, for this site: its database,
        its cache and its settings. Returns once it answers."""
        server = subprocess.Popen(  # noqa: S603 (the app is a module name this file's callers give)
            # The deployed configuration (deploy/gunicorn.conf.py: the app loaded before the
            # workers fork), on this test's own port, with two workers.
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", app],
            cwd=code,
            env={**self.env, "GUNICORN_BIND": f"{HOST}:{port}", "GUNICORN_WORKERS": "2"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                requests.get(f"http://{HOST}:{port}/", headers={"X-Forwarded-Proto": "https"}, timeout=10)
                return server
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.2)
        server.terminate()
        raise RuntimeError("gunicorn did not start: " + server.communicate(timeout=10)[1].decode())

    def stop(self):
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            self.server.wait(timeout=10)
        if self.drop_database:
            self.drop_database()

    def browser(self):
        return Browser(self)


class Browser:
    """A visitor's browser behind the TLS proxy: HTTPS as far as Django knows, cookies kept."""

    def __init__(self, site):
        self.site = site
        self.cookies = {}

    def _headers(self, extra=None):
        headers = {
            "X-Forwarded-Proto": "https",
            "Origin": f"https://{HOST}:{self.site.port}",
            "Referer": f"https://{HOST}:{self.site.port}/",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        headers.update(extra or {})
        return headers

    def _keep_cookies(self, response):
        for header in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def request(self, method, path, data=None, headers=None):
        response = requests.request(
            method,
            self.site.url + path,
            data=data,
            headers=self._headers(headers),
            allow_redirects=False,
            timeout=20,
        )
        self._keep_cookies(response)
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data=None, **kwargs):
        """A form post, with the CSRF token the page gave (read from its cookie)."""
        if "csrftoken" not in self.cookies:
            self.get("/accounts/login/")
        data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **(data or {})}
        return self.request("POST", path, data=data, **kwargs)


# What a page loads from its own site: stylesheets, icons, scripts and images.
ASSETS = re.compile(r'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]+href|script[^>]+src|img[^>]+src)="(/[^"]+)"')
HOME_PAGE_BUDGET = 60 * 1024


def page_weight(get, path):
    """{address: bytes sent}: a page and everything it loads from the site, asked for as a browser
    does (accepting gzip). `get(path, headers=...)` is a Browser's or a Visitor's."""

    def sent(response):
        assert response.status_code == 200, (response.url, response.status_code)
        length = response.headers.get("Content-Length")
        return int(length) if length is not None else len(response.content)

    accept = {"Accept-Encoding": "gzip"}
    page = get(path, headers=accept)
    sizes = {path: sent(page)}
    for asset in dict.fromkeys(ASSETS.findall(page.text)):
        sizes[asset] = sent(get(asset, headers=accept))
    return sizes
