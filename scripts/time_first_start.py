"""Time `make run` from a fresh clone to its first page (issue 16).

Clones this repository's HEAD into a temporary directory, links the existing
virtualenv into it (creating one is PyPI's speed, not the portal's: pass
--with-venv to include it), runs `make run` on a free port and asks for the
provincial home page until it answers 200. Prints the seconds to the first page
and to the end of each step (migrate, seed_demo), and the load average; the last
line is JSON.

Usage: python scripts/time_first_start.py [--with-venv]
"""

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(port):
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/", headers={"Host": "localhost"})
        return conn.getresponse().status == 200
    except OSError:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--with-venv", action="store_true", help="create the virtualenv too (needs PyPI)")
    parser.add_argument("--timeout", type=int, default=900)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="first-start-"))
    clone = workdir / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    if not args.with_venv:
        os.symlink((ROOT / ".venv").resolve(), clone / ".venv")
        for name in ("requirements.txt", "requirements-dev.txt"):  # older than the venv's stamp
            os.utime(clone / name, (0, 0))
    port = free_port()
    started = time.perf_counter()
    log = open(workdir / "make-run.log", "w")
    process = subprocess.Popen(
        ["make", "run", f"RUN_PORT={port}"],
        cwd=clone,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    steps, seconds = {}, None
    try:
        while time.perf_counter() - started < args.timeout:
            text = (workdir / "make-run.log").read_text(errors="replace")
            if "seed_demo" in text and "migrate" not in steps:
                steps["migrate"] = round(time.perf_counter() - started, 1)
            if "runserver" in text and "seed_demo" not in steps:
                steps["seed_demo"] = round(time.perf_counter() - started, 1)
            if process.poll() is not None:
                raise SystemExit(f"make run stopped:\n{text[-3000:]}")
            if "runserver" in text and answers(port):
                seconds = round(time.perf_counter() - started, 1)
                break
            time.sleep(0.5)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)
    figures = {
        "first_page_s": seconds,
        "steps_done_at_s": steps,
        "with_venv": args.with_venv,
        "loadavg": [round(value, 2) for value in os.getloadavg()],
    }
    print(f"make run from a fresh clone: first page after {seconds} s (steps ended at {steps})")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
