"""Steps of building the program for users (the wheel in setup.py, the bundle in build.spec).

Kept outside ``app/``: none of this runs inside the program.
"""
