"""Practice mode: the whole wizard against a Gmail-like server on this computer."""

from __future__ import annotations

import atexit
import shutil
import ssl
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.core.secret import Secret
from wizard.mail.gmail_like_server import GmailLikeServer

if TYPE_CHECKING:
    from wizard.core.texts import Texts
    from wizard.mail.send import SendResult

# Shown on screen; 16 letters like a real app password.
PRACTICE_PASSWORD = "ecreapracticekey"


@dataclass
class PracticeServer:
    server: GmailLikeServer
    ca_file: str

    @property
    def host(self) -> str:
        return self.server.host

    @property
    def port(self) -> int:
        return self.server.port


def start_practice_server() -> PracticeServer:
    """A throwaway CA, a certificate for 127.0.0.1, and the server; stopped at exit."""
    import trustme

    authority = trustme.CA(organization_name="ecrea-gmail-setup practice")
    certificate = authority.issue_cert("127.0.0.1", "localhost")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate.configure_cert(context)
    folder = tempfile.mkdtemp(prefix="ecrea-practice-")
    ca_file = Path(folder) / "practice-ca.pem"
    ca_file.write_bytes(authority.cert_pem.bytes())
    server = GmailLikeServer(PRACTICE_PASSWORD, context)
    server.start()
    atexit.register(server.stop)
    atexit.register(shutil.rmtree, folder, True)
    return PracticeServer(server, str(ca_file))


async def send_as_ecrea(practice: PracticeServer, address: str, display_name: str, texts: Texts) -> SendResult:
    """Practice: what Ecrea's 「テストメール送信」 does, sent through the practice server like any other mail."""
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.utils import formatdate, make_msgid

    from wizard.mail.send import SendRequest, run_test_send

    message = EmailMessage()
    message["From"] = Address(display_name=display_name, addr_spec=address)
    message["To"] = address
    message["Subject"] = texts("confirm.practice_ecrea_subject")
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=address.rpartition("@")[2] or None)
    message.set_content(texts("confirm.practice_ecrea_body"))
    request = SendRequest(
        address=address, password=Secret(PRACTICE_PASSWORD), message=message, recipient=address,
        host=practice.host, port=practice.port, ca_file=practice.ca_file,
    )
    return await run_test_send(request)
