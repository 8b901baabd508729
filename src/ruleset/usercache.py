"""The per-user cache folder: where work that depends only on our own files is kept between runs.

``$XDG_CACHE_HOME/ruleset`` (or ``~/.cache/ruleset``), created with mode 0700; ``RULESET_NO_CACHE=1``
turns every cache off, ``RULESET_CACHE_DIR`` puts the folder elsewhere. The folder is used only when
it is a real directory (not a link) owned by us and closed to others; an entry is read only when it
is a regular file owned by us, opened without following links, whose first line is the header its
writer expects (a format, a key, the sha256 of the body). Anything else is ignored and rebuilt, and
failing to read or write the cache never fails a command.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat

from ruleset.errors import InputError
from ruleset.output import write_atomically_from

DISABLE_ENV = "RULESET_NO_CACHE"
DIR_ENV = "RULESET_CACHE_DIR"
MAX_BYTES = 64 * 1024 * 1024  # an entry larger than this is not ours


def disabled() -> bool:
    return os.environ.get(DISABLE_ENV, "") not in ("", "0")


def cache_dir() -> str | None:
    """The cache folder, created if needed; None when disabled or not safely ours."""
    if disabled():
        return None
    place = os.environ.get(DIR_ENV)
    if not place:
        base = os.environ.get("XDG_CACHE_HOME", "")
        if not os.path.isabs(base):  # the XDG spec: a relative value is ignored
            home = os.path.expanduser("~")
            if not os.path.isabs(home):
                return None
            base = os.path.join(home, ".cache")
        place = os.path.join(base, "ruleset")
    try:
        os.makedirs(os.path.dirname(place), exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.mkdir(place, 0o700)
        info = os.lstat(place)
    except OSError:
        return None
    mine = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
    return place if mine and not info.st_mode & 0o077 else None


def _header(fmt: str, key: str, body: bytes) -> bytes:
    sha = hashlib.sha256(body).hexdigest()
    return json.dumps({"format": fmt, "key": key, "sha256": sha}).encode() + b"\n"


def read_entry(name: str, fmt: str, key: str) -> bytes | None:
    """The body of entry ``name`` if it is exactly what :func:`write_entry` wrote for this format
    and key; None for anything else (absent, a link, foreign, truncated, changed)."""
    place = cache_dir()
    if place is None:
        return None
    try:
        fd = os.open(os.path.join(place, name), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            return None
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            raw = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    finally:
        if fd >= 0:
            os.close(fd)
    head, _, body = raw.partition(b"\n")
    return body if head + b"\n" == _header(fmt, key, body) else None


def write_entry(name: str, fmt: str, key: str, body: bytes) -> None:
    """Write an entry atomically (a temporary file in the folder, then a rename: a reader never
    sees half of one, and a link planted at its name is replaced, never followed)."""
    place = cache_dir()
    if place is None or len(body) > MAX_BYTES:
        return
    with contextlib.suppress(InputError):  # a cache that cannot be written is only slower
        write_atomically_from(
            os.path.join(place, name), iter((_header(fmt, key, body), body)), False
        )


def prune(prefix: str, kept: int) -> None:
    """Remove all but the newest ``kept`` entries whose names start with ``prefix``: one per rules
    edit or engine version would otherwise pile up."""
    place = cache_dir()
    if place is None:
        return
    try:
        names = [n for n in os.listdir(place) if n.startswith(prefix)]
        dated = sorted(
            ((os.lstat(os.path.join(place, n)).st_mtime_ns, n) for n in names), reverse=True
        )
        for _, name in dated[kept:]:
            os.unlink(os.path.join(place, name))
    except OSError:
        return
