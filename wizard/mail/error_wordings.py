"""The wordings of mail errors that `explain` recognises, as a table.

Gmail's own replies (`535-5.7.8 ...`) are read by `diagnosis.diagnose_reply`, as in the
test send; this table is for everything else a web service like Ecrea may show: what
PHP's and other mail libraries say, operating-system errors, and Japanese phrasings.
The first entry that matches wins, so the more specific wordings come first (a
"Connection timed out" beside PHPMailer's generic "SMTP connect() failed").
Each entry carries a real example that `tests/test_explain_error.py` explains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wizard.mail.diagnosis import Problem


@dataclass(frozen=True)
class Wording:
    pattern: str
    """A regular expression, matched case-insensitively anywhere in the text."""
    problem: Problem
    example: str
    """A message as a program shows it, holding this wording."""

    @property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.IGNORECASE)


WORDINGS: tuple[Wording, ...] = (
    # Gmail's words, for when the reply code itself was cut off.
    Wording(r"Application-specific password required", Problem.ORDINARY_PASSWORD,
            "Application-specific password required. Learn more at https://support.google.com/mail/?p=InvalidSecondFactor"),
    Wording(r"InvalidSecondFactor", Problem.ORDINARY_PASSWORD, "https://support.google.com/mail/?p=InvalidSecondFactor"),
    Wording(r"アプリ\s*パスワードが必要", Problem.ORDINARY_PASSWORD, "アプリ パスワードが必要です"),
    Wording(r"log ?in (?:via|with) your web browser|WebLoginRequired", Problem.WEB_LOGIN,
            "Please log in via your web browser and then try again."),
    Wording(r"Username and Password not accepted|BadCredentials", Problem.BAD_CREDENTIALS,
            "Username and Password not accepted. Learn more at https://support.google.com/mail/?p=BadCredentials"),
    Wording(r"Must issue a STARTTLS command first", Problem.NO_TLS, "Must issue a STARTTLS command first."),
    # .NET's SmtpClient when it did not start TLS.
    Wording(r"requires a secure connection or the client was not authenticated", Problem.NO_TLS,
            "The SMTP server requires a secure connection or the client was not authenticated. "
            "The server response was: 5.7.0 Authentication Required."),
    Wording(r"Too many login attempts", Problem.TOO_MANY_ATTEMPTS, "Too many login attempts, please try again later."),
    Wording(r"(?:daily )?user sending limit exceeded|sending limit", Problem.DAILY_LIMIT,
            "Daily user sending limit exceeded."),
    Wording(r"送信(?:数の|の)?上限", Problem.DAILY_LIMIT, "1日の送信上限に達しました"),
    Wording(r"message (?:exceeded|size limits?)|message too large"
            r"|メッセージ(?:の)?サイズ|サイズ(?:が|の)?(?:上限|制限|超過)",
            Problem.TOO_LARGE, "Your message exceeded Google's message size limits."),
    # TLS: certificates first, then a port that does not match the encryption.
    Wording(r"certificate verify failed|unable to (?:verify the first|get local issuer) certificate"
            r"|self[- ]signed certificate|remote certificate is invalid|PKIX path building failed",
            Problem.CERTIFICATE,
            "stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL Error messages:\n"
            "error:1416F086:SSL routines:tls_process_server_certificate:certificate verify failed"),
    Wording(r"証明書", Problem.CERTIFICATE, "サーバー証明書の検証に失敗しました"),
    Wording(r"wrong version number|unknown protocol|packet length too long|SSL3_GET_RECORD",
            Problem.TLS_FAILED, "error:0A00010B:SSL routines::wrong version number"),
    Wording(r"STARTTLS extension not supported", Problem.NO_STARTTLS, "STARTTLS extension not supported by server."),
    Wording(r"SMTP AUTH extension not supported", Problem.NO_AUTH, "SMTP AUTH extension not supported by server."),
    # The network, as PHP, Python, Node.js, Java and Windows say it.
    Wording(r"getaddrinfo|php_network_getaddresses|Name or service not known|nodename nor servname"
            r"|No such host is known|name resolution|ENOTFOUND|UnknownHostException",
            Problem.HOST_NOT_FOUND,
            "stream_socket_client(): php_network_getaddresses: getaddrinfo for smtp.gmai.com failed: "
            "Name or service not known"),
    Wording(r"(?:ホスト|ホスト名|サーバー?)が見つかりません|名前解決", Problem.HOST_NOT_FOUND,
            "ホスト名が見つかりません"),
    Wording(r"Connection refused|ECONNREFUSED|actively refused", Problem.CONNECTION_REFUSED,
            "SMTP ERROR: Failed to connect to server: Connection refused (111)"),
    Wording(r"timed? ?out|ETIMEDOUT|did not properly respond after a period of time", Problem.CONNECT_TIMEOUT,
            "SMTP ERROR: Failed to connect to server: Connection timed out (110)"),
    Wording(r"タイムアウト|時間切れ|応答がありません", Problem.CONNECT_TIMEOUT, "接続がタイムアウトしました"),
    Wording(r"Greeting never received", Problem.NO_GREETING, "Greeting never received"),
    Wording(r"Connection unexpectedly closed|Connection reset|ECONNRESET|Broken pipe|EOF occurred",
            Problem.DISCONNECTED, "smtplib.SMTPServerDisconnected: Connection unexpectedly closed"),
    # The libraries' generic words, used when nothing more specific was said.
    Wording(r"Could not authenticate|Failed to authenticate|Authentication (?:failed|unsuccessful)"
            r"|AuthenticationFailedException|Invalid login",
            Problem.BAD_CREDENTIALS, "SMTP Error: Could not authenticate."),
    Wording(r"(?:認証|ログイン)(?:に|が)?失敗|(?:認証|ログイン)でき(?:ません|ない)|認証エラー"
            r"|パスワードが(?:正しくありません|違います|間違っています)",
            Problem.BAD_CREDENTIALS, "SMTP 認証に失敗しました"),
    Wording(r"SMTP connect\(\) failed|Could not connect to (?:SMTP )?host|Failed to connect to server"
            r"|Connection could not be established|unable to connect|Network is unreachable",
            Problem.CONNECTION_REFUSED,
            "SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting"),
    Wording(r"接続(?:でき(?:ません|ない)|に失敗|が拒否|を拒否|エラー)", Problem.CONNECTION_REFUSED,
            "メールサーバーに接続できません"),
    Wording(r"try again later", Problem.TRY_LATER, "Try again later, closing connection."),
)
