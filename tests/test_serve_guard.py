"""Browser mode admits only the page it opened: aiohttp clients against a running `serve`.

Without the secret (page or socket), from another site's page (Origin), under another
name (Host, as in DNS rebinding), or past the session limit, the answer is a refusal.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import time
from pathlib import Path

import aiohttp
import pytest
from helpers import COMMAND

from wizard.cli.serve import COOKIE, allowed_hosts, host_is_allowed
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


def start_serve(tmp_path: Path, *extra: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen, int, str]:
    port = free_port()
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
        _, err = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
    return err


@pytest.fixture
def served(tmp_path: Path):
    process, port, address = start_serve(tmp_path, "--no-browser")
    yield port, address
    assert "Traceback" not in stop(process)


def client() -> aiohttp.ClientSession:
    # aiohttp keeps no cookies for IP-address hosts unless told to; browsers do keep them.
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def signed_in(session: aiohttp.ClientSession, address: str) -> None:
    async with session.get(address, allow_redirects=False) as response:
        assert response.status == 303 and response.headers["Location"] == "/"
        cookie = response.cookies[COOKIE]
        assert cookie["httponly"] and cookie["samesite"] == "Strict"


async def test_the_printed_address_opens_the_wizard_and_a_reload_keeps_working(served) -> None:
    port, address = served
    async with client() as session:
        await signed_in(session, address)
        for _ in range(2):  # the first load, then a reload, with the cookie alone
            async with session.get(f"http://127.0.0.1:{port}/") as response:
                assert response.status == 200
                page = await response.text()
                assert f"ws://127.0.0.1:{port}/ws" in page
        async with session.ws_connect(f"ws://127.0.0.1:{port}/ws", origin=f"http://127.0.0.1:{port}") as ws:
            await ws.send_json(["ping", "x"])
            message = await ws.receive(timeout=20)
            assert message.type in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY)


async def test_without_the_secret_the_page_and_the_socket_are_refused(served) -> None:
    port, _address = served
    async with client() as session:
        for url in (f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{port}/?token=guess", f"http://127.0.0.1:{port}/static/js/textual.js"):
            async with session.get(url) as response:
                assert response.status == 403
                assert "terminal" in await response.text()
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(f"ws://127.0.0.1:{port}/ws", origin=f"http://127.0.0.1:{port}")
        assert refused.value.status == 403


async def test_another_sites_page_cannot_open_the_socket(served) -> None:
    """Even in the user's own browser, which sends the cookie along: the Origin gives it away."""
    port, address = served
    async with client() as session:
        await signed_in(session, address)
        for origin in ("http://evil.example", f"http://localhost:{port + 1}", "null"):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(f"ws://127.0.0.1:{port}/ws", origin=origin)
            assert refused.value.status == 403


async def test_a_foreign_host_name_is_refused(served) -> None:
    """DNS rebinding: another site's name pointed at 127.0.0.1."""
    port, address = served
    async with client() as session:
        await signed_in(session, address)
        for host in ("rebind.example", f"rebind.example:{port}", f"127.0.0.1:{port + 1}"):
            async with session.get(f"http://127.0.0.1:{port}/", headers={"Host": host}) as response:
                assert response.status == 403, host


async def test_the_fourth_session_gets_a_clear_page(tmp_path: Path) -> None:
    process, port, address = start_serve(tmp_path, "--no-browser")
    try:
        async with client() as session:
            await signed_in(session, address)
            sockets = [await session.ws_connect(f"ws://127.0.0.1:{port}/ws", origin=f"http://127.0.0.1:{port}") for _ in range(3)]
            async with session.get(f"http://127.0.0.1:{port}/") as response:
                assert response.status == 503
                assert "Close another tab" in await response.text()
            with pytest.raises(aiohttp.WSServerHandshakeError):
                await session.ws_connect(f"ws://127.0.0.1:{port}/ws", origin=f"http://127.0.0.1:{port}")
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


def test_the_browser_is_given_a_private_file_never_the_secret(tmp_path: Path) -> None:
    """`ps` shows every command line: the secret must not be in the browser's."""
    record = tmp_path / "browser-arguments.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> {record}\ncp "${{1#file://}}" {tmp_path}/opened-copy.html\n'
                      f'stat -c %a "${{1#file://}}" > {tmp_path}/opened-mode.txt\n')
    script.chmod(0o755)
    process, _port, address = start_serve(tmp_path, env={"BROWSER": f"{script} %s"})
    try:
        deadline = time.monotonic() + 20
        while not (tmp_path / "opened-mode.txt").exists():
            assert time.monotonic() < deadline, "the browser was never started"
            time.sleep(0.1)
        token = address.rpartition("=")[2]
        arguments = record.read_text()
        assert token not in arguments
        opened = Path(arguments.split()[0].removeprefix("file://"))
        assert opened.name == "open-wizard.html"
        assert (tmp_path / "opened-mode.txt").read_text().strip() == "600"
        assert stat.S_IMODE(opened.parent.stat().st_mode) == 0o700
        assert address in (tmp_path / "opened-copy.html").read_text().replace("&amp;", "&")
        assert opened.exists()
    finally:
        stop(process)
    assert not opened.exists() and not opened.parent.exists()


def test_a_port_out_of_range_or_taken_is_refused_plainly(tmp_path: Path) -> None:
    result = subprocess.run([COMMAND, "serve", "--port", "70000", "--lang", "ja"], capture_output=True, text=True, timeout=30)
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
    assert re.search(r"http://127\.0\.0\.1:8123/\?token=[\w-]{40,}", output.out)


async def test_the_pages_socket_address_follows_the_address_the_browser_used(served) -> None:
    port, address = served
    by_name = address.replace("127.0.0.1", "localhost")
    async with client() as session:
        await signed_in(session, by_name)
        async with session.get(f"http://localhost:{port}/") as response:
            assert response.status == 200
            page = await response.text()
    assert f"ws://localhost:{port}/ws" in page and "0.0.0.0" not in page
