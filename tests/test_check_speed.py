"""What keeps `check` near a bare smtplib script (bench/check.py measures it; these pin how).

The certificate store is read once, in a thread, while the command does its own Python
work; and the command imports nothing its send does not use.

The imports are checked in a new process (not tests/cli_in_process.py): this one has imported
everything already.
"""

from __future__ import annotations

import contextlib
import fcntl
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from smtp_fixtures import PASSWORD

from wizard.core.bounded import start_in_background
from wizard.mail.tls import system_trust, tls_context


@contextlib.contextmanager
def system_store_unchanged() -> Iterator[None]:
    """While test_system_trust (in another worker) does not add or remove its CA: the store read twice is one store."""
    with open("/tmp/ecrea-gmail-setup-system-store.lock", "w") as lock:
        gives_up = time.monotonic() + 300  # a change takes seconds; generous for a busy machine
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > gives_up:
                    pytest.fail("the system store's lock was held for 300 s")
                time.sleep(0.05)  # polling the lock: flock has no timeout of its own
        yield


NOWHERE = {"SSL_CERT_FILE": "/nonexistent/cert.pem", "SSL_CERT_DIR": "/nonexistent/certs"}

# Imported by nothing `check` runs (without --confirm), each for a reason:
NOT_ON_CHECKS_PATH = (
    "asyncio", "aiosmtplib",  # the blocking engine sends without an event loop
    "truststore",  # on Linux the store truststore would read is loaded directly, once
    "json", "shutil", "_strptime",  # only for --json, --output, dates read back
    "keyring", "textual",
    "wizard.core.credentials", "wizard.core.explain",  # the password store, and words for a refusal
    "difflib",  # suggestions for a mistyped option
    "wizard.core.step_order", "pathlib",  # a step's number (for a failure); files are found with os.path
)

# An editable install's import hook loads pathlib before the command starts: forgotten
# first, so that the list says what the command itself imported.
RUN_AND_LIST_MODULES = (
    "import sys\nfor name in sys.argv.pop(1).split(','): sys.modules.pop(name, None)\n"
    "from wizard.cli.main import main\ncode = main(sys.argv[1:])\n"
    "print('MODULES', ' '.join(sorted(sys.modules)))\nraise SystemExit(code)"
)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_check_imports_only_what_its_send_uses(gmail_server, ca_file: str, tmp_path: Path, lang: str) -> None:
    server = gmail_server()
    command = [sys.executable, "-c", RUN_AND_LIST_MODULES, ",".join(NOT_ON_CHECKS_PATH), "check", "--email", "ecrea.test@gmail.com",
               "--password-stdin", "--smtp-host", "127.0.0.1", "--smtp-port", str(server.port), "--ca-file", ca_file,
               "--lang", lang]
    result = subprocess.run(command, input=PASSWORD, capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(server.received.messages) == 1
    loaded = set(result.stdout.split("MODULES ", 1)[1].split())
    assert "smtplib" in loaded and "wizard.mail.blocking_send" in loaded  # the list is the send's
    expected_absent = [name for name in NOT_ON_CHECKS_PATH if name != "truststore" or sys.platform == "linux"]
    assert sorted(loaded & set(expected_absent)) == []


@pytest.mark.skipif(sys.platform != "linux", reason="Windows and macOS verify through truststore itself")
@pytest.mark.parametrize("environment", ["openssl-defaults", "nowhere"])
def test_system_trust_holds_what_truststore_would_load(monkeypatch: pytest.MonkeyPatch, environment: str) -> None:
    """Same CAs as truststore, with OpenSSL's defaults and without (then its list of bundles)."""
    import truststore

    if environment == "nowhere":
        for name, value in NOWHERE.items():
            monkeypatch.setenv(name, value)
        assert ssl.create_default_context().cert_store_stats()["x509_ca"] == 0
    through_truststore = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    with system_store_unchanged():
        # truststore loads the store into its inner context as a connection starts; a memory one will do.
        through_truststore.wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), server_hostname="smtp.gmail.com")
        theirs = through_truststore._ctx.get_ca_certs(binary_form=True)
        ours = system_trust().get_ca_certs(binary_form=True)
    assert theirs, "this machine has a certificate store"
    assert sorted(ours) == sorted(theirs)


def test_tls_context_always_verifies_and_adds_the_ca_file(ca_file: str) -> None:
    for context in (tls_context(None), tls_context(ca_file, system_trust())):
        assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname
    with system_store_unchanged():
        plain = len(system_trust().get_ca_certs(binary_form=True))
        assert len(tls_context(ca_file, system_trust()).get_ca_certs(binary_form=True)) == plain + 1


def test_start_in_background_hands_over_the_result_or_the_error() -> None:
    assert start_in_background(lambda: 42)(30) == 42

    def fails() -> int:
        raise ValueError("no store")

    with pytest.raises(ValueError, match="no store"):
        start_in_background(fails)(30)


def test_start_in_background_stops_waiting_at_its_bound() -> None:
    release = threading.Event()
    waiting = start_in_background(lambda: release.wait(60))
    # The call never answers until released: a short bound cannot make this flaky.
    with pytest.raises(TimeoutError):
        waiting(0.05)
    release.set()
    assert waiting(30) is True


def test_a_text_read_from_its_table_alone_is_the_text_of_the_whole_file() -> None:
    from wizard.core.texts import LANGUAGES, _tables, load_texts, text

    for lang in LANGUAGES:
        assert len(_tables(lang)) > 50  # cut at its tables, not read whole
        whole = load_texts(lang)
        assert {key: text(lang, key) for key in whole} == whole


@pytest.mark.parametrize("argv", [
    ["check", "--email", "a@gmail.com", "--password-stdin", "--smtp-port", "2525", "--lang", "ja"],
    ["--lang", "en", "--ca-file", "ca.pem", "check", "--practice", "--json"],
    ["--practice", "check"],
    ["--lang=ja", "guide", "--qr"],
    ["settings", "--json"],
    ["status", "--practice"],
    ["watch-sent", "--timeout", "30"],
    ["explain", "550", "5.7.1", "check"],
    ["serve", "--port", "8080", "--no-browser"],
    ["--practice"],
    [],
])
def test_the_parser_of_the_named_command_alone_reads_the_same(argv: list[str]) -> None:
    from wizard.cli.main import build_parser, command_named
    from wizard.core.texts import Texts

    texts = Texts("en")
    only = command_named(argv)
    assert only == next((word for word in argv if word in ("guide", "settings", "status", "check", "watch-sent",
                                                           "explain", "serve")), None)
    assert vars(build_parser(texts, only).parse_args(argv)) == vars(build_parser(texts).parse_args(argv))


def test_the_whole_parser_answers_help_and_what_is_not_plain() -> None:
    from wizard.cli.main import command_named

    for argv in (["--help", "check"], ["-h"], ["--la", "en", "check"], ["chekc", "--email", "a@gmail.com"]):
        assert command_named(argv) is None, argv
    assert command_named(["--ca-file", "check", "guide"]) == "guide"  # a value, however it is spelt
