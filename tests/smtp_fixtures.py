"""Gmail-like SMTP servers on 127.0.0.1 with certificates made per test run (trustme)."""

from __future__ import annotations

import ssl

import pytest
import trustme

from wizard.mail.gmail_like_server import Behaviour, GmailLikeServer

PASSWORD = "abcdefghijklmnop"


def server_context(authority: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


@pytest.fixture(scope="session")
def trusted_ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="session")
def ca_file(trusted_ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    path.write_bytes(trusted_ca.cert_pem.bytes())
    return str(path)


@pytest.fixture(scope="session")
def trusted_context(trusted_ca: trustme.CA) -> ssl.SSLContext:
    return server_context(trusted_ca)


@pytest.fixture(scope="session")
def untrusted_context() -> ssl.SSLContext:
    return server_context(trustme.CA())


@pytest.fixture
def gmail_server(trusted_context: ssl.SSLContext):
    started: list[GmailLikeServer] = []

    def start(behaviour: Behaviour = Behaviour(), context: ssl.SSLContext | None = None) -> GmailLikeServer:
        server = GmailLikeServer(PASSWORD, context or trusted_context, behaviour)
        server.start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
