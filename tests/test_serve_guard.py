"""Browser mode admits only the page it opened: aiohttp clients against a running `serve`.

Without the secret (page or socket), from another site's page (Origin), under another
name (Host, as in DNS rebinding), or past the session limit, the answer is a refusal.

Every `serve` here is a real process: the listener, its browser and its signals are the
subject. Only a refusal by the options runs in this process (tests/cli_in_process.py).
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from cli_in_process import run_command
from helpers import COMMAND

from wizard.cli.serve import allowed_hosts, host_is_allowed
from wizard.mail.gmail_like_server import free_port


def wait_for_address(process: subprocess.Popen, seconds: float = 20) -> str:
    deadline = time.monotonic() + seconds
    for line in process.stdout:
        match = re.search(r"http://\S+", line)
        if match:
            return match.group(0)
        assert time.monotonic() < deadline
    raise AssertionError("serve printed no address")


def wait_for_port(port: int, seconds: float = 20) -> None:
    import socket

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError("serve did not start listening")


def start_serve(
    tmp_path: Path, *extra: str, env: dict[str, str] | None = None, port: int | None = None
) -> tuple[subprocess.Popen, int, str]:
    port = port or free_port()
    environment = {**os.environ, "HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state"), **(env or {})}
    process = subprocess.Popen(
        [COMMAND, "serve", "--practice", "--lang", "en", "--port", str(port), *extra],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    address = wait_for_address(process)
    wait_for_port(port)
    return process, port, address


def stop(process: subprocess.Popen) -> str:
    process.terminate()
    try:
        _, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
    return err


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory):
    """One `serve` for the tests that only ask it questions (each asks with its own client, and
    none leaves a session open): started once per worker rather than once per test."""
    home = tmp_path_factory.mktemp("served")
    errors = home / "serve-stderr.txt"
    port = free_port()
    environment = {**os.environ, "HOME": str(home), "XDG_STATE_HOME": str(home / "state")}
    # Its error output goes to a file: a pipe nobody reads for the whole run could fill up.
    with errors.open("w") as error_file:
        process = subprocess.Popen(
            [COMMAND, "serve", "--practice", "--lang", "en", "--port", str(port), "--no-browser"],
            env=environment, stdout=subprocess.PIPE, stderr=error_file, text=True,
        )
    address = wait_for_address(process)
    wait_for_port(port)
    yield port, address
    stop(process)
    assert "Traceback" not in errors.read_text()


def secret_of(address: str) -> str:
    return address.partition("#")[2]


def socket_url(port: int, secret: str, host: str = "127.0.0.1") -> str:
    return f"ws://{host}:{port}/ws/{secret}"


async def test_the_printed_address_opens_the_wizard_and_a_reload_keeps_working(served) -> None:
    port, address = served
    secret = secret_of(address)
    assert re.fullmatch(rf"http://127\.0\.0\.1:{port}/#[\w-]{{40,}}", address)
    async with aiohttp.ClientSession() as session:
        for _ in range(2):  # the first load, then a reload: the page is the same and holds no secret
            async with session.get(f"http://127.0.0.1:{port}/") as response:
                assert response.status == 200
                page = await response.text()
                assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws/"' in page
                assert secret not in page and "set-cookie" not in {name.lower() for name in response.headers}
        async with session.ws_connect(socket_url(port, secret), origin=f"http://127.0.0.1:{port}") as ws:
            await ws.send_json(["ping", "x"])
            message = await ws.receive(timeout=20)
            assert message.type in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY)


async def test_without_the_secret_the_socket_and_everything_but_the_page_are_refused(served) -> None:
    port, address = served
    secret = secret_of(address)
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{port}/favicon.ico") as response:
            assert response.status == 204
        for path in ("/denied", "/download/anything", "/ws", f"/?token={secret}x", "/static/"):
            async with session.get(f"http://127.0.0.1:{port}{path}") as response:
                expected = 200 if path.startswith("/?") else 403
                assert response.status == expected, path
                if expected == 403:
                    assert "terminal" in await response.text()
        # A guess, a near miss, a cookie (the old way), and non-ASCII (once a 500): all the 403 page.
        for guess in ("", "guess", secret[:-1], secret + "x", "%C3%A9", "%00", secret.upper()):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(socket_url(port, guess), origin=f"http://127.0.0.1:{port}",
                                         headers={"Cookie": f"ecrea_gmail_setup_session={secret}"})
            assert refused.value.status == 403, guess


async def test_every_answer_forbids_framing_caching_and_referrers(served) -> None:
    port, _address = served
    async with aiohttp.ClientSession() as session:
        for path, host in (("/", None), ("/static/js/textual.js", None), ("/denied", None), ("/language", None), ("/", "rebind.example")):
            headers = {"Host": host} if host else {}
            async with session.get(f"http://127.0.0.1:{port}{path}", headers=headers) as response:
                assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], path
                assert response.headers["X-Frame-Options"] == "DENY"
                assert response.headers["Cache-Control"] == "no-store"
                assert response.headers["Referrer-Policy"] == "no-referrer"
                assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"  # no tabnabbing
        async with session.get(f"http://127.0.0.1:{port}/") as response:
            page = await response.text()
            policy = response.headers["Content-Security-Policy"]
    # Only the page's own scripts run: each carries this load's nonce, and nothing comes from the internet.
    nonce = re.search(r"'nonce-([\w-]+)'", policy).group(1)
    # textual.js, the secret's script, and the end page's words (data, never run).
    assert page.count("<script") == page.count(f'nonce="{nonce}"') == 3
    assert "googleapis" not in page and "https://" not in page


async def test_another_sites_page_cannot_open_the_socket(served) -> None:
    """Even with the secret (as if it had leaked): the Origin gives another page away."""
    port, address = served
    async with aiohttp.ClientSession() as session:
        for origin in ("http://evil.example", f"http://localhost:{port + 1}", f"http://127.0.0.1:{port + 1}", "null"):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(socket_url(port, secret_of(address)), origin=origin)
            assert refused.value.status == 403


async def test_a_foreign_host_name_is_refused(served) -> None:
    """DNS rebinding: another site's name pointed at 127.0.0.1."""
    port, address = served
    async with aiohttp.ClientSession() as session:
        for host in ("rebind.example", f"rebind.example:{port}", f"127.0.0.1:{port + 1}"):
            async with session.get(f"http://127.0.0.1:{port}/", headers={"Host": host}) as response:
                assert response.status == 403, host
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(socket_url(port, secret_of(address)), origin=f"http://{host}", headers={"Host": host})
            assert refused.value.status == 403


async def test_the_fourth_session_gets_a_clear_page(tmp_path: Path) -> None:
    process, port, address = start_serve(tmp_path, "--no-browser")
    url, origin = socket_url(port, secret_of(address)), f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as session:
            sockets = [await session.ws_connect(url, origin=origin) for _ in range(3)]
            async with session.get(f"http://127.0.0.1:{port}/") as response:
                assert response.status == 503
                assert "Close another tab" in await response.text()
            with pytest.raises(aiohttp.WSServerHandshakeError):
                await session.ws_connect(url, origin=origin)
            for ws in sockets:
                await ws.close()
    finally:
        stop(process)


def test_hosts_allowed_on_loopback_and_everywhere() -> None:
    loopback = allowed_hosts("127.0.0.1", 8000)
    assert host_is_allowed("localhost:8000", loopback, "127.0.0.1", 8000)
    assert not host_is_allowed("192.168.1.5:8000", loopback, "127.0.0.1", 8000)
    everywhere = allowed_hosts("0.0.0.0", 8000)
    assert host_is_allowed("192.168.1.5:8000", everywhere, "0.0.0.0", 8000)
    assert not host_is_allowed("rebind.example:8000", everywhere, "0.0.0.0", 8000)
    assert not host_is_allowed("192.168.1.5:8001", everywhere, "0.0.0.0", 8000)


def fake_browser(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A BROWSER that records its arguments and copies the file it was given, with its mode."""
    record = tmp_path / "browser-arguments.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> {record}\ncp "${{1#file://}}" {tmp_path}/opened-copy.html\n'
                      f'stat -c %a "${{1#file://}}" > {tmp_path}/opened-mode.txt\n')
    script.chmod(0o755)
    return {"BROWSER": f"{script} %s"}, record


def wait_for_browser(tmp_path: Path) -> None:
    """Until the fake browser has written its report (the shell creates the file before it writes it)."""
    deadline = time.monotonic() + 20
    mode = tmp_path / "opened-mode.txt"
    while not (mode.exists() and mode.read_text().endswith("\n")):
        assert time.monotonic() < deadline, "the browser was never started"
        time.sleep(0.1)


async def test_the_redirecting_file_goes_once_the_page_has_its_secret(tmp_path: Path) -> None:
    env, record = fake_browser(tmp_path)
    process, port, address = start_serve(tmp_path, env=env)
    try:
        wait_for_browser(tmp_path)
        opened = Path(record.read_text().split()[0].removeprefix("file://"))
        async with aiohttp.ClientSession() as session, session.ws_connect(
            socket_url(port, secret_of(address)), origin=f"http://127.0.0.1:{port}"
        ):
            assert not opened.exists()
    finally:
        stop(process)


def test_the_browser_is_opened_once_the_page_can_load(tmp_path: Path) -> None:
    """Not after a fixed delay, which a slow computer can outlast: the browser finds the server
    listening when it starts (this one connects to it, or leaves no mark)."""
    port = free_port()
    listening = tmp_path / "listening.txt"
    check = (f"import socket\ntry:\n    socket.create_connection(('127.0.0.1', {port}), 10).close()\n    found = 'yes'\n"
             f"except OSError:\n    found = 'no'\nopen({str(listening)!r}, 'w').write(found)\n")
    script = tmp_path / "browser.sh"
    script.write_text(f"#!/bin/sh\n{shlex.quote(sys.executable)} -c {shlex.quote(check)}\n")
    script.chmod(0o755)
    process, _port, _address = start_serve(tmp_path, env={"BROWSER": f"{script} %s"}, port=port)
    try:
        deadline = time.monotonic() + 30
        while not (listening.exists() and listening.read_text()):  # written after it is created
            assert process.poll() is None and time.monotonic() < deadline, "the browser never reached the page"
            time.sleep(0.05)
    finally:
        stop(process)
    assert listening.read_text() == "yes"


@pytest.mark.parametrize("signal_number", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT])
def test_the_browser_gets_a_private_file_that_every_way_out_removes(tmp_path: Path, signal_number: int) -> None:
    """`ps` shows every command line: the secret must not be in the browser's. SIGHUP is what
    closing the terminal window sends; SIGTERM is `stop`'s."""
    env, record = fake_browser(tmp_path)
    process, _port, address = start_serve(tmp_path, env=env)
    try:
        wait_for_browser(tmp_path)
        arguments = record.read_text()
        assert secret_of(address) not in arguments
        opened = Path(arguments.split()[0].removeprefix("file://"))
        assert opened.name == "open-wizard.html"
        assert (tmp_path / "opened-mode.txt").read_text().strip() == "600"
        assert stat.S_IMODE(opened.parent.stat().st_mode) == 0o700
        assert address in (tmp_path / "opened-copy.html").read_text().replace("&amp;", "&")
        assert opened.exists()
        process.send_signal(signal_number)
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert "Traceback" not in err
    assert not opened.exists() and not opened.parent.exists()


def test_a_port_out_of_range_or_taken_is_refused_plainly(tmp_path: Path) -> None:
    # Refused by its options, in this process (tests/cli_in_process.py); one that reaches the
    # server's start stays a real process: serve quietens the process's logging as it stops.
    result = run_command(["serve", "--port", "70000", "--lang", "ja"], text=True)
    assert result.returncode == 2 and "1 から 65535" in result.stderr and "Traceback" not in result.stderr
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "HOME": str(tmp_path)}
        result = subprocess.run([COMMAND, "serve", "--no-browser", "--port", str(port), "--lang", "en"],
                                capture_output=True, text=True, timeout=30, env=env)
    assert result.returncode == 2 and "Cannot listen" in result.stderr and "Traceback" not in result.stderr
    result = subprocess.run([COMMAND, "serve", "--no-browser", "--host", "192.0.2.99", "--port", str(free_port()), "--lang", "en"],
                            capture_output=True, text=True, timeout=30, env=env)
    assert result.returncode == 2 and "Cannot listen" in result.stderr and "Traceback" not in result.stderr


def test_the_exposed_warning_says_what_the_address_allows(monkeypatch, capsys) -> None:
    from wizard.cli import serve as serve_module
    from wizard.core.texts import Texts

    monkeypatch.setattr(serve_module, "build_server", lambda *args: type("S", (), {"serve": lambda self: None})())
    assert serve_module.serve(Texts("en"), lang="en", port=8123, host="0.0.0.0", practice=True, open_browser=False) == 0
    output = capsys.readouterr()
    assert "anyone who has the address shown can show the stored app password" in output.err
    assert re.search(r"http://127\.0\.0\.1:8123/#[\w-]{40,}", output.out)


async def test_the_pages_socket_address_follows_the_address_the_browser_used(served) -> None:
    port, _address = served
    async with aiohttp.ClientSession() as session, session.get(f"http://localhost:{port}/") as response:
        assert response.status == 200
        page = await response.text()
    assert f"ws://localhost:{port}/ws/" in page and "0.0.0.0" not in page


@pytest.mark.parametrize(("argv", "lang"), [(["serve", "--lang", "en"], "en"), (["--lang", "ja", "serve"], "ja"), (["serve"], None)])
def test_the_served_wizard_gets_the_language_given_before_or_after_serve(monkeypatch, argv, lang) -> None:
    from wizard.cli import main
    from wizard.cli import serve as serve_module
    from wizard.core.texts import Texts

    started = {}
    monkeypatch.setattr(serve_module, "serve", lambda texts, **options: started.update(options) or 0)
    assert main.run(argv, Texts("en")) == 0
    assert started["lang"] == lang


async def test_the_end_page_learns_the_language_the_wizard_saved_last(tmp_path: Path) -> None:
    """`/language` holds nothing secret: the language practice saved last (a switch on the welcome
    screen is saved at once), else the one serve was started in; refused under another site's name."""
    process, port, _address = start_serve(tmp_path, "--no-browser")
    try:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{port}/language") as response:
                assert (response.status, await response.text()) == (200, "en")
            state = tmp_path / "state" / "ecrea-gmail-setup"
            state.mkdir(parents=True, exist_ok=True)
            (state / "practice-progress.json").write_text('{"version": 2, "lang": "ja"}', encoding="utf-8")
            async with session.get(f"http://127.0.0.1:{port}/language") as response:
                assert await response.text() == "ja"
            async with session.get(f"http://127.0.0.1:{port}/language", headers={"Host": "rebind.example"}) as response:
                assert response.status == 403
    finally:
        assert "Traceback" not in stop(process)
