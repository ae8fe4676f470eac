"""The load test's cross-check with wrk (Debian package), a load generator written in C: the same
servers, the same pages, but a client that costs the two shared cores next to nothing. The
asyncio client of bench/load.py spends CPU of its own on every request, which counts most against
the cheapest page (the bare view), so its ratios are kinder than the servers' own costs; wrk's are
not. Only GET pages: wrk sends one fixed request again and again."""

import re
import shutil
import statistics
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


# The bare view is loaded again after every this many pages: the shared machine's speed drifts
# over a sweep of 50 pages (a bare view of 1,058 requests a second at the start and 733 at the end
# of one run), and each page is compared with the bare view measured nearest to it.
BARE_EVERY = 8
# A page under this share in the sweep is loaded this many times more, each time between two
# fresh runs of the bare view, and its median share is given: on a shared machine one run of five
# seconds can move a page's share by two or three points either way.
LOOK_AGAIN_UNDER = 0.12
LOOKS_AGAIN = 2


def cross_check(base_url, certificate, pages, seconds, connections):
    """pages: [(label, path, cookie header or "")]; the first is the bare view. Prints a table of
    requests a second, each as a share of the bare view's (the mean of the bare view's runs just
    before and just after it), with p99 and failed answers."""
    if not shutil.which("wrk"):
        print("\nwrk cross-check skipped: wrk is not installed (apt-get install wrk).")
        return
    print(
        f"\nThe same servers loaded with wrk instead ({connections} connections, {seconds:g}s a page, gzip);"
        f"\nthe bare view again after every {BARE_EVERY} pages, each page's share against the bare runs"
        " either side of it:"
    )
    print(f"{'endpoint':52} {'req/s':>8} {'% bare':>7} {'p99 ms':>7} {'failed':>7}")
    bare_label, bare_path, _cookie = pages[0]
    rows, bares = [], []

    def bare():
        rate, p99, failed = run_wrk(base_url + bare_path, seconds, connections)
        bares.append(rate)
        rows.append((f"{bare_label} ({len(bares)})", rate, None, p99, failed))

    bare()
    for count, (label, path, cookie) in enumerate(pages[1:], start=1):
        # wrk counts a redirect (to the sign-in page, say) as an answer: the page is checked first.
        check = requests.get(
            base_url + path,
            headers={"Cookie": cookie},
            verify=str(certificate),
            allow_redirects=False,
            timeout=30,
        )
        if check.status_code != 200:
            rows.append((f"{label}: skipped, answered {check.status_code}", None, None, None, None))
            continue
        rate, p99, failed = run_wrk(base_url + path, seconds, connections, cookie)
        rows.append((label, rate, len(bares), p99, failed))
        if count % BARE_EVERY == 0:
            bare()
    if rows[-1][2] is not None:
        bare()
    shares = {}
    for label, rate, after_bare, p99, failed in rows:
        if rate is None:
            print(label)
        elif after_bare is None:
            print(f"{label:52} {rate:8.1f} {'':>7} {p99:7.1f} {failed:7d}")
        else:
            reference = (bares[after_bare - 1] + bares[min(after_bare, len(bares) - 1)]) / 2
            shares[label] = rate / reference
            print(f"{label:52} {rate:8.1f} {rate / reference:7.1%} {p99:7.1f} {failed:7d}")
    close = [
        (label, path, cookie) for label, path, cookie in pages[1:] if shares.get(label, 1) < LOOK_AGAIN_UNDER
    ]
    if close:
        look_again(base_url, close, shares, seconds, connections, bare_path)


def look_again(base_url, close, shares, seconds, connections, bare_path):
    """Each page near the line loaded LOOKS_AGAIN times more, each between two bare runs."""
    print(
        f"\nThe pages under {LOOK_AGAIN_UNDER:.0%}, loaded {LOOKS_AGAIN} times more, each time between two"
        " fresh runs of the bare view:"
    )
    print(f"{'endpoint':52} {'shares':>24} {'median':>7}")
    seen = {label: [shares[label]] for label, _path, _cookie in close}
    bare_before = run_wrk(base_url + bare_path, seconds, connections)[0]
    for _look in range(LOOKS_AGAIN):
        for label, path, cookie in close:
            rate = run_wrk(base_url + path, seconds, connections, cookie)[0]
            bare_after = run_wrk(base_url + bare_path, seconds, connections)[0]
            seen[label].append(rate / ((bare_before + bare_after) / 2))
            bare_before = bare_after
    for label, looks in seen.items():
        said = ", ".join(f"{share:.1%}" for share in looks)
        print(f"{label:52} {said:>24} {statistics.median(looks):7.1%}")


def visitor_with_a_form_open():
    """The cookie of a visitor who has opened a form: the page cache hands their pages to Django."""
    return f"csrftoken={csrf_token()}"
