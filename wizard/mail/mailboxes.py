"""Which mailbox to look in: Gmail over IMAP, or practice mode's pretend account.

A further provider is a class with the `Mailbox` methods and a branch here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.core.secret import Secret
from wizard.core.servers import IMAP_HOST, IMAP_PORT
from wizard.mail.mailbox import Mailbox, Role

if TYPE_CHECKING:
    from wizard.core.texts import Texts
    from wizard.mail.practice import PracticeServer


@dataclass(frozen=True)
class MailboxAccess:
    address: str
    password: Secret
    host: str = IMAP_HOST
    port: int = IMAP_PORT
    ca_file: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.password, Secret):  # a caller's plain text, hidden from here on
            object.__setattr__(self, "password", Secret(self.password))


def mailbox_for(access: MailboxAccess, texts: Texts, practice: PracticeServer | None = None) -> Mailbox:
    if practice is not None:
        from wizard.mail.practice_mailbox import PracticeMailbox

        # Named as Gmail names them in the user's language.
        names = {Role.JUNK: texts("confirm.junk_name"), Role.SENT: texts("confirm.sent_name")}
        return PracticeMailbox(practice.server, access.address, names)
    from wizard.mail.imap_mailbox import ImapMailbox

    password = access.password.reveal()
    return ImapMailbox(access.address, password, host=access.host, port=access.port, ca_file=access.ca_file)
