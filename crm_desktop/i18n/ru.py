"""Russian translations of the messages raised below the UI (English source → Russian)."""

MESSAGES: dict[str, str] = {}
