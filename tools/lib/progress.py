# SPDX-License-Identifier: GPL-2.0
"""Runs a long command with a heartbeat instead of a silent wait.

Usage: python3 -m tools.lib.progress LOG NAME -- COMMAND...

The one heartbeat of our long steps (kernel builds here, kunit.py through
tools/kunit/run_kunit.py): whenever nothing was printed for half a minute,
one line says what NAME is at: the elapsed time, how many kbuild lines
(CC, LD, ...) it has printed so far, and the latest step.  From the
command line, everything COMMAND prints goes to LOG only, and on failure
the tail of LOG is shown.  The exit code is COMMAND's.
"""
import subprocess
import sys
import threading
import time
from typing import Dict, List, Optional, TextIO

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


def is_kunit_step(line: str) -> bool:
    """kunit.py's '[12:00:00] Building KUnit Kernel ...' and the like."""
    return line.strip().endswith('...')


def run(cmd: List[str], name: str, log: Optional[str] = None,
        echo: bool = False, cwd: Optional[str] = None,
        env: Optional[Dict[str, str]] = None) -> int:
    """Runs CMD; its output goes to LOG, to our stdout (ECHO), or both."""
    start = time.monotonic()
    quiet_since = start
    steps = 0
    now = 'starting'
    lock = threading.Lock()
    done = threading.Event()

    def beat() -> None:
        nonlocal quiet_since
        while not done.wait(1.0):
            with lock:
                if time.monotonic() - quiet_since < HEARTBEAT_S:
                    continue
                count = f', {steps} build steps' if steps else ''
                print(f'yep_slab: ... {name}: {elapsed(start)} elapsed'
                      f'{count}, now {now}', flush=True)
                quiet_since = time.monotonic()

    out: Optional[TextIO] = open(log, 'w', encoding='utf-8') if log else None
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            errors='replace')
    threading.Thread(target=beat, daemon=True).start()
    assert proc.stdout is not None
    for line in proc.stdout:
        if out:
            out.write(line)
        with lock:
            if is_kbuild_step(line):
                steps += 1
                now = ' '.join(line.split()[:2])
            elif is_kunit_step(line):
                now = line.strip().split('] ', 1)[-1]
            if echo:
                print(line, end='', flush=True)
                quiet_since = time.monotonic()
    rc = proc.wait()
    done.set()
    if out:
        out.close()
    what = 'done' if rc == 0 else f'FAILED (exit {rc})'
    where = f' ({steps} build steps, log {log})' if log else ''
    print(f'yep_slab: {name}: {what} in {elapsed(start)}{where}', flush=True)
    if rc and log and not echo:
        with open(log, encoding='utf-8', errors='replace') as f:
            sys.stdout.writelines(f.readlines()[-TAIL_LINES:])
    return rc


def main(argv: List[str]) -> int:
    if len(argv) < 4 or argv[2] != '--':
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    return run(argv[3:], argv[1], log=argv[0])


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
