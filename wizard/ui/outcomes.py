"""What opening a page and copying a text really did, each with the text key that says so."""

from __future__ import annotations

from enum import Enum

from wizard.core.browser import BrowserResult


class OpenOutcome(Enum):
    OPENED = "open.opened"
    IN_PAGE = "open.in_page"
    """Browser mode: the page opens it in a new tab."""
    NO_BROWSER = "open.no_browser"
    FAILED = "open.failed"
    """A browser did not open the page, or did not say so in time."""

    @property
    def text_key(self) -> str:
        return self.value

    @property
    def text_keys(self) -> tuple[str, ...]:
        return (self.text_key,)

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


class CopyTarget(Enum):
    SYSTEM = "copy.system"
    """The computer's clipboard, through its own tool."""
    BROWSER = "copy.browser"
    """Browser mode: the browser's clipboard."""
    TERMINAL = "copy.terminal"
    """Asked of the terminal (OSC 52), which may ignore it: unconfirmed."""

    @property
    def text_key(self) -> str:
        return self.value

    @property
    def text_keys(self) -> tuple[str, ...]:
        return (self.text_key,)

    @property
    def confirmed(self) -> bool:
        return self is not CopyTarget.TERMINAL
