"""ACEC Tracker: offline tracker for the China–ASEAN Environmental Cooperation Action Plan."""

__version__ = "0.1.0"
