"""Browser mode: `serve --practice` driven end to end in headless Chromium (Playwright)."""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyte
import pytest
from helpers import STEP_OF
from terminal_session import screen_lines

from wizard.cli import serve as serve_module
from wizard.cli.serve_page import MIN_COLUMNS
from wizard.core.qr_code import QUIET_ZONE, qr_block_lines
from wizard.core.step_content import get_step
from wizard.core.step_order import number_of
from wizard.core.texts import Texts, load_texts
from wizard.mail.gmail_like_server import free_port

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
# No internet here: without these flags Chromium keeps trying to reach Google's services.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--mute-audio",
]


@pytest.fixture(scope="session")
def shared_browser():
    """One Chromium for all the browser tests a worker runs (each test gets contexts of its own):
    starting Chromium and Playwright's driver for every test cost about a second each.

    Playwright's sync API leaves its event loop marked as running between its calls (it runs in a
    greenlet on this thread), and the other tests of this worker run event loops of their own: the
    mark is set only while a browser test runs (the `browser` fixture)."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium package")
        pytest.skip("Chromium is not installed (Debian/Ubuntu: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    loop = asyncio.get_running_loop()
    try:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        asyncio_mark_running(None)
        yield browser, loop
        asyncio_mark_running(loop)
        browser.close()
    finally:
        playwright.stop()


def asyncio_mark_running(loop: asyncio.AbstractEventLoop | None) -> None:
    asyncio.events._set_running_loop(loop)


@pytest.fixture
def browser(shared_browser):
    """The worker's Chromium, for one test: whatever the test opened is closed after it."""
    browser, loop = shared_browser
    asyncio_mark_running(loop)
    try:
        yield browser
        for context in browser.contexts:
            context.close()
    finally:
        asyncio_mark_running(None)


@contextlib.contextmanager
def playwright_paused():
    """For an event loop of the test's own (asyncio.run) in the middle of a browser test."""
    loop = asyncio.events._get_running_loop()
    asyncio_mark_running(None)
    try:
        yield
    finally:
        asyncio_mark_running(loop)


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(process.stdout.read())
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError("serve did not start listening")


@contextlib.contextmanager
def serving(tmp_path: Path, lang: str = "ja"):
    """`serve --practice` on a free port: (port, secret address, progress file, process)."""
    port = free_port()
    env = dict(os.environ, HOME=str(tmp_path), XDG_STATE_HOME=str(tmp_path / "state"))
    process = subprocess.Popen(
        [sys.executable, "-m", "wizard", "serve", "--practice", "--no-browser", "--lang", lang, "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        address = next(match.group(0) for line in process.stdout if (match := re.search(r"http://\S+", line)))
        wait_for_port(port, process)
        yield port, address, tmp_path / "state" / "ecrea-gmail-setup" / "practice-progress.json", process
    finally:
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def served(tmp_path: Path):
    with serving(tmp_path) as (port, address, progress_file, _):
        yield port, address, progress_file


SEARCH_ICON = "\N{RIGHT-POINTING MAGNIFYING GLASS}"  # the command palette's search line
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
UNFINISHED_ESCAPE = re.compile(r"\x1b(\[[0-9;?]*)?\Z")


class TerminalStream:
    """What the page's terminal is sent to draw, escape sequences removed.

    Waits end at the page's next websocket frame, not after a period; each check reads only
    what arrived since the last one."""

    def __init__(self, page) -> None:
        self.page = page
        self.chunks: list[bytes] = []
        self._news = asyncio.Event()
        """Set by every frame received and every socket opened (in Playwright's dispatcher)."""
        self.clear()
        page.on("websocket", self._connected)

    def _connected(self, ws) -> None:
        ws.on("framereceived", self._add)
        self._news.set()

    def _add(self, frame: bytes | str) -> None:
        self.chunks.append(frame.encode() if isinstance(frame, str) else bytes(frame))
        self._news.set()

    def clear(self) -> None:
        """Forget what was sent so far: what follows is looked for in what comes next."""
        self.chunks.clear()
        self._read = 0
        self._text = ""
        self._unfinished = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def text(self) -> str:
        if self._read < len(self.chunks):
            new = self._unfinished + "".join(self._decoder.decode(chunk) for chunk in self.chunks[self._read :])
            self._read = len(self.chunks)
            # An escape sequence may be split between two frames: its start waits for the rest.
            cut = UNFINISHED_ESCAPE.search(new)
            end = cut.start() if cut else len(new)
            self._text += ESCAPE.sub("", new[:end])
            self._unfinished = new[end:]
        return self._text

    def wait_for_news(self, seconds: float) -> None:
        """Until a frame or a socket came since `_news` was last cleared, at most `seconds`.

        Playwright's own waits each follow one event of one socket, and miss a frame that is
        delivered while they start: this one runs in its event loop, as its waits do."""

        async def news() -> None:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._news.wait(), seconds)

        self.page._sync(news())

    def wait_until(self, condition, seconds: float, failure) -> None:
        deadline = time.monotonic() + seconds
        while True:
            self._news.clear()
            if condition():
                return
            left = deadline - time.monotonic()
            assert left > 0, failure()
            self.wait_for_news(left)

    def wait_for(self, words: str, seconds: float = 30) -> None:
        self.wait_until(lambda: words in self.text(), seconds, lambda: f"the page never showed {words!r}{self.described()}")

    def described(self) -> str:
        """What was sent last, for a failure's message."""
        return f"; it was sent, last:\n{self.text()[-600:]}"

    def wait_until_drawn(self, seconds: float = 30) -> None:
        """Until the app has stopped sending (a result scrolls into view in several frames) and the
        page has painted what it was sent: no new frame for 0.1 s after two animation frames."""
        deadline = time.monotonic() + seconds
        while True:
            before = len(self.chunks)
            # Bounded: a page that stopped painting would hold Playwright's evaluate for ever.
            self.page.evaluate(
                "(seconds) => new Promise((done, fail) => { requestAnimationFrame(() => requestAnimationFrame(done));"
                " setTimeout(() => fail(new Error('the page painted nothing for ' + seconds + ' s')), seconds * 1000); })",
                seconds,
            )
            self._news.clear()
            if len(self.chunks) == before:
                self.wait_for_news(0.1)
                if len(self.chunks) == before:
                    return
            assert time.monotonic() < deadline, "the page never stopped changing"


def choose_in_palette(page, screen: RenderedScreen, placeholder: str, query: str, command: str, help: str) -> None:
    """Ctrl+P, `query` typed, and Enter once the whole query is in and the first hit is `command`, with its `help`.

    The palette searches anew after each key (in a worker), and Enter chooses the first hit of the
    last search that finished: pressed while an earlier, shorter query's hits were shown, it went
    elsewhere ("ステップ 1" lists the account screen first). Typed and entered at once, it landed
    on the wrong step in 5 of 16 tries; waiting only for the hit's words to show left that open."""
    page.keyboard.press("Control+p")
    screen.wait_for(placeholder)
    page.keyboard.type(query)
    screen.wait_until(
        lambda: (shown := screen.palette()) is not None and query in shown[0] and shown[1:] == (command, help),
        30, lambda: f"the palette never offered {command!r} first for {query!r}: {screen.palette()}",
    )
    page.keyboard.press("Enter")


def assert_refused_without_the_secret(browser, port: int, refusal: str) -> None:
    """A browser profile (or user) without the secret: the page sends it to the refusal, status 403."""
    stranger = browser.new_context().new_page()
    with stranger.expect_response(f"http://127.0.0.1:{port}/denied") as refused:
        stranger.goto(f"http://127.0.0.1:{port}/")
    assert refused.value.status == 403
    stranger.wait_for_url(f"http://127.0.0.1:{port}/denied")
    assert refusal in stranger.content()
    assert stranger.evaluate("sessionStorage.length") == 0


class RenderedScreen(TerminalStream):
    """What the page's terminal shows, cell by cell: the bytes it was sent, replayed at the size it
    told the wizard (pyte measures characters as xterm.js's Unicode 11 widths do).

    Replayed as they come, each byte once: a new connection starts from an empty screen."""

    def __init__(self, page) -> None:
        self.size = (0, 0)
        self.sockets = 0
        self._screen: pyte.Screen | None = None
        super().__init__(page)
        page.on("websocket", self._opened)

    def clear(self) -> None:
        """Forget the text sent so far; the screen stays as drawn (a new connection starts a new one)."""
        super().clear()
        self._replayed = 0

    def _opened(self, ws) -> None:
        self.sockets += 1
        given = dict(re.findall(r"(width|height)=(\d+)", ws.url))
        self.size = (int(given["width"]), int(given["height"]))
        self._screen = None  # a new wizard draws a new screen
        self._replayed = len(self.chunks)
        ws.on("framesent", self._sent)

    def _sent(self, frame: bytes | str) -> None:
        if isinstance(frame, str) and frame.startswith('["resize"'):
            size = json.loads(frame)[1]
            self.size = (size["width"], size["height"])
            if self._screen is not None:
                self._screen.resize(self.size[1], self.size[0])

    def lines(self) -> list[str]:
        if self._screen is None:
            self._screen = pyte.Screen(*self.size)
            self._stream = pyte.ByteStream(self._screen)
            self._unfinished_command = b""
        new = self._unfinished_command + b"".join(
            chunk for chunk in self.chunks[self._replayed :] if not chunk.startswith(b'["')  # not textual-serve's JSON
        )
        self._replayed = len(self.chunks)
        # Operating-system commands (links, the clipboard) draw nothing; pyte would read some as text.
        # One may be split between two frames: its start waits for the rest.
        start = new.rfind(b"\x1b]")
        if start >= 0 and not re.search(rb"\x07|\x1b\\", new[start:]):
            new, self._unfinished_command = new[:start], new[start:]
        elif new.endswith(b"\x1b"):
            new, self._unfinished_command = new[:-1], new[-1:]
        else:
            self._unfinished_command = b""
        self._stream.feed(re.sub(rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)", b"", new))
        return screen_lines(self._screen)

    def described(self) -> str:
        return super().described() + "\n\nthe screen:\n" + "\n".join(self.lines())

    def palette(self) -> tuple[str, ...] | None:
        """The command palette's search line and its first hit's two lines (the command and its help:
        the hit Enter chooses), if the palette is open."""
        lines = self.lines()
        at = next((i for i, line in enumerate(lines) if SEARCH_ICON in line), None)
        if at is None:
            return None
        return (lines[at].strip(), *[line.strip() for line in lines[at + 1 :] if line.strip()][:2])

    def wait_shown_like(self, template: str, seconds: float = 30) -> None:
        """Until a text made from `template` is on the screen, whatever its {placeholders} hold."""
        pattern = re.compile(".+?".join(re.escape(part) for part in re.split(r"\{[^}]*\}", template)))
        self.wait_until(
            lambda: any(pattern.search(joiner.join(line.strip() for line in self.lines())) for joiner in ("", " ")),
            seconds, lambda: f"the page never showed {template!r}:\n" + "\n".join(self.lines()),
        )

    def wait_gone(self, words: str, seconds: float = 30) -> None:
        """Until no line of the screen shows `words` (a dialog closed), and the page has painted it."""
        self.wait_until(lambda: not any(words in line for line in self.lines()), seconds,
                        lambda: f"the page still shows {words!r}:\n" + "\n".join(self.lines()))
        self.wait_until_drawn()

    def wait_shown(self, words: str, seconds: float = 30) -> None:
        """Until `words` are on the screen, perhaps wrapped over lines (a phone's terminal is narrow)."""
        # Joined as Japanese wraps (no space) and as English does (a space).
        self.wait_until(
            lambda: any(words in joiner.join(line.strip() for line in self.lines()) for joiner in ("", " ")),
            seconds, lambda: f"the page never showed {words!r}:\n" + "\n".join(self.lines()),
        )

    def assert_whole(self, labels: list[str], footer: list[str], seconds: float = 30) -> None:
        """Every label on one line in full (a cut label is missing its end), every key in the last line.

        Checked again at each new frame: the footer is drawn a frame after the screen it belongs to."""
        deadline = time.monotonic() + seconds
        while True:
            self.wait_until_drawn()
            lines = self.lines()
            missing = [label for label in labels if not any(label in line for line in lines)]
            missing += [key for key in footer if key not in lines[-1]]
            if not missing:
                return
            shown = "\n".join(lines)
            left = deadline - time.monotonic()
            assert left > 0, f"cut, covered or missing at {self.size}: {missing}\n{shown}"
            self.wait_for_news(left)


def words(texts: Texts, key: str) -> str:
    """A text's longest part between placeholders: what a screen shows whatever the values."""
    template = load_texts(texts.lang)[key]
    if "{" not in template:
        return texts(key)
    return max(re.split(r"\{[^}]*\}", template), key=len).strip()


def assert_inside_the_window(page, selector: str, margin: int = 0) -> None:
    """The element is drawn within the window, not touching its edge."""
    box = page.evaluate(
        "(selector) => { const r = document.querySelector(selector).getBoundingClientRect();"
        " return [r.left, r.top, r.right, r.bottom, innerWidth, innerHeight]; }", selector,
    )
    left, top, right, bottom, width, height = box
    assert left >= margin and top >= margin and right <= width - margin and bottom <= height - margin, (selector, box)


class PracticeRun:
    """The whole practice run in a page, as a user walks it, phase by phase: at each screen no button
    label or footer key is cut, and at the end our own page comes, in the wizard's language.

    The size tests walk only this; the other walks of a whole run add their own checks between its
    phases (a walk costs a wizard, a server and a page load: each run is walked once)."""

    def __init__(self, page, screen: RenderedScreen, lang: str, width: int) -> None:
        self.page, self.screen, self.lang, self.width = page, screen, lang, width
        self.t = Texts(lang)
        self.keys = [f"^q {self.t('key.quit')}", f"^p {self.t('key.palette')}"]

    def welcome(self, give_the_keyboard) -> None:
        """The welcome screen at the window's size; `give_the_keyboard()` focuses the terminal."""
        t, screen = self.t, self.screen
        screen.wait_for(t("welcome.heading"))
        columns, _ = screen.size
        assert MIN_COLUMNS <= columns < 100 if self.width == 390 else columns >= 100, screen.size
        assert_inside_the_window(self.page, ".xterm-screen", margin=4)
        give_the_keyboard()  # the footer appears
        screen.wait_for(self.keys[1])
        screen.assert_whole([t("welcome.start"), t("welcome.already_on"), "日本語", "English"], self.keys)

    def to_step_1(self) -> None:
        """Through the account screen to step 1, by keyboard."""
        t, screen, keyboard = self.t, self.screen, self.page.keyboard
        keyboard.press("Enter")
        screen.wait_for(t("account.heading"))
        keyboard.type("ecrea.test@gmail.com")
        keyboard.press("Enter")
        screen.wait_for(t("address.ok_gmail"))  # checked, and the name field has the keyboard
        keyboard.type("Ecrea")
        keyboard.press("Enter")
        screen.wait_for(STEP_OF[self.lang].format(1))
        screen.assert_whole([t("common.back"), t("common.next")], self.keys)

    def to_the_password_step(self) -> None:
        password_step = number_of("copy-app-password")
        if self.width == 390:
            for number in range(2, password_step + 1):  # every step on the way, by the key a user presses
                self.page.keyboard.press("ArrowRight")
                self.screen.wait_for(STEP_OF[self.lang].format(number))
        else:
            # The same steps as at the phone's size, where each is walked: the palette goes straight there.
            command = self.t("command.goto", number=password_step)
            choose_in_palette(self.page, self.screen, self.t("palette.placeholder"), command, command,
                              get_step(password_step).text[self.lang].title)
            self.screen.wait_for(STEP_OF[self.lang].format(password_step))

    def password_to_the_last_step(self) -> None:
        from wizard.core.step_order import step_count
        from wizard.mail.practice import PRACTICE_PASSWORD

        shown = " ".join(PRACTICE_PASSWORD[i:i + 4] for i in range(0, 16, 4))  # as Google shows one
        self.screen.wait_for(shown)
        self.page.keyboard.type(shown)
        self.screen.wait_for(words(self.t, "password.valid"))
        self.page.keyboard.press("Enter")
        self.screen.wait_for(STEP_OF[self.lang].format(step_count()))

    def send(self) -> None:
        self.page.keyboard.press("ArrowRight")
        self.screen.wait_for(self.t("send.heading"))
        self.page.keyboard.press("Enter")
        self.screen.wait_for(words(self.t, "send.practice_success"))

    def walk_to_the_end_page(self) -> None:
        """The whole run by keyboard, the terminal given the keyboard by focusing it, to our end page."""
        self.welcome(lambda: self.page.focus(".xterm-helper-textarea"))
        self.to_step_1()
        self.to_the_password_step()
        self.password_to_the_last_step()
        self.send()
        self.confirmations_to_the_end_page()

    def confirmations_to_the_end_page(self) -> None:
        t, screen, page = self.t, self.screen, self.page
        page.keyboard.press("Enter")
        screen.wait_for(t("confirm.arrival_heading"))
        page.keyboard.press("Enter")  # look for it
        screen.wait_for(words(t, "confirm.found_inbox"))
        page.keyboard.press("Enter")
        screen.wait_for(t("confirm.ecrea_heading"))
        page.keyboard.press("Enter")  # start watching
        # The watching line, not the "act as Ecrea" label: the practice explanation names it before.
        screen.wait_shown_like(load_texts(self.lang)["confirm.watching"])
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")  # from Cancel to "act as Ecrea"
        screen.wait_shown(words(t, "confirm.seen_practice"))
        page.keyboard.press("Enter")
        screen.wait_for(t("ending.heading_practice"))
        screen.assert_whole([t("ending.finish"), t("common.show_settings")], self.keys)
        sockets = screen.sockets
        page.keyboard.press("Enter")  # Finish
        end = page.locator("#end")
        end.wait_for(state="visible", timeout=30_000)
        assert_inside_the_window(page, "#end .intro")
        assert_inside_the_window(page, "#restart", margin=4)
        assert end.locator("#ended").inner_text() == t("serve.ended")
        assert end.locator("#server-running").inner_text() == t("serve.server_running")
        assert end.locator("#restart").inner_text() == t("serve.restart")
        assert "Session ended" not in page.content(), page.content()
        assert "Restart" not in page.inner_text("body"), page.inner_text("body")
        assert page.evaluate("document.documentElement.lang") == self.lang
        page.wait_for_timeout(1000)
        assert screen.sockets == sockets and end.is_visible()  # nothing started again by itself

    def restart(self) -> None:
        """Starting again is the user's choice, and says what it does (a new wizard, the same at either
        size: started from the phone's page, where the button is smallest)."""
        sockets = self.screen.sockets
        self.screen.clear()
        self.page.locator("#restart").click()
        self.screen.wait_for(self.t("welcome.heading"))
        assert self.screen.sockets == sockets + 1


def assert_the_qr_code_opens_and_closes(page, screen: RenderedScreen) -> None:
    """In browser mode the QR code is the same blocks, drawn in the page's terminal line by line."""
    page.keyboard.press("q")
    screen.wait_for("スマートフォンで開く")
    for line in qr_block_lines("https://myaccount.google.com/")[QUIET_ZONE // 2 : -(QUIET_ZONE // 2)]:
        screen.wait_for(line)
    # q closes it, as Escape does.
    page.keyboard.press("q")
    screen.wait_gone("スマートフォンで開く")
    screen.clear()
    page.keyboard.press("q")  # closed: q opens it again
    screen.wait_for("スマートフォンで開く")
    page.keyboard.press("q")
    screen.wait_gone("スマートフォンで開く")


def assert_the_card_is_a_download(context, page, screen: RenderedScreen, downloads: list) -> None:
    """In browser mode Save is a download (Textual's deliver_text through textual-serve): Chromium
    receives the file, and the screen says the browser downloaded it. The app password was typed
    on the way: the card still leaves it out."""
    screen.wait_for("s カードを保存")
    with context.expect_page(timeout=30_000) as tab:
        page.keyboard.press("s")
        screen.wait_for("ブラウザーでダウンロードしました")
    if not downloads:  # recorded as soon as the tab had it
        tab.value.wait_for_event("download", timeout=30_000)
    assert len(downloads) == 1, "Chromium never saw a download"
    download = downloads[0]
    assert download.suggested_filename == "ecrea-input-card.txt"
    card = Path(download.path()).read_text(encoding="utf-8")
    assert card.startswith("Ecrea の「メール設定 - 更新」に入力する値")
    assert any(line.startswith("送信元メールアドレス") and line.endswith("ecrea.test@gmail.com") for line in card.splitlines())
    assert "ecreapracticekey" not in card.replace(" ", "")
    tab.value.close()


# The tests in the order they start: each long walk followed by a quick test, as xdist hands a
# worker two at a time (--maxschedchunk 2): two walks given together ran one after the other.


def test_practice_flow_in_a_real_browser(browser, served) -> None:
    """The practice run in Japanese at a laptop's size (the size test's run, walked as a user in a hurry
    would: the palette, copying, opening Google's page), with the QR code, the card saved as a download,
    the screenshot, and a new page after the end."""
    port, address, progress_file = served
    # textual-serve's page fetches a saved file in a new tab: the download belongs to that tab.
    context = browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 800})
    downloads = []

    def record(download) -> None:  # Playwright marks its handlers: a function of our own, not a bound method
        downloads.append(download)

    context.on("page", lambda tab: tab.on("download", record))
    # Record what the page would open elsewhere or copy: a real tab would leave loopback.
    context.add_init_script(
        "const openHere = window.open;"
        "window.open = (url, ...rest) => String(url).startsWith(location.origin + '/')"
        " ? openHere.call(window, url, ...rest) : (window.__opened = url, null);"
        "navigator.clipboard.writeText = async (text) => { window.__copied = text; };"
    )
    page = context.new_page()
    screen = RenderedScreen(page)
    run = PracticeRun(page, screen, "ja", 1200)
    page.goto(address)  # the secret address serve printed; the page keeps it in its tab
    assert page.url == f"http://127.0.0.1:{port}/"  # the secret left the address bar
    run.welcome(lambda: page.mouse.click(600, 700))  # a click gives the terminal the keyboard
    run.to_step_1()
    assert_the_qr_code_opens_and_closes(page, screen)
    page.keyboard.press("o")
    screen.wait_shown("ブラウザーの新しいタブで開きます")
    assert page.evaluate("window.__opened") == "https://myaccount.google.com/"
    page.keyboard.press("ArrowRight")
    screen.wait_for(STEP_OF["ja"].format(2))
    page.keyboard.press("ArrowRight")
    screen.wait_for(STEP_OF["ja"].format(3))
    choose_in_palette(page, screen, "コマンドを検索", f"ステップ {number_of('create-app-password')} へ",
                      f"ステップ {number_of('create-app-password')} へ移動", "アプリ名を入力し、「作成」をクリック")
    screen.wait_for(STEP_OF["ja"].format(number_of("create-app-password")))
    page.keyboard.press("c")
    screen.wait_for("クリップボードにコピーしました")
    page.wait_for_function("window.__copied !== undefined", timeout=30_000)
    assert page.evaluate("window.__copied") == "Ecrea用"
    page.keyboard.press("ArrowRight")
    screen.wait_for(STEP_OF["ja"].format(number_of("copy-app-password")))
    screen.wait_for("Enter 次へ")  # the field has the keyboard
    run.password_to_the_last_step()
    assert_the_card_is_a_download(context, page, screen, downloads)
    run.send()
    screen.wait_until_drawn()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "browser-practice-ja.png"))
    run.confirmations_to_the_end_page()
    # A new page is a new wizard process: it offers to continue where this one was.
    screen.clear()
    page.reload()
    screen.wait_for("設定は")  # setup was completed: a new test send or starting over
    screen.wait_for("もう一度テスト送信する")
    context.close()
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


def test_the_end_page_follows_the_wizards_language_and_knows_when_the_server_stopped(browser, tmp_path: Path) -> None:
    """The practice run in Japanese at a phone's size (the size test's run); then, started again,
    switched to English on the welcome screen and quit with Ctrl+Q: the end page is English; once
    the server is stopped too, the page says so and offers no way back."""
    ja, en = Texts("ja"), Texts("en")
    with serving(tmp_path, "ja") as (_, address, _, process):
        page = browser.new_page(viewport={"width": 390, "height": 844})
        screen = RenderedScreen(page)
        run = PracticeRun(page, screen, "ja", 390)
        page.goto(address)
        run.walk_to_the_end_page()
        run.restart()
        page.focus(".xterm-helper-textarea")
        screen.wait_for(f"^p {ja('key.palette')}")
        page.keyboard.press("l")
        screen.wait_for(en("welcome.heading"))
        page.keyboard.press("Control+q")
        page.locator("#end").wait_for(state="visible", timeout=30_000)
        assert page.locator("#ended").inner_text() == en("serve.ended")
        assert page.locator("#server-running").inner_text() == en("serve.server_running")
        assert page.evaluate("document.documentElement.lang") == "en"
        # Opened again, the wizard starts in Japanese as `serve --lang ja` says; the server
        # stops while it runs: the page ends saying so, in the language it was opened in.
        screen.clear()
        page.locator("#restart").click()
        screen.wait_for(ja("welcome.heading"))
        page.locator("#end").wait_for(state="hidden")
        process.terminate()
        process.wait(30)  # stopped promptly, although a tab is still connected
        page.locator("#end").wait_for(state="visible", timeout=30_000)
        assert page.locator("#server-stopped").inner_text() == ja("serve.server_stopped")
        assert not page.locator("#restart").is_visible()
        assert not page.locator("#server-running").is_visible()
        page.context.close()


def test_without_a_language_the_served_wizard_chooses_as_usual() -> None:
    assert serve_module.wizard_command(None, practice=False).endswith("-m wizard")


@pytest.mark.parametrize(("width", "height", "lang"), [(390, 844, "en"), (1280, 800, "en")])
def test_labels_keys_and_the_end_page_at_phone_and_desktop_sizes(browser, tmp_path: Path, lang, width, height) -> None:
    """The whole practice run at a phone's and a laptop's size: no button label or footer key cut,
    nothing touching the window's edge, and at the end our own page, in the wizard's language.

    In Japanese the same run is walked by test_practice_flow_in_a_real_browser (a laptop's size)
    and test_the_end_page_follows_the_wizards_language... (a phone's), which add their checks to it."""
    with serving(tmp_path, lang) as (_, address, _, _):
        page = browser.new_page(viewport={"width": width, "height": height})
        run = PracticeRun(page, RenderedScreen(page), lang, width)
        page.goto(address)
        run.walk_to_the_end_page()
        if width == 390:
            run.restart()
        page.context.close()


class RecordingServer:
    """Another web server on this computer, as an attacker would run one: it keeps every byte a browser sends it.

    Its page also reports what it can read from inside the browser (cookies, storage) and
    asks the wizard's server for its page with credentials, as a hostile page would.
    """

    def __init__(self, wizard_port: int) -> None:
        import http.server
        import threading

        self.port = free_port()
        self.received: list[bytes] = []
        self.reports = 0
        self.reported = threading.Condition()
        recorder = self
        page = (
            "<!doctype html><script>"
            f"fetch('http://127.0.0.1:{wizard_port}/', {{mode: 'no-cors', credentials: 'include'}}).finally(() =>"
            " fetch('/report', {method: 'POST', body: JSON.stringify({cookie: document.cookie,"
            " session: Object.entries(sessionStorage), local: Object.entries(localStorage),"
            " address: location.href, referrer: document.referrer})}));"
            "</script>"
        ).encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                recorder.received.append(self.requestline.encode() + b"\n" + bytes(self.headers))
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(page)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                recorder.received.append(self.requestline.encode() + b"\n" + bytes(self.headers) + body)
                with recorder.reported:
                    recorder.reports += 1
                    recorder.reported.notify_all()
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for_reports(self, count: int, seconds: float = 30) -> None:
        with self.reported:
            assert self.reported.wait_for(lambda: self.reports >= count, seconds), "the other page never reported"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_no_other_local_page_receives_the_secret(browser, served) -> None:
    """Browsers send a host's cookies to all its ports; the secret is in no cookie, and no other port gets it."""
    import aiohttp

    port, address, _ = served
    secret = address.partition("#")[2]
    recorder = RecordingServer(port)
    try:
        context = browser.new_context()
        wizard = context.new_page()
        screen = TerminalStream(wizard)
        wizard.goto(address)
        screen.wait_for("Ecrea から Gmail でメールを送れるようにします")
        assert wizard.url == f"http://127.0.0.1:{port}/"
        # The user's browser, the wizard still open, visits other pages on this computer.
        for host in ("127.0.0.1", "localhost"):
            other = context.new_page()
            before = recorder.reports
            other.goto(f"http://{host}:{recorder.port}/attack.html")
            recorder.wait_for_reports(before + 1)
            other.close()
        # A page the wizard opens cannot steer the wizard's tab (no window.opener).
        with context.expect_page() as opened:
            wizard.evaluate(f"window.open('http://127.0.0.1:{recorder.port}/opened', '_blank')")
        assert opened.value.evaluate("window.opener === null")
        opened.value.close()
        # A crafted query is dropped before textual.js reads it: "?ping=" once left the page stuck.
        screen.clear()
        wizard.goto(f"http://127.0.0.1:{port}/?ping=http://127.0.0.1:{recorder.port}/pinged&delay=1")
        wizard.wait_for_url(f"http://127.0.0.1:{port}/")
        screen.wait_for("Ecrea から Gmail でメールを送れるようにします")
        # Following a link from the wizard's own tab is no different.
        wizard.evaluate(f"location.href = 'http://127.0.0.1:{recorder.port}/from-the-wizard-tab'")
        wizard.wait_for_url(f"http://127.0.0.1:{recorder.port}/from-the-wizard-tab")
        wizard.go_back()
        wizard.wait_for_url(f"http://127.0.0.1:{port}/")
        screen.clear()
        wizard.reload()  # the tab still holds its secret: the wizard comes back
        screen.wait_for("Ecrea から Gmail でメールを送れるようにします")
        assert_refused_without_the_secret(browser, port, "ターミナルに表示されたアドレス")
        context.close()
    finally:
        recorder.close()
    received = b"\n".join(recorder.received)
    assert len(recorder.received) >= 5 and recorder.reports >= 2
    assert secret.encode() not in received
    assert b"cookie:" not in received.lower()  # nothing at all: the wizard sets no cookie

    async def replay() -> list[int]:
        """Everything the other server saw, presented as the secret, from a forged Host and Origin."""
        candidates = {"", *re.findall(r"[\w-]{16,}", received.decode("utf-8", "replace"))}
        statuses = []
        async with aiohttp.ClientSession() as session:
            for candidate in candidates:
                try:
                    async with session.ws_connect(
                        f"ws://127.0.0.1:{port}/ws/{candidate}", origin=f"http://127.0.0.1:{port}",
                        headers={"Host": f"127.0.0.1:{port}"},
                    ):
                        statuses.append(101)
                except aiohttp.WSServerHandshakeError as refused:
                    statuses.append(refused.status)
        return statuses

    with playwright_paused():
        statuses = asyncio.run(replay())
    assert statuses and set(statuses) == {403}


@pytest.mark.parametrize(("host", "bound", "warned"), [(None, "127.0.0.1", False), ("localhost", "localhost", False), ("0.0.0.0", "0.0.0.0", True), ("192.0.2.10", "192.0.2.10", True)])
def test_only_an_explicit_host_leaves_loopback(monkeypatch, capsys, host, bound, warned) -> None:
    started = {}

    class FakeServer:
        def serve(self) -> None:
            pass

    def build(command: str, guard, host: str, port: int, title: str, page=None, on_listening=None) -> FakeServer:
        started.update(command=command, host=host, port=port)
        return FakeServer()

    monkeypatch.setattr(serve_module, "build_server", build)
    assert serve_module.serve(Texts("en"), lang="en", port=8123, host=host, practice=True, open_browser=False) == 0
    assert started["host"] == bound and started["port"] == 8123
    assert started["command"].endswith("-m wizard --lang en --practice")
    output = capsys.readouterr()
    assert ("Other computers on the network" in output.err) == warned
    assert "http://" in output.out


def test_without_a_browser_the_terminal_names_the_file_to_open(monkeypatch, capsys, tmp_path: Path) -> None:
    """No browser opened: the redirecting file's path is printed, not only a 70-character address."""
    import wizard.core.browser as browser_module
    from wizard.core.browser import BrowserResult

    monkeypatch.setattr(browser_module, "open_in_browser", lambda url, timeout=0: BrowserResult.NO_BROWSER)
    page = serve_module.open_page_file("http://127.0.0.1:8123/#secret", tmp_path)
    serve_module.open_browser_on(page, Texts("ja"))
    err = capsys.readouterr().err
    assert "ブラウザーを自動で開けませんでした。" in err
    assert "ブラウザーで次のファイルを開いてください" in err and f"\n  {page}\n" in err
    assert "http://127.0.0.1:8123/#secret" in page.read_text(encoding="utf-8")


def test_no_browser_prints_the_file_too_and_removes_it_on_the_way_out(monkeypatch, capsys) -> None:
    seen = {}

    class FakeServer:
        def serve(self) -> None:
            seen["file"] = page_file
            seen["exists"] = page_file.exists()

    def build(command: str, guard, host: str, port: int, title: str, page=None, on_listening=None) -> FakeServer:
        nonlocal page_file
        page_file = page
        return FakeServer()

    page_file: Path | None = None
    monkeypatch.setattr(serve_module, "build_server", build)
    assert serve_module.serve(Texts("en"), lang="en", port=8123, host=None, practice=True, open_browser=False) == 0
    out = capsys.readouterr().out
    assert seen["exists"] and "Open this file in a browser" in out and f"\n  {seen['file']}\n" in out
    assert not seen["file"].exists()  # removed with its private folder


def test_ctrl_c_right_after_a_tab_closes_stops_without_noise(browser, tmp_path: Path) -> None:
    """The wizard a tab ran may end after the server's loop closed: Ctrl+C must still stop
    quietly (no asyncio log line, no "Exception ignored" traceback), as when no tab ran."""
    with serving(tmp_path) as (_, address, _, process):
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        screen = TerminalStream(page)
        page.goto(address)
        screen.wait_for("Ecrea から Gmail でメールを送れるようにします")
        page.context.close()
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=60)
    assert process.returncode == 0
    for noise in ("Traceback", "Exception ignored", "is closed", "Error"):
        assert noise not in output, output
