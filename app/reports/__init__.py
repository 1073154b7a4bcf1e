"""Report data (plain Python) and its renderers (QtGui/QtPrintSupport, xlsx)."""
