#!/usr/bin/env python
"""How much faster the test suite is than at an earlier commit, for the same tests (issue 9).

1. The earlier commit is checked out in a git worktree (sharing this .venv) and its whole suite
   runs as its own `make test` ran it: one process, `pytest -q`. Its test names are collected.
2. Here, the tests with the same names (a test renamed since is named in RENAMED; parametrised
   cases follow their function) run as `make test` runs them now: `pytest -n 2 --dist loadgroup`.
3. Both runs print wall time and the busy core-seconds of the whole machine (/proc/stat), so it
   shows whether the run was held back by the cores rather than by waiting.

    .venv/bin/python bench/test_speed.py [--before 071dffe] [--workers 2]

Takes about twice as long as `make test`. The machine should be otherwise idle: other work moves
both figures. Without git history for the earlier commit it says so and exits 0.
"""

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# pytest of the interpreter running this script, in both trees (the earlier one shares .venv).
PYTEST = [sys.executable, "-m", "pytest"]
# The commit before `make test` ran on several cores (the start of issue 9's work).
BEFORE = "071dffe"
# Tests renamed since then, and checks that moved: the valid-HTML checks the earlier tests made
# one by one are now gathered and made in one run of the checker.
RENAMED = {"test_every_page_type_is_accessible": "test_every_page_type_is_accessible_and_reflows"}
MOVED_INTO = {"test_every_gathered_page_is_valid_html"}
SUMMARY = re.compile(r"^(\d+ passed.*) in ([\d.]+)s", re.MULTILINE)


def busy_ticks():
    """Clock ticks the machine's cores spent working: user, nice, system, irq and softirq. Idle,
    waiting for disks and time taken by the host (steal) are left out; guest time is already in
    user and nice."""
    user, nice, system, _idle, _iowait, irq, softirq = map(
        int, Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:8]
    )
    return user + nice + system + irq + softirq


def timed(command, cwd):
    """(pytest's summary line, wall seconds, busy core-seconds) of one run."""
    started, ticks = time.perf_counter(), busy_ticks()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    wall, busy = time.perf_counter() - started, (busy_ticks() - ticks) / 100
    found = SUMMARY.search(result.stdout)
    if result.returncode != 0 or found is None:
        sys.exit(
            f"{' '.join(map(str, command))} failed in {cwd}:\n{result.stdout[-3000:]}{result.stderr[-2000:]}"
        )
    return found.group(1), wall, busy


def test_name(node_id):
    return node_id.split("::")[-1].split("[")[0]


def collected(cwd):
    result = subprocess.run(
        [*PYTEST, "-p", "no:cacheprovider", "--collect-only", "-q"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in result.stdout.splitlines() if "::" in line]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default=BEFORE, help=f"the earlier commit (default {BEFORE})")
    parser.add_argument("--workers", default="2", help="pytest-xdist workers now (default 2, as on CI)")
    args = parser.parse_args()
    known = subprocess.run(["git", "cat-file", "-e", f"{args.before}^{{commit}}"], cwd=ROOT, check=False)
    if known.returncode != 0:
        print(f"Commit {args.before} is not in this clone's history: nothing to compare with.")
        return

    with tempfile.TemporaryDirectory(prefix="portal-before-") as folder:
        before = Path(folder) / "tree"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-f", before, args.before], cwd=ROOT, check=True
        )
        try:
            (before / ".venv").symlink_to(ROOT / ".venv")
            names = {test_name(node) for node in collected(before)}
            print(f"Before ({args.before}), one process as its `make test` ran: {len(names)} test names")
            before_run = timed([*PYTEST, "-p", "no:cacheprovider", "-q"], before)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", before], cwd=ROOT, check=False)

    wanted = {RENAMED.get(name, name) for name in names} | MOVED_INTO
    same = [node for node in collected(ROOT) if test_name(node) in wanted]
    found = {test_name(node) for node in same}
    missing = sorted(name for name in names if RENAMED.get(name, name) not in found)
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as ids:
        ids.write("\n".join(same) + "\n")
        ids.flush()
        print(f"Now, the same tests ({len(same)} ids) as `make test` runs them: -n {args.workers}")
        now_run = timed(
            [
                *PYTEST,
                "-p",
                "no:cacheprovider",
                "-q",
                "-n",
                args.workers,
                "--dist",
                "loadgroup",
                f"@{ids.name}",
            ],
            ROOT,
        )

    print(f"\n{'':8} {'tests':36} {'wall s':>8} {'busy core-s':>12} {'cores busy':>11}")
    for label, (summary, wall, busy) in (("before", before_run), ("now", now_run)):
        print(f"{label:8} {summary:36} {wall:8.1f} {busy:12.1f} {busy / wall:11.2f}")
    print(f"\nFaster by {before_run[1] / now_run[1]:.2f}x (wall time, same tests).")
    if missing:
        print(f"Names no longer found (removed or merged since): {', '.join(missing)}")


if __name__ == "__main__":
    main()
