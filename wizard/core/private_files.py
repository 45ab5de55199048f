"""Writing files only the user can read, atomically."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

# A temporary file older than this is a leftover: no save takes a minute.
STALE_AFTER_SECONDS = 60.0


def write_private_file(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Replace `path` with `data`, readable by the owner only.

    The data goes to a temporary file in the same folder which is then renamed over
    the target, so a crash leaves either the old file or the new one, never half.
    Without `overwrite`, an existing `path` is kept and FileExistsError raised.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # mkstemp creates the file with mode 0600 before anything is written to it.
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        if overwrite:
            os.replace(temp_name, path)
        else:
            _place_new(Path(temp_name), path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _place_new(temp: Path, path: Path) -> None:
    """Give the finished temporary file the name `path` only if no file has it."""
    try:
        # A hard link fails when the name exists: no window between looking and writing.
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links (FAT, some network shares): look, then rename.
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(temp, path)
        return
    temp.unlink()


def remove_stale_temp_files(path: Path, now: float | None = None) -> int:
    """Remove temporary files that saves of `path` left behind when they were killed.

    Recent ones are kept: another copy of the wizard may be saving right now.
    Returns how many were removed; errors are ignored (the folder may be read-only).
    """
    now = time.time() if now is None else now
    removed = 0
    try:
        candidates = list(path.parent.glob(f".{path.name}.*.tmp"))
    except OSError:
        return 0
    for candidate in candidates:
        try:
            stale = now - candidate.stat().st_mtime > STALE_AFTER_SECONDS
            if candidate.is_file() and not candidate.is_symlink() and stale:
                candidate.unlink()
                removed += 1
        except OSError:
            continue
    return removed
