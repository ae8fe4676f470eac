"""The load test's cross-check with wrk (Debian package), a load generator written in C: the same
servers, the same pages, but a client that costs the two shared cores next to nothing. The
asyncio client of bench/load.py spends CPU of its own on every request, which counts most against
the cheapest page (the bare view), so its ratios are kinder than the servers' own costs; wrk's are
not. Only GET pages: wrk sends one fixed request again and again."""

import re
import shutil
import subprocess

import requests
from http_client import csrf_token


def run_wrk(url, seconds, connections, cookie="", gzip=True):
    """(requests a second, p99 ms, answers that were not 2xx or 3xx) of wrk on one address."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds:g}s", "--latency"]
    if gzip:
        command += ["-H", "Accept-Encoding: gzip"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    return rate, p99_ms, int(failed.group(1)) if failed else 0


def cross_check(base_url, certificate, pages, seconds, connections):
    """pages: [(label, path, cookie header or "")]; the first is the bare view. Prints a table of
    requests a second, each as a share of the bare view's, with p99 and failed answers."""
    if not shutil.which("wrk"):
        print("\nwrk cross-check skipped: wrk is not installed (apt-get install wrk).")
        return
    print(
        f"\nThe same servers loaded with wrk instead ({connections} connections, {seconds:g}s a page, gzip):"
    )
    print(f"{'endpoint':44} {'req/s':>8} {'% bare':>7} {'p99 ms':>7} {'failed':>7}")
    bare = None
    for label, path, cookie in pages:
        # wrk counts a redirect (to the sign-in page, say) as an answer: the page is checked first.
        check = requests.get(
            base_url + path,
            headers={"Cookie": cookie},
            verify=str(certificate),
            allow_redirects=False,
            timeout=30,
        )
        if check.status_code != 200:
            print(f"{label:44} skipped: answered {check.status_code}")
            continue
        rate, p99, failed = run_wrk(base_url + path, seconds, connections, cookie)
        bare = bare or rate
        print(f"{label:44} {rate:8.1f} {rate / bare:7.1%} {p99:7.1f} {failed:7d}")


def visitor_with_a_form_open():
    """The cookie of a visitor who has opened a form: the page cache hands their pages to Django."""
    return f"csrftoken={csrf_token()}"
