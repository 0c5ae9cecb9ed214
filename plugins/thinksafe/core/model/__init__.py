"""The content model: settings, lessons and their front matter, the per-audience site model, paths and links."""
