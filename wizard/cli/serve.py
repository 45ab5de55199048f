"""`ecrea-gmail-setup serve`: the same wizard as a web page, through textual-serve, closed to
everyone but the tab that the user opened.

Anyone who can drive the wizard can press "Show password" and read the stored app
password, so the page is guarded like the terminal it replaces:
- a random secret (256 bits) travels in the address's fragment (`/#secret`), which a
  browser never sends to any server, nor in Referer or logs; the page's own script moves
  it into sessionStorage (one origin, so one port, and one tab) and clears the address
  bar. A cookie would not do: browsers send a cookie for 127.0.0.1 to every port of it,
  so any other local web server the user's browser visits would receive it;
- the page itself holds nothing secret; the socket that runs a wizard needs the secret
  in its path, compared in constant time, and must come from this server's own page
  (Origin) under this server's own name (Host, no DNS rebinding);
- no other page may frame it (clickjacking), nothing is cached, no Referer leaves it;
- at most a few sessions run at once;
- the browser is opened with a private file (0600) that redirects to the secret
  address, so the secret is never a process argument another user could read with
  `ps`; the file is removed when the first session starts and on every way out.
It listens on 127.0.0.1 unless the user names another address with --host.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import shlex
import signal
import socket
import sys
import tempfile
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.cli.serve_page import (
    DOWNLOAD_PATH,
    LANGUAGE_PATH,
    SOCKET_PATH,
    content_security_policy,
    index_page,
)
from wizard.core.texts import Texts

if TYPE_CHECKING:
    from aiohttp import web

    Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

LOOPBACK = "127.0.0.1"
MAX_SESSIONS = 3
SHUTDOWN_TIMEOUT = 3.0
"""Seconds a stopping server gives the open tabs' wizards to end (each is told to quit at once)."""
# Sent with every answer: no framing, no caching, no Referer, no guessing of types.
SAFE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    # A page the wizard opens (Google's) gets no `window.opener` to steer this tab with.
    "Cross-Origin-Opener-Policy": "same-origin",
}


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


def session_language(practice: bool, fallback: str) -> str:
    """The language the served wizard speaks now: the one it last saved (a switch on its welcome
    screen is saved at once), else the one it was started in."""
    from wizard.core.locations import progress_path
    from wizard.core.progress import ProgressStore

    return ProgressStore(progress_path(practice=practice)).load().progress.lang or fallback


class Guard:
    """The checks every request passes; the numbers a test or the server can read."""

    def __init__(
        self, bind: str, port: int, texts: Texts, max_sessions: int = MAX_SESSIONS, practice: bool = False,
        fixed_language: bool = False,
    ) -> None:
        self.bind, self.port, self.texts, self.practice = bind, port, texts, practice
        self.fixed_language = fixed_language
        """--lang was given: each new wizard starts in it (a switch on its welcome screen still counts at the end)."""
        self.secret = secrets.token_urlsafe(32)
        self.allowed = allowed_hosts(bind, port)
        self.max_sessions = max_sessions
        self.sessions = 0

    def secret_address(self, host: str) -> str:
        # The fragment never leaves the browser: not in requests, Referer or server logs.
        return f"http://{host}:{self.port}/#{self.secret}"

    def page(self, key: str, status: int) -> web.Response:
        from aiohttp import web

        title = self.texts("serve.page_title")
        body = self.texts(key)
        html = (
            f'<!doctype html><html lang="{self.texts.lang}"><meta charset="utf-8"><title>{title}</title>'
            '<body style="font-family:sans-serif;max-width:40em;margin:3em auto">'
            f"<h1>{title}</h1><p>{body}</p></body></html>"
        )
        return web.Response(status=status, text=html, content_type="text/html")

    def texts_now(self) -> Texts:
        """The language a new wizard starts in: --lang, else the one saved last, as in the terminal."""
        return self.texts if self.fixed_language else self.texts_at_end()

    def texts_at_end(self) -> Texts:
        """The language the wizard ended in: the one it saved last."""
        return Texts(session_language(self.practice, self.texts.lang))

    def knows_secret(self, given: str) -> bool:
        # Bytes, so that a non-ASCII guess is a plain mismatch rather than a TypeError.
        return hmac.compare_digest(given.encode("utf-8", "replace"), self.secret.encode("ascii"))

    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        from aiohttp import web

        if not host_is_allowed(request.host, self.allowed, self.bind, self.port):
            return self.page("serve.wrong_host", 403)
        path = request.path
        if path.startswith(SOCKET_PATH):
            if not self.knows_secret(path.removeprefix(SOCKET_PATH)):
                return self.page("serve.no_secret", 403)
            if request.headers.get("Origin", "") != f"http://{request.host}":
                return self.page("serve.no_secret", 403)
            if self.sessions >= self.max_sessions:
                return self.page("serve.too_many", 503)
        elif path == "/":
            # The page holds no secret; a tab without one is sent to DENIED_PATH by its script.
            if self.sessions >= self.max_sessions:
                return self.page("serve.too_many", 503)
        elif path == LANGUAGE_PATH:
            # The end page asks which language the wizard ended in; a language is no secret.
            return web.Response(text=self.texts_at_end().lang, content_type="text/plain")
        elif path == "/favicon.ico":
            return web.Response(status=204)  # no icon, and no refusal in the browser's console
        elif path.startswith(DOWNLOAD_PATH):
            # A saved file (the support report, the Ecrea card): its key is its own secret, made per
            # file and sent only over the secret socket; handle_download refuses any other.
            pass
        elif not path.startswith("/static/") or path.endswith("/"):
            # DENIED_PATH, folders and any other path.
            return self.page("serve.no_secret", 403)
        return await handler(request)


async def add_safe_headers(request: web.Request, response: web.StreamResponse) -> None:
    for name, value in SAFE_HEADERS.items():
        response.headers.setdefault(name, value)


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


def build_server(
    command: str, guard: Guard, host: str, port: int, title: str, page_file: Path | None = None,
    on_listening: Callable[[], None] | None = None,
) -> Any:
    """textual-serve's Server with the guard in front, our own page, quiet logs, and every way out cleaned up.

    `on_listening` is called once the server accepts connections (in its event loop: it must not block)."""
    import asyncio

    from aiohttp import web
    from textual_serve.server import GracefulExit, Server

    open_tabs: set[web.WebSocketResponse] = set()
    """The open tabs' connections, each running a wizard."""

    class GuardedServer(Server):
        def initialize_logging(self) -> None:
            # textual-serve logs rich tracebacks with local variables: nothing of that reaches the terminal.
            import logging

            logging.getLogger("textual-serve").setLevel(logging.CRITICAL)
            logging.getLogger("aiohttp").setLevel(logging.CRITICAL)

        async def on_startup(self, app: web.Application) -> None:
            pass  # the address is printed by `serve`, with the advice that goes with it

        async def _make_app(self) -> web.Application:
            @web.middleware
            async def guarded(request: web.Request, handler: Handler) -> web.StreamResponse:
                return await guard.middleware(request, handler)

            app = web.Application(middlewares=[guarded])
            app.add_routes(
                [
                    web.get("/", self.handle_index, name="index"),
                    web.get(SOCKET_PATH + "{secret}", self.handle_websocket, name="websocket"),
                    web.static("/static", self.statics_path, name="static"),
                    web.get(DOWNLOAD_PATH + "{key}", self.handle_download, name="download"),
                ]
            )
            app.on_response_prepare.append(add_safe_headers)
            # Quiet from the start of the shutdown: a wizard that ends while aiohttp is closing the
            # loop (before `finally` below) had asyncio log "Loop ... is closed" (seen under load).
            app.on_shutdown.append(quiet_from_shutdown)
            app.on_shutdown.append(self.end_open_tabs)
            return app

        async def end_open_tabs(self, app: web.Application) -> None:
            """The server is stopping: each open tab's connection is closed now, and its wizard quits as
            when the tab closes. Left to aiohttp, a tab still open held the stop up for about 6 s (it
            waits 3 s for the tab, then cancels its handler, whose connection took 2 s more to close)
            whenever the signal reached the server alone: `kill`, a service manager, a closed window's
            SIGHUP to the server. A terminal's Ctrl+C reaches the wizards too, which end at once."""
            from aiohttp import WSCloseCode

            closing = [asyncio.create_task(tab.close(code=WSCloseCode.GOING_AWAY)) for tab in list(open_tabs)]
            if closing:
                # A close waits for the browser's answer (up to 10 s): a tab that never answers must not
                # hold the stop up longer than aiohttp's own wait would. Its wizard is told to quit anyway.
                await asyncio.wait(closing, timeout=SHUTDOWN_TIMEOUT)

        async def _process_messages(self, websocket: web.WebSocketResponse, app_service: Any) -> None:
            # The one place textual-serve hands over a tab's connection once its wizard runs.
            open_tabs.add(websocket)
            try:
                await super()._process_messages(websocket, app_service)
            finally:
                open_tabs.discard(websocket)

        async def handle_index(self, request: web.Request) -> web.Response:
            # The page's socket goes back to the address the browser used (not to
            # 0.0.0.0 when listening everywhere); Host is already checked.
            nonce = secrets.token_urlsafe(16)
            html = index_page(
                texts=guard.texts_now(),
                static_url=f"http://{request.host}/static/",
                socket_url=f"ws://{request.host}{SOCKET_PATH}",
                nonce=nonce,
            )
            return web.Response(
                text=html, content_type="text/html", headers={"Content-Security-Policy": content_security_policy(nonce)}
            )

        async def handle_download(self, request: web.Request) -> web.StreamResponse:
            # Only a file the wizard is delivering now; any other key gets the same refusal as a stranger.
            try:
                await self.download_manager.get_download_metadata(request.match_info["key"])
            except KeyError:
                return guard.page("serve.no_secret", 403)
            response: web.StreamResponse = await super().handle_download(request)
            return response

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            guard.sessions += 1
            if page_file is not None:
                # The secret reached its tab: the redirecting file has done its one job.
                page_file.unlink(missing_ok=True)
            try:
                return await super().handle_websocket(request)
            finally:
                guard.sessions -= 1

        def serve(self, debug: bool = False) -> None:
            # As textual-serve's, plus SIGHUP (a closed terminal window), so every way out cleans up.
            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            for signal_number in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)):
                if signal_number is None:
                    continue
                try:
                    loop.add_signal_handler(signal_number, self.request_exit)
                except (NotImplementedError, RuntimeError):
                    pass  # Windows: Ctrl+C still raises KeyboardInterrupt
            try:
                web.run_app(
                    self._make_app(),
                    host=self.host,
                    port=self.port,
                    handle_signals=False,
                    loop=loop,
                    # aiohttp would wait up to 60 s for open tabs to hang up; Ctrl+C should be prompt.
                    shutdown_timeout=SHUTDOWN_TIMEOUT,
                    # Instead of its "Running on" banner, printed once the server is listening.
                    print=lambda *args: on_listening() if on_listening else None,
                )
            except (GracefulExit, KeyboardInterrupt):
                pass
            finally:
                quiet_after_stop()

    return GuardedServer(command, host=host, port=port, title=title)


async def quiet_from_shutdown(app: web.Application) -> None:
    quiet_after_stop()


def quiet_after_stop() -> None:
    """The server has stopped; the wizards it ran may end a moment later, after the event loop
    closed. asyncio then logs "Loop ... that handles pid ... is closed" and Python prints an
    "Exception ignored" traceback from a subprocess transport at exit: noise with nothing left
    to act on, in the terminal of a user who just pressed Ctrl+C."""
    import logging

    logging.getLogger("asyncio").setLevel(logging.CRITICAL + 1)
    sys.unraisablehook = lambda unraisable: None


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
    guard = Guard(bind, port, texts, max_sessions, practice, fixed_language=lang is not None)
    shown_host = LOOPBACK if bind in ("0.0.0.0", "::") else (f"[{bind}]" if ":" in bind else bind)
    address = guard.secret_address(shown_host)
    print(texts("serve.address", address=address), flush=True)
    print(texts("serve.keep_private"), flush=True)
    folder = private_folder()
    try:
        # Also without a browser to open: a file to double-click beats typing a 70-character address.
        page = open_page_file(address, folder)

        def on_listening() -> None:
            # As soon as the page can load (no fixed delay); opening a browser may take a while.
            threading.Thread(target=open_browser_on, args=(page, texts)).start()

        server = build_server(
            wizard_command(lang, practice), guard, bind, port, texts("app.title"), page,
            on_listening if open_browser else None,
        )
        if not open_browser:
            print(texts("serve.open_file", path=page), flush=True)
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

    if not page.exists():
        return  # the printed address was opened first: the page is already there
    if open_in_browser(page.as_uri()) is not BrowserResult.OPENED:
        print(texts("serve.no_browser"), file=sys.stderr, flush=True)
        print(texts("serve.open_file", path=page), file=sys.stderr, flush=True)
