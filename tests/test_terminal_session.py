"""The installed command in a real pseudo-terminal at 80x24, read back as text: a first-time user's
practice run in Japanese, with the most common mistake (a wrong paste) and then the right one;
then the next day's relaunch: the values, back, and starting over (asked, the record kept)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import COMMAND, STEP_OF

from wizard.core.step_order import number_of

pexpect = pytest.importorskip("pexpect")
from terminal_session import ESCAPE, LEFT, RIGHT, SHIFT_TAB, TerminalSession  # noqa: E402


def test_a_first_time_user_finishes_the_practice_run_in_an_80x24_terminal(tmp_path: Path) -> None:
    env = {**os.environ, "TERM": "xterm-256color", "LANG": "ja_JP.UTF-8", "HOME": str(tmp_path),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER", "TEXTUAL_LOG"):
        env.pop(name, None)
    session = TerminalSession([COMMAND, "--practice"], env)
    try:
        session.wait_for("ステップ 1 から始める")
        session.wait_for("^p コマンド")
        screen = session.wait_for("Ecrea から Gmail でメールを送れるようにします")
        assert "^q 終了" in screen.splitlines()[-1] and "コマンド" in screen.splitlines()[-1]
        session.send("\r")
        session.wait_for("はじめに: 送信に使う Gmail アカウント")
        session.send("taro.yamada@gmial.com", "\r")
        session.wait_for("「gmial.com」は「gmail.com」の入力間違いではありませんか？")
        session.send("\r")  # accept the correction
        session.wait_for("Gmail アドレスです。")
        session.send("山田商店", "\r")
        session.wait_for(STEP_OF["ja"].format(1))
        session.wait_for("https://myaccount.google.com/")

        session.send(*[RIGHT] * (number_of("two-step-verification") - 1))
        session.wait_for(STEP_OF["ja"].format(number_of("two-step-verification")))
        screen = session.wait_for("https://myaccount.google.com/signinoptions/two-step-verification")
        # The one address people type by hand stands whole on its own line.
        assert "https://myaccount.google.com/signinoptions/two-step-verification" in [line.strip() for line in screen.splitlines()]
        session.send("o")
        session.wait_for("このパソコンではブラウザーを開けませんでした")

        for number in range(number_of("two-step-verification") + 1, number_of("copy-app-password") + 1):
            session.send(RIGHT)
            session.wait_for(STEP_OF["ja"].format(number))
        # Practice mode's panel is too tall for the instructions and the field together at 80x24:
        # the field the keys type into, and the practice password above it, are what shows.
        session.wait_for("ecre apra ctic ekey")  # the practice password, as Google shows one
        session.wait_for("ここに貼り付けてください")
        session.wait_for("Enter 次へ  Esc 戻る  F1 ヘルプ")

        # The most common real failure: a wrong paste.
        session.paste("abcd efgh ijkl mnop\n")
        session.wait_for("正しい形式のアプリ パスワードです")
        session.send("\r")
        session.wait_for(STEP_OF["ja"].format(number_of("paste-into-ecrea")))
        session.wait_for("taro.yamada@gmail.com")  # Ecrea's form, with the address on one line
        session.send(RIGHT)
        session.wait_for("テスト送信: この設定で送信できるか確認します")
        session.send("\r")
        session.wait_for("アドレスかアプリ パスワードが受け付けられませんでした")
        session.wait_for(f"ステップ {number_of('app-passwords')} に戻る")

        # Back to the password step, and the right paste this time.
        session.send(ESCAPE)
        session.wait_for(STEP_OF["ja"].format(number_of("paste-into-ecrea")))
        session.send(LEFT)
        session.wait_for(STEP_OF["ja"].format(number_of("copy-app-password")))
        session.paste("ecre apra ctic ekey")
        session.wait_for("正しい形式のアプリ パスワードです")
        session.send("\r")
        session.wait_for(STEP_OF["ja"].format(number_of("paste-into-ecrea")))
        session.send(RIGHT)
        session.wait_for("テスト送信: この設定で送信できるか確認します")
        session.send("\r")
        screen = session.wait_for("練習用サーバーが受け取りました")
        assert "受信トレイで" not in screen

        session.send("\r")
        session.wait_for("テストメールの受信を確認します")
        session.send("\r")  # Look for it
        session.wait_for("受信トレイに届きました")
        session.send("\r")
        session.wait_for("Ecrea からの送信を確認します")
        session.send("\r")  # Start watching
        session.wait_for("「送信済みメール」を見ています")
        session.send("\t", "\r")  # from Cancel to "Send in Ecrea's place (practice)"
        session.wait_for("次へ: まとめ")  # seen: the way on to the summary
        session.send("\r")
        session.wait_for("練習はここまでです")
        session.wait_for("練習用サーバー（このパソコンの中）が")  # practice claims nothing of Gmail
        session.wait_for("に送信したメールを確認しました")
        session.wait_for("「ecrea-gmail-setup」でウィザードを起動")  # how to start for real
        session.send("\r")  # Finish
        session.child.expect(pexpect.EOF, timeout=60)
    finally:
        session.child.close(force=True)
    assert session.child.exitstatus == 0
    the_next_day_on_the_phone_with_support(env)


def the_next_day_on_the_phone_with_support(env: dict[str, str]) -> None:
    """The same setup relaunched: the values for Ecrea and back, then start over, which asks
    first and keeps the record of the success."""
    session = TerminalSession([COMMAND, "--practice"], env)
    try:
        # The first frame can come before the app has heard that the terminal takes synchronized
        # output: unframed, and read in pieces from the top on a busy machine. The footer, on the
        # last line, comes last: once it shows, the frame above it is whole (as in the first run).
        session.wait_for("^p コマンド")
        screen = session.wait_for("に完了しています（確認済み: テスト送信")
        assert "からの送信）。" in screen
        for choice in (f"ステップ {number_of('paste-into-ecrea')} の値を見る", "もう一度テスト送信する",
                       f"アプリ パスワードを作り直す（ステップ {number_of('app-passwords')} へ）", "最初からやり直す"):
            assert choice in screen, choice
        session.send("\r")  # the first choice has focus: the values
        session.wait_for(STEP_OF["ja"].format(number_of("paste-into-ecrea")))
        session.wait_for("最初の画面に戻る")
        session.send(RIGHT)  # on, which here is back where the user came from
        session.wait_for("もう一度テスト送信する")

        session.send("\t", "\t", "\t", "\r")  # to 「最初からやり直す」
        session.wait_for("最初からやり直しますか？")
        session.send(ESCAPE)  # no
        session.wait_gone("最初からやり直しますか？")  # the screen under it shows all along
        session.wait_for("もう一度テスト送信する")
        session.send("\t", "\t", "\t", "\r")
        session.wait_for("最初からやり直しますか？")
        session.send(SHIFT_TAB, "\r")  # from 「やめる」 to 「やり直す」
        session.wait_for("はじめに: 送信に使う Gmail アカウント")
        session.send(ESCAPE)
        screen = session.wait_for("前回の成功の記録: ")
        assert "からの送信）" in screen  # what was proven, kept
        assert "ステップ 1 から始める" in screen and "もう一度テスト送信する" not in screen
        session.send("\x11")  # Ctrl+Q
        session.child.expect(pexpect.EOF, timeout=10)
    finally:
        session.child.close(force=True)
    assert session.child.exitstatus == 0


def test_a_wide_character_half_drawn_over_reads_as_a_space() -> None:
    """A dialog's edge, or a frame that arrived in part, can overwrite the first half of a Japanese
    character: pyte's own `display` then raises IndexError on the orphaned second half; a terminal
    shows a space there, and so does what the tests read."""
    import pyte
    from terminal_session import screen_lines

    screen = pyte.Screen(8, 1)
    pyte.Stream(screen).feed("あいう\x1b[1;3Hx")
    with pytest.raises(IndexError):
        screen.display  # noqa: B018
    assert screen_lines(screen) == ["あx う  "]
