"""The engine: everything decided without a screen or the network (no Textual)."""
