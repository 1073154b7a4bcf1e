"""The user guide window (Help › User guide, F1)."""
