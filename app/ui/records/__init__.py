"""Record pages: the list model and page, the editor and its form, fields, pickers, related panels, history, and the workspace they share."""
