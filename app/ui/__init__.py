"""Qt widgets, item models, dialogs and the background helper; calls services only.

``shell`` starts the application and holds the main window; ``records`` the
record list, editor and pickers; ``dashboard``, ``plan``, ``settings``,
``sync`` and ``reports`` one page each (with their dialogs); ``background``
runs long work off the window's thread.
"""
