"""ecrea-gmail-setup: a wizard that gets a Gmail account sending mail from Ecrea."""

__version__ = "0.1.0"
