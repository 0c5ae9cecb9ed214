"""What makes a MkDocs build of many lessons fast: conversions and search entries kept between
builds, shared fragments, the sidebar."""
