"""Moving through the wizard in a test where the test is not about the way there."""

from __future__ import annotations


def show_step(app, step_id: str) -> None:
    """Step `step_id` on screen: on the step screen already up, in place, as a click in its step
    list does (about a third of the CPU of a new screen: no compose, no first layout of the
    screen), else on a new step screen. Settle afterwards, as after `app.go`."""
    from wizard.core.step_content import step_by_id
    from wizard.ui.places import AtStep
    from wizard.ui.screens.step_screen import StepScreen

    screen = app.screen
    if isinstance(screen, StepScreen) and screen.back_to is None:
        screen.step = step_by_id(step_id)
    else:
        app.go(AtStep(step_id))
