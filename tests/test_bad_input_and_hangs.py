"""Every bad invocation gets a clear answer in the user's language, within a bound, with no traceback.

Japanese is asked for, so the message must be the Japanese one. The table of bad options
and input runs the command in this process (tests/cli_in_process.py: the answer is the
subject, not the process). Real processes stay where the process is the subject: a closed
standard input, a FIFO that would block a read forever, the command's own peak memory,
Ctrl+C, and the wizard in a terminal.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import time
from pathlib import Path

import pytest
from cli_in_process import run_command
from helpers import COMMAND, STEP_OF

from wizard.core.step_order import number_of

TESTS = Path(__file__).resolve().parent


def run(args: list[str], tmp_path: Path, *, stdin: bytes | None = b"", env: dict[str, str] | None = None,
        close_stdin: bool = False, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state"), **(env or {})}
    return subprocess.run(
        [COMMAND, *args], input=None if close_stdin else stdin, capture_output=True, timeout=timeout, env=environment,
        preexec_fn=(lambda: os.close(0)) if close_stdin else None,
    )


def run_in_process(args: list[str], tmp_path: Path, *, stdin: bytes = b"",
                   env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state"), **(env or {})}
    return run_command(args, input=stdin, env=environment)


CHECK = ["check", "--lang", "ja", "--email", "ecrea.test@gmail.com"]

# (arguments, text on standard input, exit code, a fragment of the Japanese message)
BAD_INVOCATIONS = [
    ([*CHECK, "--smtp-port", "70000"], b"", 2, "1 から 65535 の整数"),
    ([*CHECK, "--smtp-port", "0"], b"", 2, "1 から 65535 の整数"),
    ([*CHECK, "--smtp-port", "abc"], b"", 2, "1 から 65535 の整数"),
    ([*CHECK, "--timeout", "0"], b"", 2, "1 以上 600 以下"),
    ([*CHECK, "--timeout", "-1"], b"", 2, "1 以上 600 以下"),
    ([*CHECK, "--timeout", "nan"], b"", 2, "1 以上 600 以下"),
    ([*CHECK, "--timeout", "inf"], b"", 2, "1 以上 600 以下"),
    ([*CHECK, "--timeout", "601"], b"", 2, "1 以上 600 以下"),
    # Too short to reach any server: refused, not reported as "server not found".
    ([*CHECK, "--timeout", "1e-300"], b"", 2, "1 以上 600 以下"),
    ([*CHECK, "--timeout", "0.0001"], b"", 2, "1 以上 600 以下"),
    ([*CHECK, "--timeout", "0.99"], b"", 2, "1 以上 600 以下"),
    ([*CHECK, "--confirm-timeout", "0.0001"], b"", 2, "1 以上 600 以下"),
    (["watch-sent", "--lang", "ja", "--email", "ecrea.test@gmail.com", "--timeout", "1e-300"], b"", 2, "1 以上 600 以下"),
    ([*CHECK, "--ca-file", "/"], b"", 2, "通常のファイルではありません"),
    ([*CHECK, "--ca-file", "/etc/hostname"], b"", 2, "証明書が見つかりません"),
    ([*CHECK, "--ca-file", "/no/such/file.pem"], b"", 2, "--ca-file のファイルを使えません"),
    ([*CHECK, "--password-stdin"], b"\xff\xfe\x00garbage", 2, "UTF-8"),
    ([*CHECK, "--password-stdin"], b"G-123456\n", 2, "SMS の確認コード"),
    ([*CHECK, "--password-stdin", "--name", "営業部\r\nBcc: x@example.com"], b"abcd efgh ijkl mnop\n", 2, "送信元表示名に改行"),
    ([*CHECK, "--password-stdin", "--name", "\u202eevil"], b"abcd efgh ijkl mnop\n", 2, "送信元表示名"),
    (["check", "--lang", "ja", "--email", "üser@gmail.com", "--password-stdin"], b"abcd efgh ijkl mnop\n", 2, "半角英数字以外"),
    ([*CHECK, "--password-stdin", "--to", "not-an-address"], b"abcd efgh ijkl mnop\n", 2, "送信先のアドレスが使えません"),
    # No --email and nothing saved: the help's "saved address" default has nothing to give.
    (["check", "--lang", "ja"], b"", 2, "保存された Gmail アドレスがありません"),
    (["watch-sent", "--lang", "ja"], b"", 2, "保存された Gmail アドレスがありません"),
    (["--lang", "ja", "bogus"], b"", 2, "は選べません"),
    (["--lang", "ja", "--no-such-option"], b"", 2, "使えない指定です: --no-such-option\n"),
    # A slip of the keyboard is answered with the option meant, before or after a command.
    (["--lang", "ja", "--pratice"], b"", 2, "使えない指定です: --pratice（--practice のことですか？）"),
    (["--lang", "en", "--pratice"], b"", 2, "Unknown options: --pratice (did you mean --practice?)"),
    (["check", "--lang", "ja", "--jsno", "--emial=a@gmail.com"], b"", 2, "--jsno（--json のことですか？） --emial=a@gmail.com（--email のことですか？）"),
    (["serve", "--lang", "ja", "--no-browsr"], b"", 2, "ecrea-gmail-setup serve: エラー: 使えない指定です: --no-browsr（--no-browser のことですか？）"),
    (["serve", "--lang", "ja", "--port", "70000"], b"", 2, "1 から 65535 の整数"),
    (["settings", "--lang", "ja", "--email", "not-an-address"], b"", 2, "「@」がありません"),
    (["guide", "--lang", "ja", "--name", "a\x1b[2Jb"], b"", 2, "--name の値が使えません"),
]


@pytest.mark.parametrize(("args", "stdin", "code", "message"), BAD_INVOCATIONS, ids=[" ".join(case[0][1:])[:60] for case in BAD_INVOCATIONS])
def test_each_bad_invocation_is_answered_plainly(tmp_path: Path, args, stdin, code: int, message: str) -> None:
    result = run_in_process(args, tmp_path, stdin=stdin)
    output = (result.stdout + result.stderr).decode("utf-8", "replace")
    assert result.returncode == code, output
    assert message in output
    assert "Traceback" not in output


@pytest.mark.parametrize(("saved_file", "args"), [("progress.json", []), ("practice-progress.json", ["--practice"])])
def test_a_bad_language_is_refused_in_the_saved_one(tmp_path: Path, saved_file: str, args: list[str]) -> None:
    """No usable --lang: the error speaks the language chosen last time (practice's own with --practice)."""
    state = tmp_path / "state" / "ecrea-gmail-setup"
    state.mkdir(parents=True)
    (state / saved_file).write_text('{"version": 2, "lang": "ja"}', encoding="utf-8")
    for bad in (["--lang", "xx"], ["check", "--lang=xx"]):
        result = run_in_process([*args, *bad], tmp_path, env={"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""})
        assert result.returncode == 2
        assert "エラー: --lang: 'xx' は選べません（選べるのは 'ja', 'en'）" in result.stderr.decode(), result.stderr.decode()


def test_a_closed_standard_input_is_explained(tmp_path: Path) -> None:
    result = run([*CHECK, "--password-stdin"], tmp_path, close_stdin=True)
    assert result.returncode == 2
    assert "標準入力からアプリ パスワードを読めません" in result.stderr.decode()


def test_a_fifo_as_ca_file_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "ca.pem"
    os.mkfifo(fifo)
    started = time.monotonic()
    result = run([*CHECK, "--ca-file", str(fifo)], tmp_path)
    assert result.returncode == 2 and "通常のファイルではありません" in result.stderr.decode()
    assert time.monotonic() - started < 60  # reading the FIFO would never end


def test_twenty_megabytes_on_standard_input_are_not_read_into_memory(tmp_path: Path) -> None:
    import sys

    environment = {**os.environ, "HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state")}
    # The command's own peak, read by itself at its end: VmHWM starts afresh at exec, while the rusage
    # of a child forked from this (large) test worker counts the worker's pages it briefly shared.
    measured = (
        "import sys\nfrom wizard.cli.main import main\ntry:\n    code = main(sys.argv[1:])\nfinally:\n"
        "    print(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')), file=sys.stderr)\n"
        "sys.exit(code)"
    )
    result = subprocess.run([sys.executable, "-c", measured, *CHECK, "--password-stdin"], input=b"a" * (20 << 20),
                            capture_output=True, timeout=120, env=environment)
    err = result.stderr.decode()
    assert result.returncode == 2 and "長すぎます" in err
    peak_kib = int(err.split("VmHWM:")[1].split()[0])
    assert peak_kib / 1024 < 150, peak_kib / 1024

def signal_state(pid: int) -> str:
    """Each thread's blocked, ignored, caught and pending signals (Linux), to tell why Ctrl+C was not acted on."""
    lines = []
    try:
        for task in sorted(Path(f"/proc/{pid}/task").iterdir()):
            fields = dict(line.split(":\t", 1) for line in (task / "status").read_text().splitlines() if ":\t" in line)
            lines.append(" ".join(f"{key}={fields.get(key, '?').strip()}" for key in ("Name", "SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt")))
    except OSError as error:
        lines.append(f"unreadable: {error}")
    return "\n  " + "\n  ".join(lines)


def test_ctrl_c_ends_check_with_one_line_and_130(tmp_path: Path, scripted_server) -> None:
    silent = scripted_server(lambda line: None, greeting=None)
    environment = {**os.environ, "HOME": str(tmp_path)}
    password = tmp_path / "password.txt"
    password.write_bytes(b"abcd efgh ijkl mnop\n")
    with password.open("rb") as stdin:
        process = subprocess.Popen(
            [COMMAND, *CHECK, "--password-stdin", "--smtp-host", "127.0.0.1", "--smtp-port", str(silent.port), "--timeout", "60"],
            stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment,
            # Started as from a terminal, with Ctrl+C at its default. In the full suite a child once
            # began with SIGINT and SIGQUIT ignored (/proc's SigIgn, inherited from this worker while
            # another of its threads had them ignored, as C's system() does while it waits); Python
            # then rightly leaves SIGINT ignored, as for a program a shell starts in the background.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
    # The first stage line (the name resolved) says the check is under way; the server stays silent.
    assert select.select([process.stdout], [], [], 120)[0], "check printed no stage line"
    first = os.read(process.stdout.fileno(), 4096)
    assert first.startswith(b"["), first
    before = signal_state(process.pid)
    process.send_signal(signal.SIGINT)
    try:
        out, err = process.communicate(timeout=1)
    except subprocess.TimeoutExpired:
        after = signal_state(process.pid)  # still running a second later: what became of the signal
        out, err = process.communicate(timeout=60)  # a generous bound: only a hang would reach it
    else:
        after = "ended"
    out = first + out
    if process.returncode != 130:
        pytest.fail(f"exit {process.returncode}:\n{out.decode(errors='replace')}\n{err.decode(errors='replace')}\n"
                    f"signals before Ctrl+C: {before}\na second after: {after}", pytrace=False)
    assert err.decode().strip() == "中止しました。"
    assert b"Traceback" not in out + err


def test_helper_threads_leave_ctrl_c_to_the_main_thread() -> None:
    """Only the main thread acts on Ctrl+C: a helper thread the kernel handed it to would sit on it
    while the main thread waited out a reply's limit (the test above ended with exit 3 after 30 s)."""
    from wizard.core.bounded import call_with_deadline

    interrupts = {signal.SIGINT, signal.SIGTERM}
    in_helper = call_with_deadline(lambda: signal.pthread_sigmask(signal.SIG_BLOCK, []), 30)
    assert interrupts <= in_helper
    assert not interrupts & signal.pthread_sigmask(signal.SIG_BLOCK, [])  # the main thread's own mask is as it was


BLOCKING = {
    "PYTHONPATH": str(TESTS),
    "PYTHON_KEYRING_BACKEND": "blocking_keyring.BlockingKeyring",
    "ECREA_GMAIL_SETUP_KEYRING": "blocking_keyring.BlockingKeyring",
    "ECREA_GMAIL_SETUP_KEYRING_TIMEOUT": "1",
}


@pytest.mark.parametrize(("args", "expect"), [
    (["settings", "--lang", "ja", "--email", "ecrea.test@gmail.com"], "保存先を確認できないため表示できません"),
    (CHECK, "パスワード保存機能が応答しません"),
])
def test_a_password_store_that_never_answers_is_not_waited_for(tmp_path: Path, args, expect: str) -> None:
    # In this process: the store's thread is left asleep, as a process would leave it when it
    # ends; had the command waited for it at exit (a non-daemon thread), run_command would fail.
    started = time.monotonic()
    result = run_in_process(args, tmp_path, env=BLOCKING)
    assert time.monotonic() - started < 60  # the store blocks for an hour: its 1 s deadline ended the wait
    output = (result.stdout + result.stderr).decode()
    assert expect in output and "Traceback" not in output


def test_the_wizard_goes_on_and_quits_promptly_with_a_store_that_never_answers(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    from terminal_session import TerminalSession

    state = tmp_path / "state" / "ecrea-gmail-setup"
    state.mkdir(parents=True)
    (state / "progress.json").write_text('{"version": 2, "step": "copy-app-password", "furthest": "copy-app-password", '
                                         '"lang": "ja", "email": "ecrea.test@gmail.com"}')
    env = {**os.environ, "TERM": "xterm-256color", "HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state"), **BLOCKING}
    session = TerminalSession([COMMAND], env)
    try:
        session.wait_for("続きから再開")
        session.send("\r")  # to step 13, which looks in the store at once
        session.wait_for("アプリ パスワードをコピーし")  # the step shows from its title
        session.send("\x1b[6~")  # PageDown: on to the field and the store's answer under it
        session.wait_for("応答しません", seconds=60)
        session.send("\x1bOP")  # F1: the wizard still answers keys
        session.wait_for("コピーする前に「完了」をクリックしてしまった場合")  # step 13's help opened
        started = time.monotonic()
        session.send("\x11")  # Ctrl+Q
        session.child.expect(pexpect.EOF, timeout=60)
        assert time.monotonic() - started < 60  # no waiting for the stuck thread (it blocks for an hour)
    finally:
        session.child.close(force=True)


def test_textual_log_stays_off_unless_debug_is_asked_for(tmp_path: Path) -> None:
    """TEXTUAL_LOG would record every key press, the app password included."""
    from terminal_session import TerminalSession

    # Without --debug and with it, side by side: each with its own home and its own log path.
    sessions, logs = [], []
    for arguments in (["--practice"], ["--practice", "--debug"]):
        home = tmp_path / arguments[-1].strip("-")
        log = home / "textual.log"
        env = {**os.environ, "TERM": "xterm-256color", "HOME": str(home), "XDG_STATE_HOME": str(home / "state"),
               "TEXTUAL_LOG": str(log), "LANG": "ja_JP.UTF-8"}
        state = home / "state" / "ecrea-gmail-setup"
        state.mkdir(parents=True)
        (state / "practice-progress.json").write_text('{"version": 2, "furthest": "copy-app-password", "email": "a@gmail.com"}')
        sessions.append(TerminalSession([COMMAND, *arguments], env))
        logs.append(log)
    debug = sessions[1]
    try:
        for session in sessions:
            session.wait_for("続きから再開")
        debug.wait_for("デバッグ記録中")
        for session in sessions:
            session.send("\r")
        for session in sessions:
            session.wait_for(STEP_OF["ja"].format(number_of("copy-app-password")))
            session.paste("qwhz mvtr kpld snex")
        for session in sessions:
            session.wait_for("正しい形式")
            session.send("\x11")
        for session in sessions:
            session.child.expect(pexpect_eof(), timeout=60)
    finally:
        for session in sessions:
            session.child.close(force=True)
    assert not logs[0].exists()
    assert logs[1].exists() and stat_mode(logs[1]) == 0o600  # with --debug: written, but only for the user


def pexpect_eof():
    import pexpect

    return pexpect.EOF


def stat_mode(path: Path) -> int:
    import stat

    return stat.S_IMODE(path.stat().st_mode)
