"""/help/button/ as built: its snippets, the links to it, its settings, and the site_url notice."""

from __future__ import annotations

import subprocess
import sys

import yaml

from helpers import soup
from thinksafe.core.help.settings import parse_help

SITE_URL = "https://help.example.org/club/"
NOTICE = "site_url is not set"


def snippets(build) -> dict[str, str]:
    page = soup(build.html("help/button/index.html"))
    return {code["id"].removeprefix("ts-snippet-"): code.get_text()
            for code in page.select("code[id^=ts-snippet-]")}


def test_with_site_url_every_snippet_leads_to_the_help_page_and_is_previewed_as_it_is(site):
    site.config["site_url"] = SITE_URL
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    assert NOTICE not in build.output
    codes = snippets(build)
    assert list(codes) == ["badge-light", "badge-dark", "wide-light", "wide-dark", "link-light", "link-dark"]
    page = soup(build.html("help/button/index.html"))
    for look, code in codes.items():
        link = soup(code).select_one("a")
        assert link["href"] == SITE_URL + "help/" and link["rel"] == ["noopener", "noreferrer"]
        # The preview is the very code a partner copies.
        preview = page.select_one(f"[data-snippet={look}] .ts-snippet__preview")
        assert soup(code).decode() == preview.decode_contents()
        assert page.select_one(f"button[data-copy-snippet=ts-snippet-{look}][hidden]")  # shown by its script
    article = page.select_one("article").get_text(" ", strip=True)
    assert "call 999 if they are in danger right now" in article
    assert "It also leads to CEOP Safety Centre, where a child can report what happened." in article
    # Its script and style sheet are the site's own files; nothing is inline script.
    assert [s["src"] for s in page.select("script[src]") if "copy-snippet" in s["src"]] == \
        ["../../assets/thinksafe-copy-snippet.js"]
    assert (build.site / "assets/thinksafe-copy-snippet.js").is_file()
    assert (build.site / "assets/thinksafe-button-page.css").is_file()


def test_help_page_adults_part_and_every_footer_link_to_it(site):
    site.config["site_url"] = SITE_URL
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    help_page = soup(build.html("help/index.html"))
    invite = help_page.select_one("#for-adults ~ .ts-help-adults .ts-button-invite a")
    assert invite is not None and invite["href"] == "button/"
    assert not help_page.select_one(".ts-help-children .ts-button-invite")
    for path, href in [("index.html", "help/button/"), ("help/index.html", "button/"),
                       ("404.html", "/club/help/button/")]:
        footer = soup(build.html(path)).select_one(".md-footer-meta .ts-footer-button a")
        assert footer is not None and footer["href"] == href, path


def test_without_site_url_the_page_explains_and_the_build_says_so_once(site):
    build = site.build()
    assert build.returncode == 0, build.output
    page = soup(build.html("help/button/index.html"))
    missing = page.select_one("[data-site-url-missing]")
    assert missing is not None and "site_url" in missing.get_text()
    assert not page.select("code[id^=ts-snippet-]") and not page.select("a[class^=thinksafe-help]")
    assert build.output.count(NOTICE) == 1, build.output
    line = next(line for line in build.output.splitlines() if NOTICE in line)
    assert "site_url is not set in mkdocs.yml" in line and "/help/button/" in line
    assert "canonical" in line


def test_target_report_service_and_own_label(site):
    site.config["site_url"] = SITE_URL
    site.plugin_options(help={"preset": "au", "button": {"target": "report_service", "label": "Need help?"}})
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    report = parse_help({"preset": "au"})[0].report  # the preset's report service
    for code in snippets(build).values():
        link = soup(code).select_one("a")
        assert link["href"] == report.url
        assert link.get_text(strip=True) == "Need help?"
    article = soup(build.html("help/button/index.html")).select_one("article").get_text(" ", strip=True)
    assert f"opens the report page of {report.name}" in article


def test_turned_off_there_is_no_page_and_no_link_to_it(site):
    site.plugin_options(help={"button": {"enabled": False}})
    build = site.build()
    assert build.returncode == 0, build.output
    assert not (build.site / "help/button/index.html").exists()
    assert not soup(build.html("index.html")).select(".ts-footer-button")
    assert not soup(build.html("help/index.html")).select(".ts-button-invite")
    line = next(line for line in build.output.splitlines() if NOTICE in line)
    assert "/help/button/" not in line


def test_report_service_target_needs_no_site_url(site):
    site.plugin_options(help={"button": {"target": "report_service"}})
    build = site.build()
    assert build.returncode == 0, build.output
    report = parse_help(None)[0].report
    assert {soup(code).select_one("a")["href"] for code in snippets(build).values()} == {report.url}
    line = next(line for line in build.output.splitlines() if NOTICE in line)
    assert "/help/button/" not in line


def test_owner_words_go_above_the_generated_page(site):
    site.config["site_url"] = SITE_URL
    site.write("help/button.md", "---\ntitle: Our club button\n---\nAsk Sam if you need a hand.\n")
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    page = soup(build.html("help/button/index.html"))
    assert page.select_one("article h1").get_text(strip=True) == "Our club button"
    assert "Ask Sam if you need a hand." in page.select_one("article").get_text()
    assert len(snippets(build)) == 6


def test_bad_settings_fail_the_build_and_check_with_key_and_fix(site):
    site.plugin_options(help={"button": {"taget": "report_service", "label": ""}})
    build = site.build()
    assert build.returncode != 0
    assert ("mkdocs.yml: plugins.thinksafe.help.button.taget: unknown setting; expected one of "
            "'enabled', 'target', 'label'; did you mean 'target'?") in build.output, build.output
    assert "mkdocs.yml: plugins.thinksafe.help.button.label: got text ''" in build.output
    assert "Traceback" not in build.output
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(site.config), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "thinksafe.cli", "check", str(site.root)],
                          capture_output=True, text=True)
    assert done.returncode == 1 and "help.button.taget: unknown setting" in done.stdout + done.stderr


def test_a_typo_in_the_button_key_is_named(site):
    site.plugin_options(help={"buton": {"enabled": False}})
    build = site.build()
    assert build.returncode != 0 and "plugins.thinksafe.help.buton: unknown setting" in build.output
    assert "did you mean 'button'?" in build.output
