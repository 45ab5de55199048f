"""Verified TLS for every connection the wizard makes (SMTP and IMAP, screens and commands).

Trust is what the computer trusts: the operating system's certificate store, through
truststore (as pip does), so a Python whose OpenSSL finds no certificates of its own
(python.org's macOS build before "Install Certificates.command") and a company proxy
whose root certificate IT installed in Windows or macOS both work. `--ca-file` adds to
that store; nothing ever turns verification off for a connection that carries anything.

On Linux (and other Unixes) truststore reads OpenSSL's own files, chosen as below, at every
connection; `system_trust` reads the same files once, when the context is made, so that
`check` can have it done in a thread while it starts up (OpenSSL lets other threads run
meanwhile). Windows and macOS verify through truststore, which asks the system per connection.

When verification fails, `presented_issuer` reads who issued the certificate the server
showed, so the explanation can tell a TLS-inspecting proxy or antivirus (another issuer)
from a wrong clock (Google's own issuer).
"""

from __future__ import annotations

import os
import re
import ssl
import sys
from typing import TYPE_CHECKING

from wizard.core.output_filter import printable

if TYPE_CHECKING:
    import asyncio  # imported where a certificate is explained: `check` sends without asyncio

# Where truststore looks on Linux when OpenSSL's own paths hold nothing (its own list).
_LINUX_BUNDLES = (
    "/etc/ssl/cert.pem",
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/pki/tls/cert.pem",
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/ssl/ca-bundle.pem",
)
_HASHED_NAME = re.compile(r"[0-9a-fA-F]{8}\.[0-9]")
PROBE_TIMEOUT = 10.0


def system_trust() -> ssl.SSLContext:
    """A verifying context that trusts the operating system's store (and nothing else yet)."""
    if sys.platform in ("win32", "darwin"):
        import truststore

        return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # What truststore loads on every connection here, loaded once.
    if _openssl_defaults_usable():
        context.set_default_verify_paths()
    else:
        bundle = _first_bundle()
        if bundle:
            context.load_verify_locations(cafile=bundle)
    return context


def tls_context(ca_file: str | None, trusting: ssl.SSLContext | None = None) -> ssl.SSLContext:
    """Always verifying, against the operating system's store; `ca_file` adds a trusted CA.

    `trusting` is a fresh `system_trust()` made beforehand (`check` makes it in a thread).
    """
    context = trusting or system_trust()
    if ca_file:
        context.load_verify_locations(cafile=ca_file)
    return context


def _openssl_defaults_usable() -> bool:
    """truststore's test: OpenSSL's default file exists, or its folder holds hashed certificates."""
    defaults = ssl.get_default_verify_paths()
    return bool(defaults.cafile) or bool(defaults.capath and _holds_certificates(defaults.capath))


def _holds_certificates(folder: str) -> bool:
    """Files named as OpenSSL's hash links are (`5ad8a5d6.0`), truststore's sign of a usable folder."""
    try:
        return any(_HASHED_NAME.fullmatch(name) for name in os.listdir(folder))
    except OSError:
        return False


def _first_bundle() -> str:
    return next((path for path in _LINUX_BUNDLES if os.path.isfile(path)), "")


def system_store() -> str:
    """The store a verification consulted: "windows", "macos", or the Linux file or folder truststore reads."""
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    defaults = ssl.get_default_verify_paths()
    if defaults.cafile:
        return defaults.cafile
    if defaults.capath and _holds_certificates(defaults.capath):
        return defaults.capath
    return _first_bundle()


def issuer_name(der: bytes) -> str:
    """The issuer's organisation and common name, as a person would recognise it."""
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    issuer = x509.load_der_x509_certificate(der).issuer
    parts = [
        str(attribute.value)
        for oid in (NameOID.ORGANIZATION_NAME, NameOID.COMMON_NAME)
        for attribute in issuer.get_attributes_for_oid(oid)
    ]
    return printable(", ".join(dict.fromkeys(parts)) or issuer.rfc4514_string())


async def _read_reply(reader: asyncio.StreamReader) -> int:
    """One SMTP reply, all its lines; its code, or 0 for anything else."""
    while True:
        line = await reader.readline()
        if len(line) < 4 or not line[:3].isdigit():
            return 0
        if line[3:4] != b"-":
            return int(line[:3])


async def presented_issuer(host: str, port: int, *, starttls: bool, timeout: float = PROBE_TIMEOUT) -> str:
    """Who issued the certificate the server shows; "" if it cannot be read in time.

    Only to explain a verification that already failed: this connection reads the
    certificate and closes. It sends no credential, no address and no message (for
    SMTP only EHLO and STARTTLS), so not verifying it exposes nothing.
    """
    import asyncio

    reading = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    reading.check_hostname = False
    reading.verify_mode = ssl.CERT_NONE
    writer = None
    try:
        async with asyncio.timeout(timeout):
            if starttls:
                reader, writer = await asyncio.open_connection(host, port)
                if await _read_reply(reader) != 220:
                    return ""
                for command, expected in ((b"EHLO localhost\r\n", 250), (b"STARTTLS\r\n", 220)):
                    writer.write(command)
                    if await _read_reply(reader) != expected:
                        return ""
                await writer.start_tls(reading, server_hostname=host)
            else:
                _, writer = await asyncio.open_connection(host, port, ssl=reading, server_hostname=host)
            der = writer.get_extra_info("ssl_object").getpeercert(binary_form=True)
            return issuer_name(der) if der else ""
    except Exception:  # the explanation goes on without the name; nothing here may fail the report
        return ""
    finally:
        if writer is not None:
            writer.transport.abort()
