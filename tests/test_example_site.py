"""The bundled example site: exactly the findings an editor should see."""

from __future__ import annotations

from tests.conftest import ROOT, TODAY, Run

SITE = "examples/site/content"

EXPECTED = [
    (f"{SITE}/articles/mindfulness-basics.md", 11, 3, "review-overdue"),
    (f"{SITE}/articles/talking-therapies.md", 11, 3, "review-due-soon"),
    (f"{SITE}/reviews/how-connections-heal.md", 7, 1, "author-required"),
    (f"{SITE}/reviews/how-connections-heal.md", 8, 1, "published-date-required"),
    (f"{SITE}/reviews/how-connections-heal.md", 12, 3, "book-details"),
    (f"{SITE}/reviews/how-connections-heal.md", 23, 3, "review-date-required"),
    (f"{SITE}/reviews/how-connections-heal.md", 27, 8, "empty-placeholder"),
    (f"{SITE}/reviews/rooms-of-the-mind.md", 7, 1, "rating-range"),
    (f"{SITE}/reviews/rooms-of-the-mind.md", 12, 3, "isbn-invalid"),
]


def test_example_site(run: Run) -> None:
    result = run(
        "check",
        "--config",
        "examples/site/.edcheck.yaml",
        "--today",
        TODAY,
        "--format",
        "json",
        cwd=ROOT,
    )
    assert result.code == 1
    assert result.json["files_checked"] == 11
    assert result.json["summary"] == {"errors": 8, "warnings": 1}
    assert result.found() == EXPECTED


def test_example_site_from_inside(run: Run) -> None:
    result = run("check", "--today", TODAY, "--format", "json", cwd=ROOT / "examples" / "site")
    assert [(path.removeprefix("content/"), *rest) for path, *rest in result.found()] == [
        (path.removeprefix(f"{SITE}/"), *rest) for path, *rest in EXPECTED
    ]


def test_the_seed_page_is_blocked_for_the_reasons_it_slipped_through(run: Run) -> None:
    result = run(
        "check",
        "--config",
        "examples/site/.edcheck.yaml",
        "--today",
        TODAY,
        "--format",
        "json",
        f"{SITE}/reviews/how-connections-heal.md",
        cwd=ROOT,
    )
    messages = {item["rule"]: item["message"] for item in result.json["diagnostics"]}
    assert messages == {
        "author-required": "author is blank: add who wrote the page",
        "published-date-required": "published is blank: add the date the page was first published (YYYY-MM-DD)",
        "book-details": "book.editors or book.authors is blank: a review must say which book it reviews",
        "review-date-required": "reviewed.on is blank: add the date of the last clinical review (YYYY-MM-DD)",
        "empty-placeholder": 'unfilled placeholder "by ,": fill in the missing words',
    }
