"""`reviewed` and `sources` (SPEC §4): read, checked with file/line/key/fix, shown to adults, and
the warning for a review that is missing or too old; the coverage table of `thinksafe list`."""

from __future__ import annotations

import datetime

import pytest

from thinksafe.core.checks.coverage import coverage_counts, coverage_table
from thinksafe.core.model.lessons import Lesson, load_lessons
from thinksafe.core.model.provenance import (
    Source,
    months_before,
    parse_max_age,
    provenance_html,
    review_problems,
)
from thinksafe.core.model.settings import SiteConfig

TODAY = datetime.date(2026, 11, 30)
CHILDREN = {"8-10", "11-13"}


def load(tmp_path, front: str):
    target = tmp_path / "content" / "lessons" / "x.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("---\ntitle: T\nsummary: S\naudiences: [parents]\n" + front + "---\nBody\n",
                      encoding="utf-8")
    return load_lessons(tmp_path / "content", ["lessons/x.md"], SiteConfig(), shown_as="content")


def only(problems):
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


@pytest.mark.parametrize("written", ["2026-11-01", "'2026-11-01'", '"2026-11-01"'])
def test_a_date_is_read_written_plain_or_quoted(tmp_path, written):
    [lesson], problems = load(tmp_path, f"reviewed: {written}\n"
                                        "sources:\n  - title: A guide\n    url: https://example.org/guide\n")
    assert problems == []
    assert lesson.reviewed == "2026-11-01" and lesson.reviewed_line == 5
    assert lesson.sources == [Source("A guide", "https://example.org/guide")]


@pytest.mark.parametrize("written, says", [
    ("2026-02-30", "'2026-02-30' is not a date in the calendar"),
    ("2026-13-01", "'2026-13-01' is not a date in the calendar"),
    ("30/11/2026", "got text '30/11/2026'"),
    ("November 2026", "got text 'November 2026'"),
    ("2026-11-30 10:00:00", "got text '2026-11-30 10:00:00'"),
    ("20261130", "got a number 20261130"),
    ("", "got nothing"),
])
def test_a_bad_date_is_named_with_file_line_key_and_the_form_expected(tmp_path, written, says):
    lessons, problems = load(tmp_path, f"reviewed: {written}\n")
    problem = only(problems)
    assert lessons == []  # a broken lesson stops the build; it never vanishes silently
    assert (problem.path, problem.line, problem.key) == ("content/lessons/x.md", 5, "reviewed")
    assert says in problem.message
    assert problem.expected == "a date written YYYY-MM-DD, such as 2026-11-30"


def test_a_date_in_the_future_is_an_error(tmp_path):
    future = (datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=3)).isoformat()
    problem = only(load(tmp_path, f"reviewed: {future}\n")[1])
    assert problem.key == "reviewed" and f"{future} is in the future" in problem.message


def test_a_date_object_from_another_loader_is_accepted():
    from thinksafe.core.model.provenance import check_reviewed
    found = []
    assert check_reviewed(datetime.date(2026, 1, 2), lambda *a: found.append(a), TODAY) == "2026-01-02"
    assert check_reviewed(datetime.datetime(2026, 1, 2, 9), lambda *a: found.append(a), TODAY) is None
    assert "write the date alone: 'reviewed: 2026-01-02'" in found[0][3]


@pytest.mark.parametrize("url, says, fix", [
    ("http://example.org/a", "'http://example.org/a' is not a secure (https) address",
     "write 'https://example.org/a'"),
    ("www.example.org/a", "'www.example.org/a' is not a web address", "address bar"),
    ("javascript:alert(1)", "'javascript:alert(1)' is not a web address", "address bar"),
    ("https://localhost/a", "'https://localhost/a' is not a web address", "address bar"),
    ("../help.md", "'../help.md' is not a web address", "address bar"),
])
def test_a_source_address_must_be_https(tmp_path, url, says, fix):
    problem = only(load(tmp_path, f"sources:\n  - title: A guide\n    url: '{url}'\n")[1])
    assert (problem.key, problem.line) == ("sources[0].url", 5)
    assert problem.message == says and fix in problem.suggestion
    assert problem.expected == "a full web address starting with https://"


def test_an_unknown_key_inside_a_source_is_named_with_did_you_mean(tmp_path):
    problems = load(tmp_path, "sources:\n  - title: A\n    url: https://example.org/\n"
                              "  - titel: B\n    url: https://example.org/b\n")[1]
    messages = [str(p) for p in problems]
    assert "content/lessons/x.md:5: sources[1].titel: is not a setting of a source; expected one of " \
           "'title', 'url'; did you mean 'title'?" in messages
    assert "content/lessons/x.md:5: sources[1].title: is missing; expected the page's or document's " \
           "name, as text" in messages
    assert len(problems) == 2


@pytest.mark.parametrize("front, key, says", [
    ("sources: https://example.org/\n", "sources", "got text"),
    ("sources: []\n", "sources", "is an empty list"),
    ("sources:\n  - https://example.org/\n", "sources[0]", "got text"),
    ("sources:\n  - title: A\n", "sources[0].url", "is missing"),
])
def test_a_malformed_sources_list_is_named(tmp_path, front, key, says):
    problem = only(load(tmp_path, front)[1])
    assert problem.key == key and says in problem.message and problem.line == 5


def test_every_mistake_of_a_lesson_is_named_at_once(tmp_path):
    problems = load(tmp_path, "reviewed: 2026-02-31\nsources:\n  - {title: A, url: 'http://a.org/', link: x}\n")[1]
    assert sorted(p.key for p in problems) == ["reviewed", "sources[0].link", "sources[0].url"]


def test_the_block_names_month_and_year_and_marks_each_link_as_leaving():
    html = provenance_html("2026-11-30", [Source("UKCIS <guidance>", "https://example.org/a?b=1&c=2")],
                           leaving_html="<span>(goes to another website)</span>")
    assert '<h2 id="ts-provenance-title">Where this advice comes from</h2>' in html
    assert 'Checked <time datetime="2026-11-30">November 2026</time> against these sources.' in html
    assert ('<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">UKCIS &lt;guidance&gt;'
            "<span>(goes to another website)</span></a>") in html
    assert provenance_html(None, []) == ""
    assert "Checked" not in provenance_html(None, [Source("A", "https://a.org/")])


def adult(reviewed=None, audiences=("parents",), line=6):
    return Lesson(slug="x", src="lessons/x.md", path="content/lessons/x.md", title="X", summary="S",
                  audiences=list(audiences), reviewed=reviewed, reviewed_line=line if reviewed else None)


def test_a_lesson_for_adults_without_a_date_is_warned_of():
    problem = only(review_problems([adult()], CHILDREN, 12, TODAY))
    assert problem.severity == "warning" and problem.key == "reviewed" and problem.line == 1
    assert problem.message.startswith("is missing")
    # A children's lesson shows no date: none is asked of it.
    assert review_problems([adult(audiences=["8-10", "11-13"])], CHILDREN, 12, TODAY) == []
    assert len(review_problems([adult(audiences=["8-10", "teachers"])], CHILDREN, 12, TODAY)) == 1


def test_a_review_older_than_the_setting_is_warned_of_on_its_line():
    assert review_problems([adult("2025-11-30")], CHILDREN, 12, TODAY) == []  # twelve months to the day
    problem = only(review_problems([adult("2025-11-29")], CHILDREN, 12, TODAY))
    assert (problem.severity, problem.key, problem.line) == ("warning", "reviewed", 6)
    assert problem.message == "2025-11-29 is more than 12 months ago"
    assert problem.expected == "a check on or after 2025-11-30"
    assert "review_max_age_months" in problem.suggestion
    # Children's lessons that carry a date are held to it too.
    assert len(review_problems([adult("2024-01-01", audiences=["8-10"])], CHILDREN, 12, TODAY)) == 1
    assert len(review_problems([adult("2026-06-01")], CHILDREN, 3, TODAY)) == 1
    assert review_problems([adult("2001-01-01"), adult()], CHILDREN, 0, TODAY) == []  # 0: off


def test_months_before_keeps_to_the_calendar():
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2024, 3, 31), 1) == datetime.date(2024, 2, 29)
    assert months_before(datetime.date(2026, 1, 15), 13) == datetime.date(2024, 12, 15)


@pytest.mark.parametrize("value, ok", [(None, 12), (6, 6), (0, 0)])
def test_the_age_setting_reads_whole_months(value, ok):
    assert parse_max_age(value, "mkdocs.yml") == (ok, [])


@pytest.mark.parametrize("value", [-1, "twelve", True, 1.5])
def test_a_bad_age_setting_is_named(value):
    _age, [problem] = parse_max_age(value, "mkdocs.yml")
    assert problem.path == "mkdocs.yml" and problem.key == "plugins.thinksafe.review_max_age_months"
    assert "0 turns the check off" in problem.expected


def pupil(slug, audiences, topics):
    return Lesson(slug=slug, src=f"lessons/{slug}.md", path="", title=slug, summary="S",
                  audiences=list(audiences), topics=list(topics))


def test_coverage_counts_each_lesson_in_each_of_its_topics_and_audiences():
    lessons = [pupil("a", ["8-10", "11-13"], ["online-bullying", "online-reputation"]),
               pupil("b", ["8-10"], ["online-bullying"]), pupil("c", ["parents"], [])]
    site = SiteConfig()
    counts = coverage_counts(lessons, site, site.audience_ids)
    assert counts[("online-bullying", "8-10")] == 2 and counts[("online-reputation", "11-13")] == 1
    assert counts[("(no topic)", "parents")] == 1 and counts[("copyright-and-ownership", "8-10")] == 0
    table = coverage_table(lessons, site)
    lines = table.splitlines()
    assert lines[1].split() == ["Topic", "8-10", "11-13", "parents", "teachers"]
    assert lines[2 + 4].split() == ["Online", "bullying", "2", "1", "0", "0"]  # the fourth topic
    assert "No topic" in table and lines[-2].split()[-4:] == ["2", "1", "1", "0"]
    assert lines[-1].startswith("Empty in a children's section: Ages 8–10 × Self-image and identity;")
    assert "Ages 11–13 × Online relationships" in lines[-1]
    only_teens = coverage_table(lessons, site, ["11-13"])
    assert only_teens.splitlines()[1].split() == ["Topic", "11-13"] and "8–10" not in only_teens
