"""edcheck: editorial workflow and compliance checker for Markdown content in git."""

__version__ = "0.1.0"
