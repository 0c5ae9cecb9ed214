"""How many published lessons each audience has in each topic: the table `thinksafe list` prints."""

from __future__ import annotations

from thinksafe.core.model.lessons import Lesson
from thinksafe.core.model.settings import SiteConfig

NO_TOPIC = "(no topic)"


def coverage_counts(lessons: list[Lesson], site: SiteConfig,
                    audience_ids: list[str]) -> dict[tuple[str, str], int]:
    """`{(topic id or NO_TOPIC, audience id): lessons}`; a lesson counts once in every topic it
    lists, so a column's cells can add up to more than its lessons."""
    counts = {(topic, audience): 0 for topic in [*site.topic_ids, NO_TOPIC] for audience in audience_ids}
    for lesson in lessons:
        for audience in lesson.audiences:
            if audience in audience_ids:
                for topic in lesson.topics or [NO_TOPIC]:
                    counts[(topic, audience)] += 1
    return counts


def coverage_table(lessons: list[Lesson], site: SiteConfig, audience_ids: list[str] | None = None) -> str:
    """A plain-text table, a row per topic and a column per audience, then the children's
    audiences' empty cells named (a children's section should have a lesson in every topic)."""
    audiences = [a for a in site.audiences if audience_ids is None or a.id in audience_ids]
    ids = [a.id for a in audiences]
    counts = coverage_counts(lessons, site, ids)
    topics = [(t.id, t.title) for t in site.topics]
    if any(counts[(NO_TOPIC, a)] for a in ids):
        topics.append((NO_TOPIC, "No topic"))
    totals = [str(sum(a.id in l.audiences for l in lessons)) for a in audiences]
    rows = [[title, *(str(counts[(topic, a)]) for a in ids)] for topic, title in topics]
    header = ["Topic", *ids]
    body = rows + [["Lessons in all", *totals]]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        return "  ".join(cells).rstrip()

    out = ["Coverage: published lessons per topic and audience", line(header),
           "  ".join("-" * width for width in widths)]
    out += [line(row) for row in rows]
    out.append(line(body[-1]))
    empty = [f"{a.title} × {title}" for a in audiences if a.children
             for topic, title in topics if topic != NO_TOPIC and counts[(topic, a.id)] == 0]
    out.append("No empty topic in a children's section." if not empty and any(a.children for a in audiences)
               else "" if not empty else "Empty in a children's section: " + "; ".join(empty))
    return "\n".join(line for line in out if line) + "\n"
