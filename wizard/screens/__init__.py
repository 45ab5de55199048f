"""The wizard's screens. They present what the core modules decide."""
