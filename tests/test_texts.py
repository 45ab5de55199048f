"""Every user-visible string exists in Japanese and English."""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
from enum import Enum
from pathlib import Path

import pytest

import wizard
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


def texted_enums() -> list[type[Enum]]:
    """Every Enum in the wizard whose members name their own texts (a `text_keys` property)."""
    found = []
    for module in pkgutil.walk_packages(wizard.__path__, "wizard."):
        if module.name == "wizard.__main__":
            continue
        for value in vars(importlib.import_module(module.name)).values():
            if isinstance(value, type) and issubclass(value, Enum) and hasattr(value, "text_keys"):
                found.append(value)
    return list(dict.fromkeys(found))


def enum_text_keys() -> set[str]:
    return {key for enum in texted_enums() for member in enum for key in member.text_keys}


def test_every_text_is_used() -> None:
    """A key no code or data names is dead text that nobody reviews."""
    sources = "\n".join(path.read_text(encoding="utf-8") for path in [*WIZARD.rglob("*.py"), *STEPS.glob("*.toml")])
    named = set(re.findall(r"[\"']([a-z0-9_]+(?:\.[a-z0-9_]+)+)[\"']", sources)) | enum_text_keys()
    unused = [key for key in load_texts("en") if key not in named]
    assert unused == []


def test_every_member_of_every_texted_enum_has_its_words_in_every_language() -> None:
    from wizard.mail.diagnosis import Problem, Stage
    from wizard.mail.mailbox import MailboxProblem

    enums = texted_enums()
    assert Problem in enums and Stage in enums and MailboxProblem in enums
    for lang in LANGUAGES:
        texts = load_texts(lang)
        missing = [(enum.__name__, member.name, key) for enum in enums for member in enum
                   for key in member.text_keys if key not in texts]
        assert missing == [], lang


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


def test_every_diagnosis_text_belongs_to_a_problem() -> None:
    """The other way round: no words for a problem the code cannot have."""
    from wizard.mail.diagnosis import Problem

    texts = load_texts("en")
    assert {key.split(".")[1] for key in texts if key.startswith("diagnosis.")} == {problem.value for problem in Problem}


def test_every_mailbox_problem_text_belongs_to_a_member() -> None:
    """No words for a mailbox problem the code cannot have."""
    from wizard.mail.mailbox import MailboxProblem

    texts = load_texts("en")
    said = {key for key in texts if key.startswith("confirm.problem.")}
    assert said == {key for problem in MailboxProblem for key in problem.text_keys}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_open_and_copy_outcome_has_words(lang: str) -> None:
    from wizard.ui.outcomes import CopyTarget, OpenOutcome

    texts = load_texts(lang)
    assert all(member.text_key in texts for member in [*OpenOutcome, *CopyTarget])
    said = {key for key in texts if key.startswith(("copy.", "open."))} - {"open.opening"}
    assert said == {member.text_key for member in [*OpenOutcome, *CopyTarget]}
