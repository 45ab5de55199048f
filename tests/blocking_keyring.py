"""A password store that never answers, as a locked one waiting on a hidden unlock prompt.

Importable by the wizard in a subprocess (PYTHON_KEYRING_BACKEND=blocking_keyring.BlockingKeyring
with the tests folder on PYTHONPATH).
"""

from __future__ import annotations

import time

from keyring.backend import KeyringBackend


class BlockingKeyring(KeyringBackend):
    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        time.sleep(3600)
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        time.sleep(3600)

    def delete_password(self, service: str, username: str) -> None:
        time.sleep(3600)
