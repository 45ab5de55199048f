"""Every user-visible string exists in Japanese and English."""

from __future__ import annotations

import string

import pytest

from wizard.language import LANGUAGES
from wizard.step_content import StepContentError, load_steps, parse_step
from wizard.texts import TEXTS, Texts


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_ui_string_has_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = TEXTS[key]
    assert set(entry) == set(LANGUAGES)
    assert all(entry[lang].strip() for lang in LANGUAGES)
    assert placeholders(entry["ja"]) == placeholders(entry["en"])


def test_japanese_strings_are_japanese() -> None:
    # A copy-paste of the English text into the "ja" slot would pass the test above.
    untranslated = [key for key, entry in TEXTS.items() if entry["ja"] == entry["en"]]
    assert untranslated == []


def test_every_step_has_both_languages() -> None:
    steps = load_steps()
    assert [step.number for step in steps] == list(range(1, 15))
    for step in steps:
        for lang in LANGUAGES:
            text = step.text[lang]
            assert text.short and text.title and text.instructions and text.help
            assert bool(text.warning) == bool(step.text["ja"].warning)
        for label in step.press:
            assert all(label.text[lang] for lang in LANGUAGES)


def test_a_step_missing_a_language_is_refused() -> None:
    raw = {"number": 1, "ja": {"short": "a", "title": "b", "instructions": "c", "help": "d"}}
    with pytest.raises(StepContentError, match=r"\[en\]"):
        parse_step(raw, "01.toml")


def test_a_label_missing_a_language_is_refused() -> None:
    text = {"short": "a", "title": "b", "instructions": "c", "help": "d"}
    raw = {"number": 1, "ja": text, "en": text, "press": [{"ja": "作成"}]}
    with pytest.raises(StepContentError, match="lacks 'en'"):
        parse_step(raw, "01.toml")


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        Texts("fr")


def test_every_diagnosis_and_stage_has_words() -> None:
    from wizard.diagnosis import KNOWN_KEYS, Stage

    for key in KNOWN_KEYS:
        assert f"diagnosis_{key}_title" in TEXTS and f"diagnosis_{key}_action" in TEXTS
    for stage in Stage:
        assert f"stage_{stage.value}" in TEXTS
