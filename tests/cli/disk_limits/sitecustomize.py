"""Real SQLite limits for a child ``python -m app``, chosen by environment variables.

A test puts this folder on the child's PYTHONPATH: ``ACEC_TEST_FULL=1`` caps
every connection at the pages the file already has (``PRAGMA
max_page_count``), so the next write that needs a page fails with SQLite's
own "database or disk is full"; ``ACEC_TEST_READ_ONLY=1`` sets ``PRAGMA
query_only``, whose refusal is SQLite's "attempt to write a readonly
database" (chmod does not stop root, who runs the tests in CI).
"""

from __future__ import annotations

import os

if os.environ.get("ACEC_TEST_FULL") or os.environ.get("ACEC_TEST_READ_ONLY"):
    from typing import Any

    from sqlalchemy import Engine, event

    def _limit(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        if os.environ.get("ACEC_TEST_FULL"):
            pages = cursor.execute("PRAGMA page_count").fetchone()[0]
            cursor.execute(f"PRAGMA max_page_count={max(int(pages), 1)}")
        if os.environ.get("ACEC_TEST_READ_ONLY"):
            cursor.execute("PRAGMA query_only=ON")
        cursor.close()

    event.listen(Engine, "connect", _limit)
