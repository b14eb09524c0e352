"""``edcheck init``: a commented starter configuration."""

from __future__ import annotations

from pathlib import Path

from checker.config import CONFIG_NAME
from checker.errors import UsageError
from checker.writes import write_atomic

STARTER = """\
# edcheck configuration: https://github.com/edcheck/edcheck/blob/main/docs/configuration.md
# Every setting is optional; delete what you do not need. Unknown settings are errors.

content:
  # Folders holding articles, relative to this file.
  roots: [content]
  # Which files are content, and which never are (globs; ** spans folders).
  include: ["**/*.md", "**/*.markdown", "**/*.mdx"]
  exclude: ["**/node_modules/**", "**/.*/**", "**/README.md"]

# Content types (the front matter `type`). article and book-review are built in;
# list a type to change its review cycle, schema or packs.
types:
  article:
    schema: article          # built-in schema, or a path to your own JSON Schema
    packs: [health]          # rule packs: built-in names or paths to .yaml files
    review:
      interval_months: 24    # a review falls due this many months after reviewed.on
      warn_days: 30          # warn (review-due-soon) this many days ahead
  book-review:
    schema: book-review
    packs: [health]
    review:
      interval_months: 24
      warn_days: 30

# Per-rule settings: severity (error, warning, off) and parameters.
rules:
  footnote-unused:
    severity: warning
  disclosure-link:
    params:
      pattern: "(?i)disclosure"   # a body link whose text or URL matches counts
  # peer-review-statement:
  #   params:
  #     pattern: "(?i)peer[- ]reviewed"

# Files larger than this many bytes are refused unread (file-too-large).
max_file_size: 5000000
"""


def write(folder: Path, *, force: bool) -> Path:
    path = folder / CONFIG_NAME
    if path.exists() and not force:
        raise UsageError(f"{CONFIG_NAME} already exists here (use --force to replace it)")
    try:
        write_atomic(path, STARTER)
    except OSError as error:
        raise UsageError(f"cannot write {CONFIG_NAME}: {error}") from None
    return path
