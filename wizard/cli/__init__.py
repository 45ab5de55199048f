"""The command line: one module per command (no Textual until the wizard starts)."""
