"""The pull-request gate: judge what a pull request changes, by the base branch's policy,
with the checks only git history allows (``edcheck ci``)."""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Literal

from checker.api import rule_infos
from checker.config import CONFIG_NAME, LoadedConfig, load_config
from checker.diagnostics import Diagnostic, Severity
from checker.documents import DocumentProblem, body_fingerprint, parse_document
from checker.errors import UsageError
from checker.git import Change, Repository
from checker.lines import split_lines
from checker.packs import builtin_packs
from checker.paths import shown_path
from checker.people import person_key
from checker.pipeline import Options, Page, Session, judge
from checker.policy import Policy
from checker.record import EditorialRecord, build_record
from checker.report import Report
from checker.resources import builtin_names
from checker.sites import HUGO_CONFIGS, MARKERS, MAX_SECTIONS, section_page


@dataclass(frozen=True)
class GateOptions:
    base: str
    head: str = "HEAD"
    policy_from: Literal["base", "head"] = "base"
    checks: Options = field(default_factory=Options)


@dataclass(frozen=True)
class PolicySource:
    """The policy files of one commit, written to a temporary folder to be loaded."""

    config: LoadedConfig
    files: frozenset[str]  # repository paths of the policy files
    folder: str  # the config's folder, relative to the repository root ("" = root)


def run_gate(options: GateOptions, cwd: Path) -> Report:
    repo = Repository(cwd)
    today = options.checks.today or date.today()
    head = repo.resolve(options.head, "head")
    base = repo.resolve(options.base, "base")
    merge_base = repo.merge_base(base, head)
    changes = repo.changes(merge_base, head)
    policy_commit = merge_base if options.policy_from == "base" else head
    with tempfile.TemporaryDirectory(prefix="edcheck-policy-") as scratch:
        source = _policy_files(repo, policy_commit, Path(scratch), options.checks.config)
        checks = options.checks
        policy = Policy(
            source.config, select=checks.select, ignore=checks.ignore, packs=checks.packs
        )
        judge = _Gate(repo, policy, source, merge_base, head, today, cwd)
        for change in changes:
            judge.consider(change)
        recorded = _recorded(repo, policy_commit, source.folder) if checks.baseline else None
    notes = [*policy.notes, *judge.notes]
    if recorded is not None:
        from checker import baseline

        judge.diagnostics, still = baseline.split(
            judge.diagnostics,
            recorded,
            lambda shown: judge.relative_of.get(shown, shown),
            judge.line_text,
        )
        if still:
            notes.append(
                f"{still} finding(s) recorded in {baseline.BASELINE_NAME} still present, not shown"
            )
    if options.policy_from == "head":
        notes.insert(0, "policy read from the pull request itself (--policy-from head)")
    judge.diagnostics.sort(key=Diagnostic.place)
    return Report(
        today=today,
        files_checked=len(judge.files),
        diagnostics=judge.diagnostics,
        notes=notes,
        files=judge.files,
        rules=rule_infos(policy),
    )


def _policy_files(
    repo: Repository, commit: str, scratch: Path, config_option: str | None
) -> PolicySource:
    """Write the config, its packs and its schemas as they are at ``commit`` into ``scratch``."""
    config_path = PurePosixPath(config_option or CONFIG_NAME)
    if config_path.is_absolute() or ".." in config_path.parts:
        raise UsageError(f"--config {config_option!r} must be a path inside the repository")
    folder = config_path.parent.as_posix() if config_path.parent != PurePosixPath(".") else ""
    base = scratch / folder
    base.mkdir(parents=True, exist_ok=True)
    site_files = _site_files(repo, commit, scratch, folder)
    raw = repo.read(commit, config_path.as_posix())
    if raw is None:
        if config_option:
            raise UsageError(f"{config_option} is not in the policy commit {commit[:12]}")
        config = load_config(None)
        return PolicySource(
            LoadedConfig(config.config, None, None, base),
            frozenset({CONFIG_NAME, *site_files}),
            "",
        )
    written = scratch / config_path
    written.write_bytes(raw)
    config = load_config(written, config_path.as_posix())
    files = {config_path.as_posix(), *site_files}
    wanted = [config.config.reviewers] if config.config.reviewers else []
    for policy in config.types.values():
        if policy.schema_ not in builtin_names("schemas", ".schema.json"):
            wanted.append(policy.schema_)
        wanted += [pack for pack in policy.packs if pack not in builtin_packs()]
    for name in dict.fromkeys(wanted):
        relative = PurePosixPath(folder, name) if folder else PurePosixPath(name)
        if ".." in relative.parts or relative.is_absolute():
            continue  # the policy loader reports it as outside the repository
        siblings = repo.folder(commit, relative.parent.as_posix()) if name.endswith(".json") else []
        for path in {relative.as_posix(), *(p for p in siblings if p.endswith(".json"))}:
            data = repo.read(commit, path)
            if data is not None:
                target = scratch / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                files.add(path)
    return PolicySource(
        LoadedConfig(config.config, config.path, config.shown, base, config.positions),
        frozenset(files),
        folder,
    )


def _site_files(repo: Repository, commit: str, scratch: Path, folder: str) -> set[str]:
    """The site generator's own configuration as it is at ``commit`` (config/tech-docs.yml,
    _config.yml, hugo.toml, Hugo's section pages with their cascades): part of the policy,
    written into ``scratch`` so that the policy is read from there too."""
    prefix = f"{folder}/" if folder else ""
    found: set[str] = set()
    for _, marker in MARKERS:
        data = repo.read(commit, prefix + marker)
        if data is not None:
            _put(scratch / (prefix + marker), data)
            found.add(prefix + marker)
    if any(path[len(prefix) :] in HUGO_CONFIGS for path in found):
        files = repo.tree_files(commit, folder)
        for path in [path for path in files if section_page(path)][:MAX_SECTIONS]:
            data = repo.read(commit, path)
            if data is not None:
                _put(scratch / path, data)
                found.add(path)
        for path in files:  # the content folders, which mark a Hugo site's root
            top = path[len(prefix) :].split("/", 1)[0]
            if "/" in path[len(prefix) :]:
                (scratch / (prefix + top)).mkdir(parents=True, exist_ok=True)
    return found


def _put(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _recorded(repo: Repository, commit: str, folder: str) -> Counter[tuple[str, str, str]] | None:
    """The baseline as the policy commit holds it."""
    import json

    from checker import baseline

    raw = repo.read(
        commit, f"{folder}/{baseline.BASELINE_NAME}" if folder else baseline.BASELINE_NAME
    )
    if raw is None:
        return None
    try:
        findings = json.loads(raw)["findings"]
        return Counter(
            (item["path"], item["rule"], item["fingerprint"])
            for item in findings
            for _ in range(int(item.get("count", 1)))
        )
    except (ValueError, KeyError, TypeError):
        raise UsageError(
            f"{baseline.BASELINE_NAME} at the base is not an edcheck baseline"
        ) from None


class _Gate:
    def __init__(  # noqa: PLR0917
        self,
        repo: Repository,
        policy: Policy,
        source: PolicySource,
        base: str,
        head: str,
        today: date,
        cwd: Path,
    ) -> None:
        self.repo = repo
        self.policy = policy
        self.source = source
        self.base = base
        self.head = head
        self.today = today
        self.cwd = cwd
        self.diagnostics: list[Diagnostic] = []
        self.notes: list[str] = []
        self.files: list[str] = []
        self._authors: dict[str, set[str]] | None = None
        self.relative_of: dict[str, str] = {}
        self._texts: dict[str, list[str]] = {}

    def line_text(self, shown: str, line: int) -> str:
        lines = self._texts.get(shown, [])
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def shown(self, path: str) -> str:
        return shown_path(self.repo.root / path, self.cwd)

    def add(self, rule: str, shown: str, position: tuple[int, int], message: str) -> None:
        severity = self.policy.ci_severity(rule)
        if severity is not None:
            self.diagnostics.append(
                Diagnostic(shown, position[0], position[1], rule, severity, message)
            )

    def consider(self, change: Change) -> None:
        touched = {change.path, change.old_path} & self.source.files
        for path in sorted(name for name in touched if name):
            self.add(
                "policy-changed",
                self.shown(path),
                (1, 1),
                f"this pull request changes the editorial policy ({path}); it is judged by the "
                "base branch's policy, so have an editor approve the change",
            )
        if change.status == "D":
            self.notes.append(f"{self.shown(change.path)}: deleted")
            return
        relative = self._relative(change.path)
        if relative is None or not self.policy.include(relative) or self.policy.exclude(relative):
            return
        shown = self.shown(change.path)
        self.files.append(shown)
        raw = self.repo.read(self.head, change.path)
        if raw is None:
            return
        self.relative_of[shown] = relative
        self._texts[shown] = split_lines(raw.decode("utf-8-sig", errors="replace"))
        session = Session(self.today, self.policy, self.cwd)
        judged = judge(session, Page(shown, relative, Path(change.path), raw))
        self.diagnostics.extend(judged.diagnostics)
        record = judged.record
        if record is None or not record.is_article:
            return
        before = self._before(change, relative)
        self._workflow(record, before, judged.diagnostics)
        self._renewal(record, before)
        self._self_review(record, change.path)

    def _relative(self, path: str) -> str | None:
        folder = self.source.folder
        if not folder:
            return path
        prefix = folder + "/"
        return path[len(prefix) :] if path.startswith(prefix) else None

    def _before(self, change: Change, relative: str) -> EditorialRecord | None:
        raw = self.repo.read(self.base, change.old_path or change.path)
        if raw is None:
            return None
        try:
            document = parse_document(raw, Path(change.path), "", self.policy.max_file_size)
        except DocumentProblem:
            return None
        if document.front is None:
            return None
        return build_record(document, relative, self.policy.model)

    def _workflow(
        self, after: EditorialRecord, before: EditorialRecord | None, found: list[Diagnostic]
    ) -> None:
        if self.policy.model.fields.get("status") is None:
            return  # the site keeps no workflow status (tech-docs)
        workflow = self.policy.config.config.workflow
        status = after.status
        where = after.position("status")
        if before is None:
            errors = any(item.severity is Severity.ERROR for item in found)
            if status in workflow.start or (after.publishable and not errors):
                return
            allowed = ", ".join(workflow.start)
            self.add(
                "workflow-transition",
                after.document.shown,
                where,
                f"a new article may start as {allowed}, or as {status} only when it passes "
                "every rule",
            )
            return
        previous = before.status
        allowed_next = workflow.transitions.get(previous, [])  # type: ignore[call-overload]
        if status != previous and status not in allowed_next:
            options = ", ".join(allowed_next) or "nothing"
            self.add(
                "workflow-transition",
                after.document.shown,
                where,
                f"status changes from {previous} to {status}, which skips a step: from {previous} "
                f"the workflow allows {options}",
            )

    def _renewal(self, after: EditorialRecord, before: EditorialRecord | None) -> None:
        if before is None or after.status != "published":
            return
        if body_fingerprint(after.document.body) == body_fingerprint(before.document.body):
            return
        now, then = after.review.reviewed_on, before.review.reviewed_on
        if now is not None and (then is None or now > then):
            return
        key = after.key("reviewed_on")
        self.add(
            "review-not-renewed",
            after.document.shown,
            after.position("reviewed_on"),
            f"the text changed in this pull request but {key} did not move forward: have the "
            f"change reviewed and update {key}",
        )

    def _self_review(self, after: EditorialRecord, path: str) -> None:
        reviewers = after.reviewers
        if not reviewers:
            return
        if self._authors is None:
            self._authors = self.repo.authors(self.base, self.head)
        authors = self._authors.get(path, set())
        keys = {person_key(author) for author in authors} | {
            author.casefold() for author in authors
        }
        registry = self.policy.registry
        for reviewer in reviewers:
            registered = registry.find(reviewer) if registry else None
            emails = {email.casefold() for email in registered.emails} if registered else set()
            if person_key(reviewer) in keys or reviewer.strip().casefold() in keys or emails & keys:
                self.add(
                    "self-review",
                    after.document.shown,
                    after.position("reviewer"),
                    f"{reviewer} is named as the reviewer but also changed this article in the "
                    "pull request: peer review needs a second person",
                )
