"""Browser mode: `serve --practice` driven end to end in headless Chromium (Playwright)."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wizard.cli import serve as serve_module
from wizard.core.texts import Texts
from wizard.mail.gmail_like_server import free_port

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
# No internet here: without these flags Chromium keeps trying to reach Google's services.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture
def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium package")
        pytest.skip("Chromium is not installed (Debian/Ubuntu: apt-get install chromium)")
    return path


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(process.stdout.read())
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError("serve did not start listening")


@pytest.fixture
def served(tmp_path: Path):
    port = free_port()
    env = dict(os.environ, HOME=str(tmp_path), XDG_STATE_HOME=str(tmp_path / "state"))
    process = subprocess.Popen(
        [sys.executable, "-m", "wizard", "serve", "--practice", "--no-browser", "--lang", "ja", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        address = next(match.group(0) for line in process.stdout if (match := re.search(r"http://\S+", line)))
        wait_for_port(port, process)
        yield port, address, tmp_path / "state" / "ecrea-gmail-setup" / "practice-progress.json"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


class TerminalStream:
    """What the page's terminal is sent to draw, escape sequences removed."""

    def __init__(self, page) -> None:
        self.page = page
        self.chunks: list[bytes] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._add))

    def _add(self, frame: bytes | str) -> None:
        self.chunks.append(frame.encode() if isinstance(frame, str) else bytes(frame))

    def text(self) -> str:
        return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(self.chunks).decode("utf-8", "replace"))

    def wait_for(self, words: str, seconds: float = 20) -> None:
        deadline = time.monotonic() + seconds
        while words not in self.text():
            assert time.monotonic() < deadline, f"the page never showed {words!r}"
            self.page.wait_for_timeout(100)  # lets Playwright deliver websocket frames


def test_practice_flow_in_a_real_browser(chromium: str, served) -> None:
    from playwright.sync_api import sync_playwright

    port, address, progress_file = served
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            # Record what the page would open or copy: a real tab would leave loopback.
            page.add_init_script(
                "window.open = (url) => { window.__opened = url; return null; };"
                "navigator.clipboard.writeText = async (text) => { window.__copied = text; };"
            )
            screen = TerminalStream(page)
            page.goto(address)  # the secret address serve printed; the page then lives on a cookie
            assert page.url == f"http://127.0.0.1:{port}/"  # the secret left the address bar
            screen.wait_for("Ecrea から Gmail でメールを送れるようにします")
            page.mouse.click(600, 700)  # give the terminal the keyboard
            page.keyboard.press("Enter")
            screen.wait_for("はじめに: 送信に使う Gmail アカウント")
            page.keyboard.type("ecrea.test@gmail.com")
            page.keyboard.press("Enter")
            screen.wait_for("Gmail アドレスです。")  # checked, and the name field has the keyboard
            page.keyboard.type("Ecrea")
            page.keyboard.press("Enter")
            screen.wait_for("ステップ 1 / 14")
            page.keyboard.press("o")
            screen.wait_for("ブラウザーの新しいタブで開きます")
            assert page.evaluate("window.__opened") == "https://myaccount.google.com/"
            page.keyboard.press("ArrowRight")
            screen.wait_for("ステップ 2 / 14")
            page.keyboard.press("ArrowRight")
            screen.wait_for("ステップ 3 / 14")
            page.keyboard.press("Control+p")
            screen.wait_for("コマンドを検索")
            page.keyboard.type("ステップ 12 へ")
            screen.wait_for("アプリ名を入力し、「作成」をクリック")
            page.keyboard.press("Enter")
            screen.wait_for("ステップ 12 / 14")
            page.keyboard.press("c")
            screen.wait_for("クリップボードにコピーしました")
            page.wait_for_timeout(300)
            assert page.evaluate("window.__copied") == "Ecrea用"
            page.keyboard.press("ArrowRight")
            screen.wait_for("ステップ 13 / 14")
            screen.wait_for("ecre apra ctic ekey")  # the practice app password, as Google shows one
            screen.wait_for("Enter 次へ")  # the field has the keyboard
            page.keyboard.type("ecre apra ctic ekey")
            screen.wait_for("正しい形式のアプリ パスワードです")
            page.keyboard.press("Enter")
            screen.wait_for("ステップ 14 / 14")
            page.keyboard.press("ArrowRight")
            screen.wait_for("テスト送信: 設定で本当に送れるか確かめます")
            page.keyboard.press("Enter")
            screen.wait_for("練習用サーバーが受け取りました")
            page.wait_for_timeout(300)
            SCREENSHOTS.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "browser-practice-ja.png"))
            # A new page is a new wizard process: it offers to continue where this one was.
            screen.chunks.clear()
            page.reload()
            screen.wait_for("設定は")  # setup was completed: a new test send or starting over
            screen.wait_for("もう一度テスト送信する")
            # Another browser profile (or user) without the secret gets nothing.
            stranger = browser.new_context().new_page()
            response = stranger.goto(f"http://127.0.0.1:{port}/")
            assert response.status == 403
            assert "ターミナルに表示されたアドレス" in stranger.content()
        finally:
            browser.close()
    saved = json.loads(progress_file.read_text(encoding="utf-8"))
    assert (saved["email"], saved["display_name"], saved["furthest"]) == ("ecrea.test@gmail.com", "Ecrea", "paste-into-ecrea")
    assert saved["completed"] == ["manage-account", "open-security", "create-app-password", "copy-app-password", "paste-into-ecrea"]
    assert saved["setup_completed_at"]


def test_serve_listens_on_loopback_only(served) -> None:
    port, _, _ = served
    # /proc/net/tcp lists listening sockets as hex "address:port"; 0100007F is 127.0.0.1.
    listening = [
        line.split()[1] for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
        if line.split()[1].endswith(f":{port:04X}") and line.split()[3] == "0A"
    ]
    assert listening == [f"0100007F:{port:04X}"]


@pytest.mark.parametrize(("host", "bound", "warned"), [(None, "127.0.0.1", False), ("localhost", "localhost", False), ("0.0.0.0", "0.0.0.0", True), ("192.0.2.10", "192.0.2.10", True)])
def test_only_an_explicit_host_leaves_loopback(monkeypatch, capsys, host, bound, warned) -> None:
    started = {}

    class FakeServer:
        def serve(self) -> None:
            pass

    def build(command: str, guard, host: str, port: int, title: str) -> FakeServer:
        started.update(command=command, host=host, port=port)
        return FakeServer()

    monkeypatch.setattr(serve_module, "build_server", build)
    assert serve_module.serve(Texts("en"), lang="en", port=8123, host=host, practice=True, open_browser=False) == 0
    assert started["host"] == bound and started["port"] == 8123
    assert started["command"].endswith("-m wizard --lang en --practice")
    output = capsys.readouterr()
    assert ("Other computers on the network" in output.err) == warned
    assert "http://" in output.out


def test_without_a_language_the_served_wizard_chooses_as_usual() -> None:
    assert serve_module.wizard_command(None, practice=False).endswith("-m wizard")
