"""Trust what the computer trusts: a Python whose OpenSSL finds no certificates of its own.

python.org's macOS build ships an OpenSSL whose default paths are empty until "Install
Certificates.command" is run; a company proxy's root certificate is often installed in
the operating system's store only. Both are simulated here: SSL_CERT_FILE and
SSL_CERT_DIR point at nothing (so `ssl.create_default_context()` trusts nothing), and
the test's CA is installed in Debian's system store (/usr/local/share/ca-certificates +
update-ca-certificates), the store truststore reads, then removed again whatever happens.

The commands' refusals and sends run in this process (tests/cli_in_process.py: the trust is
read from the environment and the store at each run, not at a process's start). Real
processes stay where they run beside the wizard's own app: the `watch-sent` that watches
while it sends, and the `check` run from a thread.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import ssl
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import trustme
from cli_in_process import run_command
from helpers import COMMAND, settle, shown, wait_until
from helpers import LARGE as SIZE
from smtp_fixtures import PASSWORD, server_context

from wizard.mail.send import SendRequest, run_test_send
from wizard.mail.tls import system_store
from wizard.ui.app import make_app
from wizard.ui.places import Send
from wizard.ui.screens.send_screen import SendScreen

NOWHERE = {"SSL_CERT_FILE": "/nonexistent/cert.pem", "SSL_CERT_DIR": "/nonexistent/certs"}
LOCAL_CAS = Path("/usr/local/share/ca-certificates")
BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
NO_HOOKS = Path("/nonexistent/ecrea-gmail-setup-no-hooks")


@pytest.fixture
def no_python_store(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for name, value in NOWHERE.items():
        monkeypatch.setenv(name, value)
    # The simulation holds: Python's own defaults now trust nothing.
    assert ssl.create_default_context().cert_store_stats()["x509_ca"] == 0
    return {**os.environ, **NOWHERE}


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA(organization_name="Example Corp TLS Inspection")


@contextlib.contextmanager
def installed_in_system_store(authority: trustme.CA) -> Iterator[None]:
    """The CA in Debian's store for the length of the block; one test at a time changes it."""
    tool = shutil.which("update-ca-certificates")
    if tool is None or os.geteuid() != 0 or not LOCAL_CAS.is_dir():
        if os.environ.get("CI"):
            pytest.fail("the system certificate store cannot be changed: .ci/run runs as root on Debian")
        pytest.skip("needs root and Debian's update-ca-certificates (ca-certificates package)")
    pem = authority.cert_pem.bytes()
    installed = LOCAL_CAS / f"ecrea-gmail-setup-test-{uuid.uuid4().hex}.crt"
    # The bundle and its hashed links are all truststore reads. The hooks (Debian's Java
    # keystore through a dpkg trigger that runs keytool) cost seconds per run and would
    # change a store these tests do not look at: a hooks folder that does not exist skips them.
    update = [tool, "--hooksdir", str(NO_HOOKS)]
    with open("/tmp/ecrea-gmail-setup-system-store.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            installed.write_bytes(pem)
            subprocess.run(update, check=True, capture_output=True, timeout=120)
            assert pem.strip() in BUNDLE.read_bytes()
            yield
        finally:
            installed.unlink(missing_ok=True)
            subprocess.run(update, check=True, capture_output=True, timeout=120)
            assert pem.strip() not in BUNDLE.read_bytes()


@pytest.fixture
def server(gmail_server, authority: trustme.CA):
    return gmail_server(context=server_context(authority))


def ca_file_of(authority: trustme.CA, folder: Path) -> str:
    path = folder / "extra-ca.pem"
    path.write_bytes(authority.cert_pem.bytes())
    return str(path)


def check_args(server, *extra: str) -> list[str]:
    return ["check", "--email", "ecrea.test@gmail.com", "--password-stdin", "--smtp-host", "127.0.0.1",
            "--smtp-port", str(server.port), "--lang", "en", "--timeout", "30", *extra]


def check(server, env: dict[str, str], *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([COMMAND, *check_args(server, *extra)], input=PASSWORD, capture_output=True, text=True,
                          timeout=90, env=env)


def check_in_process(server, env: dict[str, str], *extra: str) -> subprocess.CompletedProcess[str]:
    return run_command(check_args(server, *extra), input=PASSWORD, text=True, env=env)


def test_check_trusts_the_ca_file_and_nothing_else(server, authority, no_python_store, tmp_path) -> None:
    refused = check_in_process(server, no_python_store, "--json")
    assert refused.returncode == 4, refused.stderr
    report = json.loads(refused.stdout)
    assert report["diagnosis"] == "certificate"
    assert "Example Corp TLS Inspection" in report["certificate_issuer"]
    assert report["trust_stores"] == [system_store()] and system_store() == str(BUNDLE)
    words = check_in_process(server, no_python_store)
    assert "The certificate was issued by: Example Corp TLS Inspection" in words.stdout
    assert f"Checked against: this computer's certificate store ({BUNDLE})" in words.stdout
    assert server.received.auth_attempts == 0

    given = check_in_process(server, no_python_store, "--ca-file", ca_file_of(authority, tmp_path))
    assert given.returncode == 0, given.stdout + given.stderr
    assert len(server.received.messages) == 1
    # With the CA in the system store: test_everything_trusts_a_ca_installed_in_the_system_store.


async def test_everything_trusts_a_ca_installed_in_the_system_store(
    server, gmail_server, dovecot_of_authority, authority, no_python_store, progress_file, tmp_path
) -> None:
    """The wizard's own send: refused, then trusted through --ca-file, then through the system store.

    Installing the CA is the one change of the system store here (update-ca-certificates
    takes a second or more each way, and one test at a time may change it): while it is
    in, `check`, a send whose --ca-file holds an unrelated CA, and `watch-sent` are held
    to it too, after each was refused without it in its own test above or below.
    """
    import asyncio

    others = gmail_server(context=server_context(authority))
    account = dovecot_of_authority.add_account()
    app = make_app(lang="ja", progress_file=progress_file, smtp_host="127.0.0.1", smtp_port=server.port)
    app.session.progress.email = "ecrea.test@gmail.com"
    app.session.progress.display_name = "山田商店"
    app.session.set_password(PASSWORD)
    async with app.run_test(size=SIZE) as pilot:

        async def send_once() -> str:
            app.go(Send())
            await wait_until(pilot, lambda: isinstance(app.screen, SendScreen) and bool(app.screen.query("#start")))
            await settle(pilot)
            await pilot.click("#start")
            await wait_until(pilot, lambda: app.screen.query_one("#result").display, seconds=60)
            return shown(app, "#result-title")

        assert "証明書を確認できませんでした" in await send_once()
        assert "証明書の発行者: Example Corp TLS Inspection" in shown(app, "#result-reply")
        assert "確認に使った証明書: このコンピューターの証明書ストア" in shown(app, "#result-reply")
        report = str(app.screen.query_one("#report-text").render())
        assert "証明書の発行者: Example Corp TLS Inspection" in report
        # Started with --ca-file: the file adds to the (empty) store.
        app.servers = replace(app.servers, ca_file=ca_file_of(authority, tmp_path))
        assert "送信できました" in await send_once()
        app.servers = replace(app.servers, ca_file=None)
        with installed_in_system_store(authority):
            # watch-sent first: signed in (its trust decided), it sees the mail filed now while the rest
            # runs. Filed at once, not after the rest: its --timeout then need not cover the rest too,
            # which on a loaded machine took longer (it failed with "Nothing was sent in 6 s").
            watching = await asyncio.to_thread(Watching, account, no_python_store)
            account.deliver(sent_mail(account), "Sent")  # as Ecrea's send would be filed: the watch ends
            stored = await asyncio.to_thread(check, others, no_python_store)
            beside_another, _ = other_ca_request(others, tmp_path)
            sent = await run_test_send(beside_another)
            assert "送信できました" in await send_once()
    assert len(server.received.messages) == 2
    assert stored.returncode == 0, stored.stdout + stored.stderr
    assert sent.ok, sent.diagnosis
    assert len(others.received.messages) == 2
    code, said = await asyncio.to_thread(watching.finish)
    assert code == 0 and "subject “Ecrea”" in said, said  # signed in, watched and saw the mail filed meanwhile


def other_ca_request(server, tmp_path: Path) -> tuple[SendRequest, str]:
    """A send whose --ca-file holds a CA that has nothing to do with the server's."""
    from email.message import EmailMessage

    extra = tmp_path / "other-ca.pem"
    extra.write_bytes(trustme.CA().cert_pem.bytes())
    message = EmailMessage()
    message["Subject"] = "t"
    request = SendRequest("ecrea.test@gmail.com", PASSWORD, message, "ecrea.test@gmail.com",
                          host="127.0.0.1", port=server.port, ca_file=str(extra), timeout=30)
    return request, str(extra)


async def test_an_extra_ca_adds_to_the_store_and_never_replaces_it(server, no_python_store, tmp_path) -> None:
    """With --ca-file, a CA that is only in the system store still counts (the proxy's, and Google's own).

    Refused while the server's CA is in neither; sent once it is in the system store
    (test_everything_trusts_a_ca_installed_in_the_system_store)."""
    request, extra = other_ca_request(server, tmp_path)
    refused = await run_test_send(request)
    assert refused.diagnosis is not None and refused.diagnosis.key == "certificate"
    assert refused.diagnosis.trust_stores == (system_store(), extra)


@pytest.fixture(scope="module")
def dovecot_of_authority(authority: trustme.CA):
    """A Dovecot whose certificate comes from the module's CA: in no store until a test puts it there."""
    from dovecot_fixtures import Dovecot, find_dovecot

    binary = find_dovecot()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("Dovecot is not installed: .ci/run installs dovecot-imapd")
        pytest.skip("Dovecot is not installed (Debian/Ubuntu: apt-get install dovecot-imapd)")
    server = Dovecot(binary, authority)
    server.start()
    yield server
    server.stop()


def sent_mail(account) -> bytes:
    """A mail filed in Sent while `watch-sent` watches: it ends the watch at once (exit 0), where
    waiting out its --timeout proved no more and cost 6 s per run."""
    return (f"From: {account.address}\r\nTo: {account.address}\r\nSubject: Ecrea\r\n"
            "Message-ID: <trust@example.com>\r\n\r\nsent\r\n").encode()


def watch_args(account, *extra: str, lang: str = "en", as_json: bool = True) -> list[str]:
    # Long enough to sign in on a busy machine (2 s was not); a refused certificate ends it at once anyway.
    return ["watch-sent", "--email", account.address, "--password-stdin", "--imap-host", "127.0.0.1",
            "--imap-port", str(account.port), "--timeout", "6", "--lang", lang, *(["--json"] if as_json else []), *extra]


def watch_sent(account, env: dict[str, str], *extra: str, lang: str = "en", as_json: bool = True) -> subprocess.CompletedProcess[str]:
    return run_command(watch_args(account, *extra, lang=lang, as_json=as_json), input=account.password, text=True, env=env)


class Watching:
    """`watch-sent` in English words, started and read until it says it is watching: signed in, its trust decided."""

    def __init__(self, account, env: dict[str, str], *extra: str) -> None:
        self.process = subprocess.Popen([COMMAND, *watch_args(account, *extra, as_json=False)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(account.password)
        self.process.stdin.close()
        self.process.stdin = None  # communicate() would flush it again
        self.lines: list[str] = []
        # Ends at "Watching" or when the command does (its own --timeout bounds it).
        for line in self.process.stdout:
            self.lines.append(line)
            if line.startswith("Watching "):
                break

    def finish(self) -> tuple[int, str]:
        """Exit code and everything said, once the command has ended."""
        out, err = self.process.communicate(timeout=90)
        return self.process.returncode, "".join(self.lines) + out + err


def test_the_mailbox_check_trusts_the_ca_file_and_nothing_else(dovecot_of_authority, authority, no_python_store, tmp_path) -> None:
    """Signed in and watched (a mail filed in Sent meanwhile is seen: exit 0) when the CA is trusted; the certificate
    problem otherwise (exit 8)."""
    account = dovecot_of_authority.add_account()
    refused = watch_sent(account, no_python_store)
    assert refused.returncode == 8, refused.stdout + refused.stderr
    report = json.loads(refused.stdout.splitlines()[-1])
    assert report["problem"] == "certificate"
    assert "Example Corp TLS Inspection" in report["certificate_issuer"] and report["trust_stores"] == [str(BUNDLE)]
    words = watch_sent(account, no_python_store, lang="ja", as_json=False)
    assert "証明書の発行者: Example Corp TLS Inspection" in words.stdout

    # A mail filed in Sent as soon as it says it is watching.
    given = run_command(watch_args(account, "--ca-file", ca_file_of(authority, tmp_path), as_json=False),
                        input=account.password, text=True, env=no_python_store,
                        when_printed=("Watching ", lambda: account.deliver(sent_mail(account), "Sent")))
    said = given.stdout + given.stderr
    assert given.returncode == 0 and "subject “Ecrea”" in said, said  # signed in, watched and saw the mail filed meanwhile
    # With the CA in the system store: test_everything_trusts_a_ca_installed_in_the_system_store.
