"""Where to get help: the country presets and the owner's settings, the help page, placeholders, the help button."""
