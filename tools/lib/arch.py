# SPDX-License-Identifier: GPL-2.0
"""The architectures' facts for the Python tools, from tools/lib/arch.txt
(the one table; the Makefile and tools/lib/kmake.sh read it too)."""
import os
from typing import Dict, List

TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'arch.txt')


def _rows() -> Dict[str, List[str]]:
    rows: Dict[str, List[str]] = {}
    with open(TABLE, encoding='utf-8') as f:
        for line in f:
            fields = line.split()
            if fields and not fields[0].startswith('#'):
                rows[fields[0]] = fields[1:]
    return rows


def _field(arch: str, i: int) -> List[str]:
    """Field I (0: cross, 1: packages, 2: kconfig) of ARCH's row, as a
    list; KeyError for an arch the table does not have."""
    value = _rows()[arch][i]
    return [] if value == '-' else value.split(',')


def cross(arch: str) -> str:
    """The CROSS_COMPILE prefix of ARCH, "" for the host's compiler."""
    return ''.join(_field(arch, 0))


def kconfig_files(arch: str) -> List[str]:
    """The fragments ARCH's suite kernel adds to kunit.py's config for
    it (paths)."""
    kunit = os.path.join(os.path.dirname(os.path.dirname(TABLE)), 'kunit')
    return [os.path.join(kunit, name) for name in _field(arch, 2)]
