"""`ecrea-gmail-setup serve`: the same wizard as a web page, through textual-serve, closed to
everyone but the user who started it.

Anyone who can drive the wizard can press "Show password" and read the stored app
password, so the page is guarded like the terminal it replaces:
- a random secret (256 bits) is in the address this command prints and opens; the
  first visit exchanges it for an HttpOnly, SameSite=Strict cookie, so reloads work
  and the secret leaves the address bar;
- every request must name this server's own address in Host (no DNS rebinding), and
  the socket must come from this server's own page (Origin);
- at most a few sessions run at once;
- the browser is opened with a private file (0600) that redirects to the secret
  address, so the secret is never a process argument another user could read with
  `ps`; the file is removed when the server stops.
It listens on 127.0.0.1 unless the user names another address with --host.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import shlex
import socket
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from wizard.core.texts import Texts

LOOPBACK = "127.0.0.1"
MAX_SESSIONS = 3
COOKIE = "ecrea_gmail_setup_session"
TOKEN_PARAMETER = "token"


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


def allowed_hosts(bind: str, port: int) -> frozenset[str]:
    """The Host header values that name this server; anything else is another site's name.

    A rebinding attack reaches 127.0.0.1 under a domain name it controls, so on
    loopback only loopback names pass. Listening on every address, any IP literal
    (the computer's own addresses) and this computer's name pass too.
    """
    names = {"127.0.0.1", "localhost", "[::1]"}
    if not is_loopback(bind):
        names |= {bind if ":" not in bind else f"[{bind}]", socket.gethostname(), f"{socket.gethostname()}.local"}
    return frozenset(f"{name}:{port}".lower() for name in names)


def host_is_allowed(host: str, allowed: frozenset[str], bind: str, port: int) -> bool:
    host = host.lower()
    if host in allowed:
        return True
    if bind in ("0.0.0.0", "::"):
        name, _, given_port = host.rpartition(":")
        try:
            ipaddress.ip_address(name.strip("[]"))
        except ValueError:
            return False
        return given_port == str(port)
    return False


class Guard:
    """The checks every request passes; the numbers a test or the server can read."""

    def __init__(self, bind: str, port: int, texts: Texts, max_sessions: int = MAX_SESSIONS) -> None:
        self.bind, self.port, self.texts = bind, port, texts
        self.token = secrets.token_urlsafe(32)
        self.cookie_value = secrets.token_urlsafe(32)
        self.allowed = allowed_hosts(bind, port)
        self.max_sessions = max_sessions
        self.sessions = 0

    def secret_address(self, host: str) -> str:
        return f"http://{host}:{self.port}/?{TOKEN_PARAMETER}={self.token}"

    def page(self, key: str, status: int):
        from aiohttp import web

        title = self.texts("serve.page_title")
        body = self.texts(key)
        html = (
            f'<!doctype html><html lang="{self.texts.lang}"><meta charset="utf-8"><title>{title}</title>'
            '<body style="font-family:sans-serif;max-width:40em;margin:3em auto">'
            f"<h1>{title}</h1><p>{body}</p></body></html>"
        )
        return web.Response(status=status, text=html, content_type="text/html", headers={"Cache-Control": "no-store"})

    def has_cookie(self, request) -> bool:
        return hmac.compare_digest(request.cookies.get(COOKIE, ""), self.cookie_value)

    async def middleware(self, request, handler):
        from aiohttp import web

        if not host_is_allowed(request.host, self.allowed, self.bind, self.port):
            return self.page("serve.wrong_host", 403)
        token = request.query.get(TOKEN_PARAMETER)
        if token is not None:
            if not hmac.compare_digest(token, self.token):
                return self.page("serve.no_secret", 403)
            # The secret becomes a cookie only this origin's pages send; the address bar forgets it.
            response = web.Response(status=303, headers={"Location": "/", "Cache-Control": "no-store"})
            response.set_cookie(COOKIE, self.cookie_value, httponly=True, samesite="Strict", path="/")
            return response
        if not self.has_cookie(request):
            return self.page("serve.no_secret", 403)
        if request.path == "/ws":
            if request.headers.get("Origin", "") != f"http://{request.host}":
                return self.page("serve.no_secret", 403)
            if self.sessions >= self.max_sessions:
                return self.page("serve.too_many", 503)
        elif request.path == "/" and self.sessions >= self.max_sessions:
            return self.page("serve.too_many", 503)
        response = await handler(request)
        response.headers.setdefault("Cache-Control", "no-store")
        return response


def open_page_file(address: str, folder: Path) -> Path:
    """A file only the user can read that sends the browser on to `address`."""
    from html import escape

    from wizard.core.private_files import write_private_file

    quoted = escape(address, quote=True)
    page = (
        '<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer">'
        f'<meta http-equiv="refresh" content="0;url={quoted}">'
        f'<script>location.replace({address!r})</script><a href="{quoted}">ecrea-gmail-setup</a>\n'
    )
    path = folder / "open-wizard.html"
    write_private_file(path, page.encode("utf-8"))
    return path


def private_folder() -> Path:
    """A new folder only the user can enter, in the runtime folder where there is one (Linux)."""
    import os

    runtime = os.environ.get("XDG_RUNTIME_DIR")
    base = runtime if runtime and os.path.isdir(runtime) else None
    return Path(tempfile.mkdtemp(prefix="ecrea-gmail-setup-", dir=base))


def build_server(command: str, guard: Guard, host: str, port: int, title: str):
    """textual-serve's Server with the guard in front, quiet logs, and a socket address that follows the browser's."""
    import aiohttp_jinja2
    from aiohttp import web
    from textual_serve.server import Server

    class GuardedServer(Server):
        def initialize_logging(self) -> None:
            # textual-serve logs rich tracebacks with local variables: nothing of that reaches the terminal.
            import logging

            logging.getLogger("textual-serve").setLevel(logging.CRITICAL)
            logging.getLogger("aiohttp").setLevel(logging.CRITICAL)

        async def on_startup(self, app: web.Application) -> None:
            pass  # the address is printed by `serve`, with the advice that goes with it

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()

            @web.middleware
            async def guarded(request: web.Request, handler):
                return await guard.middleware(request, handler)

            app.middlewares.append(guarded)
            return app

        @aiohttp_jinja2.template("app_index.html")
        async def handle_index(self, request: web.Request) -> dict[str, Any]:
            # The page's socket goes back to the address the browser used (not to
            # 0.0.0.0 when listening everywhere); Host is already checked.
            origin = f"http://{request.host}"
            static = request.app.router["static"].url_for(filename="/")
            return {
                "font_size": 16,
                "app_websocket_url": f"ws://{request.host}/ws",
                "config": {"static": {"url": f"{origin}{static}".rstrip("/") + "/"}},
                "application": {"name": self.title},
            }

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            guard.sessions += 1
            try:
                return await super().handle_websocket(request)
            finally:
                guard.sessions -= 1

    return GuardedServer(command, host=host, port=port, title=title)


def serve(
    texts: Texts,
    *,
    lang: str | None,
    port: int,
    host: str | None,
    practice: bool,
    open_browser: bool,
    max_sessions: int = MAX_SESSIONS,
) -> int:
    import shutil

    bind = host or LOOPBACK
    if not is_loopback(bind):
        print(texts("serve.exposed", host=bind), file=sys.stderr)
    guard = Guard(bind, port, texts, max_sessions)
    shown_host = LOOPBACK if bind in ("0.0.0.0", "::") else (f"[{bind}]" if ":" in bind else bind)
    address = guard.secret_address(shown_host)
    print(texts("serve.address", address=address), flush=True)
    print(texts("serve.keep_private"), flush=True)
    server = build_server(wizard_command(lang, practice), guard, bind, port, texts("app.title"))
    folder = private_folder()
    try:
        if open_browser:
            page = open_page_file(address, folder)
            threading.Timer(1.0, open_browser_on, args=(page, texts)).start()
        try:
            server.serve()
        except OSError as error:
            reason = error.strerror or type(error).__name__
            print(texts("serve.cannot_listen", host=bind, port=port, reason=reason), file=sys.stderr)
            return 2
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


def open_browser_on(page: Path, texts: Texts) -> None:
    """Open the redirecting file; the secret address is in the file, never in a command line."""
    from wizard.core.browser import BrowserResult, open_in_browser

    if open_in_browser(page.as_uri()) is not BrowserResult.OPENED:
        print(texts("serve.no_browser"), file=sys.stderr, flush=True)
