"""`ecrea-gmail-setup check` against loopback servers: output, JSON and exit codes.

The command runs in this process (tests/cli_in_process.py), as what it prints is the subject.
Two runs stay real processes: a success in Japanese (the installed command sends, with its
exit code), and a slow EHLO in Japanese, beside the English one in this process.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from cli_in_process import run_command
from helpers import COMMAND
from smtp_fixtures import PASSWORD, connected
from stall_limits import shortest_limit_that_reaches_the_stall

from wizard.core.step_order import number_of
from wizard.mail.gmail_like_server import Behaviour, GmailLikeServer


def check_args(server, ca_file: str, *extra: str) -> list[str]:
    return ["check", "--email", "ecrea.test@gmail.com", "--password-stdin", "--smtp-host", "127.0.0.1",
            "--smtp-port", str(server.port), "--ca-file", ca_file, "--timeout", "30", *extra]


def check(server, ca_file: str, *extra: str, password: str = "abcd efgh ijkl mnop\n", cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_command(check_args(server, ca_file, *extra), input=password, text=True, cwd=cwd)


def check_as_a_process(server, ca_file: str, *extra: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([COMMAND, *check_args(server, ca_file, *extra)], input="abcd efgh ijkl mnop\n",
                          capture_output=True, text=True, encoding="utf-8", timeout=60, cwd=cwd)


def test_success_in_japanese(gmail_server, ca_file, tmp_path: Path) -> None:
    server = gmail_server()
    result = check_as_a_process(server, ca_file, "--lang", "ja", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "[完了] ログイン" in result.stdout and "テスト送信に成功しました" in result.stdout
    assert "Traceback" not in result.stderr
    assert len(server.received.messages) == 1


@pytest.mark.parametrize(
    ("behaviour", "password", "exit_code", "diagnosis", "redo"),
    [
        (Behaviour(), "zzzz zzzz zzzz zzzz", 5, "bad_credentials", "app-passwords"),
        (Behaviour(auth_reply="534 5.7.9 Application-specific password required. p=InvalidSecondFactor"), PASSWORD, 5, "ordinary_password", "copy-app-password"),
        (Behaviour(starttls=False), PASSWORD, 4, "no_starttls", "paste-into-ecrea"),
        (Behaviour(mail_reply="550 5.4.5 Daily user sending limit exceeded."), PASSWORD, 6, "daily_limit", None),
        (Behaviour(greet=False), PASSWORD, 3, "no_greeting", None),
    ],
)
def test_failures_give_json_and_a_distinct_exit_code(gmail_server, ca_file, tmp_path, behaviour, password, exit_code, diagnosis, redo) -> None:
    def attempt(timeout: float | None) -> tuple[GmailLikeServer, subprocess.CompletedProcess[str]]:
        server = gmail_server(behaviour)
        waits = ("--timeout", f"{timeout:g}") if timeout is not None else ()
        return server, check(server, ca_file, "--json", "--lang", "en", *waits, password=password, cwd=tmp_path)

    if behaviour.greet:
        _, result = attempt(None)
    else:
        # The server says nothing: the deadline is the subject and is waited out whole, the shortest
        # `check` takes (1 s) if it was connected by then (the greeting never comes), else 3 s.
        _, result = shortest_limit_that_reaches_the_stall((1.0, 3.0), attempt, lambda outcome: connected(outcome[0]))
    assert result.returncode == exit_code, result.stderr
    report = json.loads(result.stdout)
    assert (report["ok"], report["exit_code"], report["diagnosis"], report["redo_step"]) == (False, exit_code, diagnosis, redo and number_of(redo))
    assert "Traceback" not in result.stderr
    assert password.strip() not in result.stdout


SLOW_EHLO_WORDS = [
    ("en", "[failed] The server's first reply", "The server's reply timed out", "said nothing"),
    ("ja", "[失敗] サーバーからの最初の応答", "サーバーの応答が時間切れになりました", "最初の応答がありません"),
]


def test_a_slow_reply_to_ehlo_is_reported_as_a_slow_server(gmail_server, ca_file, tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    # Both languages side by side, each waiting out the same limit once: Japanese as a real
    # process in a thread, English in this process (tests/cli_in_process.py) meanwhile.
    def attempt(timeout: float) -> list[tuple[GmailLikeServer, subprocess.CompletedProcess[str]]]:
        servers = [gmail_server(Behaviour(ehlo_delay=120)) for _ in SLOW_EHLO_WORDS]
        limit = ("--timeout", f"{timeout:g}")
        with ThreadPoolExecutor(1) as pool:
            japanese = pool.submit(check_as_a_process, servers[1], ca_file, "--lang", "ja", *limit, cwd=tmp_path)
            english = check(servers[0], ca_file, "--lang", "en", *limit, cwd=tmp_path)
            return list(zip(servers, [english, japanese.result()], strict=True))

    # The limit is waited out whole once the server holds its EHLO reply back: the shortest
    # `check` takes (1 s) if everything before it was done by then, else 4 s.
    outcomes = shortest_limit_that_reaches_the_stall(
        (1.0, 4.0), attempt, lambda outcomes: all(server.received.ehlo_names for server, _ in outcomes))
    results = [result for _, result in outcomes]
    for (lang, failed, slow, silent), result in zip(SLOW_EHLO_WORDS, results, strict=True):
        assert result.returncode == 3, (lang, result.stdout + result.stderr)
        lines = result.stdout.splitlines()
        assert failed in lines and slow in lines, (lang, result.stdout)
        assert silent not in result.stdout
        assert not any(line.startswith(failed.replace("[失敗]", "[完了]").replace("[failed]", "[ok]")) for line in lines)
        assert "EHLO" in result.stdout


def test_untrusted_certificate_exit_code(gmail_server, untrusted_context, ca_file, tmp_path: Path) -> None:
    server = gmail_server(context=untrusted_context)
    result = check(server, ca_file, "--lang", "en", cwd=tmp_path)
    assert result.returncode == 4
    assert "certificate could not be verified" in result.stdout
    assert server.received.auth_attempts == 0


@pytest.mark.parametrize(
    ("extra", "password", "message"),
    [
        ((), "G-123456", "SMS の確認コード"),
        ((), "Tanaka2024!", "数字や記号"),
        (("--to", "not-an-address"), "abcd efgh ijkl mnop", "送信先"),
    ],
)
def test_bad_input_exits_2_with_a_message(gmail_server, ca_file, tmp_path, extra, password, message) -> None:
    server = gmail_server()
    result = check(server, ca_file, "--lang", "ja", *extra, password=password, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert server.received.auth_attempts == 0


def test_without_password_stdin_the_keyring_is_used(tmp_path: Path) -> None:
    # The subprocess has no keyring backend here, so it must say so plainly.
    result = run_command(["check", "--email", "ecrea.test@gmail.com", "--lang", "en"], text=True, cwd=tmp_path,
                         env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 2
    assert "--password-stdin" in result.stderr


def test_practice_check(tmp_path: Path) -> None:
    result = run_command(["check", "--practice", "--email", "ecrea.test@gmail.com", "--lang", "en", "--json"],
                         text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["ok"] is True


def test_an_unreadable_ca_file_is_refused_clearly(tmp_path: Path) -> None:
    result = run_command(["check", "--email", "ecrea.test@gmail.com", "--ca-file", str(tmp_path / "missing.pem"), "--lang", "ja"],
                         text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert "--ca-file のファイルを使えません" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("as_json", [False, True])
def test_a_server_quoting_the_password_back_leaks_it_in_no_output(gmail_server, ca_file, tmp_path: Path, as_json: bool) -> None:
    import base64

    from wizard.core.redaction import secret_forms

    plain = base64.b64encode(f"\0ecrea.test@gmail.com\0{PASSWORD}".encode()).decode()
    server = gmail_server(Behaviour(auth_reply=f"535 5.7.8 Rejected AUTH PLAIN {plain} for {PASSWORD}"))
    result = check(server, ca_file, "--lang", "en", *(["--json"] if as_json else []), password=PASSWORD, cwd=tmp_path)
    assert result.returncode == 5
    output = result.stdout + result.stderr
    assert "[redacted]" in output
    for secret in secret_forms("ecrea.test@gmail.com", PASSWORD):
        assert secret not in output


def saved_progress(home: Path, file: str = "progress.json", **fields: object) -> dict[str, str]:
    """An environment whose state folder holds progress with `fields`, as the wizard saves it."""
    state = home / "state" / "ecrea-gmail-setup"
    state.mkdir(parents=True, exist_ok=True)
    (state / file).write_text(json.dumps({"version": 2, **fields}), encoding="utf-8")
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_STATE_HOME": str(home / "state"), "LANG": "C.UTF-8"}


def test_without_email_the_saved_address_is_used(gmail_server, ca_file, tmp_path: Path) -> None:
    """As `check --help` says: --email left out means the address the wizard saved."""
    server = gmail_server()
    env = saved_progress(tmp_path, email="saved.user@gmail.com", display_name="営業部")
    args = ["check", "--password-stdin", "--smtp-host", "127.0.0.1", "--smtp-port", str(server.port),
            "--ca-file", ca_file, "--timeout", "5", "--lang", "en", "--json"]
    result = run_command(args, input=PASSWORD, text=True, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["ok"] is True
    (message,) = server.received.messages
    assert "saved.user@gmail.com" in message["From"]


def test_without_email_watch_sent_uses_the_practice_address(tmp_path: Path) -> None:
    """Practice keeps its own progress: `watch-sent --practice` watches the address practised with."""
    env = saved_progress(tmp_path, "practice-progress.json", email="practice.user@gmail.com")
    saved_progress(tmp_path, email="real.user@gmail.com")
    result = run_command(["watch-sent", "--practice", "--lang", "en", "--timeout", "20"], text=True, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "to practice.user@gmail.com" in result.stdout


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_each_piece_of_advice_is_given_once(gmail_server, ca_file, tmp_path: Path, lang: str) -> None:
    """A refused password: what to do, naming the step to redo, once; no second line repeating the step."""
    server = gmail_server()
    result = check(server, ca_file, "--lang", lang, password="zzzz zzzz zzzz zzzz", cwd=tmp_path)
    assert result.returncode == 5
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == len(set(lines)), lines
    step = {"ja": "ステップ {}", "en": "step {}"}[lang].format(number_of("app-passwords"))
    assert result.stdout.count(step) == 1, result.stdout


def test_every_action_names_the_step_it_sends_to() -> None:
    """`check` prints no separate "go back to step N" line: each action must name its step itself."""
    from wizard.core.texts import Texts
    from wizard.mail.diagnosis import Problem

    for lang, word in (("ja", "ステップ {}"), ("en", "step {}")):
        texts = Texts(lang)
        for problem in Problem:
            if problem.redo_step:
                assert word.format(number_of(problem.redo_step)) in texts(problem.action_key), (lang, problem)
