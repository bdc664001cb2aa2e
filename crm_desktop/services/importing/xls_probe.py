"""Reading an old .xls once in a child process first. A damaged .xls can make
python-calamine abort the whole process (an allocation failure in Rust, not an exception:
about 1 file in 1,000 of those fuzzed here), which no Python code can catch. The child
does exactly what the reader will do; if it dies, the file is reported as damaged and the
program lives on. Old .xls workbooks are small (65,536 rows at most), so reading twice
costs a fraction of a second; .xlsx goes through calamine's safer zip reader directly.
This module imports nothing heavy: the child starts with it alone."""

from __future__ import annotations

import io
import multiprocessing
import os
from pathlib import Path

PROBE_TIMEOUT_S = 120


def _probe(path: str) -> None:  # in the child
    # a Rust panic prints its backtrace on stderr: the user gets one sentence instead
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(Path(path).read_bytes()))
        for name in workbook.sheet_names:
            workbook.get_sheet_by_name(name).to_python()
    except BaseException:
        pass


def survives_reading(path: Path) -> bool:
    """Whether reading the workbook leaves a process alive."""
    context = multiprocessing.get_context("spawn")
    child = context.Process(target=_probe, args=(str(path),), daemon=True)
    child.start()
    child.join(PROBE_TIMEOUT_S)
    if child.is_alive():
        child.kill()
        child.join()
        return False
    return child.exitcode == 0
