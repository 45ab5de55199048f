"""The fourteen steps of Ecrea's guide, one TOML file each, in Japanese and English.

This package holds data only; `wizard.core.step_content` reads it.
"""
