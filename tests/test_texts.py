"""Every user-visible string exists in Japanese and English."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from wizard.core.language import LANGUAGES
from wizard.core.step_content import load_steps, parse_step
from wizard.core.step_order import StepContentError, step_ids
from wizard.core.texts import Texts, load_texts

WIZARD = Path(__file__).resolve().parent.parent / "wizard"
STEPS = Path(__file__).resolve().parent.parent / "steps"


CHOOSE_PLACEHOLDERS = {"common.date_time": {"year", "month", "month_name", "day", "time"}}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys() -> None:
    assert sorted(load_texts("ja")) == sorted(load_texts("en"))


@pytest.mark.parametrize("key", sorted(load_texts("ja")))
def test_every_ui_string_has_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = {lang: load_texts(lang)[key] for lang in LANGUAGES}
    assert all(isinstance(entry[lang], str) and entry[lang].strip() for lang in LANGUAGES)
    if key in CHOOSE_PLACEHOLDERS:
        # Each language writes a date its own way: from the values offered, it takes what it needs.
        assert all(placeholders(entry[lang]) <= CHOOSE_PLACEHOLDERS[key] for lang in LANGUAGES)
    else:
        assert placeholders(entry["ja"]) == placeholders(entry["en"])


def test_japanese_strings_are_japanese() -> None:
    # A copy-paste of the English text into the "ja" slot would pass the test above.
    ja, en = load_texts("ja"), load_texts("en")
    untranslated = [key for key in ja if ja[key] == en[key]]
    assert untranslated == []


def test_every_text_is_used() -> None:
    """A key no code or data names is dead text that nobody reviews."""
    sources = "\n".join(path.read_text(encoding="utf-8") for path in [*WIZARD.rglob("*.py"), *STEPS.glob("*.toml")])
    named = set(re.findall(r"[\"']([a-z0-9_]+(?:\.[a-z0-9_]+)+)[\"']", sources))
    # Built from a value at run time: every Stage and every diagnosis key (checked below).
    dynamic = ("stage.", "diagnosis.", "confirm.problem.", "step.kind_", "step.on_")
    unused = [key for key in load_texts("en") if key not in named and not key.startswith(dynamic)]
    assert unused == []


def test_every_step_has_both_languages() -> None:
    steps = load_steps()
    assert [step.id for step in steps] == list(step_ids())
    for step in steps:
        for lang in LANGUAGES:
            text = step.text[lang]
            assert text.short and text.title and text.instructions and text.help
            assert bool(text.warning) == bool(step.text["ja"].warning)
            assert bool(text.wizard_note) == bool(step.text["ja"].wizard_note)
        for label in step.press:
            assert all(label.text[lang] for lang in LANGUAGES)
        if step.skip:
            assert all(step.skip.text[lang] for lang in LANGUAGES)


def test_a_step_missing_a_language_is_refused() -> None:
    raw = {"ja": {"short": "a", "title": "b", "instructions": "c", "help": "d"}}
    with pytest.raises(StepContentError, match=r"\[en\]"):
        parse_step(raw, "x", 1, "x.toml")


def test_a_label_missing_a_language_is_refused() -> None:
    text = {"short": "a", "title": "b", "instructions": "c", "help": "d"}
    raw = {"ja": text, "en": text, "press": [{"ja": "作成"}]}
    with pytest.raises(StepContentError, match="lacks 'en'"):
        parse_step(raw, "x", 1, "x.toml")


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        Texts("fr")


def test_every_diagnosis_and_stage_has_words() -> None:
    from wizard.mail.diagnosis import KNOWN_KEYS, Stage

    texts = load_texts("en")
    for key in KNOWN_KEYS:
        assert f"diagnosis.{key}.title" in texts and f"diagnosis.{key}.action" in texts
    for stage in Stage:
        assert f"stage.{stage.value}" in texts
    diagnosis_keys = {key.split(".")[1] for key in texts if key.startswith("diagnosis.")}
    assert diagnosis_keys == set(KNOWN_KEYS)
    assert {key for key in texts if key.startswith("stage.") and key.count(".") == 1} >= {f"stage.{s.value}" for s in Stage}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_open_and_copy_outcome_has_words(lang: str) -> None:
    from wizard.ui.outcomes import CopyTarget, OpenOutcome

    texts = load_texts(lang)
    assert all(member.text_key in texts for member in [*OpenOutcome, *CopyTarget])
    said = {key for key in texts if key.startswith(("copy.", "open."))} - {"open.opening"}
    assert said == {member.text_key for member in [*OpenOutcome, *CopyTarget]}
