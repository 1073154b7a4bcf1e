"""The gettext catalogues shipped with the program (read via importlib.resources)."""
