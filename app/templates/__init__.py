"""Blank Excel templates for bulk entry: writing them, reading them filled, marking errors."""
