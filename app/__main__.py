"""``python -m app``: the same program as ``acec``; also the bundle's entry (build.spec).

The bundle's window program has no console, so an error that escapes
``main`` (a missing library, say) is written to the log file, not lost.
"""

import sys


def run() -> int:
    """Run the program; an error that escapes it goes to the log file."""
    try:
        from app.cli import main

        return main()
    except Exception as exc:
        from app.logging_setup import log_unexpected

        path = log_unexpected(exc)
        if sys.stderr is not None:  # None in the windowed bundle on Windows
            from app.i18n import _

            message = _("Unexpected error: {error}. Details were written to {log}.")
            print("acec: " + message.format(error=exc, log=path), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(run())
