"""The Sync page and its dialogs: export, import preview, undo."""
