"""`explain`: error texts as Ecrea, PHP's mail libraries and Gmail show them, in plain words."""

from __future__ import annotations

import json
import subprocess
import unicodedata
from pathlib import Path

import pytest
from cli_in_process import run_command
from helpers import COMMAND

from wizard.core.step_order import number_of
from wizard.core.texts import Texts
from wizard.mail.diagnosis import Problem
from wizard.mail.error_wordings import WORDINGS
from wizard.mail.explain_error import (
    ECREA_ADVICE,
    EXIT_UNRECOGNISED,
    MAX_TEXT,
    EcreaAdvice,
    InputTooLong,
    explain_error_text,
    explanation_lines,
)

P = Problem


@pytest.fixture(autouse=True)
def no_passwords_held(monkeypatch: pytest.MonkeyPatch) -> None:
    """What other tests in this process held (hypothesis draws any text) would be hidden too."""
    from wizard.core import redaction

    monkeypatch.setattr(redaction, "_held", set())

# Real texts: Gmail's replies as Gmail sends them (one line and multi-line, with and
# without the enhanced code), as PHP, Python, Node.js, Java and .NET wrap them, and as
# Japanese web services word them, with the noise around them that a copy brings.
REAL_ERRORS: list[tuple[str, Problem]] = [
    # Gmail's replies
    ("535-5.7.8 Username and Password not accepted. For more information, go to\n"
     "535 5.7.8  https://support.google.com/mail/?p=BadCredentials d9443c01a7336-1f6f0c5b2e0sm1234567pla.12 - gsmtp",
     P.BAD_CREDENTIALS),
    ("534-5.7.9 Application-specific password required. For more information, go to\n"
     "534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor 5b1f17b1804b1-42 - gsmtp",
     P.ORDINARY_PASSWORD),
    ("534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=AKgnsbs>\n"
     "534-5.7.14 Please log in via your web browser and then try again.\n"
     "534-5.7.14  Learn more at\n534 5.7.14  https://support.google.com/mail/answer/78754 x12sm - gsmtp",
     P.WEB_LOGIN),
    ("534-5.7.9 Please log in with your web browser and then try again. For more information, go to\n"
     "534 5.7.9  https://support.google.com/mail/?p=WebLoginRequired a1-20020a - gsmtp",
     P.WEB_LOGIN),
    ("530-5.7.0 Must issue a STARTTLS command first. For more information, go to\n"
     "530 5.7.0  https://support.google.com/a/answer/3221692 - gsmtp", P.NO_TLS),
    ("550-5.4.5 Daily user sending limit exceeded. For more information on Gmail\n"
     "550-5.4.5 sending limits go to\n550 5.4.5  https://support.google.com/a/answer/166852 - gsmtp",
     P.DAILY_LIMIT),
    ("421-4.7.0 Try again later, closing connection. (EHLO)\n421 4.7.0  For more information - gsmtp", P.TRY_LATER),
    ("454 4.7.0 Too many login attempts, please try again later. j5sm1234 - gsmtp", P.TOO_MANY_ATTEMPTS),
    ("552-5.2.3 Your message exceeded Google's message size limits. For more information, go to\n"
     "552 5.2.3  https://support.google.com/mail/?p=MaxSizeError - gsmtp", P.TOO_LARGE),
    ("555-5.5.2 Syntax error, cannot decode response. For more information, go to\n"
     "555 5.5.2  https://support.google.com/a/answer/3221692 - gsmtp", P.SYNTAX_ERROR),
    # Without the enhanced code
    ("535 Authentication failed", P.BAD_CREDENTIALS),
    ("SMTP server error: 534 Please log in via your web browser", P.WEB_LOGIN),
    ("421 Service not available, closing transmission channel", P.TRY_LATER),
    # Gmail's replies inside the libraries' words
    ("2026-12-01 10:21:35 SMTP ERROR: Password command failed: 535-5.7.8 Username and Password not accepted."
     " For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials - gsmtp\n"
     "SMTP Error: Could not authenticate.", P.BAD_CREDENTIALS),
    ('Failed to authenticate on SMTP server with username "ecrea.test@gmail.com" using the following '
     'authenticators: "LOGIN", "PLAIN", "XOAUTH2". Authenticator "LOGIN" returned "Expected response code '
     '"235" but got code "534", with message "534-5.7.9 Application-specific password required.', P.ORDINARY_PASSWORD),
    ("Error: Invalid login: 535-5.7.8 Username and Password not accepted. Learn more at\n"
     "535 5.7.8  https://support.google.com/mail/?p=BadCredentials - gsmtp", P.BAD_CREDENTIALS),
    ("smtplib.SMTPAuthenticationError: (534, b'5.7.9 Application-specific password required.')", P.ORDINARY_PASSWORD),
    ("Swift_TransportException: Expected response code 250 but got code \"530\", with message "
     "\"530 5.7.0 Must issue a STARTTLS command first. - gsmtp\"", P.NO_TLS),
    ("The SMTP server requires a secure connection or the client was not authenticated. "
     "The server response was: 5.7.0 Authentication Required.", P.NO_TLS),
    ("Mailer Error: SMTP Error: data not accepted.SMTP server error: DATA END command failed Detail: "
     "Daily user sending limit exceeded.", P.DAILY_LIMIT),
    # Library and system wordings alone
    ("SMTP Error: Could not authenticate.", P.BAD_CREDENTIALS),
    ("SMTP ERROR: Failed to connect to server: Connection timed out (110)\n"
     "SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting", P.CONNECT_TIMEOUT),
    ("SMTP ERROR: Failed to connect to server: Connection refused (111)\nSMTP connect() failed.", P.CONNECTION_REFUSED),
    ("SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting", P.CONNECTION_REFUSED),
    ("Connection could not be established with host smtp.gmail.com :stream_socket_client(): "
     "php_network_getaddresses: getaddrinfo failed: Name or service not known", P.HOST_NOT_FOUND),
    ("Error: getaddrinfo ENOTFOUND smtp.gmial.com", P.HOST_NOT_FOUND),
    ("stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL Error messages:\n"
     "error:1416F086:SSL routines:tls_process_server_certificate:certificate verify failed", P.CERTIFICATE),
    ("ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)", P.TLS_FAILED),
    ("Error: connect ECONNREFUSED 142.250.157.108:587", P.CONNECTION_REFUSED),
    ("smtplib.SMTPNotSupportedError: SMTP AUTH extension not supported by server.", P.NO_AUTH),
    ("smtplib.SMTPServerDisconnected: Connection unexpectedly closed", P.DISCONNECTED),
    ("javax.mail.AuthenticationFailedException: 535-5.7.8 Username and Password not accepted.", P.BAD_CREDENTIALS),
    ("Error: Greeting never received", P.NO_GREETING),
    # Japanese phrasings
    ("メール送信に失敗しました。SMTP 認証に失敗しました。設定を確認してください。", P.BAD_CREDENTIALS),
    ("エラー: メールサーバーに接続できません。", P.CONNECTION_REFUSED),
    ("テストメールの送信でタイムアウトしました。", P.CONNECT_TIMEOUT),
    ("ユーザー名またはパスワードが正しくありません", P.BAD_CREDENTIALS),
    ("サーバー証明書の検証に失敗しました", P.CERTIFICATE),
    ("SMTPサーバーで認証できませんでした。パスワードが正しくありません。", P.BAD_CREDENTIALS),
    ("メールサーバーが見つかりません（smtp.gmial.com）", P.HOST_NOT_FOUND),
    ("送信エラー:535 5.7.8 Username and Password not accepted.", P.BAD_CREDENTIALS),
    ("応答：534-5.7.9 Application-specific password required.", P.ORDINARY_PASSWORD),
    ("【エラー】テストメール送信に失敗しました\n詳細: 535-5.7.8 Username and Password not accepted.\n"
     "お手数ですが設定をご確認ください。", P.BAD_CREDENTIALS),
    # Full-width, as typed with a Japanese input method, and non-breaking spaces from a web page
    ("エラーコード：５３５−５．７．８　Ｕｓｅｒｎａｍｅ ａｎｄ Ｐａｓｓｗｏｒｄ ｎｏｔ ａｃｃｅｐｔｅｄ", P.BAD_CREDENTIALS),
    ("534\u00a05.7.9\u00a0Application-specific password required.", P.ORDINARY_PASSWORD),
    ("ｾｯｼｮﾝがﾀｲﾑｱｳﾄしました", P.CONNECT_TIMEOUT),
    # Noise around it, as copied from a web page
    ("メール設定 - 更新\n\nテストメール送信\n\n   ×  送信できませんでした  \n"
     "SMTP Error: Could not connect to SMTP host. Failed to connect to server\n\n閉じる", P.CONNECTION_REFUSED),
]


@pytest.mark.parametrize(("text", "problem"), REAL_ERRORS, ids=[f"{n:02d}-{p.value}" for n, (_, p) in enumerate(REAL_ERRORS)])
def test_real_error_texts_are_recognised(text: str, problem: Problem) -> None:
    explanation = explain_error_text(text)
    assert explanation.problem is problem
    # What was recognised is shown back, from the text itself.
    assert explanation.evidence
    assert explanation.evidence.split()[-1].rstrip("…") in " ".join(unicodedata.normalize("NFKC", text).split())
    assert explanation.exit_code == 0


def test_the_table_has_at_least_thirty_real_texts() -> None:
    assert len(REAL_ERRORS) >= 30


@pytest.mark.parametrize("wording", WORDINGS, ids=[w.pattern[:30] for w in WORDINGS])
def test_each_wording_explains_its_own_example(wording) -> None:
    assert wording.compiled.search(wording.example)
    assert explain_error_text(wording.example).problem is wording.problem


def test_a_gmail_reply_is_diagnosed_as_the_test_send_diagnoses_it() -> None:
    from wizard.mail.diagnosis import Stage, diagnose_reply

    for code, words in [(535, "5.7.8 Username and Password not accepted."), (534, "5.7.9 Please log in p=WebLoginRequired")]:
        assert explain_error_text(f"Mailer Error: {code}-{words}").problem is diagnose_reply(Stage.AUTH, code, words).problem


def test_a_gmail_reply_outranks_the_library_words_around_it() -> None:
    text = "SMTP Error: Could not authenticate. 534-5.7.9 Application-specific password required."
    assert explain_error_text(text).problem is P.ORDINARY_PASSWORD


def test_ports_and_error_numbers_are_not_taken_for_replies() -> None:
    assert explain_error_text("smtp.gmail.com port 465 errno 535").problem is None
    assert explain_error_text("Expected response code \"535\"").problem is None


def test_an_unknown_reply_is_still_shown_as_the_servers_refusal() -> None:
    explanation = explain_error_text("550-5.7.1 Unauthenticated email is not accepted from this domain.")
    assert explanation.problem is P.REFUSED
    assert explanation.evidence.startswith("550 5.7.1 Unauthenticated")


@pytest.mark.parametrize("text", ["", "Hello, it did not work.", "エラーが発生しました。", "Error 0x80004005"])
def test_unrecognised_text_says_so_and_what_to_send(text: str) -> None:
    explanation = explain_error_text(text)
    assert (explanation.problem, explanation.key, explanation.exit_code) == (None, "unrecognised", EXIT_UNRECOGNISED)
    for lang in ("ja", "en"):
        printed = "\n".join(explanation_lines(explanation, Texts(lang)))
        assert "ecrea-gmail-setup status" in printed
        assert Texts(lang)("explain.unrecognised_title") in printed


@pytest.mark.parametrize("password", ["abcd efgh ijkl mnop", "ABCDEFGHIJKLMNOP", "qwer tyui opas dfgh", "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐ"])
def test_a_pasted_app_password_is_redacted_before_anything_is_shown(password: str) -> None:
    text = f"SMTP -> AUTH LOGIN user=ecrea.test@gmail.com pass={password}\n535-5.7.8 Username and Password not accepted."
    explanation = explain_error_text(text)
    assert explanation.problem is P.BAD_CREDENTIALS and explanation.redacted
    for lang in ("ja", "en"):
        printed = "\n".join(explanation_lines(explanation, Texts(lang)))
        assert password not in printed and password.replace(" ", "") not in printed
    line_with_it = explain_error_text(f"pass={password} 認証に失敗しました")
    assert "[redacted]" in line_with_it.evidence and password not in line_with_it.evidence


def test_a_text_past_the_limit_is_refused() -> None:
    explain_error_text("x" * MAX_TEXT)
    with pytest.raises(InputTooLong):
        explain_error_text("x" * (MAX_TEXT + 1))


def test_a_long_text_is_read_quickly() -> None:
    # A worst case for the patterns: no newline, many digits and near-misses.
    import time

    text = ("535 " * 2000 + "timed" + " a" * 20000)[:MAX_TEXT]
    started = time.monotonic()
    explain_error_text(text)
    assert time.monotonic() - started < 5


EXAMPLES = [*REAL_ERRORS, *((wording.example, wording.problem) for wording in WORDINGS)]


@pytest.mark.parametrize("problem", list(ECREA_ADVICE), ids=lambda problem: problem.value)
def test_advice_about_this_computer_becomes_advice_about_ecreas_settings(problem: Problem) -> None:
    examples = [text for text, expected in EXAMPLES if expected is problem]
    assert examples, f"no text explains as {problem.value}: its advice would never be shown"
    explanation = explain_error_text(examples[0])
    assert explanation.advice is ECREA_ADVICE[problem]
    assert explanation.action_key == ECREA_ADVICE[problem].text_key
    assert explanation.redo_step == "paste-into-ecrea"


# Words that only fit the wizard's own test send, from this computer.
THIS_COMPUTER = ("ウイルス", "パソコン", "パスワードは送らずに", "antivirus", "computer", "Stopped before", "--ca-file")


@pytest.mark.parametrize("problem", sorted({problem for _, problem in EXAMPLES}, key=lambda p: p.value),
                         ids=lambda problem: problem.value)
def test_no_explanation_speaks_of_this_computer(problem: Problem) -> None:
    explanation = explain_error_text(next(text for text, expected in EXAMPLES if expected is problem))
    for lang in ("ja", "en"):
        printed = "\n".join(explanation_lines(explanation, Texts(lang)))
        assert not [word for word in THIS_COMPUTER if word in printed], printed


@pytest.mark.parametrize("advice", list(EcreaAdvice), ids=lambda advice: advice.value)
def test_ecrea_side_advice_names_ecreas_fields_and_nothing_on_this_computer(advice: EcreaAdvice) -> None:
    for lang, field in (("ja", "「SMTPホスト」"), ("en", "「SMTPホスト」 (SMTP host)")):
        action = Texts(lang)(advice.text_key)
        assert "Ecrea" in action
        assert field in action or "「SMTPポート」" in action
        assert not any(word in action for word in THIS_COMPUTER)


def test_the_step_named_is_the_step_to_redo() -> None:
    explanation = explain_error_text("535-5.7.8 Username and Password not accepted.")
    assert explanation.redo_step == "app-passwords"
    printed = explanation_lines(explanation, Texts("ja"))
    assert any(f"ステップ {number_of('app-passwords')}" in line for line in printed)
    assert explain_error_text("Connection refused").redo_step == "paste-into-ecrea"
    assert explain_error_text("421 4.7.0 Try again later").redo_step is None


# The command


def explain(*args: str, stdin: str | bytes | None = None, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """In this process (tests/cli_in_process.py): its answer is the subject. The terminal test below
    stays a real process in a pty: a prompt at a terminal and Ctrl+D are about the process."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    return run_command(["explain", *args], input=data, cwd=cwd)


def test_the_command_explains_an_argument_in_japanese(tmp_path: Path) -> None:
    result = explain("--lang", "ja", "535-5.7.8 Username and Password not accepted.", cwd=tmp_path)
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr
    assert out.splitlines()[0] == "原因: アドレスかアプリ パスワードが受け付けられませんでした"
    assert f"戻るステップ: ステップ {number_of('app-passwords')}" in out
    assert "読み取った箇所: 535 5.7.8 Username and Password not accepted." in out


def test_the_command_reads_standard_input_and_prints_json(tmp_path: Path) -> None:
    text = "SMTP ERROR: Failed to connect to server: Connection timed out (110)\nSMTP connect() failed.\n"
    result = explain("--json", "--lang", "en", stdin=text, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["diagnosis"] == "connect_timeout"
    assert document["redo_step"] == number_of("paste-into-ecrea")
    assert "smtp.gmail.com" in document["action"] and "587" in document["action"]


def test_the_command_reads_japanese_windows_encoding(tmp_path: Path) -> None:
    result = explain("--json", stdin="SMTP 認証に失敗しました".encode("cp932"), cwd=tmp_path)
    assert json.loads(result.stdout)["diagnosis"] == "bad_credentials"


def test_unrecognised_text_has_its_own_exit_code(tmp_path: Path) -> None:
    result = explain("--lang", "en", "--json", "Something went wrong.", cwd=tmp_path)
    assert result.returncode == EXIT_UNRECOGNISED
    assert json.loads(result.stdout)["diagnosis"] == "unrecognised"


@pytest.mark.parametrize(("stdin", "message"), [
    ("", "There is no error text"),
    ("  \n", "There is no error text"),
    ("x" * (MAX_TEXT + 10), "too long"),
])
def test_no_usable_text_is_bad_input(tmp_path: Path, stdin: str, message: str) -> None:
    result = explain("--lang", "en", stdin=stdin, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr.decode()
    assert b"Traceback" not in result.stderr


def test_the_command_never_prints_a_pasted_password(tmp_path: Path) -> None:
    result = explain("--lang", "en", stdin="LOGIN ecrea.test@gmail.com abcd efgh ijkl mnop\n535 5.7.8 BadCredentials",
                     cwd=tmp_path)
    assert result.returncode == 0
    assert b"abcd" not in result.stdout + result.stderr
    assert b"[redacted]" in result.stdout


def test_control_characters_in_the_text_never_reach_the_terminal(tmp_path: Path) -> None:
    result = explain("--lang", "en", stdin="\x1b]52;c;aGVsbG8=\x07 Connection refused \x1b[2J", cwd=tmp_path)
    assert result.returncode == 0
    assert b"\x1b" not in result.stdout


def test_at_a_terminal_it_asks_for_the_paste_and_reads_until_ctrl_d(tmp_path: Path) -> None:
    import os

    pexpect = pytest.importorskip("pexpect")
    from terminal_session import TerminalSession

    env = {**os.environ, "TERM": "xterm-256color", "HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state")}
    session = TerminalSession([COMMAND, "explain", "--lang", "ja"], env)
    try:
        session.wait_for("Ctrl+D")
        session.send("エラー: メールサーバーに接続できません\r", "SMTP connect() failed.\r", "\x04")
        screen = session.wait_for("戻るステップ")
        assert "原因: サーバーに接続できませんでした" in screen
        assert f"戻るステップ: ステップ {number_of('paste-into-ecrea')}" in screen
        session.child.expect(pexpect.EOF, timeout=30)
        session.child.close()
        assert session.child.exitstatus == 0
    finally:
        session.child.terminate(force=True)
