"""`thinksafe init` makes a new, working site (SPEC §8): then `thinksafe new`, `thinksafe check
--strict` and `mkdocs build --strict` work there at once, and every page of the result can be
crawled, with tabs, the help and quick-exit buttons on every page and a lesson pack."""

from __future__ import annotations

import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from urllib.parse import urljoin, urlsplit

import yaml
from bs4 import BeautifulSoup

from support import serve

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
UK_EXIT = "https://www.bbc.co.uk/weather"


def thinksafe(*args, cwd=None):
    done = subprocess.run([sys.executable, "-m", "thinksafe.cli", *args], cwd=cwd, env=ENV,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return done.returncode, done.stdout + done.stderr


def mkdocs(*args, cwd):
    done = subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=ENV,
                          capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def crawl(base: str) -> dict[str, bytes]:
    """Every address of the site reachable from its home page by links: {path: body}. Fails on
    any link inside the site that leads nowhere."""
    seen, queue, bodies = set(), [base], {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body, kind = response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{url}: {error.code}") from None
        bodies[urlsplit(url).path] = body
        if kind != "text/html":
            continue
        for tag in BeautifulSoup(body, "html.parser").find_all(["a", "link", "script", "img"]):
            target = tag.get("href") or tag.get("src")
            if not target or target.startswith(("mailto:", "tel:", "#")):
                continue
            address = urljoin(url, target).split("#")[0]
            if address.startswith(base):
                queue.append(address)
    return bodies


def test_init_new_check_build_and_crawl(tmp_path):
    root = tmp_path / "our-site"
    code, out = thinksafe("init", str(root), "--preset", "uk", "--name", "Safe Online: Our Town")
    assert code == 0, out
    assert "11 files written" in out and "Traceback" not in out
    code, out = thinksafe("new", "My first lesson", "--audience", "8-10", cwd=root)
    assert code == 0, out
    lesson = root / "docs/lessons/my-first-lesson.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("draft: true\n", ""), encoding="utf-8")
    code, out = thinksafe("check", "--strict", cwd=root)
    assert code == 0 and "5 lessons, 0 errors, 0 warnings" in out, out
    code, out = mkdocs("build", "--strict", cwd=root)
    assert code == 0, out

    with serve(root / "site") as base:
        bodies = crawl(base)
    pages = {path: BeautifulSoup(body, "html.parser") for path, body in bodies.items()
             if path.endswith("/") or path.endswith(".html")}
    assert {"/", "/8-10/", "/11-13/", "/parents/", "/teachers/", "/help/", "/teachers/packs/",
            "/8-10/my-first-lesson/", "/teachers/plan-kind-words/"} <= set(pages)
    for path, page in pages.items():
        assert page.select_one("[data-quick-exit]")["href"] == UK_EXIT, path
        help_link = page.select_one("[data-help-button]")["href"]
        assert urlsplit(urljoin(base + path.lstrip("/"), help_link)).path == "/help/", path
    lesson_page = pages["/8-10/my-first-lesson/"]
    tabs = [a.get_text(" ", strip=True) for a in lesson_page.select(".md-tabs a")]
    assert {"Ages 8–10", "Ages 11–13", "Parents and carers", "Teachers and trainers"} <= set(tabs)
    assert lesson_page.select_one(".md-tabs .md-tabs__item--active").get_text(strip=True) == "Ages 8–10"
    assert "Safe Online: Our Town" in pages["/"].get_text()

    pack = zipfile.ZipFile(io.BytesIO(bodies["/packs/plan-kind-words.zip"]))
    names = set(pack.namelist())
    assert {"manifest.json", "lesson.html", "lesson.pdf", "resources/worksheet.txt"} <= names
    assert json.loads(pack.read("manifest.json"))["slug"] == "plan-kind-words"


def test_init_never_overwrites_and_writes_what_a_site_repository_needs(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / ".gitignore").write_text("mine\n")
    code, out = thinksafe("init", str(root), "--preset", "ie")
    assert code == 0, out
    assert ".gitignore: already there, left as it is" in out
    assert (root / ".gitignore").read_text() == "mine\n"
    config = (root / "mkdocs.yml").read_text()
    assert "preset: ie" in config and "site_url: !ENV SITE_URL" in config
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    code, out = thinksafe("init", str(root), "--preset", "uk")
    assert code == 1 and "mkdocs.yml: (file): already exists" in out
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before

    workflow = yaml.safe_load((root / ".github/workflows/site.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    runs = " ".join(str(s.get("run", "")) for s in steps)
    assert "pip install -r requirements.txt" in runs and "pip install -e" not in runs
    assert "thinksafe check --strict --format github" in runs
    assert "mkdocs build --strict" in runs and "linkchecker" in runs
    assert [s["with"]["path"] for s in steps if "actions/cache" in s.get("uses", "")] == [".cache/thinksafe"]
    assert any("configure-pages" in s.get("uses", "") for s in steps)
    assert any("deploy-pages" in s.get("uses", "") for s in workflow["jobs"]["deploy"]["steps"])
    requirements = (root / "requirements.txt").read_text()
    assert re.search(r"^thinksafe\b", requirements, re.M)

    [hook] = yaml.safe_load((root / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    assert re.match(hook["files"], "docs/lessons/kind-words.md") and re.match(hook["files"], "mkdocs.yml")
    assert not re.match(hook["files"], "README.md")
    done = subprocess.run([sys.executable, "-m", "thinksafe.cli", *hook["entry"].split()[1:]], cwd=root,
                          env=ENV, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_new_site_is_served_at_once(tmp_path):
    root = tmp_path / "site"
    assert thinksafe("init", str(root), "--site-url", "https://example.org/safe/")[0] == 0
    assert 'site_url: "https://example.org/safe/"' in (root / "mkdocs.yml").read_text()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=root, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        end, text = time.monotonic() + 120, ""
        while time.monotonic() < end and "Kind words online" not in text:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/safe/8-10/", timeout=5) as response:
                    text = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.5)
        assert "Kind words online" in text, "mkdocs serve never served the new site"
        # A mistake in ThinkSafe's settings is answered, not left hanging: the last good settings
        # are used (MkDocs's own server waits for a good build before it answers again).
        config = root / "mkdocs.yml"
        config.write_text(config.read_text().replace("preset: uk", "preset: nz"))
        time.sleep(4)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/safe/8-10/", timeout=15) as response:
            assert response.status == 200
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "Traceback" not in output, output
    assert "plugins.thinksafe.help.preset: unknown preset text 'nz'" in output
    assert "the last good settings are used until they are fixed" in output


def test_new_check_and_list_in_a_folder_with_only_a_minimal_mkdocs_yml(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: New\ntheme: material\nplugins: [thinksafe]\n")
    for command in (["check"], ["list"]):
        code, out = thinksafe(*command, cwd=tmp_path)
        assert code == 1 and "Traceback" not in out, out
        assert "mkdocs.yml: docs_dir: the content folder 'docs' does not exist" in out
    code, out = thinksafe("new", "First lesson", "--audience", "8-10", cwd=tmp_path)
    assert code == 0 and (tmp_path / "docs/lessons/first-lesson.md").is_file(), out
    code, out = thinksafe("check", "--strict", cwd=tmp_path)
    assert code == 0 and "1 lesson, 0 errors, 0 warnings" in out, out
    code, out = thinksafe("list", cwd=tmp_path)
    assert code == 0 and "Ages 8–10 (8-10): 1 lesson\n" in out, out
    (tmp_path / "empty").mkdir()
    code, out = thinksafe("check", cwd=tmp_path / "empty")
    assert code == 1 and "mkdocs.yml: (file): does not exist" in out and "thinksafe init" in out
