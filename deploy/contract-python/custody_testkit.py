"""Custody for a Python service's own tests: starts the launcher (deploy/target/custody.jar, built by
`mvn -B -q install -DskipTests` or `mvn -B -q -pl deploy -am package -DskipTests`) on free ports
with its embedded database under a temporary CUSTODY_HOME, and stops it afterwards.

In a test:
    with custody_testkit.running_suite() as suite:   # suite: targets, tokens_file, environment
        ...
From a shell, prints where everything is as JSON, runs a command with the suite's environment
(CUSTODY_<SERVICE>_TARGET, CUSTODY_CALLER_TOKENS_FILE) and stops the suite when it ends:
    python3 custody_testkit.py -- python3 -m unittest -v test_scenario
"""
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SERVICES = ("identity", "billing", "analytics", "disclosure")
READY = "Custody is running."


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RunningSuite:
    def __init__(self, process, home, targets, log_path):
        self.process = process
        self.home = home
        self.targets = targets
        self.log_path = log_path
        self.tokens_file = os.path.join(home, "callers.tokens")

    def environment(self):
        """What a client of this suite reads (the Node.js and Python clients read these)."""
        env = {f"CUSTODY_{s.upper()}_TARGET": t for s, t in self.targets.items()}
        env["CUSTODY_CALLER_TOKENS_FILE"] = self.tokens_file
        return env

    def as_json(self):
        return json.dumps({"targets": self.targets, "tokensFile": self.tokens_file, "home": self.home,
                           "pid": self.process.pid, "environment": self.environment()})


def start(jar=os.path.join(REPO_ROOT, "deploy", "target", "custody.jar"), timeout_seconds=300, extra_env=None):
    if not os.path.isfile(jar):
        raise FileNotFoundError(f"{jar} missing: mvn -B -q -pl deploy -am package -DskipTests")
    home = tempfile.mkdtemp(prefix="custody-testkit-")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUSTODY_")}
    env.update({"CUSTODY_HOME": home, "CUSTODY_DRAIN_DELAY": "0s", "CUSTODY_SHUTDOWN_GRACE": "5s"})
    targets = {}
    for service in SERVICES:
        port = free_port()
        targets[service] = f"127.0.0.1:{port}"
        env[f"CUSTODY_{service.upper()}_GRPC_PORT"] = str(port)
        env[f"CUSTODY_{service.upper()}_METRICS_PORT"] = str(free_port())
    env.update(extra_env or {})
    log_path = os.path.join(home, "launcher.log")
    log = open(log_path, "wb")
    process = subprocess.Popen(["java", "-Xmx768m", "-jar", jar, "start"], env=env, stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    suite = RunningSuite(process, home, targets, log_path)
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        with open(log_path, encoding="utf-8", errors="replace") as f:
            if READY in f.read():
                return suite
        if process.poll() is not None:
            break
        time.sleep(0.5)
    stop(suite)
    with open(log_path, encoding="utf-8", errors="replace") as f:
        raise RuntimeError(f"the launcher did not start (exit {process.poll()}):\n{f.read()[-4000:]}")


def stop(suite):
    """SIGTERM (the launcher stops its services, then its database), then removes the temporary home."""
    if suite.process.poll() is None:
        suite.process.send_signal(signal.SIGTERM)
        try:
            suite.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            suite.process.kill()
            suite.process.wait()
    shutil.rmtree(suite.home, ignore_errors=True)


@contextlib.contextmanager
def running_suite(**kwargs):
    suite = start(**kwargs)
    try:
        yield suite
    finally:
        stop(suite)


def main(argv):
    command = argv[argv.index("--") + 1:] if "--" in argv else []
    with running_suite() as suite:
        print(suite.as_json(), flush=True)
        if command:
            return subprocess.call(command, env={**os.environ, **suite.environment()})
        signal.sigwait({signal.SIGINT, signal.SIGTERM})
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
