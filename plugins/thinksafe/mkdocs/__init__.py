"""The MkDocs adapter: the plugin translates MkDocs's events into calls to the core, and nothing else lives here."""
