"""Clients nobody here wrote, reading what the portal publishes: calendar apps' parsers, meeting
finders' rules, feed readers and crawlers."""

import datetime
import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.factories.network import public_site

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
LONDON = ZoneInfo("Europe/London")
NOW = datetime.datetime(2026, 11, 23, 12, tzinfo=LONDON)
READ_TIMEOUT_SECONDS = 60


@pytest.fixture
def portal(home_page, network_settings):
    network_settings.address = "The Net Loft\n12 Harbour Street\nPortskerry\nPS1 2AB"
    network_settings.save()
    with time_machine.travel(NOW, tick=False):
        yield public_site(home_page, groups=1, news=3)


def node_with_icaljs():
    """Node.js, with ical.js installed from package.json's devDependencies when it is missing."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        message = (
            "Node.js and npm are not installed, so calendars are not read with ical.js (Thunderbird's parser)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # One install at a time, however many test processes ask for it.
    with open(ROOT / "package.json") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (ROOT / "node_modules" / "ical.js" / "package.json").exists():
            subprocess.run(  # noqa: S603
                [npm, "install", "--no-audit", "--no-fund", "--no-package-lock"],
                cwd=ROOT,
                check=True,
                capture_output=True,
                timeout=600,
            )
    return node


def run_reader(command, calendar, start, end):
    result = subprocess.run(  # noqa: S603
        [*command, start.isoformat(), end.isoformat()],
        input=calendar,
        capture_output=True,
        check=False,
        timeout=READ_TIMEOUT_SECONDS,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr.decode()
    occurrences = json.loads(result.stdout)
    for occurrence in occurrences:
        for field in ("start", "end"):
            occurrence[field] = datetime.datetime.fromisoformat(occurrence[field].replace("Z", "+00:00"))
    return sorted(occurrences, key=lambda occurrence: (occurrence["start"], occurrence["uid"]))


@pytest.fixture(scope="session", params=["vobject", "ical.js"])
def read_calendar(request):
    """A function that reads an .ics body the way one calendar client does and returns each
    occurrence from start to end: {uid, summary, transp, start, end}, times in UTC."""
    if request.param == "ical.js":
        command = [node_with_icaljs(), str(HERE / "read_calendar.mjs")]
    else:
        command = [sys.executable, str(HERE / "read_calendar_vobject.py")]

    def read(calendar, start, end):
        return run_reader(command, calendar, start, end)

    read.client = request.param
    return read
