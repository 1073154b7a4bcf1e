"""ACEC Tracker: offline tracker for the ASEAN–China Environmental Cooperation Action Plan."""

__version__ = "0.1.0"
