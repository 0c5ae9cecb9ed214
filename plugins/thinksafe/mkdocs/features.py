"""The Material features ThinkSafe's navigation depends on, turned on for every site, so that a
site with only `theme: material` and the plugin behaves as the contract says (SPEC §8)."""

from __future__ import annotations

# A tab per audience (tabs), each audience's landing page as its section's page (indexes), a
# sidebar with only the reader's own audience (prune), and previous/next links, which the
# plugin keeps inside that audience (footer).
NEEDED = ("navigation.tabs", "navigation.indexes", "navigation.prune", "navigation.footer")


def turn_on(theme) -> list[str]:
    """Add the needed features the site's theme leaves out; return those added."""
    features = list(theme.get("features") or [])
    added = [name for name in NEEDED if name not in features]
    if added:
        theme["features"] = features + added
    return added


def message(source: str, added: list[str]) -> str:
    return (f"{source}: theme.features: ThinkSafe turned on {', '.join(added)}, which its "
            "navigation needs (list them under 'features:' in 'theme:' to say so yourself)")
