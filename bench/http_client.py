"""A small asyncio HTTP/1.1 client for bench/load.py: HTTPS with the site's certificate, keep-alive
(one connection per browser, as a browser keeps one per site), gzip, chunked answers and cookies.
Written on the standard library, so the load script needs no package the project does not have,
and so the client costs little CPU on a machine it shares with the servers it measures.

A module, not a script: `make bench` runs only the files in bench/ that run as __main__."""

import asyncio
import contextlib
import secrets
import ssl
import zlib
from urllib.parse import urlencode


def csrf_token():
    """32 letters and digits, the shape of the secret in Django's CSRF cookie."""
    return secrets.token_urlsafe(24).replace("-", "a").replace("_", "b")[:32]


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.raw = status, headers, body

    def header(self, name, default=None):
        name = name.lower()
        return next((value for key, value in self.headers if key == name), default)

    @property
    def body(self):
        if self.header("content-encoding") == "gzip":
            return zlib.decompress(self.raw, 16 + zlib.MAX_WBITS)
        return self.raw

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")


class Browser:
    """One visitor: their cookies and one keep-alive connection to nginx."""

    def __init__(self, host, port, certificate, address="127.0.0.1"):
        self.host, self.port, self.address = host, port, address
        self.origin = f"https://{host}:{port}"
        self.context = ssl.create_default_context(cafile=str(certificate))
        self.cookies = {}
        self.reader = self.writer = None

    async def _connect(self):
        self.reader, self.writer = await asyncio.open_connection(
            self.host, self.port, ssl=self.context, server_hostname=self.host, local_addr=(self.address, 0)
        )

    async def close(self):
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError, ssl.SSLError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    def csrf_cookie(self):
        """A CSRF cookie of the browser's own, as Django would have set on an earlier page."""
        self.cookies.setdefault("csrftoken", csrf_token())
        return self.cookies["csrftoken"]

    async def get(self, path, headers=None):
        return await self.request("GET", path, headers=headers)

    async def post(self, path, data, headers=None):
        body = urlencode(data).encode()
        extra = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.origin,
            "Referer": self.origin + "/",
            **(headers or {}),
        }
        return await self.request("POST", path, body=body, headers=extra)

    async def request(self, method, path, body=b"", headers=None):
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            "User-Agent: portal-bench-load/1",
            "Accept-Encoding: gzip",
        ]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{name}={value}" for name, value in self.cookies.items()))
        if method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        message = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
        reused = self.writer is not None
        if not reused:
            await self._connect()
        try:
            self.writer.write(message)
            await self.writer.drain()
            status_line = await self.reader.readline()
        except (ConnectionError, ssl.SSLError):
            status_line = b""
        if not status_line:
            # The server closed an idle kept-alive connection before reading this request (so it
            # was never handled): send it again on a new one, as browsers do. Never otherwise.
            await self.close()
            if not reused:
                raise ConnectionError(f"{method} {path}: no answer")
            await self._connect()
            self.writer.write(message)
            await self.writer.drain()
            status_line = await self.reader.readline()
        answer = await self._read(status_line)
        self._keep_cookies(answer)
        if (answer.header("connection") or "").lower() == "close":
            await self.close()
        return answer

    async def _read(self, status_line):
        parts = status_line.decode("latin-1").split(" ", 2)
        if len(parts) < 2:
            raise ConnectionError(f"bad status line {status_line!r}")
        headers = []
        while (line := await self.reader.readline()) not in (b"\r\n", b"\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers.append((name.strip().lower(), value.strip()))
        answer = Answer(int(parts[1]), headers, b"")
        if (answer.header("transfer-encoding") or "").lower() == "chunked":
            chunks = []
            while size := int((await self.reader.readline()).split(b";")[0], 16):
                chunks.append(await self.reader.readexactly(size))
                await self.reader.readexactly(2)
            while (await self.reader.readline()) not in (b"\r\n", b"\n", b""):
                pass
            answer.raw = b"".join(chunks)
        elif (length := answer.header("content-length")) is not None:
            answer.raw = await self.reader.readexactly(int(length))
        elif answer.status not in (204, 304):
            answer.raw = await self.reader.read()
            await self.close()
        return answer

    def _keep_cookies(self, answer):
        for name, value in answer.headers:
            if name != "set-cookie":
                continue
            pair, *attributes = value.split(";")
            key, _, content = pair.strip().partition("=")
            expired = any(a.strip().lower() in ("max-age=0", "max-age=-1") for a in attributes)
            if expired or not content or content == '""':
                self.cookies.pop(key, None)
            else:
                self.cookies[key] = content
