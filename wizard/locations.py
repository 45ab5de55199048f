"""Where the wizard keeps its files."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "ecrea-gmail-setup"


def state_dir() -> Path:
    # Imported here: platformdirs is only needed once something is read or saved.
    from platformdirs import user_state_dir

    return Path(user_state_dir(APP_NAME, appauthor=False))


def progress_path() -> Path:
    return state_dir() / "progress.json"
