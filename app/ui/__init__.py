"""Qt widgets, item models, dialogs and the background helper; calls services only."""
