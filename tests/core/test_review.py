"""Reading level and Markdown accessibility lint, from the core."""

from __future__ import annotations

from thinksafe.core.checks.mdlint import lint
from thinksafe.core.checks.review import review_lessons
from thinksafe.core.model.lessons import Lesson
from thinksafe.core.model.settings import SiteConfig
from thinksafe.core.reading.readability import prose, reading

HARD = ("Notwithstanding the considerable complexity inherent in contemporary telecommunications "
        "infrastructure, individuals should systematically evaluate the authenticity of unsolicited "
        "communications before disclosing identifying information to unfamiliar correspondents. ")


def lesson(body, audiences=("8-10",)):
    return Lesson(slug="x", src="lessons/x.md", path="content/lessons/x.md", title="X", summary="S",
                  audiences=list(audiences), body=body, body_line=7)


def test_prose_leaves_out_headings_code_tables_html_and_link_targets():
    text = prose("## A heading\n\nRead [the guide](https://example.org/very/long/path).\n\n"
                 "```\ncode here\n```\n\n| a | b |\n|---|---|\n| c | d |\n\n<div>html</div>\n\n"
                 "- first item\n- second item\n")
    assert text == "Read the guide. first item. second item."


def test_easy_text_reads_low_and_hard_text_high():
    assert reading("The cat sat on the mat. It was warm. We like cats.").grade < 3
    hard = reading(HARD * 3)
    assert hard.grade > 12 and len(hard.longest) == 3


def test_a_hard_childrens_lesson_is_warned_with_grade_ceiling_and_sentences():
    [problem] = review_lessons([lesson(HARD * 2 + "Be kind.")], SiteConfig())
    assert problem.severity == "warning" and problem.key == "(reading level)"
    assert "above the ceiling of 5 for Ages 8–10" in problem.message
    assert problem.suggestion.count("“") == 3 and "Notwithstanding" in problem.suggestion


def test_the_strictest_ceiling_applies_and_adult_lessons_are_not_measured():
    assert review_lessons([lesson(HARD, ("parents",))], SiteConfig()) == []
    [problem] = review_lessons([lesson(HARD, ("11-13", "8-10"))], SiteConfig())
    assert "ceiling of 5" in problem.message


def test_lint_finds_each_accessibility_mistake_with_its_line():
    body = "\n".join([
        "Intro.",                                   # 7
        "![](padlock.png)",                         # 8
        "#### Too deep",                            # 9
        "Find out more [here](other.md).",          # 10
        "Visit [https://example.org](https://example.org).",  # 11
        "Or <https://example.org>.",                # 12
        '<img src="a.png">',                        # 13
        "```",
        "![](in-code-is-fine.png) [here](x.md)",
        "```",
    ])
    found = {(f.line, f.key) for f in lint(body, first_line=7)}
    assert found == {(8, "(image)"), (9, "(heading)"), (10, "(link text)"), (11, "(link text)"),
                     (12, "(link text)"), (13, "(image)")}


def test_lint_passes_good_markdown():
    body = "## Start\n\n### Then\n\n![A padlock](p.png) Read [Childline's website](https://x.org).\n\n## End\n"
    assert lint(body) == []


def test_links_to_drafts_are_found_on_their_lines_and_no_others():
    from thinksafe.core.checks.review import review_links
    from thinksafe.core.model.navigation import SiteModel

    body = "\n".join([
        "Intro with no link.",                                      # 7
        "Read [the draft](draft.md) and [it again]( <draft.md> ).",  # 8
        "A [published one](x.md), (brackets) and ] ( apart.",       # 9
        "```",
        "[in code](draft.md)",                                      # 11: code is not a link
        "```",
        "And `[in a code span](draft.md)`.",                        # 13: nor is this
    ])
    draft = Lesson(slug="draft", src="lessons/draft.md", path="content/lessons/draft.md", title="D",
                   summary="S", audiences=["8-10"], draft=True)
    files = frozenset({"lessons/x.md", "lessons/draft.md"})
    problems = review_links(SiteModel(SiteConfig(), [lesson(body)], drafts=[draft]), files)
    assert [str(p) for p in problems] == [
        f"content/lessons/x.md:{line}: (link): 'draft.md' leads to content/lessons/draft.md, a draft that is "
        "left out of the site; expected a link to a published lesson; publish that lesson or remove the link"
        for line in (8, 8)]


def test_links_that_lead_nowhere_are_named_and_every_working_kind_is_not():
    from thinksafe.core.checks.review import review_links
    from thinksafe.core.model.navigation import SiteModel

    good = [  # files, lessons, folders, and the pages and packs ThinkSafe makes
        "[a](passwords/index.md)", "[b](passwords/)", "[c](../index.md)", "[d](pics/cat.png)", "[e](pics/)",
        "[f](../8-10/index.md)", "[g](../8-10/)", "[h](../help.md)", "[i](../help/)",
        "[j](../8-10/x.md)", "[k](../8-10/x/)", "[l](../teachers/packs.md)", "[m](../packs/x.zip)",
        "[n](../catalog.json)", "[o](https://example.org/nope.md)", "[p](#top)", "[q](/absolute.md)",
        "[r](mailto:a@example.org)", "[s](passwords/index.md#part)", "[t](<pics/big cat.png>)",
        "[u](pics/big%20cat.png)", "[v]: x.md", "[w](../)", "[^1]: A footnote, not a link.",
    ]
    bad = ["[typo](pasword.md)", "![gone](pics/dog.png)", "[w]: missing.md", "[out](../../README.md)"]
    body = "\n".join(good + bad)  # lines 7 to 30, then 31 to 34
    passwords = Lesson(slug="passwords", src="lessons/passwords/index.md",
                       path="content/lessons/passwords/index.md", title="P", summary="S", audiences=["8-10"])
    files = frozenset({"index.md", "lessons/x.md", "lessons/passwords/index.md", "lessons/pics/cat.png",
                       "lessons/pics/big cat.png"})
    problems = review_links(SiteModel(SiteConfig(), [lesson(body), passwords]), files)
    assert [(p.line, p.severity) for p in problems] == [(31, "warning"), (32, "warning"), (33, "warning"),
                                                        (34, "warning")]
    assert str(problems[0]) == (
        "content/lessons/x.md:31: (link): 'pasword.md' leads to content/lessons/pasword.md, which does not "
        "exist; expected a link to a lesson, a page or a file inside the content folder; "
        "did you mean 'passwords'?")
    assert "'pics/dog.png' leads to content/lessons/pics/dog.png, which does not exist" in str(problems[1])
    assert "'missing.md' leads to content/lessons/missing.md" in str(problems[2])
    assert str(problems[2]).endswith("check the name, or remove the link")  # 'x.md' is no hint
    assert "'../../README.md' leads out of the content folder" in str(problems[3])
