#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Runs a long command quietly, with a heartbeat instead of a silent wait.

Usage: heartbeat.py LOG STEP -- COMMAND...

Everything COMMAND prints goes to LOG.  Every half minute one line says
what STEP is at: the elapsed time, how many kbuild lines (CC, LD, ...) it
has printed so far and the latest of them.  On failure the tail of LOG is
shown.  The exit code is COMMAND's.
"""
import subprocess
import sys
import threading
import time
from typing import List

HEARTBEAT_S = 30.0
TAIL_LINES = 40


def elapsed(start: float) -> str:
    el = int(time.monotonic() - start)
    return f'{el // 60}m{el % 60:02d}s'


def is_kbuild_step(line: str) -> bool:
    """'  CC      mm/slub.o' and the like: one unit of build work."""
    words = line.split()
    return (len(words) >= 2 and line.startswith('  ') and
            words[0].isupper() and len(words[0]) <= 8)


def run(log: str, step: str, cmd: List[str]) -> int:
    start = time.monotonic()
    steps = [0]
    last = ['starting']
    lock = threading.Lock()
    done = threading.Event()

    def beat() -> None:
        while not done.wait(HEARTBEAT_S):
            with lock:
                print(f'yep_slab: ... {step}: {elapsed(start)} elapsed, '
                      f'{steps[0]} build steps, now {last[0]}', flush=True)

    with open(log, 'w', encoding='utf-8') as out:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True,
                                errors='replace')
        threading.Thread(target=beat, daemon=True).start()
        assert proc.stdout is not None
        for line in proc.stdout:
            out.write(line)
            if is_kbuild_step(line):
                with lock:
                    steps[0] += 1
                    last[0] = ' '.join(line.split()[:2])
        rc = proc.wait()
        done.set()
    print(f'yep_slab: {step}: {"done" if rc == 0 else "FAILED"} in '
          f'{elapsed(start)} ({steps[0]} build steps, log {log})',
          flush=True)
    if rc:
        with open(log, encoding='utf-8', errors='replace') as f:
            sys.stdout.writelines(f.readlines()[-TAIL_LINES:])
    return rc


def main(argv: List[str]) -> int:
    if len(argv) < 4 or argv[2] != '--':
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    return run(argv[0], argv[1], argv[3:])


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
