"""The help button for other websites, in MkDocs: its page /help/button/ and the links to it."""

from __future__ import annotations

from html import escape

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from thinksafe.core.help.button import HELP_PAGE, ButtonSettings
from thinksafe.core.help.button_page import SCRIPT, ButtonPlace, button_markdown
from thinksafe.core.help.settings import HelpConfig
from thinksafe.core.model.paths import BUTTON_SRC

STYLES = "assets/thinksafe-button-page.css"


class HelpButton:
    """`help.button` (read with the other settings, in the core), its page added with the other files."""

    def __init__(self, settings: ButtonSettings | None = None) -> None:
        self.settings = settings or ButtonSettings()
        self.file: File | None = None

    @property
    def enabled(self) -> bool:
        return self.settings.enabled

    @property
    def needs_site_url(self) -> bool:
        """Whether the snippets need the site's address: they lead to its help page."""
        return self.enabled and self.settings.target == HELP_PAGE

    def add_page(self, files: Files, config, help: HelpConfig, help_file: File, replace) -> None:
        """/help/button/, from the settings and the owner's words in content/help/button.md."""
        self.file = None
        if not self.enabled:
            return
        here = File.generated(config, BUTTON_SRC, content="").url
        place = ButtonPlace(config.site_name, config.site_url, help_file.url,
                            get_relative_url(help_file.url, here) or "./")
        self.file = replace(files, config, BUTTON_SRC,
                            lambda intro: button_markdown(help, self.settings, place, intro),
                            inclusion=InclusionLevel.NOT_IN_NAV)

    def help_page_link(self, config) -> str:
        """The paragraph the help page's adults' part ends with: a link to /help/button/."""
        if not self.enabled:
            return ""
        from_help = File.generated(config, "help.md", content="").url
        to = File.generated(config, BUTTON_SRC, content="").url
        return (f'<p class="ts-button-invite">Do you run a website that children use? '
                f'<a href="{escape(get_relative_url(to, from_help))}">Put a help button on it</a>, '
                f"so that a child there is one click away from this page.</p>")

    def url(self) -> str | None:
        """The button page's URL, for the footer's link; None when the button is off."""
        return self.file.url if self.file is not None else None

    def finish_page(self, html: str, page) -> str:
        """The button page's own script and style sheet, as files (no inline script)."""
        if self.file is None or page.file.src_uri != BUTTON_SRC:
            return html
        here = page.file.url
        tags = (f'<link rel="stylesheet" href="{escape(get_relative_url(STYLES, here))}">'
                f'<script src="{escape(get_relative_url(SCRIPT, here))}" defer></script>')
        head = html.find("</head>")
        return html[:head] + tags + html[head:] if head != -1 else html + tags
