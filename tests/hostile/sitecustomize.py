"""Loaded by every process the hostile suite starts: any network connection is an error."""

import socket


def _refuse(*args: object, **kwargs: object) -> None:
    raise RuntimeError("edcheck tried to open a network connection")


socket.socket.connect = _refuse  # type: ignore[method-assign]
socket.create_connection = _refuse  # type: ignore[assignment]


def _report_peak_memory() -> None:
    """Write this process's peak resident memory (kB) where the suite asked for it.

    ``VmHWM`` belongs to the process image since ``exec``; ``ru_maxrss`` would also count
    the test runner's memory that the child held between fork and exec.
    """
    import os
    import pathlib

    target = os.environ.get("EDCHECK_TEST_PEAK_FILE")
    if not target:
        return
    for line in pathlib.Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            pathlib.Path(target).write_text(line.split()[1])


__import__("atexit").register(_report_peak_memory)
