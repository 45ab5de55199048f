"""`check --confirm` and `watch-sent` against Dovecot and loopback SMTP.

The commands run in this process (tests/cli_in_process.py): what they print is the subject.
One `watch-sent` stays a real process (its exit code 7 at the process level), run side by side
with an in-process one so that both wait out the same limit once.
"""

from __future__ import annotations

import json
import subprocess
from email.message import EmailMessage
from pathlib import Path

from cli_in_process import run_command
from dovecot_fixtures import MailAccount
from helpers import COMMAND
from smtp_fixtures import PASSWORD
from stall_limits import shortest_limit_that_reaches_the_stall

STDIN = "abcd efgh ijkl mnop\n"


def like_gmail(server, account: MailAccount, inbox_folder: str = "INBOX") -> None:
    def deliver(message) -> None:
        account.deliver(message, "Sent")
        account.deliver(message, inbox_folder)

    server.deliver = deliver


def check(server, account: MailAccount, ca_file: str, *extra: str, cwd: Path, imap_port: int | None = None):
    args = ["check", "--email", account.address, "--password-stdin", "--smtp-host", "127.0.0.1",
            "--smtp-port", str(server.port), "--imap-host", "127.0.0.1", "--imap-port", str(imap_port or account.port),
            "--ca-file", ca_file, "--confirm", *extra]
    return run_command(args, input=STDIN, text=True, cwd=cwd)


def clean(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr
    assert PASSWORD not in result.stdout + result.stderr


def test_check_confirm_finds_it_in_the_inbox(gmail_server, mail_account, ca_file, tmp_path) -> None:
    server = gmail_server()
    like_gmail(server, mail_account)
    result = check(server, mail_account, ca_file, "--lang", "ja", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "テスト送信に成功しました" in result.stdout
    assert "[完了] 受信トレイに届きました" in result.stdout
    clean(result)


def test_check_confirm_json_says_spam_and_the_delay(gmail_server, mail_account, ca_file, tmp_path) -> None:
    server = gmail_server()
    like_gmail(server, mail_account, inbox_folder="[Gmail]/迷惑メール")
    result = check(server, mail_account, ca_file, "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    document = json.loads(result.stdout)
    confirm = document["confirm"]
    assert (confirm["outcome"], confirm["folder"], confirm["folder_name"]) == ("junk", "junk", "迷惑メール")
    assert 0 <= confirm["delay_seconds"] < 10 and document["code"] in confirm["subject"]
    clean(result)


def test_check_confirm_not_found_in_time_is_exit_7(gmail_server, mail_account, ca_file, tmp_path) -> None:
    def attempt(timeout: float) -> tuple[float, subprocess.CompletedProcess[str]]:
        server = gmail_server()  # accepts the message, files it nowhere
        return timeout, check(server, mail_account, ca_file, "--lang", "en", "--confirm-timeout", f"{timeout:g}", cwd=tmp_path)

    # The timeout is waited out whole, and covers signing in too: the least (1 s) where one whole
    # look was done inside it (else it is exit 8, a timeout), then the 3 s that leave a busy machine time for it.
    timeout, result = shortest_limit_that_reaches_the_stall((1.0, 3.0), attempt, lambda outcome: outcome[1].returncode == 7)
    assert result.returncode == 7, result.stdout + result.stderr
    assert f"Not found after {timeout:g} s" in result.stdout
    assert "Looked in: \"Inbox\", \"迷惑メール\"" in result.stdout
    clean(result)


def test_check_confirm_when_imap_is_off_is_exit_8_and_the_send_stands(gmail_server, mail_account, ca_file, tmp_path, scripted_server, trusted_context) -> None:
    alert = "NO [ALERT] IMAP access is disabled for your domain. (Failure)"
    imap = scripted_server(lambda line: f"{line.split()[0]} {alert}", greeting="* OK Gimap ready", tls=trusted_context)
    server = gmail_server()
    result = check(server, mail_account, ca_file, "--lang", "en", "--json", cwd=tmp_path, imap_port=imap.port)
    assert result.returncode == 8
    document = json.loads(result.stdout)
    assert document["ok"] is True and document["diagnosis"] is None  # the test send itself succeeded
    assert (document["confirm"]["problem"], document["exit_code"]) == ("imap_disabled", 8)
    clean(result)


def test_check_confirm_needs_the_message_sent_to_the_account(gmail_server, mail_account, ca_file, tmp_path) -> None:
    server = gmail_server()
    result = check(server, mail_account, ca_file, "--lang", "ja", "--to", "boss@example.com", cwd=tmp_path)
    assert result.returncode == 2
    assert "--confirm は" in result.stderr
    assert server.received.messages == []  # refused before sending anything
    clean(result)


def watch_args(account: MailAccount, ca_file: str, *extra: str) -> list[str]:
    return ["watch-sent", "--email", account.address, "--password-stdin", "--imap-host", "127.0.0.1",
            "--imap-port", str(account.port), "--ca-file", ca_file, *extra]


def watch(account: MailAccount, ca_file: str, *extra: str, cwd: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen([COMMAND, *watch_args(account, ca_file, *extra)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", cwd=cwd)
    assert process.stdin is not None
    process.stdin.write(STDIN)
    process.stdin.close()
    process.stdin = None  # written and closed: communicate() must not touch it again
    return process


def ecrea_message(account: MailAccount) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = account.address, "customer@example.com", "Ecrea テストメール"
    message["Date"] = "Sat, 28 Nov 2026 13:05:22 +0900"
    message.set_content("test")
    return message


def test_watch_sent_sees_what_is_sent_after_it_starts(mail_account, ca_file, tmp_path) -> None:
    mail_account.deliver(ecrea_message(mail_account), "Sent")  # sent before watching: not the answer
    later = ecrea_message(mail_account)
    later.replace_header("To", "later@example.com")
    # Sent as soon as it says it is watching, before it goes on.
    result = run_command(watch_args(mail_account, ca_file, "--lang", "ja", "--timeout", "20"), input=STDIN, text=True,
                         cwd=tmp_path, when_printed=("監視しています", lambda: mail_account.deliver(later, "Sent")))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "宛先 later@example.com、件名「Ecrea テストメール」" in result.stdout
    assert "customer@example.com" not in result.stdout
    clean(result)


def test_watch_sent_nothing_sent_is_exit_7_with_the_checklist(mail_account, ca_file, tmp_path) -> None:
    # In words (a real process) and as JSON (in this process) side by side: both wait out the same limit,
    # once. The least (1 s) where both were watching inside it (else it is exit 8, a timeout), then the
    # 3 s that leave a busy machine time for it.
    def attempt(timeout: float) -> tuple[float, subprocess.Popen[str], str, str, subprocess.CompletedProcess[str]]:
        limit = ("--lang", "en", "--timeout", f"{timeout:g}")
        text = watch(mail_account, ca_file, *limit, cwd=tmp_path)
        as_json = run_command(watch_args(mail_account, ca_file, *limit, "--json"), input=STDIN, text=True, cwd=tmp_path)
        out, err = text.communicate(timeout=30)
        return timeout, text, out, err, as_json

    timeout, text, out, err, as_json = shortest_limit_that_reaches_the_stall(
        (1.0, 3.0), attempt, lambda outcome: outcome[1].returncode == 7 and outcome[4].returncode == 7)
    assert text.returncode == 7, out + err
    assert f"Nothing was sent in {timeout:g} s." in out and "「SMTPパスワード」" in out
    assert "Traceback" not in err
    assert as_json.returncode == 7, as_json.stdout + as_json.stderr
    document = json.loads(as_json.stdout)
    assert (document["ok"], document["outcome"], document["looked_in"]) == (False, "not_found", ["Sent"])
    assert "Traceback" not in as_json.stderr


def test_practice_runs_both_without_any_account(tmp_path) -> None:
    result = run_command(["--lang", "en", "--practice", "check", "--email", "ecrea.test@gmail.com", "--confirm"],
                         text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[ok] It arrived in the inbox" in result.stdout
    result = run_command(["--lang", "ja", "--practice", "watch-sent", "--email", "ecrea.test@gmail.com", "--timeout", "10"],
                         text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "件名「Ecrea テストメール（練習）」" in result.stdout


def test_bad_options_are_explained(tmp_path) -> None:
    for args, words in [
        (["watch-sent", "--email", "not-an-address", "--password-stdin"], "--email"),
        (["watch-sent", "--email", "a@gmail.com", "--timeout", "0"], "0"),
        (["check", "--email", "a@gmail.com", "--imap-port", "99999"], "99999"),
    ]:
        result = run_command(["--lang", "en", *args], input=STDIN, text=True, cwd=tmp_path)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert words in result.stderr + result.stdout
        assert "Traceback" not in result.stderr
