"""Named points where a crash test has the process killed (SIGKILL) in the middle of a write.

`PACESETTER_CRASH_AT=<point>` in a process's environment kills it when it reaches that point;
unset (always, outside tests/reliability), a point costs one environment lookup. The points sit
where a crash hurts most: after a transaction's writes and before its commit
(tests/reliability/test_crash_points.py, docs/reliability.md).
"""

import os
import signal

CRASH_AT = "PACESETTER_CRASH_AT"


def crash_point(name: str) -> None:
    if os.environ.get(CRASH_AT) == name:
        os.kill(os.getpid(), signal.SIGKILL)
