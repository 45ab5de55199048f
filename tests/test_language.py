from __future__ import annotations

import pytest

from wizard.core.language import detect_language


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LC_ALL": "ja_JP.eucJP", "LANG": "en_US.UTF-8"}, "ja"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "ja_JP.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8", "LANGUAGE": "ja"}, "ja"),
        ({"LANG": "en_US.UTF-8"}, "en"),
    ],
)
def test_language_from_environment(environ: dict[str, str], expected: str) -> None:
    assert detect_language(environ) == expected


def test_windows_style_locale_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("locale.getlocale", lambda: ("Japanese_Japan", "932"))
    assert detect_language({}) == "ja"
    monkeypatch.setattr("locale.getlocale", lambda: (None, None))
    assert detect_language({}) == "en"
