"""PySide6 windows, dialogs and item models: the only layer that imports Qt."""
