"""What opening a page and copying a text really did, each with the text key that says so."""

from __future__ import annotations

from wizard.core.browser import BrowserResult
from wizard.core.texts import TextKeyed


class OpenOutcome(TextKeyed):
    OPENED = "open.opened"
    IN_PAGE = "open.in_page"
    """Browser mode: the page opens it in a new tab."""
    NO_BROWSER = "open.no_browser"
    FAILED = "open.failed"
    """A browser did not open the page, or did not say so in time."""

    @property
    def worked(self) -> bool:
        return self in (OpenOutcome.OPENED, OpenOutcome.IN_PAGE)

    @classmethod
    def of(cls, result: BrowserResult) -> OpenOutcome:
        return {
            BrowserResult.OPENED: cls.OPENED,
            BrowserResult.NO_BROWSER: cls.NO_BROWSER,
            BrowserResult.FAILED: cls.FAILED,
        }[result]


class CopyTarget(TextKeyed):
    SYSTEM = "copy.system"
    """The computer's clipboard, through its own tool."""
    BROWSER = "copy.browser"
    """Browser mode: the browser's clipboard."""
    TERMINAL = "copy.terminal"
    """Asked of the terminal (OSC 52), which may ignore it: unconfirmed."""

    @property
    def confirmed(self) -> bool:
        return self is not CopyTarget.TERMINAL


class SaveOutcome(TextKeyed):
    SAVED = "save.saved"
    """Written to a file on this computer (the downloads folder)."""
    DOWNLOADED = "save.downloaded"
    """Browser mode: the browser fetched the file."""
    ASKED = "save.asked"
    """Browser mode: the browser was asked, and had not fetched the file by the deadline."""
    FAILED = "save.failed"

    @property
    def worked(self) -> bool:
        return self in (SaveOutcome.SAVED, SaveOutcome.DOWNLOADED)
