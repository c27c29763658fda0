# SPDX-License-Identifier: GPL-2.0
"""Drives make shell's guest as a person would, and checks what it shows.

Usage: python3 -m tools.demo.shell_check IMAGE INITRAMFS "KERNEL ARGS" JSON

Two runs of tools/demo/shell-session.sh (make shell), booted with the seed's layout:
- on a pseudo-terminal: waits for the prompt, types the seed's commands one
  at a time, checks /proc/slabinfo after each (0/0 is not shown: the line
  appears with insmod), runs slubpath on one more allocation (and
  releases it), leaves with exit, and checks that QEMU ended with
  status 0 and gave the terminal back as it found it;
- with the commands piped on standard input: checks the same numbers in
  the output and status 0;
- on a pseudo-terminal again, its caller killed at the prompt and the
  terminal left open: checks that QEMU stops within HANGUP_S seconds.
Results as kunit.py-style JSON (for tools/lib/results.py), and one line a
check.
"""
import json
import os
import re
import select
import signal
import subprocess
import sys
import termios
import time
from typing import Dict, List, Optional, Tuple

from tools.demo import seed

# busybox's line editing asks the terminal where the cursor is (ESC [6n)
PROMPT = re.compile(rb'[#$] (\x1b\[6n)?$')
# The seed's steps (tools/demo/seed.txt): what is typed, and slabinfo's
# active/num/slabs after.
SEED: List[Tuple[str, Tuple[int, int, int]]] = [
    (f'echo {s.alloc} > /sys/kernel/yep_slab/alloc', s.counts)
    for s in seed.STEPS if s.alloc]
SLABINFO = re.compile(r'yep_slab_cache\s+(\d+)\s+(\d+)\s+\d+\s+\d+\s+\d+'
                      r'.*slabdata\s+(\d+)\s+(\d+)')
TIMEOUT_S = 240.0
# How soon QEMU must stop once its caller is gone (the watchdog of
# shell-session.sh looks every second).
HANGUP_S = 15.0


class Results:
    def __init__(self) -> None:
        self.cases: List[Dict[str, str]] = []

    def check(self, name: str, ok: bool, detail: str) -> None:
        print(f'{"ok" if ok else "not ok"} - {name}: {detail}', flush=True)
        self.cases.append({'name': name, 'status': 'PASS' if ok else 'FAIL'})

    def skip(self, name: str, why: str) -> None:
        print(f'ok - {name} # SKIP {why}', flush=True)
        self.cases.append({'name': name, 'status': 'SKIP'})


def counts(text: str) -> Optional[Tuple[int, int, int]]:
    found = SLABINFO.findall(text)
    if not found:
        return None
    active, num, slabs, _ = found[-1]
    return int(active), int(num), int(slabs)


class Pty:
    """A command on a new pseudo-terminal, read and typed into."""

    def __init__(self, cmd: List[str]) -> None:
        self.master, slave = os.openpty()
        self.slave = slave
        self.before = termios.tcgetattr(slave)
        self.proc = subprocess.Popen(cmd, stdin=slave, stdout=slave,
                                     stderr=slave, start_new_session=True)
        self.seen = b''

    def read_until(self, pattern: 're.Pattern[bytes]', timeout: float) -> bytes:
        """Everything read until pattern matches the end of it."""
        start = len(self.seen)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:
                    break
                self.seen += chunk
                if pattern.search(self.seen[start:]):
                    break
            elif self.proc.poll() is not None:
                break
        return self.seen[start:]

    def type(self, line: str) -> str:
        os.write(self.master, line.encode() + b'\r')
        return self.read_until(PROMPT, 60).decode(errors='replace')


def on_a_pty(cmd: List[str], res: Results) -> None:
    t = Pty(cmd)
    banner = t.read_until(PROMPT, TIMEOUT_S).decode(errors='replace')
    res.check('pty: banner and prompt', 'Leave with exit' in banner and
              bool(PROMPT.search(banner.encode())),
              'banner names the commands and how to leave')
    out = t.type('insmod yep_slab.ko')
    out = t.type('cat /proc/slabinfo | grep yep')
    res.check('pty: insmod', counts(out) == (0, 0, 0),
              f'slabinfo after insmod {counts(out)}')
    for typed, want in SEED:
        t.type(typed)
        out = t.type('cat /proc/slabinfo | grep yep')
        res.check(f'pty: {typed}', counts(out) == want,
                  f'slabinfo {counts(out)}, the seed {want}')
    out = t.type("slubpath 'echo 1 > /sys/kernel/yep_slab/alloc'")
    res.check('pty: slubpath', 'slubpath: where after:  ' in out and
              'kmem_cache_alloc' in out,
              'slubpath names the functions and where the objects are')
    t.type('echo 1 > /sys/kernel/yep_slab/release')
    if 'no-page-owner' in t.type('[ -r /d/page_owner ] || echo no-page""-owner'):
        res.skip('pty: page_owner', 'not in this kernel (no CONFIG_PAGE_OWNER)')
    else:
        out = t.type('cat /d/page_owner | grep yep | head -n 3')
        res.check('pty: page_owner', '[yep_slab]' in out,
                  'page_owner names the module')
    out = t.type('rmmod yep_slab')
    out = t.type('cat /proc/slabinfo | grep -c yep')
    lines = [line.strip() for line in out.splitlines() if line.strip()]
    res.check('pty: rmmod', lines[1:2] == ['0'],
              f'grep -c counts {lines[1:2]} yep_slab_cache lines after rmmod')
    os.write(t.master, b'exit\r')
    try:
        rc = t.proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        t.proc.kill()
        rc = -1
    after = termios.tcgetattr(t.slave)
    res.check('pty: exit', rc == 0, f'QEMU exited {rc} after exit')
    res.check('pty: terminal restored', after == t.before,
              'the terminal modes are as before')
    os.close(t.master)
    os.close(t.slave)


def caller_killed(cmd: List[str], res: Results) -> None:
    """make shell's caller killed at the prompt, the terminal left open
    (a harness, tmux): QEMU must stop on its own."""
    t = Pty(['sh', '-c', '"$@"; exit $?', 'sh'] + cmd)
    t.read_until(PROMPT, TIMEOUT_S)
    os.close(t.slave)           # only the session holds the terminal now
    os.kill(t.proc.pid, signal.SIGKILL)
    t.proc.wait()
    start = time.monotonic()
    gone = False
    while not gone and time.monotonic() - start < HANGUP_S:
        ready, _, _ = select.select([t.master], [], [], 0.5)
        try:
            gone = bool(ready) and not os.read(t.master, 4096)
        except OSError:         # every holder of the terminal has exited
            gone = True
    if not gone:
        os.killpg(t.proc.pid, signal.SIGTERM)   # the session we started
    os.close(t.master)
    res.check('pty: caller killed stops the guest', gone,
              f'QEMU gone {time.monotonic() - start:.0f}s after its caller'
              if gone else f'QEMU still running {HANGUP_S:.0f}s after')


def piped(cmd: List[str], res: Results) -> None:
    steps = ['insmod yep_slab.ko'] + [c for c, _ in SEED] + [
        'cat /proc/slabinfo | grep yep', 'rmmod yep_slab']
    try:
        proc = subprocess.run(cmd, input='\n'.join(steps) + '\n',
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, errors='replace', timeout=TIMEOUT_S)
        rc, out = proc.returncode, proc.stdout
    except subprocess.TimeoutExpired as err:
        rc, out = -1, str(err.stdout or '')
    res.check('piped: counts', counts(out) == SEED[-1][1],
              f'slabinfo after the piped steps {counts(out)}')
    res.check('piped: exit', rc == 0 and 'powering off' in out,
              f'exited {rc} once the guest powered off')


def main(argv: List[str]) -> int:
    if len(argv) != 4:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    image, initrd, args, json_path = argv
    here = os.path.dirname(os.path.abspath(__file__))
    cmd = [os.path.join(here, 'shell-session.sh'), image, initrd, args,
           str(int(TIMEOUT_S))]
    res = Results()
    on_a_pty(cmd, res)
    piped(cmd, res)
    caller_killed(cmd, res)
    with open(json_path, 'w', encoding='utf-8') as f:
        json.dump({'name': 'yep_slab_shell', 'status': 'PASS',
                   'test_cases': res.cases, 'sub_groups': []}, f, indent=1)
    return 0 if all(c['status'] == 'PASS' for c in res.cases) else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
