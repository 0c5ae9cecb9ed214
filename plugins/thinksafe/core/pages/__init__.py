"""Pages and files the site gets written from the model: landing pages, home, catalogue, search, the packs list."""
