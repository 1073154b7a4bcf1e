"""Ids of reference records, derived from their codes (UUID 5).

Every site computes the same id for the same plan item or country, so the
reference data needs no exchange to agree.
"""

from __future__ import annotations

import uuid

NAMESPACE = uuid.UUID("6f0f3d0e-4b7a-5c1e-9a59-acec2011a0c1")


def reference_uid(*parts: str) -> str:
    """The shared id of a reference record, from its kind and codes."""
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


def plan_item_uid(item_code: str, plan_code: str = "2011-2013") -> str:
    """The shared id of a plan item, e.g. ``plan_item_uid("2.5")``."""
    return reference_uid("plan", plan_code, "item", item_code)
