"""What Switchboard's browser suites share: where things are, skipping when a tool is missing
(never in CI), free loopback ports, checks that print and collect their failures, and bounded waits.
"""
import os
import shutil
import socket
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = os.path.join(ROOT, ".build", "screenshots")
IN_CI = os.environ.get("CI") == "true"
failures = []


def skip(suite, reason):
    if IN_CI:
        print(f"{suite} cannot run in CI: {reason}")
        sys.exit(1)
    print(f"skipped: {suite} need {reason}")
    sys.exit(0)


def binary():
    """The switchboard executable: the first argument, else the debug build."""
    return sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "switchboard")


def require_tools(suite):
    """Skips (or fails, in CI) without Playwright, Chromium or the binary; returns Playwright's sync API."""
    try:
        from playwright import sync_api
    except ImportError:
        skip(suite, "Playwright (pip install playwright)")
    if not os.path.exists(CHROMIUM):
        skip(suite, "Chromium (apt-get install chromium)")
    if not os.path.exists(binary()):
        skip(suite, f"the switchboard binary at {binary()} (swift build)")
    return sync_api


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check(condition, message):
    if condition:
        print(f"  ok   {message}")
    else:
        print(f"  FAIL {message}")
        failures.append(message)
    return bool(condition)


def eventually(probe, timeout=10.0, interval=0.25):
    """Asks `probe` until it answers something truthy or `timeout` seconds pass; returns the last answer."""
    deadline = time.monotonic() + timeout
    while True:
        answer = probe()
        if answer or time.monotonic() >= deadline:
            return answer
        time.sleep(interval)


class Desk:
    """`switchboard serve --demo` on a new SQLite directory and the given port (and `extra` flags), until `stop`."""

    def __init__(self, port, prefix, extra=()):
        import subprocess
        import tempfile

        self.base = f"http://127.0.0.1:{port}"
        self.data = tempfile.mkdtemp(prefix=prefix)
        self.log_path = os.path.join(self.data, "server.log")
        self.log = open(self.log_path, "w")
        self.server = subprocess.Popen(
            [binary(), "serve", "--demo", "--data-dir", self.data, "--port", str(port), *extra],
            stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ, "LOG_LEVEL": "notice"},
        )

    def wait_ready(self):
        """Until /ready answers (two minutes at most), else exits with the desk's log."""
        import urllib.request

        for _ in range(240):
            try:
                with urllib.request.urlopen(self.base + "/ready", timeout=1) as response:
                    if response.status == 200:
                        return
            except Exception:
                time.sleep(0.5)
        raise SystemExit("the server did not become ready; log:\n" + open(self.log_path).read())

    def log_text(self):
        self.log.flush()
        return open(self.log_path, errors="replace").read()

    def stop(self):
        import subprocess

        self.server.terminate()
        try:
            self.server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.server.kill()
        self.log.close()
        shutil.rmtree(self.data, ignore_errors=True)


def finish(what):
    """Exits 1 when a check failed, else says all `what` checks passed."""
    if failures:
        print(f"\n{len(failures)} {what} check(s) failed")
        sys.exit(1)
    print(f"\nall {what} checks passed; screenshots in .build/screenshots/")
