"""Copying text to the computer's clipboard with the system's own tool, where there is one.

Terminals may ignore the OSC 52 clipboard request Textual sends (macOS Terminal does),
so on the user's own computer the system tool is tried first: it says whether it
worked. Over SSH the system clipboard is the server's, so only the terminal can help.
The text goes to the tool's standard input, never its arguments.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping

COPY_TIMEOUT = 5.0


def _tool(environ: Mapping[str, str], platform: str) -> tuple[list[str], str] | None:
    """The command and the encoding it reads, or None."""
    if environ.get("SSH_CONNECTION") or environ.get("SSH_TTY"):
        return None
    if platform == "darwin" and shutil.which("pbcopy"):
        return ["pbcopy"], "utf-8"
    if platform == "win32" and shutil.which("clip"):
        return ["clip"], "utf-16"  # clip.exe reads UTF-16 with a byte order mark
    if environ.get("WAYLAND_DISPLAY") and shutil.which("wl-copy"):
        return ["wl-copy"], "utf-8"
    if environ.get("DISPLAY") and shutil.which("xclip"):
        return ["xclip", "-selection", "clipboard"], "utf-8"
    return None


def copy_with_system_tool(text: str, environ: Mapping[str, str] | None = None, platform: str = sys.platform) -> bool:
    """True when a system clipboard tool took the text; blocking, up to a few seconds."""
    tool = _tool(os.environ if environ is None else environ, platform)
    if tool is None:
        return False
    command, encoding = tool
    try:
        completed = subprocess.run(
            command,
            input=text.encode(encoding),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=COPY_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return completed.returncode == 0
