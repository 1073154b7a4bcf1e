"""The plan and country data shipped with the program (read via importlib.resources)."""
