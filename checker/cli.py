"""The command line: a thin layer that parses options, calls the library, prints, exits.

This is the only module that imports typer, and the only place that prints or chooses an
exit code: 0 no errors, 1 errors found, 2 usage or configuration error, 3 internal error.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from checker import version
from checker.errors import GitFailure, UsageError
from checker.escape import inert, visible
from checker.paths import shown_path

if TYPE_CHECKING:
    from checker.pipeline import Options
    from checker.report import Report

app = typer.Typer(
    name="edcheck",
    help="Editorial workflow and compliance checks for Markdown content in git.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _formats() -> tuple[str, ...]:
    """The report formats of check and ci, from the one registry the reporters keep."""
    from checker.reporters import REPORTERS

    return tuple(REPORTERS)


FORMATS = _formats()
FORMAT_HELP = ", ".join(FORMATS[:-1]) + " or " + FORMATS[-1] + "."

ConfigOption = Annotated[
    str | None,
    typer.Option("--config", help="Configuration file (default: .edcheck.yaml found upwards)."),
]
TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today",
        envvar="EDCHECK_TODAY",
        help="Fix 'today' for date rules (YYYY-MM-DD); also EDCHECK_TODAY.",
    ),
]
SelectOption = Annotated[
    list[str] | None,
    typer.Option("--select", help="Only these rules (comma-separated, repeatable)."),
]
IgnoreOption = Annotated[
    list[str] | None,
    typer.Option("--ignore", help="Skip these rules (comma-separated, repeatable)."),
]
PackOption = Annotated[
    list[str] | None,
    typer.Option("--pack", help="Use this rule pack instead of the configured ones."),
]


RawCsvOption = Annotated[
    bool,
    typer.Option(
        "--raw-csv",
        help="CSV values exactly as found (no ' before =, +, -, @, tab or CR; control "
        "characters kept; CRLF line ends): for programs, never a spreadsheet.",
    ),
]
ForceWriteOption = Annotated[
    bool,
    typer.Option(
        "--force-write",
        help="Write a hard-linked, read-only or other user's file all the same (the link is "
        "split; the owner, group and mode are kept where edcheck may).",
    ),
]


@dataclass
class _Delivery:
    """Where the running command sends its output, so that the one error handler
    (:func:`main`) can report a broken configuration in that command's own terms.

    ``reports``: the command's formats are the diagnostics reporters (check and ci);
    otherwise only ``json`` carries the finding (in the JSON contract's shape) and every
    other format gets the finding's text line on stderr, away from a CSV, HTML or
    iCalendar document on stdout."""

    output_format: str = "text"
    output: Path | None = None
    today: date | None = None
    reports: bool = False


_delivery = _Delivery()


def _delivering(
    output_format: str,
    output: Path | None = None,
    today: date | None = None,
    *,
    reports: bool = False,
) -> None:
    """Say where this command's output goes (before any configuration is read)."""
    global _delivery
    _delivery = _Delivery(output_format, output, today, reports)


def _raw_csv_goes_with(output_format: str, raw_csv: bool) -> None:
    """Refuse ``--raw-csv`` before any work, unless the format is CSV."""
    if raw_csv and output_format != "csv":
        raise UsageError("--raw-csv goes with --format csv")


def _split(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _date(option: str, text: str | None) -> date | None:
    """A calendar date given on the command line (YYYY-MM-DD); a usage error otherwise."""
    if not text:
        return None
    from checker.dates import parse_iso_date

    parsed = parse_iso_date(text)
    if parsed is None:
        source = "EDCHECK_TODAY" if option == "--today" and "--today" not in sys.argv else option
        raise UsageError(f"{source} {text!r} is not a calendar date (YYYY-MM-DD)")
    return parsed


def _options(
    paths: list[str] | None = None,
    config: str | None = None,
    today: str | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    pack: list[str] | None = None,
    jobs: int | None = None,
    baseline: bool = True,
) -> Options:
    """The typed options every command hands the library: dates parsed, lists split."""
    from checker.pipeline import Options

    return Options(
        paths=paths or [],
        config=config,
        today=_date("--today", today),
        select=_split(select),
        ignore=_split(ignore),
        packs=_split(pack),
        jobs=jobs,
        baseline=baseline,
    )


def _say(line: str, *, file: TextIO | None = None) -> None:
    """Print one line that holds content (file names, values, messages): its control
    characters shown as escapes, and never a GitHub Actions workflow command."""
    print(inert(visible(line)), file=file)


def _colour(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")


def _version(value: bool) -> None:
    if value:
        print(f"edcheck {version()}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Editorial workflow and compliance checks for Markdown content in git."""


@app.command()
def check(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files or folders (default: content roots).")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help=FORMAT_HELP)] = "text",
    output: Annotated[
        Path | None,
        typer.Option("--output", help="Write the report to FILE; the terminal gets the text."),
    ] = None,
    config: ConfigOption = None,
    today: TodayOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    pack: PackOption = None,
    jobs: Annotated[int | None, typer.Option("--jobs", min=1, help="Worker processes.")] = None,
    staged: Annotated[
        bool, typer.Option("--staged", help="Judge the staged version of each staged content file.")
    ] = False,
    no_baseline: Annotated[
        bool, typer.Option("--no-baseline", help="Also show findings recorded in the baseline.")
    ] = False,
) -> None:
    """Check content files and report what is missing or wrong."""
    from checker import api
    from checker.reporters import REPORTERS

    if output_format not in REPORTERS:
        raise UsageError(f"unknown format {output_format!r}: choose from {', '.join(FORMATS)}")
    if staged and paths:
        raise UsageError("--staged judges the staged files; name no paths with it")
    options = _options(paths, config, today, select, ignore, pack, jobs, not no_baseline)
    _delivering(output_format, output, options.today, reports=True)
    if staged:
        from checker.staged import check_staged

        report = check_staged(options, Path.cwd())
    else:
        report = api.check(options)
    _deliver(report, output_format, output)
    raise typer.Exit(1 if report.errors else 0)


def _write(output: Path, text: str) -> None:
    """Write a report file atomically; a failure is one line, exit code 2."""
    from checker.writes import ANYTHING, rewrite

    data = text.encode("utf-8")
    try:
        rewrite(output, ANYTHING, lambda _current: data)
    except OSError as error:  # WriteRefused too: its one-line reason
        raise UsageError(f"cannot write {output}: {error.strerror or error}") from None


def _deliver(report: Report, output_format: str, output: Path | None) -> None:
    """Print the report (and write it to ``output``); add the CI job summary if asked."""
    from checker.reporters import REPORTERS, summary

    if output is not None:
        _write(output, REPORTERS[output_format](report, False))
        sys.stdout.write(REPORTERS["text"](report, _colour(sys.stdout)))
    else:
        sys.stdout.write(REPORTERS[output_format](report, _colour(sys.stdout)))
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if output_format == "github" and step_summary:
        try:
            with open(step_summary, "a", encoding="utf-8") as handle:
                handle.write(summary.render(report, False))
        except OSError as error:
            raise UsageError(f"cannot write GITHUB_STEP_SUMMARY: {error.strerror}") from None


@app.command()
def ci(
    base: Annotated[
        str, typer.Option("--base", help="The branch or commit the pull request targets.")
    ],
    head: Annotated[str, typer.Option("--head", help="The pull request's commit.")] = "HEAD",
    policy_from: Annotated[
        str,
        typer.Option("--policy-from", help="base (default) or head: where the policy comes from."),
    ] = "base",
    output_format: Annotated[str, typer.Option("--format", help=FORMAT_HELP)] = "text",
    output: Annotated[
        Path | None,
        typer.Option("--output", help="Write the report to FILE; the terminal gets the text."),
    ] = None,
    config: Annotated[
        str | None,
        typer.Option("--config", help="Configuration file, relative to the repository root."),
    ] = None,
    today: TodayOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    pack: PackOption = None,
) -> None:
    """The pull-request gate: check the content a pull request changes, by the base's policy."""
    from checker import gate
    from checker.reporters import REPORTERS

    if output_format not in REPORTERS:
        raise UsageError(f"unknown format {output_format!r}: choose from {', '.join(FORMATS)}")
    if policy_from not in ("base", "head"):
        raise UsageError(f"--policy-from must be base or head, not {policy_from!r}")
    checks = _options(config=config, today=today, select=select, ignore=ignore, pack=pack)
    _delivering(output_format, output, checks.today, reports=True)
    options = gate.GateOptions(base=base, head=head, policy_from=policy_from, checks=checks)  # type: ignore[arg-type]
    report = gate.run_gate(options, Path.cwd())
    _deliver(report, output_format, output)
    raise typer.Exit(1 if report.errors else 0)


@app.command()
def rules(
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    pack: PackOption = None,
) -> None:
    """List every rule: id, severity and when it fires."""
    from checker import catalogue

    _delivering(output_format)
    entries = catalogue.entries(_split(pack))
    if output_format == "json":
        import json

        print(json.dumps([entry.to_json() for entry in entries], indent=2))
    elif output_format == "text":
        width = max(len(entry.id) for entry in entries)
        for entry in entries:
            print(f"{entry.id:<{width}}  {entry.severity:<7}  {entry.pack:<7}  {entry.summary}")
    else:
        raise UsageError(f"unknown format {output_format!r}: choose from text, json")


@app.command()
def audit(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Folders (default: the content roots).")
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="text, html, csv or json.")
    ] = "text",
    output: Annotated[Path | None, typer.Option("--output", help="Write to FILE.")] = None,
    compare: Annotated[
        Path | None,
        typer.Option("--compare", help="A previous audit's JSON: what got better or worse."),
    ] = None,
    link: Annotated[
        str | None,
        typer.Option(
            "--link", help="URL template for articles, e.g. https://host/blob/main/{path}"
        ),
    ] = None,
    config: ConfigOption = None,
    today: TodayOption = None,
    pack: PackOption = None,
    raw_csv: RawCsvOption = False,
) -> None:
    """A whole-site report: compliance, reviews due, findings by rule, section and reviewer."""
    import json

    from checker import audit as auditing
    from checker.reporters import audit as formats

    if output_format not in formats.FORMATS:
        raise UsageError(f"unknown format {output_format!r}: choose from text, html, csv, json")
    _raw_csv_goes_with(output_format, raw_csv)
    options = _options(paths, config, today, pack=pack)
    _delivering(output_format, output, options.today)
    report = auditing.run_audit(options, Path.cwd())
    if compare is not None:
        try:
            previous = json.loads(compare.read_text(encoding="utf-8"))
            if not isinstance(previous, dict) or previous.get("kind") != "audit":
                raise ValueError("not an audit")
        except (OSError, ValueError) as error:
            raise UsageError(
                f"--compare {compare}: not an edcheck audit in JSON ({error})"
            ) from None
        report.compared = auditing.compare(report, previous)
    if raw_csv:
        rendered = formats.as_csv(report, link, neutralise=False)
    else:
        rendered = formats.FORMATS[output_format](report, link)
    if output is None:
        sys.stdout.write(rendered)
    else:
        _write(output, rendered)
        print(f"wrote the audit of {len(report.articles)} articles to {output}")


review_app = typer.Typer(
    help="Sign reviews off and list the reviews that fall due.", no_args_is_help=True
)
app.add_typer(review_app, name="review")


@review_app.command("sign")
def review_sign(
    files: Annotated[list[str], typer.Argument(help="The articles reviewed.")],
    reviewer: Annotated[
        str, typer.Option("--reviewer", help="Who reviewed them (registry id or name).")
    ],
    on: Annotated[
        str | None, typer.Option("--on", help="The review date (default: today).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Sign even if other checks fail (said in the output).")
    ] = False,
    config: ConfigOption = None,
    today: TodayOption = None,
    pack: PackOption = None,
    force_write: ForceWriteOption = False,
) -> None:
    """Record a review: write the reviewer, the date and the text's fingerprint (the
    site's own keys; reviewed.by, reviewed.on and reviewed.hash by default), nothing else."""
    from checker import reviews

    options = _options(config=config, today=today, pack=pack)
    _delivering("text", None, options.today)
    results = reviews.sign(
        files,
        reviewer,
        _date("--on", on),
        force=force,
        force_write=force_write,
        options=options,
        cwd=Path.cwd(),
    )
    for result in results:
        if result.signed and result.signature is not None:
            signature = result.signature
            if list(result.written) == ["reviewed.by", "reviewed.on", "reviewed.hash"]:
                _say(
                    f"signed {result.shown}: reviewed by {signature.by} on "
                    f"{signature.on.isoformat()} ({signature.hash[:19]}…)"
                )
            else:  # the site's own keys: say exactly what was written
                written = ", ".join(
                    f"{key}: {value[:19] + '…' if value.startswith('sha256:') else value}"
                    for key, value in result.written.items()
                )
                _say(f"signed {result.shown}: {written}")
            if result.failing:
                print(f"  --force: signed although {len(result.failing)} other check(s) fail:")
        elif result.failing:
            count = len(result.failing)
            _say(f"not signed {result.shown}: {count} other check(s) fail (--force signs anyway):")
        else:
            _say(f"not signed {result.shown}: {result.reason}")
        for item in result.failing:
            _say(f"  {item.path}:{item.line}:{item.column} {item.rule} {item.message}")
    raise typer.Exit(0 if all(result.signed for result in results) else 1)


@review_app.command("due")
def review_due(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files or folders (default: content roots).")
    ] = None,
    within: Annotated[
        str, typer.Option("--within", help="How far ahead to look, e.g. 60d, 8w, 3m.")
    ] = "60d",
    output_format: Annotated[
        str, typer.Option("--format", help="text, csv, json or ics.")
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", help="Write to FILE instead of the terminal.")
    ] = None,
    config: ConfigOption = None,
    today: TodayOption = None,
    pack: PackOption = None,
    raw_csv: RawCsvOption = False,
) -> None:
    """The editors' queue: overdue and upcoming reviews, soonest first."""
    from checker import reviews
    from checker.reporters import due as formats

    if output_format not in formats.FORMATS:
        raise UsageError(f"unknown format {output_format!r}: choose from text, csv, json, ics")
    _raw_csv_goes_with(output_format, raw_csv)
    days = _span_days(within)
    options = _options(paths, config, today, pack=pack)
    _delivering(output_format, output, options.today)
    when, items = reviews.due(options, days, Path.cwd())
    if raw_csv:
        rendered = formats.as_csv(when, items, neutralise=False)
    else:
        rendered = formats.FORMATS[output_format](when, items)
    if output is None:
        sys.stdout.write(rendered)
    else:
        _write(output, rendered)
        print(f"wrote {len(items)} reviews to {output}")


MAX_SPAN_DAYS = 36_525  # 100 years of 365.25 days: the longest --within, in any unit
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30}


def _span_days(text: str) -> int:
    """``--within``'s span in days: a whole number of days, weeks (7 days) or months
    (30 days), ``60d``, ``8w``, ``3m``. Longer than 100 years (``MAX_SPAN_DAYS``), in
    whichever unit, or not such a span: a :class:`UsageError` (exit 2) saying which."""
    import re

    found = re.fullmatch(
        r"\s*([0-9]+)\s*(d|days?|w|weeks?|m|months?)\s*", text, re.IGNORECASE | re.ASCII
    )
    if found is None:
        raise UsageError(f"--within {text!r} is not a span such as 60d, 8w or 3m")
    digits = found.group(1).lstrip("0") or "0"
    per_unit = _UNIT_DAYS[found.group(2)[0].lower()]
    # more digits than the limit has cannot be within it (and int() refuses 4,301 digits)
    if len(digits) > len(str(MAX_SPAN_DAYS)) or int(digits) * per_unit > MAX_SPAN_DAYS:
        raise UsageError(f"--within {text.strip()} is longer than 100 years")
    return int(digits) * per_unit


baseline_app = typer.Typer(
    help="Record today's findings so that only new ones fail.", no_args_is_help=True
)
app.add_typer(baseline_app, name="baseline")


def _baseline(update: bool, options: Options) -> None:
    from collections import Counter

    from checker import api, baseline
    from checker.writes import ChangedMeanwhile, rewrite

    cwd = Path.cwd()
    session = api.open_session(options, cwd)
    report = api.check_session(session, options)
    policy = session.policy
    read = baseline.file_lines()
    relative = api.baseline_relative(policy, cwd)
    current = Counter(
        baseline.keys(report.diagnostics, relative, lambda p, n: read(str(cwd / p), n))
    )
    path = policy.config.base / baseline.BASELINE_NAME
    read_before = path.read_bytes() if path.is_file() and not path.is_symlink() else None
    if update:
        recorded = baseline.load(path)
        if recorded is None:
            raise UsageError(
                f"there is no {baseline.BASELINE_NAME} to update: run `edcheck baseline create`"
            )
        kept = recorded & current
        message = (
            f"kept {sum(kept.values())} finding(s), dropped {sum((recorded - kept).values())} fixed"
        )
        current = kept
    else:
        message = f"recorded {sum(current.values())} finding(s)"
    data = baseline.render(current, report.today).encode("utf-8")
    try:  # only if it still holds what was read (see checker/writes.py)
        rewrite(path, read_before, lambda _current: data)
    except ChangedMeanwhile:
        raise UsageError(
            f"{shown_path(path, cwd)} changed while edcheck was working; run it again"
        ) from None
    except OSError as error:
        raise UsageError(f"cannot write {shown_path(path, cwd)}: {error}") from None
    print(f"{message} in {shown_path(path, cwd)}")


@baseline_app.command("create")
def baseline_create(
    config: ConfigOption = None, today: TodayOption = None, pack: PackOption = None
) -> None:
    """Record every current finding; `check` and `ci` then show only new ones."""
    options = _options(config=config, today=today, pack=pack, baseline=False)
    _delivering("text", None, options.today)
    _baseline(False, options)


@baseline_app.command("update")
def baseline_update(
    config: ConfigOption = None, today: TodayOption = None, pack: PackOption = None
) -> None:
    """Drop the recorded findings that have been fixed (new ones are not added)."""
    options = _options(config=config, today=today, pack=pack, baseline=False)
    _delivering("text", None, options.today)
    _baseline(True, options)


hook_app = typer.Typer(
    help="Install or remove the native git pre-commit hook.", no_args_is_help=True
)
app.add_typer(hook_app, name="hook")


@hook_app.command("install")
def hook_install(
    force: Annotated[
        bool, typer.Option("--force", help="Replace a hook edcheck did not write.")
    ] = False,
) -> None:
    """Write .git/hooks/pre-commit, which runs `edcheck check --staged`."""
    from checker import hooks

    path = hooks.install(Path.cwd(), force=force)
    print(f"installed {path}: commits of incomplete publishable articles are now blocked")


@hook_app.command("uninstall")
def hook_uninstall() -> None:
    """Remove the hook `edcheck hook install` wrote."""
    from checker import hooks

    print(f"removed {hooks.uninstall(Path.cwd())}")


@app.command()
def explain(
    rule: Annotated[str, typer.Argument(help="A rule id, e.g. review-date-required.")],
) -> None:
    """Explain one rule: what it checks, why, and a failing and a passing example."""
    from checker import catalogue

    print(catalogue.explain(rule), end="")


@app.command()
def init(
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing .edcheck.yaml.")
    ] = False,
) -> None:
    """Write a commented starter .edcheck.yaml in the current folder."""
    from checker import starter

    path = starter.write(Path.cwd(), force=force)
    print(f"wrote {path.name}: edit the content roots, then run `edcheck check`")


def _is_click_error(error: BaseException) -> bool:
    return callable(getattr(error, "show", None)) and isinstance(
        getattr(error, "exit_code", None), int
    )


def _crash_folder() -> Path:
    """The user's own state folder for crash logs (``$XDG_STATE_HOME/edcheck``, else
    ``~/.local/state/edcheck``), made private; the temporary folder if that fails."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    folder = Path(base) / "edcheck"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if folder.is_symlink() or not folder.is_dir():
            raise OSError("not a folder")
        return folder
    except OSError:
        return Path(tempfile.gettempdir())


def _reported(error: BaseException) -> BaseException:
    """The exception a crash report names. A framework that fails while annotating the
    real exception (typer sets an attribute on it, which a frozen ``attrs`` exception,
    such as those of ``referencing``, refuses with ``FrozenInstanceError``) raises an
    ``AttributeError`` outside edcheck's code: the real exception is its context."""
    context = error.__context__
    if not isinstance(error, AttributeError) or not isinstance(context, Exception):
        return error
    frame = error.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    own = str(Path(__file__).resolve().parent)
    inside = frame is not None and frame.tb_frame.f_code.co_filename.startswith(own)
    return error if inside else context


def _crash(error: BaseException) -> int:
    """Report a bug: one line on stderr naming the exception and a private log holding
    the traceback; returns 3. It never fails itself: whatever goes wrong while reporting
    (an exception that cannot be formatted, a log that cannot be written, a closed
    stderr) leaves a shorter report, never a second traceback."""
    name = "Exception"
    where = "the details could not be saved"
    try:
        name = type(_reported(error)).__name__
        stamp = time.strftime("%Y%m%d-%H%M%S")
        text = (
            f"edcheck {version()}, Python {sys.version.split()[0]}\nargv: {sys.argv!r}\n\n"
            + "".join(traceback.format_exception(error))
        )
        # a new file with a name nobody can guess (O_CREAT|O_EXCL, mode 0600): another
        # local user cannot plant a link for edcheck to write through
        handle, path = tempfile.mkstemp(
            prefix=f"edcheck-crash-{stamp}-", suffix=".log", dir=_crash_folder()
        )
        with os.fdopen(handle, "w", encoding="utf-8", errors="replace") as log:
            log.write(text)
        where = f"the details are in {path}"
    except Exception:  # the report of a bug must not fail in turn
        pass
    with contextlib.suppress(Exception):  # stderr closed or broken: the exit code remains
        print(
            f"edcheck: internal error ({name}); please report it with the log: {where}",
            file=sys.stderr,
        )
    return 3


def _config_invalid(error: UsageError) -> int:
    """Report a broken configuration, rule pack, schema, registry or site file the same
    way in every command: one ``config-invalid`` finding on that file (its line and
    column), in the command's report format (check, ci), as the JSON contract's report
    (any command's ``--format json``), or else as the finding's text line on stderr.
    Exit code 2."""
    from checker import api
    from checker.reporters import REPORTERS, text

    chosen = _delivery
    report = api.config_report(error, chosen.today)
    try:
        if chosen.reports:
            _deliver(report, chosen.output_format, chosen.output)
            return 2
        if chosen.output_format == "json":
            rendered = REPORTERS["json"](report, False)
            if chosen.output is None:
                sys.stdout.write(rendered)
                return 2
            _write(chosen.output, rendered)
    except UsageError as failure:  # the report itself cannot be written
        _say(f"edcheck: error: {failure}", file=sys.stderr)
    for item in report.diagnostics:
        sys.stderr.write(text.line(item, False) + "\n")
    return 2


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (the one error handler).

    Usage errors and git failures are one line on stderr, exit code 2; a broken
    configuration file is a ``config-invalid`` finding on that file (see
    :func:`_config_invalid`), exit code 2; anything else is a bug: exit code 3, with a
    crash log."""
    _delivering("text")
    try:
        # Outside standalone mode, click returns a command's ``typer.Exit`` code.
        result = app(args=argv, prog_name="edcheck", standalone_mode=False)
    except typer.Exit as done:
        return done.exit_code
    except UsageError as error:  # it may name a file or quote a value
        if error.path is not None:
            return _config_invalid(error)
        _say(f"edcheck: error: {error}", file=sys.stderr)
        return 2
    except GitFailure as failure:  # git's own reason, not a bug of edcheck's
        _say(f"edcheck: error: git failed: {failure}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("edcheck: interrupted", file=sys.stderr)
        return 130
    except typer.Abort:
        print("edcheck: aborted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as error:
        if _is_click_error(error):
            error.show()  # type: ignore[attr-defined]
            return int(error.exit_code)  # type: ignore[attr-defined]
        return _crash(error)
    except (SystemExit, GeneratorExit):
        raise
    except BaseException as error:  # a panic in a Rust extension (pyo3's PanicException)
        return _crash(error)
    return result if isinstance(result, int) else 0
