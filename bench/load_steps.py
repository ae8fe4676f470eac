"""What bench/load.py measures with: the results (client-side times, errors, and the same
requests' durations from the app servers' request logs), the workers that loop over endpoints
until a slice's deadline, members who vote and take votes back (counting what was accepted),
and signing in through the real form (with an authenticator code for staff).

A module, not a script: `make bench` runs only the files in bench/ that run as __main__."""

import asyncio
import json
import time
import zlib
from collections import defaultdict


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if ordered else float("nan")


class Results:
    """What the client saw (per label: times, errors, seconds measured) and, per slice, which paths
    it sent, to find the same requests' durations in the app servers' logs."""

    def __init__(self, logs):
        self.times, self.errors, self.seconds = defaultdict(list), defaultdict(int), defaultdict(float)
        self.server, self.order, self.logs = defaultdict(list), [], logs
        self.hits = defaultdict(int)
        self.paths = {}

    async def measure(self, label, path, call, ok=lambda answer: answer.status == 200):
        if label not in self.order:
            self.order.append(label)
        self.paths[path] = label
        started = time.perf_counter()
        try:
            answer = await call
            good = ok(answer)
        except (OSError, asyncio.IncompleteReadError, ValueError, zlib.error):
            answer, good = None, False
        if good:
            self.times[label].append((time.perf_counter() - started) * 1000)
        else:
            self.errors[label] += 1
        return answer if good else None

    async def slice(self, seconds, workers):
        """Run the workers (each `async def work(deadline)`) together for `seconds`."""
        self.paths = {}
        offsets = {log: log.stat().st_size for log in self.logs()}
        started = time.monotonic()
        await asyncio.gather(*(work(started + seconds) for work in workers))
        took = time.monotonic() - started
        for label in set(self.paths.values()):
            self.seconds[label] += took
        for log in self.logs():
            with log.open("rb") as file:
                file.seek(offsets.get(log, 0))
                for line in file.read().splitlines():
                    if b'"portal.requests"' in line:
                        entry = json.loads(line)
                        if entry.get("path") in self.paths and entry.get("status", 500) < 500:
                            self.server[self.paths[entry["path"]]].append(entry["ms"])
                            self.hits[self.paths[entry["path"]]] += entry.get("page_cache") == "hit"

    def rate(self, label):
        return len(self.times[label]) / self.seconds[label] if self.seconds[label] else 0

    def table(self, reference):
        # The better of the bare view's slices: a slice that caught both gunicorn workers of one
        # app server restarting together (max_requests) waited for them, which is not the view.
        bare = max(self.rate(label) for label in reference)
        lines = [
            f"{'endpoint':44} {'n':>6} {'req/s':>7} {'% bare':>7} {'p50':>7} {'p95':>7} {'p99':>7} "
            f"{'errors':>6} {'srv p50':>8} {'srv p95':>8} {'hits':>5}"
        ]
        for label in self.order:
            times, server = self.times[label], self.server[label]
            lines.append(
                f"{label:44} {len(times):6d} {self.rate(label):7.1f} {100 * self.rate(label) / bare:6.1f}% "
                f"{percentile(times, 0.5):7.1f} {percentile(times, 0.95):7.1f} {percentile(times, 0.99):7.1f} "
                f"{self.errors[label]:6d} {percentile(server, 0.5):8.1f} {percentile(server, 0.95):8.1f} "
                f"{100 * self.hits[label] / len(server) if server else 0:4.0f}%"
            )
        return bare, "\n".join(lines)


def loop_over(results, browser, steps):
    """A worker that repeats its steps (label, path, make the call) until the deadline. It starts
    no request it expects (from its last one) to end after the deadline, so that a slow page does
    not stretch its slice by a whole queue's worth of waiting."""

    async def work(deadline):
        last = 0.0
        while time.monotonic() + last < deadline:
            for label, path, call in steps():
                started = time.monotonic()
                await results.measure(label, path, call(browser))
                last = time.monotonic() - started
                if time.monotonic() + last >= deadline:
                    break

    return work


class Members:
    """Signed-in members, each voting for a priority and taking the vote back in turn, one request
    at a time each; counts the votes the portal accepted."""

    def __init__(self, results, browsers, data):
        self.results, self.browsers, self.data = results, browsers, data
        self.voted = [None] * len(browsers)
        self.turn = [0] * len(browsers)
        self.added = self.taken_back = 0
        self.consultation = f"/consultations/{data['consultation_id']}/"

    async def read(self, index, label="consultation page (member)"):
        await self.results.measure(label, self.consultation, self.browsers[index].get(self.consultation))

    async def vote(self, index, label="vote / take back (JSON)"):
        browser = self.browsers[index]
        action = "add" if self.voted[index] is None else "remove"
        if action == "add":
            live = self.data["live_priority_ids"]
            self.voted[index] = live[(index * 7 + self.turn[index]) % len(live)]
            self.turn[index] += 1
        path = f"/consultations/priorities/{self.voted[index]}/vote/"
        form = {
            "csrfmiddlewaretoken": browser.cookies.get("csrftoken") or browser.csrf_cookie(),
            "action": action,
        }
        answer = await self.results.measure(
            label, path, browser.post(path, form, headers={"Accept": "application/json"}),
            ok=lambda answer: answer.status == 200 and json.loads(answer.body).get("ok"),
        )  # fmt: skip
        if answer is not None and action == "add":
            self.added += 1
        elif answer is not None:
            self.taken_back += 1
            self.voted[index] = None

    def worker(self, owned, steps):
        async def work(deadline):  # as in loop_over
            last = 0.0
            while time.monotonic() + last < deadline:
                for index in owned:
                    for step in steps:
                        started = time.monotonic()
                        await step(index)
                        last = time.monotonic() - started
                    if time.monotonic() + last >= deadline:
                        return

        return work


async def sign_in(results, browser, email, password, totp_secret=None, label="sign in (form)"):
    from prod_check import app_code

    await browser.get("/accounts/login/")
    token = browser.cookies.get("csrftoken", "")
    form = {"csrfmiddlewaretoken": token, "login": email, "password": password}
    answer = await results.measure(
        label, "/accounts/login/", browser.post("/accounts/login/", form), ok=lambda a: a.status == 302
    )
    if totp_secret and answer is not None:
        code = {"csrfmiddlewaretoken": browser.cookies.get("csrftoken", ""), "code": app_code(totp_secret)}
        answer = await browser.post(answer.header("location"), code)
    if answer is None or answer.status != 302:
        raise RuntimeError(f"{email} could not sign in")
