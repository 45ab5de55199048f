"""The wizard's screens."""
