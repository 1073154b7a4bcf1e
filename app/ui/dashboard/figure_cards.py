"""The dashboard's row of figure cards: training sessions, trainees, LDC share, milestones."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from app.i18n import _, country_name, format_number
from app.ui.dashboard.plan_figures import PlanFigures
from app.ui.wrapping_label import WrappingLabel


class FigureCard(QFrame):
    """A small panel: a caption, a big number, a detail line and an optional bar."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(caption, self)
        self.value = QLabel(self)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = WrappingLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.bar)
        layout.addWidget(self.detail)
        layout.addStretch(1)

    def show_value(self, value: str, detail: str, share: float | None = None) -> None:
        """Show a figure, a line about it and (when ``share`` is given) a bar filled that far."""
        self.value.setText(value)
        self.detail.setText(detail)
        self.bar.setVisible(share is not None)
        if share is not None:
            self.bar.setRange(0, 100)
            self.bar.setValue(int(min(100.0, max(0.0, share * 100))))


class FigureCards(QWidget):
    """Four cards side by side, each the size of the others."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trainings = FigureCard(_("Training sessions (item 2.5)"), self)
        self.trainees = FigureCard(_("Trainees so far"), self)
        self.ldc = FigureCard(_("Trainees from least-developed members"), self)
        self.milestones = FigureCard(_("Milestones"), self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        layout = QHBoxLayout()
        layout.setSpacing(10)
        outer.addLayout(layout)
        for card in (self.trainings, self.trainees, self.ldc, self.milestones):
            layout.addWidget(card, 1)
        # Who counts as least developed, and where that is set, under the cards.
        self.ldc_words = WrappingLabel(self)
        outer.addWidget(self.ldc_words)

    def show_figures(self, f: PlanFigures) -> None:
        """Fill every card from the plan's reports."""
        t = f.training
        per_year = {y.year: y.sessions for y in t.years}
        this_year = dt.date.today().year
        plan = t.header.plan
        # After the plan period, the last year of the plan is the one worth showing.
        year = this_year if plan.start.year <= this_year <= plan.end.year else plan.end.year
        detail = _("{n} in {year}; the plan asks for {target} a year").format(
            n=per_year.get(year, 0), year=year, target=t.sessions_per_year_target
        )
        if t.header.country:
            detail = _(
                "recorded or hosted by this office ({n} in {year}). Region: {region} "
                "sessions; the plan asks for {target} a year"
            ).format(
                n=per_year.get(year, 0),
                year=year,
                region=t.region_sessions,
                target=t.sessions_per_year_target,
            )
        self.trainings.show_value(format_number(t.sessions), detail)
        total = t.trainees_target
        if t.header.country:
            # The plan's target is the region's: show this country's part of it.
            trainees_detail = _(
                "nationals of {country}. Region: {region} of about {target} over the plan"
            ).format(country=country_name(t.header.country), region=t.region_trainees, target=total)
            trainees_share = t.region_trainees / total if total else None
        else:
            trainees_detail = _("against about {target} over the plan").format(target=total)
            trainees_share = t.trainees / total if total else None
        self.trainees.show_value(format_number(t.trainees), trainees_detail, trainees_share)
        share = t.ldc_share or 0.0
        self.ldc.show_value(
            f"{format_number(round(share * 100, 1))} %",
            _("{n} of {total} trainees from ASEAN members; priority target {target} %").format(
                n=t.ldc_trainees, total=t.shares.asean, target=t.ldc_share_target
            ),
            share,
        )
        self.ldc.detail.setToolTip(t.ldc_words)
        self.ldc_words.setText(t.ldc_words)
        states = f.progress.milestone_counts()
        met = states["met_on_time"] + states["met_late"]
        count = sum(states.values())
        self.milestones.show_value(
            f"{met} / {count}",
            _("met ({late} of them late); {due} due, {overdue} overdue").format(
                late=states["met_late"], due=states["due"], overdue=states["overdue"]
            ),
            met / count if count else None,
        )
