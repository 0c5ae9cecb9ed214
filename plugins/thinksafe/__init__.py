"""ThinkSafe: audience-tagged online-safety lessons, built into a static site."""

__version__ = "0.1.0"
