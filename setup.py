"""Build steps that pyproject.toml cannot state.

The top-level ``resources/`` and ``translations/`` folders ship inside the
package as ``app.resources`` and ``app.translations`` (found at run time through
importlib.resources), and every catalogue is compiled to ``.mo`` as it is built,
so a wheel never carries a stale one.
"""

import sys
from pathlib import Path

from setuptools import find_namespace_packages, setup
from setuptools.command.build_py import build_py

# build_meta does not put the project folder on the path; buildsteps/ lives there.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from buildsteps.catalogues import compile_catalogues  # noqa: E402


class BuildWithCatalogues(build_py):
    """build_py, then each ``.po`` in the built package compiled beside itself."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the .po files (app/i18n.py compiles them)
        compile_catalogues(Path(self.build_lib, "app", "translations"))


# Every folder that holds shipped files is named as a package, as setuptools
# asks (the migrations and each language's LC_MESSAGES have no __init__.py).
CATALOGUE_PACKAGES = [
    f"app.translations.{folder.parent.name}.LC_MESSAGES"
    for folder in sorted(Path("translations").glob("*/LC_MESSAGES"))
]

setup(
    packages=[
        *find_namespace_packages(include=["app", "app.*"]),
        "app.resources",
        "app.translations",
        *CATALOGUE_PACKAGES,
    ],
    package_dir={"app.resources": "resources", "app.translations": "translations"},
    package_data={
        "app.resources": [
            "*.json",
            "*.svg",
            "guide/*.md",  # the user guide's source and its pictures
            "guide/images/*.png",
            "icons/*.svg",  # the icons, with their licence
            "icons/LICENSE",
            "icons/README.md",
        ],
        **{name: ["*.po"] for name in CATALOGUE_PACKAGES},
    },
    cmdclass={"build_py": BuildWithCatalogues},
)
