"""The user guide: its English source (``resources/guide/guide.md``), read into sections.

The guide's paragraphs are messages of the program's own catalogue: Babel
extracts them (``extract.py``, named in ``babel.cfg``) and the window shows
each one through ``_()``, so every language gets the guide from the same
``.po`` files its translators already keep.
"""
