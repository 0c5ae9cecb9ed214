"""Help in the content: fill every lesson's placeholders, and find what is wrong with help
in the lessons and pages (placeholder mistakes, another country's numbers or services).

One function for the build and `thinksafe check`, so that one passes exactly when the
other does.
"""

from __future__ import annotations

from thinksafe.core.help import other_country as othercountry
from thinksafe.core.help import placeholders
from thinksafe.core.help.settings import HelpConfig
from thinksafe.core.model.lessons import Lesson
from thinksafe.core.problems import Problem, TextMemo, fresh


def fill_lessons(lessons: list[Lesson], help: HelpConfig) -> list[Problem]:
    """Fill each lesson's body in place (pages, packs and reading levels then see the filled
    text); return the placeholder mistakes. A body with a mistake keeps its placeholders."""
    problems = []
    for lesson in lessons:
        if "{{" not in lesson.body:
            continue
        body, found = placeholders.fill(lesson.body, help, lesson.path, lesson.body_line)
        problems += found
        lesson.body = body
    return problems


def help_problems(lessons: list[Lesson], pages: list[tuple[str, str, int]],
                  help: HelpConfig, memo: TextMemo = fresh) -> list[Problem]:
    """Placeholder mistakes in the pages (lessons: see fill_lessons), and a warning for
    prose anywhere that names another country's help. `memo`: a text's warnings, kept or found
    (it must key them by the help settings too)."""
    problems = placeholders.problems_in(pages, help)
    filled = [(path, placeholders.fill(text, help, path, line)[0], line) for path, text, line in pages]
    texts = [(lesson.path, lesson.body, lesson.body_line) for lesson in lessons] + filled
    return problems + othercountry.problems_in(texts, help, memo)
