"""Generate a deterministic ThinkSafe site with N lessons, for the benchmark.

Usage: python bench/generate.py OUT_DIR --lessons N [--seed S]
"""

from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
AUDIENCES = ["8-10", "11-13", "parents", "teachers"]
TOPICS = [
    "self-image-and-identity", "online-relationships", "online-reputation", "online-bullying",
    "managing-online-information", "health-wellbeing-and-lifestyle", "privacy-and-security",
    "copyright-and-ownership",
]
MARKDOWN_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]
FEATURES = ["navigation.tabs", "navigation.indexes", "navigation.footer"]
PRUNED_FEATURES = ["navigation.tabs", "navigation.indexes", "navigation.prune", "navigation.footer"]

SUBJECTS = [
    "passwords", "group chats", "photos", "game chat", "live streams", "friend requests",
    "screen time", "fake news", "adverts", "privacy settings", "location sharing", "memes",
    "online games", "video calls", "comments", "usernames", "downloads", "school work",
]
ACTORS = ["you", "a friend", "your class", "a grown-up you trust", "a stranger", "your parents",
          "a teacher", "an older cousin", "someone in a game", "a new follower"]
VERBS = ["share", "check", "report", "block", "save", "post", "change", "talk about", "think about",
         "look at", "ask about", "keep"]
OBJECTS = ["a photo", "your password", "a message", "your school name", "a link", "a video",
           "a screenshot", "your home address", "a comment", "the settings", "a nickname",
           "an invitation"]
CLAUSES = ["before you press send", "when something feels wrong", "if you are not sure",
           "even when it seems harmless", "because it can be copied", "so that you stay in control",
           "when a game asks for it", "after school", "at the weekend", "in a group chat",
           "without asking first", "once a month"]
HEADINGS = ["Why it matters", "What can go wrong", "What you can do", "Talk about it",
            "Try this", "Who can help", "Think before you post", "Key words", "Check what you know",
            "Questions to discuss"]
ADMONITIONS = [("tip", "Remember"), ("warning", "Be careful"), ("note", "Did you know?"),
               ("info", "For grown-ups")]


@dataclass
class Lesson:
    """One generated lesson: its front matter values and its Markdown body."""

    slug: str
    title: str
    summary: str
    audiences: list[str]
    topics: list[str]
    order: int
    body: str = ""


def slug(index: int) -> str:
    """The file name (without .md) of lesson number `index`."""
    return f"lesson-{index:05d}"


def sentence(rng: random.Random) -> str:
    """One plausible sentence of lesson text."""
    text = f"{rng.choice(ACTORS)} can {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(CLAUSES)}"
    if rng.random() < 0.3:
        text += f", and {rng.choice(ACTORS)} should {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, emphasis: bool = False) -> str:
    """A paragraph of two to four sentences, sometimes with bold or italic words."""
    text = " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))
    if emphasis:
        word = rng.choice(SUBJECTS)
        text += f" This is **important** for *{word}* too."
    return text


def bullet_list(rng: random.Random, ordered: bool) -> str:
    """A bulleted or numbered list of three to five short items."""
    items = [f"{rng.choice(VERBS).capitalize()} {rng.choice(OBJECTS)} {rng.choice(CLAUSES)}."
             for _ in range(rng.randint(3, 5))]
    return "\n".join(f"{i}. {item}" if ordered else f"- {item}" for i, item in enumerate(items, 1))


def admonition(rng: random.Random) -> str:
    """A Material admonition with one indented paragraph."""
    kind, title = rng.choice(ADMONITIONS)
    return f'!!! {kind} "{title}"\n\n    {sentence(rng)} {sentence(rng)}'


def body(rng: random.Random, link_target: str, subject: str) -> str:
    """A lesson body of roughly 300-600 words with headings, lists, a link and an admonition."""
    headings = rng.sample(HEADINGS, rng.randint(3, 4))
    blocks = [f"This lesson is about {subject}. {paragraph(rng)}"]
    for number, heading in enumerate(headings):
        blocks.append(f"## {heading}")
        blocks.append(paragraph(rng, emphasis=number == 0))
        if number == 0:
            blocks.append(bullet_list(rng, ordered=False))
        if number == 1:
            blocks.append(f"Read [the lesson on {rng.choice(SUBJECTS)}]({link_target}.md) next. "
                          + paragraph(rng))
            blocks.append(admonition(rng))
        if number == 2:
            blocks.append(bullet_list(rng, ordered=True))
        if rng.random() < 0.5:
            blocks.append(paragraph(rng))
    return "\n\n".join(blocks) + "\n"


def other_lesson(rng: random.Random, index: int, count: int) -> int:
    """A random lesson number other than `index` (itself when it is the only one)."""
    if count == 1:
        return index
    other = rng.randint(1, count - 1)
    return other + 1 if other >= index else other


def make_lessons(count: int, seed: int = 1) -> list[Lesson]:
    """`count` lessons, the same for the same seed, each linking to another lesson."""
    rng = random.Random(seed)
    lessons = []
    for index in range(1, count + 1):
        subject = rng.choice(SUBJECTS)
        lesson = Lesson(
            slug=slug(index),
            title=f"Lesson {index} about {subject}",
            summary=f"What to do about {subject} {rng.choice(CLAUSES)}.",
            audiences=rng.sample(AUDIENCES, rng.randint(1, 2)),
            topics=rng.sample(TOPICS, rng.randint(1, 2)),
            order=index,
        )
        lesson.body = body(rng, slug(other_lesson(rng, index, count)), subject)
        lessons.append(lesson)
    return lessons


def home_markdown() -> str:
    """The site's home page, linking to every audience's landing page."""
    links = "\n".join(f"- [Lessons for {a}]({a}/index.md)" for a in AUDIENCES)
    return f"# ThinkSafe\n\nOnline safety lessons for children, parents and teachers.\n\n{links}\n"


def site_config(features: list[str], plugins: list, nav: list | None = None,
                custom_dir: bool = False) -> dict:
    """The mkdocs.yml of a benchmark site; only features, plugins, nav and overrides vary."""
    theme = {"name": "material", "font": False, "features": features}
    if custom_dir:
        theme["custom_dir"] = str(REPO / "overrides")
    config = {"site_name": "ThinkSafe benchmark", "docs_dir": "content", "theme": theme,
              "extra": {"generator": False}, "plugins": plugins,
              "markdown_extensions": MARKDOWN_EXTENSIONS}
    if nav is not None:
        config["nav"] = nav
    return config


def write_site(site_dir: Path, config: dict, pages: dict[str, str]) -> None:
    """Write mkdocs.yml and every page under content/, replacing whatever was there."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    for src, text in pages.items():
        path = site_dir / "content" / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (site_dir / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def lesson_source(lesson: Lesson) -> str:
    """A lesson file as an author writes it: YAML front matter, then the body."""
    meta = {"title": lesson.title, "summary": lesson.summary, "audiences": lesson.audiences,
            "topics": lesson.topics, "order": lesson.order}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=None)
    return f"---\n{front}---\n{lesson.body}"


def write_thinksafe_site(site_dir: Path, lessons: list[Lesson], packs: bool = True) -> None:
    """The ThinkSafe site: lesson sources plus a home page, built by the thinksafe plugin.

    `packs=False` turns lesson packs off (`packs: false`), for packs.py's baseline.
    """
    pages = {"index.md": home_markdown()}
    pages.update({f"lessons/{l.slug}.md": lesson_source(l) for l in lessons})
    thinksafe = "thinksafe" if packs else {"thinksafe": {"packs": False}}
    config = site_config(PRUNED_FEATURES, ["search", thinksafe], custom_dir=True)
    write_site(site_dir, config, pages)


def main() -> None:
    """Write the ThinkSafe site for the command line's arguments."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lessons", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_thinksafe_site(args.out, make_lessons(args.lessons, args.seed))


if __name__ == "__main__":
    main()
