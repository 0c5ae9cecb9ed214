"""HTML that is safe to publish: the allow-list, the page policy, offline copies, author files, small rewrites."""
