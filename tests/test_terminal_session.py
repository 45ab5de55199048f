"""The installed command in a real pseudo-terminal at 80x24, read back as text: a first-time user's
practice run in Japanese, with the most common mistake (a wrong paste) and then the right one."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from helpers import COMMAND

pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")

BRACKETED_PASTE = ("\x1b[200~", "\x1b[201~")
RIGHT, LEFT, ESCAPE = "\x1b[C", "\x1b[D", "\x1b"


class TerminalSession:
    """A program in a pseudo-terminal, its output kept on a pyte screen."""

    def __init__(self, args: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24)) -> None:
        width, height = size
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(args[0], args[1:], dimensions=(height, width), env=env)

    def pump(self, seconds: float = 0.1) -> bool:
        """Read what the program drew within `seconds`; False if it drew nothing."""
        try:
            self.stream.feed(self.child.read_nonblocking(1 << 16, timeout=seconds))
        except (pexpect.TIMEOUT, pexpect.EOF):
            return False
        return True

    def text(self) -> str:
        """The screen as text. Read cell by cell: pyte's own `display` fails on a wide
        character whose second half was overwritten, which terminals simply show as a space."""
        from wcwidth import wcwidth

        lines = []
        for y in range(self.screen.lines):
            row, cells, x = self.screen.buffer[y], [], 0
            while x < self.screen.columns:
                data = row[x].data or " "
                cells.append(data)
                x += 2 if wcwidth(data[0]) == 2 else 1
            lines.append("".join(cells).rstrip())
        return "\n".join(lines)

    def wait_for(self, words: str, seconds: float = 20) -> str:
        deadline = time.monotonic() + seconds
        while words not in self.text():
            assert self.child.isalive() or words in self.text(), f"the program ended:\n{self.text()}"
            assert time.monotonic() < deadline, f"never showed {words!r}; the screen:\n{self.text()}"
            self.pump()
        # Then until the drawing is finished: a screen is read as the user sees it, not half drawn.
        while self.pump(0.12):
            pass
        return self.text()

    def send(self, *keys: str) -> None:
        for key in keys:
            self.child.send(key)
            self.pump(0.05)

    def paste(self, text: str) -> None:
        self.child.send(BRACKETED_PASTE[0] + text + BRACKETED_PASTE[1])
        self.pump(0.05)


def test_a_first_time_user_finishes_the_practice_run_in_an_80x24_terminal(tmp_path: Path) -> None:
    env = {**os.environ, "TERM": "xterm-256color", "LANG": "ja_JP.UTF-8", "HOME": str(tmp_path),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER", "TEXTUAL_LOG"):
        env.pop(name, None)
    session = TerminalSession([COMMAND, "--practice"], env)
    try:
        session.wait_for("ステップ 1 から始める")
        screen = session.wait_for("^p コマンド")
        assert "Ecrea から Gmail でメールを送れるようにします" in screen
        assert "^q 終了" in screen.splitlines()[-1] and "コマンド" in screen.splitlines()[-1]
        session.send("\r")
        session.wait_for("はじめに: 送信に使う Gmail アカウント")
        session.send("taro.yamada@gmial.com", "\r")
        session.wait_for("「gmial.com」は「gmail.com」の入力間違いではありませんか？")
        session.send("\r")  # accept the correction
        session.wait_for("Gmail アドレスです。")
        session.send("山田商店", "\r")
        screen = session.wait_for("ステップ 1 / 14")
        assert "https://myaccount.google.com/" in screen

        session.send(RIGHT, RIGHT, RIGHT)
        screen = session.wait_for("ステップ 4 / 14")
        # The one address people type by hand stands whole on its own line.
        assert "https://myaccount.google.com/signinoptions/two-step-verification" in [line.strip() for line in screen.splitlines()]
        session.send("o")
        session.wait_for("このパソコンではブラウザーを開けませんでした")

        for number in range(5, 14):
            session.send(RIGHT)
            session.wait_for(f"ステップ {number} / 14")
        screen = session.wait_for("ecre apra ctic ekey")  # the practice password, as Google shows one
        assert "Enter 次へ" in screen and "Esc 戻る" in screen and "F1 ヘルプ" in screen

        # The most common real failure: a wrong paste.
        session.paste("abcd efgh ijkl mnop\n")
        session.wait_for("正しい形式のアプリ パスワードです")
        session.send("\r")
        screen = session.wait_for("ステップ 14 / 14")
        assert "taro.yamada@gmail.com" in screen
        session.send(RIGHT)
        session.wait_for("テスト送信: 設定で本当に送れるか確かめます")
        session.send("\r")
        screen = session.wait_for("アドレスかアプリ パスワードが受け付けられませんでした")
        assert "ステップ 11 に戻る" in screen

        # Back to step 13, and the right paste this time.
        session.send(ESCAPE)
        session.wait_for("ステップ 14 / 14")
        session.send(LEFT)
        session.wait_for("ステップ 13 / 14")
        session.paste("ecre apra ctic ekey")
        session.wait_for("正しい形式のアプリ パスワードです")
        session.send("\r")
        session.wait_for("ステップ 14 / 14")
        session.send(RIGHT)
        session.wait_for("テスト送信: 設定で本当に送れるか確かめます")
        session.send("\r")
        screen = session.wait_for("練習用サーバーが受け取りました")
        assert "受信トレイで" not in screen

        session.send("\r")
        screen = session.wait_for("練習はここまでです")
        assert "「テストメール送信」" in screen
        session.send("\r")  # Finish
        session.child.expect(pexpect.EOF, timeout=10)
    finally:
        session.child.close(force=True)
    assert session.child.exitstatus == 0
