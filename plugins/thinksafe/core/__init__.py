"""ThinkSafe's engine-agnostic core: content model, validation, navigation, links, catalogue, lesson packs.

Nothing in this package imports MkDocs; the MkDocs plugin is a thin adapter over it.
"""
