"""The one check sequence that a build and `thinksafe check` both run, and the warnings it reports."""
