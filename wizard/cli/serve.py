"""`ecrea-gmail-setup serve`: the same wizard as a web page, through textual-serve.

It listens on 127.0.0.1 unless the user names another address with --host.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
import threading
import webbrowser

from wizard.core.texts import Texts

LOOPBACK = "127.0.0.1"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def wizard_command(lang: str | None, practice: bool) -> str:
    """The command textual-serve runs for each browser tab: this same wizard.

    Without a language it chooses as the terminal wizard does: last choice, then locale.
    """
    arguments = [sys.executable, "-m", "wizard"]
    if lang:
        arguments += ["--lang", lang]
    if practice:
        arguments.append("--practice")
    return shlex.join(arguments)


def serve(texts: Texts, *, lang: str | None, port: int, host: str | None, practice: bool, open_browser: bool) -> int:
    from textual_serve.server import Server

    bind = host or LOOPBACK
    if not is_loopback(bind):
        print(texts("serve.exposed", host=bind), file=sys.stderr)
    address = f"http://{'127.0.0.1' if bind in ('0.0.0.0', '::') else bind}:{port}"
    print(texts("serve.address", address=address), flush=True)
    server = Server(wizard_command(lang, practice), host=bind, port=port, title=texts("app.title"))
    if open_browser:
        # Opened a moment later, once the server is listening.
        threading.Timer(1.0, webbrowser.open, args=(address,)).start()
    server.serve()
    return 0
