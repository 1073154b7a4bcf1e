"""Starting a report document: title lines, running header, page label, charts."""

from __future__ import annotations

from collections.abc import Iterable

from app.i18n import _, current_locale, format_number
from app.reports.model import Chart, ReportDocument, Series
from app.reports.scope import ReportHeader, title_lines


def start_document(kind: str, title: str, header: ReportHeader | None) -> ReportDocument:
    """An empty document in the current language with its title-page lines."""
    lines = title_lines(header) if header is not None else []
    running = title if header is None else f"{title} · {header.office_title}"
    return ReportDocument(
        kind=kind,
        locale=str(current_locale()),
        title=title,
        title_lines=lines,
        header=running,
        page_label=_("Page {page} of {pages}"),
    )


def bar_chart(
    title: str, labels: list[str], series: list[tuple[str, list[float], list[str]]]
) -> Chart:
    """A bar chart; each series is (name, values, formatted values)."""
    return Chart(
        kind="bar",
        title=title,
        labels=labels,
        series=[Series(name, tuple(float(v) for v in values)) for name, values, _t in series],
        value_texts=[texts for _n, _v, texts in series],
    )


def count_series(name: str, values: Iterable[int]) -> tuple[str, list[float], list[str]]:
    """A bar-chart series of counts, with each count formatted for the reader."""
    numbers = list(values)
    return name, [float(v) for v in numbers], [format_number(v) for v in numbers]


def pie_chart(title: str, labels: list[str], values: list[float], texts: list[str]) -> Chart:
    """A pie chart of parts of a whole (zero parts are left out)."""
    kept = [(label, v, t) for label, v, t in zip(labels, values, texts, strict=True) if v > 0]
    return Chart(
        kind="pie",
        title=title,
        labels=[k[0] for k in kept],
        series=[Series(title, tuple(float(k[1]) for k in kept))],
        value_texts=[[k[2] for k in kept]],
    )
