"""CPU seconds of processes from /proc (Linux), for the benchmarks that run a server beside
their clients: the server's own CPU per request says what the machine can serve when its
cores are shared with the load generator."""

from __future__ import annotations

import os


def proc_cpu(pid: int) -> float:
    """CPU seconds (user + system) of one process; 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree_cpu(root: int) -> float:
    """CPU seconds of ``root`` and its children (gunicorn's master and workers)."""
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        if int(entry) == root or ppid == root:
            total += proc_cpu(int(entry))
    return total
