"""edcheck: editorial workflow and compliance checker for Markdown content in git."""

from __future__ import annotations

from functools import cache


@cache
def version() -> str:
    """edcheck's version, from the installed package's metadata (pyproject.toml's ``version``).

    Read on demand: ``importlib.metadata`` costs about 35 ms to import, which the hook's
    text output never pays. A checkout that was never installed reports ``0+unknown``.
    """
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed_version

    try:
        return installed_version("edcheck")
    except PackageNotFoundError:
        return "0+unknown"
