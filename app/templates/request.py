"""What a template is asked for: its kind, the office, and the activity of a registration list."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TemplateRequest:
    """What a template is for; the plan items are offered in the plan-item column's list."""

    kind: str
    site: str
    language: str
    activity_uid: str | None = None
    activity_title: str | None = None
    plan_items: list[str] = field(default_factory=list)  # "2.5  Title", in plan order
