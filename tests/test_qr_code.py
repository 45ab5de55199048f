"""QR codes of the steps' Google pages: a real decoder reads back exactly the page's address.

Only a step's page can be drawn: never the served wizard's address (it holds its
secret) and never a password.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from qr_decoding import decode, modules_from_text

from wizard.cli.guide import render_guide
from wizard.core.qr_code import QUIET_ZONE, QrRefused, qr_block_lines, qr_modules, step_page_urls
from wizard.core.step_content import load_steps

GOOGLE_STEPS = [step for step in load_steps() if step.url]


def test_every_step_page_is_a_google_page() -> None:
    assert len(GOOGLE_STEPS) >= 4
    assert all(url.startswith("https://myaccount.google.com/") for url in step_page_urls())


@pytest.mark.parametrize("step", GOOGLE_STEPS, ids=lambda step: step.id)
def test_the_drawn_code_decodes_to_the_steps_page(step) -> None:
    lines = qr_block_lines(step.url)
    assert decode(modules_from_text(lines)) == [step.url]
    # Fits beside its words at 80x24: at most 41 cells wide and 21 lines tall, quiet zone included.
    assert len(lines) <= 21 and all(len(line) == len(lines[0]) <= 41 for line in lines)


@pytest.mark.parametrize("step", GOOGLE_STEPS, ids=lambda step: step.id)
def test_the_quiet_zone_is_all_light(step) -> None:
    rows = qr_modules(step.url)
    edge = rows[:QUIET_ZONE] + rows[-QUIET_ZONE:] + tuple(row[:QUIET_ZONE] + row[-QUIET_ZONE:] for row in rows)
    assert not any(any(row) for row in edge)


@pytest.mark.parametrize(
    "secret",
    [
        "http://127.0.0.1:8000/?secret=0123456789abcdef",  # the served wizard's address
        "abcdefghijklmnop",  # an app password
        "abcd efgh ijkl mnop",
        "https://myaccount.google.com/apppasswords?pw=abcdefghijklmnop",
        "https://myaccount.google.com",  # near a step's page is not a step's page
        "",
    ],
)
def test_nothing_but_a_steps_page_is_ever_encoded(secret: str) -> None:
    with pytest.raises(QrRefused):
        qr_block_lines(secret)


@given(st.text(max_size=200) | st.builds(lambda url, tail: url + tail, st.sampled_from(sorted(step_page_urls())), st.text(min_size=1, max_size=40)))
def test_any_other_text_is_refused(text: str) -> None:
    if text in step_page_urls():
        return
    with pytest.raises(QrRefused):
        qr_modules(text)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_guide_qr_prints_a_readable_code_under_each_google_page(lang: str) -> None:
    plain = render_guide(lang)
    guide = render_guide(lang, qr=True)
    assert "█" not in plain
    blocks = guide.split("```text\n")[1:]
    assert len(blocks) == len(GOOGLE_STEPS)
    for step, block in zip(GOOGLE_STEPS, blocks, strict=True):
        lines = block.split("\n```")[0].splitlines()
        assert decode(modules_from_text(lines)) == [step.url]
