"""A real IMAP server for the delivery checks: Debian's Dovecot on a loopback port.

One Dovecot per test worker, TLS from the first byte with a trustme certificate, users
in a passwd-file whose passwords are app passwords, Maildir folders with special-use
flags as Gmail has them: the Spam folder under a Japanese name, and decoys named
"Junk" and "Spam" that carry no flag, so only a client that goes by the flags finds it.
Mail is delivered as a mail server does: written into the Maildir's tmp/ and moved to new/.
"""

from __future__ import annotations

import itertools
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import pytest
import trustme
from smtp_fixtures import PASSWORD

DOVECOT_PATHS = ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot")
# Folders on disk (Maildir, LAYOUT=fs) by the names IMAP lists them under. Dovecot stores
# non-ASCII names in modified UTF-7: 迷惑メール is &j,dg0TDhMPww6w-.
FOLDERS = {
    "INBOX": "",
    "[Gmail]/迷惑メール": "[Gmail]/&j,dg0TDhMPww6w-",
    "Sent": "Sent",
    "Junk": "Junk",
    "Spam": "Spam",
}
_serial = itertools.count(1)
BATCH = 50


def find_dovecot() -> str | None:
    for path in (shutil.which("dovecot"), *DOVECOT_PATHS):
        if path and os.access(path, os.X_OK):
            return path
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class MailAccount:
    address: str
    password: str
    host: str
    port: int
    ca_file: str
    maildir: Path
    owner: tuple[int, int]

    def deliver(self, message: EmailMessage | bytes, folder: str = "INBOX") -> None:
        """File `message` in `folder` (a name as IMAP lists it) the way a delivery agent does."""
        data = message if isinstance(message, bytes) else message.as_bytes()
        where = self.maildir / FOLDERS[folder]
        name = f"{time.time():.6f}.P{os.getpid()}Q{next(_serial)}.test"
        (where / "tmp" / name).write_bytes(data)
        os.chown(where / "tmp" / name, *self.owner)
        os.rename(where / "tmp" / name, where / "new" / name)


class Dovecot:
    def __init__(self, binary: str, authority: trustme.CA) -> None:
        self.binary = binary
        self.base = Path(tempfile.mkdtemp(prefix="ecrea-dovecot-"))
        self.base.chmod(0o755)  # the mail processes run as Dovecot's user when we are root
        self.port = _free_port()
        self.authority = authority
        self.ca_file = str(self.base / "ca.pem")
        self.authority.cert_pem.write_to_path(self.ca_file)
        if os.geteuid() == 0:
            user = pwd.getpwnam("dovecot")
            self.mail_user, self.login_user = "dovecot", "dovenull"
        else:
            user = pwd.getpwuid(os.getuid())
            self.mail_user = self.login_user = user.pw_name
        self.owner = (user.pw_uid, user.pw_gid)
        self.passwd = self.base / "passwd"
        self.passwd.write_text("")
        self.passwd.chmod(0o644)
        self.unused: list[str] = []
        self._add_users(BATCH)
        self.log = self.base / "dovecot.log"

    def config(self) -> str:
        certificate = self.authority.issue_cert("127.0.0.1", "localhost")
        certificate.cert_chain_pems[0].write_to_path(str(self.base / "cert.pem"))
        certificate.private_key_pem.write_to_path(str(self.base / "key.pem"))
        mailboxes = "\n".join(
            f'  mailbox "{name}" {{\n    auto = create\n{flag}  }}'
            for name, flag in (
                ("[Gmail]/迷惑メール", "    special_use = \\Junk\n"),
                ("Sent", "    special_use = \\Sent\n"),
                ("Junk", ""),
                ("Spam", ""),
            )
        )
        base = self.base
        return f"""
protocols = imap
listen = 127.0.0.1
base_dir = {base}/run
state_dir = {base}/state
instance_name = ecrea-test-{self.port}
log_path = {self.log}
first_valid_uid = {min(self.owner[0], 100)}
first_valid_gid = 0
ssl = required
ssl_cert = <{base}/cert.pem
ssl_key = <{base}/key.pem
disable_plaintext_auth = yes
auth_mechanisms = plain login
# Gmail answers a wrong password at once; Dovecot would wait 2 s.
auth_failure_delay = 0
# Nor does Gmail slow down the next sign-ins from the address that got one wrong; Dovecot's
# penalty would hold every later login of the worker's tests 2-15 s (all come from 127.0.0.1).
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
default_internal_user = {self.mail_user}
default_login_user = {self.login_user}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.passwd}
}}
userdb {{
  driver = static
  args = uid={self.owner[0]} gid={self.owner[1]} home={base}/mail/%u
}}
mail_location = maildir:~/Maildir:LAYOUT=fs
namespace inbox {{
  inbox = yes
  separator = /
{mailboxes}
}}
service imap-login {{
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.port}
    ssl = yes
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = 0
  }}
}}
"""

    def start(self) -> None:
        for folder in ("run", "state", "mail"):
            (self.base / folder).mkdir()
        os.chown(self.base / "mail", *self.owner)
        conf = self.base / "dovecot.conf"
        conf.write_text(self.config())
        # In the foreground, as our child: stopped with the tests, even if they are killed.
        self.process = subprocess.Popen(
            [self.binary, "-F", "-c", str(conf)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60  # generous: a busy machine starts it slowly
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"Dovecot did not start: {self.log.read_text() if self.log.exists() else ''}")

    def stop(self) -> None:
        # SIGQUIT, not SIGTERM: on SIGTERM the master waits out its stats writer's 5 s handshake.
        self.process.send_signal(signal.SIGQUIT)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        shutil.rmtree(self.base, ignore_errors=True)

    def _add_users(self, count: int) -> None:
        """Dovecot re-reads the passwd-file at most once a second: users are added ahead, in batches."""
        new = [f"user{next(_serial)}.{secrets.token_hex(3)}@gmail.com" for _ in range(count)]
        with self.passwd.open("a") as users:
            users.writelines(f"{address}:{{PLAIN}}{PASSWORD}::::::\n" for address in new)
        self.unused.extend(new)

    def add_account(self) -> MailAccount:
        """A user nobody has used yet, whose password is the tests' app password."""
        if not self.unused:
            self._add_users(BATCH)
            time.sleep(1.1)
        address = self.unused.pop(0)
        maildir = self.base / "mail" / address / "Maildir"
        for disk_name in FOLDERS.values():
            for part in ("cur", "new", "tmp"):
                (maildir / disk_name / part).mkdir(parents=True, exist_ok=True)
        for path in [maildir.parent, *maildir.parent.rglob("*")]:
            os.chown(path, *self.owner)
        return MailAccount(address, PASSWORD, "127.0.0.1", self.port, self.ca_file, maildir, self.owner)


@pytest.fixture(scope="session")
def dovecot_server(trusted_ca: trustme.CA):
    """Its certificate comes from the same CA as the SMTP servers': one --ca-file trusts both, as with Gmail."""
    binary = find_dovecot()
    if binary is None:
        message = "Dovecot is not installed (Debian/Ubuntu: apt-get install dovecot-imapd)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = Dovecot(binary, trusted_ca)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mail_account(dovecot_server: Dovecot) -> MailAccount:
    """A fresh account on the worker's Dovecot: empty folders, its own app password."""
    return dovecot_server.add_account()
