"""Reading what a screen shows, for Pilot tests."""

from __future__ import annotations

from textual.widget import Widget

from wizard.ui.prose import Prose


def shown(app, selector: str) -> str:
    widget: Widget = app.screen.query_one(selector)
    if isinstance(widget, Prose):
        return widget.text
    return str(widget.render())
