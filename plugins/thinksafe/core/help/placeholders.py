"""Help placeholders in content: `{{ emergency }}`, `{{ children_helpline.phone }}`, …

Authors never write a help number or a service's name; the build fills each placeholder
from the active help settings (the vocabulary is /work/shared/PLACEHOLDERS.md, documented
in docs/help.md). Code spans and code blocks are left alone. An unknown placeholder, or
one whose fact this country does not have and that has no `| fallback`, is an error that
names the file, the line and the fix.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from thinksafe.core.help.settings import KEY, HelpConfig, Service
from thinksafe.core.problems import Problem, did_you_mean, one_of

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][\w-]*)(?:\.([A-Za-z_][\w-]*))?\s*(?:\|([^}]*))?\}\}")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1", re.S)

SERVICE_ROLES = ["children_helpline", "adults_helpline", "report", "professionals_helpline"]
NAMES = ["emergency", "country"] + SERVICE_ROLES
FIELDS = {"children_helpline": ["phone", "text", "url"], "adults_helpline": ["phone", "text", "url"],
          "report": ["url", "phone"], "professionals_helpline": ["phone", "url"]}
VOCABULARY = NAMES + [f"{role}.{f}" for role in SERVICE_ROLES for f in FIELDS[role]]


def fill(text: str, help: HelpConfig, path: str = "", first_line: int = 1) -> tuple[str, list[Problem]]:
    """`text` (Markdown) with every placeholder outside code filled, and the problems found."""
    problems: list[Problem] = []
    out: list[str] = []
    in_fence: str | None = None
    for number, line in enumerate(text.splitlines(keepends=True), start=first_line):
        fence = _FENCE.match(line)
        if in_fence is not None:
            if fence and fence.group(1)[0] == in_fence[0] and len(fence.group(1)) >= len(in_fence):
                in_fence = None
            out.append(line)
            continue
        if fence:
            in_fence = fence.group(1)
            out.append(line)
            continue
        if "{{" not in line:
            out.append(line)
            continue
        out.append(_fill_line(line, help, path, number, problems))
    return "".join(out), problems


def problems_in(texts: list[tuple[str, str, int]], help: HelpConfig) -> list[Problem]:
    """The placeholder mistakes of (path, text, first line) texts, every one."""
    return [p for path, text, line in texts for p in fill(text, help, path, line)[1]]


def _fill_line(line: str, help: HelpConfig, path: str, number: int, problems: list) -> str:
    pieces, last = [], 0
    for span in _CODE_SPAN.finditer(line):  # code spans stay as they are
        pieces.append(_fill_prose(line[last:span.start()], help, path, number, problems))
        pieces.append(span.group(0))
        last = span.end()
    pieces.append(_fill_prose(line[last:], help, path, number, problems))
    return "".join(pieces)


def _fill_prose(text: str, help: HelpConfig, path: str, number: int, problems: list) -> str:
    def replace(match: re.Match) -> str:
        value, problem = value_of(match.group(1), match.group(2), match.group(3), help, path, number)
        if problem:
            problems.append(problem)
            return match.group(0)
        return value
    return PLACEHOLDER.sub(replace, text)


def value_of(name: str, field: str | None, fallback: str | None, help: HelpConfig,
             path: str = "", line: int | None = None) -> tuple[str, Problem | None]:
    """What one placeholder becomes (Markdown), or the problem with it."""
    written = name + (f".{field}" if field else "")
    if written not in VOCABULARY:
        return "", Problem(path, f"{{{{ {written} }}}}", "unknown help placeholder", one_of(VOCABULARY),
                           did_you_mean(written, VOCABULARY), line=line)
    fallback = fallback.strip() if fallback is not None else None
    if name == "emergency":
        return tel_markdown(help.emergency), None
    if name == "country":
        return help.country, None
    service = help.role(name)
    value = _service_value(service, field)
    if value:
        return value, None
    if fallback is not None:
        return fallback, None
    setting = f"{KEY}.roles.{name}" if service is None else f"{KEY}.services.{service.id}.{field}"
    what = f"name no {name}" if service is None else f"give '{service.id}' (the {name}) no {field}"
    return "", Problem(path, f"{{{{ {written} }}}}", f"this country's help settings {what}",
                       f"a fallback such as {{{{ {written} | words to use otherwise }}}}",
                       f"or set {setting} in mkdocs.yml", line=line)


def _service_value(service: Service | None, field: str | None) -> str:
    if service is None:
        return ""
    if field is None:
        return _escape(service.name)
    value = service.get(field)
    if not value:
        return ""
    if field == "phone":
        return tel_markdown(value)
    if field == "url":
        host = urlsplit(value).netloc
        return f"[{_escape(host[4:] if host.startswith('www.') else host)}]({value})"
    return _escape(str(value))


def tel_markdown(number: str) -> str:
    """A number as tap-to-call Markdown links: '112 or 999' is two of them."""
    links = []
    for part in number.split(" or "):
        digits = "".join(ch for ch in part if ch.isdigit() or ch == "+")
        links.append(f"[{_escape(part)}](tel:{digits})" if digits else _escape(part))
    return " or ".join(links)


def _escape(text: str) -> str:
    """Text that Markdown shows as it is."""
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)
