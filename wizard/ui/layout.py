"""Widths that more than one part of the layout must agree on."""

WIDE_FROM = 100
"""Terminal columns from which the screen is "-wide": the step list stands beside the step."""
STEP_LIST_WIDTH = 32
