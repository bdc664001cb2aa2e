"""Handlers of the command-line commands, one module per subject."""
