"""When the wizard itself fails: a file for support staff, never a traceback on the user's screen.

Textual shows a traceback with local variables when an app crashes. Here the
traceback (without values) goes to a private file in the state folder and the user is
told in their language where it is. An exception's message may quote anything: a
password the wizard no longer holds, a server's words. So the file is scrubbed of every
password the process has held and of anything shaped like an app password (see
`wizard.core.redaction`), and every line goes through the output filter.
"""

from __future__ import annotations

import traceback
from datetime import UTC, datetime
from pathlib import Path

from wizard.core.output_filter import printable_lines
from wizard.core.redaction import redact


def save_crash_report(error: BaseException, folder: Path, *, address: str = "", password: str = "") -> Path | None:
    """Write the traceback to `folder`; the file's path, or None if it could not be written."""
    from wizard import __version__
    from wizard.core.private_files import write_private_file

    when = datetime.now(UTC)
    text = f"ecrea-gmail-setup {__version__}, {when.isoformat(timespec='seconds')}\n\n"
    text += "".join(traceback.format_exception(error))
    path = folder / f"crash-{when:%Y%m%d-%H%M%S}.txt"
    try:
        write_private_file(path, printable_lines(redact(text, address, password)).encode("utf-8"))
    except OSError:
        return None
    return path
