"""Sync packages: format, export, import, validation, merge, signatures. No Qt."""
