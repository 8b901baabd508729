"""A per-user cache of a rules directory's validated content, so that ``check`` on one file does not
parse and validate every rule file again (two thirds of loading the rules; rebuilding the rules from
the cached data takes a few milliseconds).

Where: the per-user cache folder (:mod:`ruleset.usercache`: ``~/.cache/ruleset``, mode 0700;
``RULESET_NO_CACHE=1`` turns it off, ``RULESET_CACHE_DIR`` puts it elsewhere).

Key: a sha256 of the engine version, the engine's own files (name, size, time: an edit of the code
that validates rules invalidates every entry) and the name and bytes of every file a load reads. An
entry is what a successful load produced from exactly those bytes; a rules directory with problems is
never cached, so its errors are always reported.

Safe by construction: entries are JSON, not pickle (the compiled checks are closures, which pickle
cannot carry, and JSON cannot run code whatever a file holds). An entry is used only when the folder
is a real directory (not a link) owned by us and closed to others, the entry a regular file owned by
us, opened without following links, whose header names this format, its own key and the sha256 of
the body that follows. Anything else (truncated, corrupt, foreign, another
version, unreadable) is ignored and rebuilt. Entries are written by :func:`usercache.write_entry`
(a temporary file, then a rename): a reader never sees half an entry, and a link planted at an
entry's name is replaced, never followed. Failing to write the cache never fails a command.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from typing import Any

from ruleset.usercache import cache_dir, disabled, prune, read_entry, write_entry
from ruleset.version import __version__

FORMAT = "ruleset/rules-cache@1"
KEPT = 8  # entries kept (the newest): one per rules directory and version in use
MAX_BYTES = 64 * 1024 * 1024  # rules files hashed, or an entry read, beyond which we do not cache
ENGINE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@dataclass(frozen=True)
class RulesContent:
    """The validated data of a rules directory: everything a RuleSet is built from."""

    manifest: dict[str, Any]
    agency_kinds: dict[str, Any]
    provinces: dict[str, Any]
    topics: dict[str, Any] | None
    successors: dict[str, Any] | None
    rules: tuple[tuple[str, Any], ...]  # (path after the directory's, data), sorted by rule id
    digest: str

    def digest_parts(self) -> list[Any]:
        """What the rule set's digest is computed from (topics only when present: a rule set
        without topics keeps the digest it had before topics existed)."""
        parts: list[Any] = [[data for _, data in self.rules], self.agency_kinds, self.provinces]
        parts.append(self.successors)
        if self.topics is not None:
            parts.append(self.topics)
        return parts


def _engine_signature(digest: Any) -> None:
    for parent, dirs, files in os.walk(ENGINE_DIR):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "bundled_rules"))
        for name in sorted(files):
            if name.endswith((".py", ".json")):
                info = os.stat(os.path.join(parent, name))
                relative = os.path.relpath(os.path.join(parent, name), ENGINE_DIR)
                digest.update(f"{relative}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())


def key(directory: str, files: list[str] | None) -> str | None:
    """The cache key of a load reading ``files``; None when the cache is off or a file is odd (not
    a regular file, too big, unreadable): then the full load runs and says what is wrong."""
    if files is None or disabled():
        return None
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{directory}\0".encode())
    total = 0
    try:
        _engine_signature(digest)
        for path in files:
            digest.update(path.encode("utf-8", "surrogateescape") + b"\0")
            try:
                info = os.stat(path)
            except FileNotFoundError:
                digest.update(b"absent\0")
                continue
            total += info.st_size
            if not stat.S_ISREG(info.st_mode) or total > MAX_BYTES:
                return None
            with open(path, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
            digest.update(f"{len(data)}\0".encode() + data)
    except OSError:
        return None
    return digest.hexdigest()


def _entry(cache_key: str) -> str:
    return f"rules-{cache_key[:40]}.json"


def read(cache_key: str) -> RulesContent | None:
    """The cached content for this key, or None for anything that is not exactly our entry."""
    body = read_entry(_entry(cache_key), FORMAT, cache_key)
    if body is None:
        return None
    try:
        entry = json.loads(body)
        return RulesContent(
            manifest=entry["manifest"],
            agency_kinds=entry["agency_kinds"],
            provinces=entry["provinces"],
            topics=entry["topics"],
            successors=entry["successors"],
            rules=tuple((str(suffix), data) for suffix, data in entry["rules"]),
            digest=str(entry["digest"]),
        )
    except (ValueError, KeyError, TypeError):  # ValueError: bad JSON or UTF-8
        return None


def store(cache_key: str, content: RulesContent) -> None:
    """Write the entry (only if its data survives JSON unchanged), keep the newest few."""
    place = cache_dir()
    if place is None:
        return
    entry = {
        "manifest": content.manifest,
        "agency_kinds": content.agency_kinds,
        "provinces": content.provinces,
        "topics": content.topics,
        "successors": content.successors,
        "rules": [list(pair) for pair in content.rules],
        "digest": content.digest,
    }
    try:
        body = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if json.loads(body) != entry:  # a value JSON cannot carry exactly (a tuple, a date)
            return
    except (TypeError, ValueError):
        return
    write_entry(_entry(cache_key), FORMAT, cache_key, body)
    prune("rules-", KEPT)
