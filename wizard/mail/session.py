"""One run of the wizard as data: the saved progress, the one app password, the last test
send and what the mailbox confirmed. No Textual: the App holds exactly one `Session` and
saves its progress; screens read it and change it only through these methods.

It sits in `mail` because what it remembers beyond progress are mail's results (a test
send Gmail accepted, what a look into the mailbox found).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING

from wizard.core.credentials import KeyringStatus
from wizard.core.progress import Progress
from wizard.core.secret import NO_SECRET, Secret
from wizard.core.step_order import step_ids

if TYPE_CHECKING:
    # Loaded with the first test send, not with the first screen.
    from wizard.mail.confirm import ConfirmResult, SentTest

APP_PASSWORDS_STEP = "app-passwords"
"""Where someone whose 2-Step Verification is already on starts."""


class ConfirmKind(Enum):
    ARRIVAL = "arrival"
    """The test message reached the account's Inbox or Spam."""
    ECREA = "ecrea"
    """A message Ecrea sent appeared in Sent Mail."""


@dataclass
class Confirmations:
    """This run's looks into the mailbox, one of each kind at most."""

    arrival: ConfirmResult | None = None
    ecrea: ConfirmResult | None = None

    def of(self, kind: ConfirmKind) -> ConfirmResult | None:
        return self.arrival if kind is ConfirmKind.ARRIVAL else self.ecrea


@dataclass
class Session:
    progress: Progress
    password: Secret = field(default_factory=Secret)
    """The checked app password, in memory only: typed, pasted or loaded from the keyring."""
    sent_test: SentTest | None = None
    """The last test send Gmail accepted: what the confirmations look for."""
    confirmations: Confirmations = field(default_factory=Confirmations)
    password_store: KeyringStatus | None = None
    """The password store's last answer about this account's app password; None before it is asked."""

    def set_password(self, password: Secret | str) -> None:
        self.password = password if isinstance(password, Secret) else Secret(password)

    def set_account(self, address: str, display_name: str, *, workspace: bool) -> None:
        """Another address means another account: its app password is not this one's."""
        if address != self.progress.email:
            self.password = NO_SECRET
            self.password_store = None
        self.progress.email = address
        self.progress.display_name = display_name
        self.progress.workspace = workspace

    def skip_to_app_passwords(self) -> str:
        """2-Step Verification is on already: the steps before App passwords are done. Returns where to go on."""
        for step_id in step_ids()[: step_ids().index(APP_PASSWORDS_STEP)]:
            self.progress.complete(step_id)
        return APP_PASSWORDS_STEP

    def record_success(self, sent: SentTest, now: datetime | None = None) -> None:
        """A test send went through: setup is complete, and earlier confirmations belong to an older send."""
        self.sent_test = sent
        self.confirmations = Confirmations()
        self.progress.setup_completed_at = (now or datetime.now(UTC)).isoformat(timespec="seconds")
        self.progress.record_send(self.progress.setup_completed_at)

    def record_failure(self, problem: str, now: datetime | None = None) -> None:
        """A test send was refused or failed; `problem` is its diagnosis's stable name. An earlier success stands."""
        self.progress.record_send((now or datetime.now(UTC)).isoformat(timespec="seconds"), problem)

    def record_confirmation(self, kind: ConfirmKind, result: ConfirmResult) -> None:
        """Keep what a look into the mailbox found; a confirmation goes into progress with its time."""
        if kind is ConfirmKind.ARRIVAL:
            self.confirmations.arrival = result
        else:
            self.confirmations.ecrea = result
        from wizard.mail.confirm import Outcome

        if not result.confirmed:
            return
        when = (result.found_at or datetime.now(UTC)).isoformat(timespec="seconds")
        if kind is ConfirmKind.ARRIVAL:
            self.progress.arrival_confirmed_at = when
            self.progress.arrival_folder = "junk" if result.outcome is Outcome.JUNK else "inbox"
        else:
            self.progress.ecrea_confirmed_at = when
        self.progress.last_event = kind.value

    def start_over(self) -> None:
        self.progress.start_over()
        self.sent_test = None
        self.confirmations = Confirmations()
