"""Use cases in plain Python. Each function takes a `Session` first and never commits."""
