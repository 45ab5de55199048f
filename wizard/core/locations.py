"""Where the wizard keeps its files."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "ecrea-gmail-setup"


def state_dir() -> Path:
    # Imported here: platformdirs is only needed once something is read or saved.
    from platformdirs import user_state_dir

    return Path(user_state_dir(APP_NAME, appauthor=False))


def progress_path(*, practice: bool = False) -> Path:
    """Practice runs keep their own file, so a rehearsal never moves the real resume point."""
    return state_dir() / ("practice-progress.json" if practice else "progress.json")
