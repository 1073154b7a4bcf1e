"""The application shell: start-up, first-run wizard, main window, error hook, icons."""
