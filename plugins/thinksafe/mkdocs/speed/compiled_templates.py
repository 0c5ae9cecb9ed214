"""Jinja's compiled templates, kept between builds where only this user can write.

A compiled template is code: Jinja loads it with pickle and marshal, and checks only that the
template's source is unchanged. So it is never kept in the cache folder, which a checkout may
bring with it (a pull request that commits it), but in Jinja's own folder for this user in the
temporary folder (`FileSystemBytecodeCache()`: made 0700, refused unless this user owns it with
that mode; jinja2/bccache.py). Jinja keys a template by its name and its file's path, so another
project's template of the same name has a key of its own; the file names here also hold the
code's fingerprint and what the environment compiles with, so that other code, or an
environment that compiles otherwise, never loads them.
"""

from __future__ import annotations

import contextlib
import os
import time

import jinja2

from thinksafe.core import cache
from thinksafe.core.cache import Unkeyable

PREFIX = "thinksafe-"  # before every file name of ours in Jinja's folder, which other programs share
STALE_SECONDS = 86_400  # another code's compiled templates left this long are removed


def bytecode_cache(env: jinja2.Environment) -> jinja2.FileSystemBytecodeCache | None:
    """A bytecode cache for `env` in this user's private folder; None when no such folder can be
    made (another user's is in the way), or `env` compiles with settings no key can hold."""
    try:
        key = cache.digest(cache.fingerprint(), compile_settings(env))[:32]
        found = jinja2.FileSystemBytecodeCache(pattern=f"{PREFIX}{key}-%s.cache")
    except (Unkeyable, OSError, RuntimeError):  # Jinja's RuntimeError: no safe folder
        return None
    drop_stale(found.directory, f"{PREFIX}{key}-")
    return found


def compile_settings(env: jinja2.Environment) -> list:
    """What `env` compiles a template's source with (its lexer's, parser's and code generator's
    settings); a callable `cache.digest` cannot name makes it Unkeyable."""
    return [sorted(env.extensions), env.block_start_string, env.block_end_string,
            env.variable_start_string, env.variable_end_string, env.comment_start_string,
            env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
            env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
            env.optimized, env.is_async, env.autoescape, env.finalize]


def drop_stale(folder: str, mine: str) -> None:
    """Remove ThinkSafe's files in `folder` not named `mine…` and unchanged for a day: each
    version of the code (each edit of it, when working on it) writes a set of its own."""
    limit = time.time() - STALE_SECONDS
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(PREFIX) and not entry.name.startswith(mine):
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < limit:
                        os.unlink(entry.path)
