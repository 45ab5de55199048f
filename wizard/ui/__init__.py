"""The Textual app: screens and widgets that present what core and mail decide."""
