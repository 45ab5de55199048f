"""Opening a web page in the user's browser, and saying truthfully whether it opened.

`webbrowser.open` is run in a child process: a browser's own messages would otherwise
land on the wizard's screen, a console browser (lynx, w3m) would take over the
terminal, and some launchers block. The child has no terminal and a deadline.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from enum import Enum

OPEN_TIMEOUT = 10.0

# Exit codes of the child process.
_OPENED, _FAILED, _NO_BROWSER = 0, 1, 3


class BrowserResult(Enum):
    OPENED = "opened"
    NO_BROWSER = "no_browser"
    """No browser can be started from here (SSH, no desktop, nothing installed)."""
    FAILED = "failed"
    """A browser was found but did not open the page (or did not answer in time)."""


def has_desktop(environ: Mapping[str, str] | None = None, platform: str = sys.platform) -> bool:
    """Whether a graphical browser could appear: always on Windows and macOS, else a display or $BROWSER."""
    environ = os.environ if environ is None else environ
    if platform in ("win32", "darwin"):
        return True
    return any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"))


def open_in_browser(url: str, timeout: float = OPEN_TIMEOUT) -> BrowserResult:
    """Blocking, up to `timeout` seconds: call it from a thread or worker."""
    if not has_desktop():
        return BrowserResult.NO_BROWSER
    try:
        child = subprocess.run(
            [sys.executable, "-m", "wizard.core.browser", url],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # no controlling terminal for a console browser to grab
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return BrowserResult.FAILED
    return {_OPENED: BrowserResult.OPENED, _NO_BROWSER: BrowserResult.NO_BROWSER}.get(
        child.returncode, BrowserResult.FAILED
    )


def _child(url: str) -> int:
    import webbrowser

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return _NO_BROWSER
    try:
        return _OPENED if browser.open(url) else _FAILED
    except Exception:
        return _FAILED


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1]) if len(sys.argv) == 2 else _FAILED)
