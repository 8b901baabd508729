"""Rules to compare: a directory, or a git revision of the repository holding them."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator

from ruleset.errors import InputError
from ruleset.text import Text

GIT_PREFIX = "git:"
DEFAULT_RULES_PATH = "rules"


def _git(args: list[str], cwd: str, spec: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise InputError.at(
            spec, Text("không chạy được git", f"cannot run git: {exc.strerror}")
        ) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        said = message[-1] if message else "failed"
        raise InputError.at(spec, Text(f"git báo lỗi: {said}", f"git: {said}"))
    return done.stdout


def _extract(data: bytes, target: str, spec: str) -> None:
    """Unpack a git archive, refusing members that would land outside ``target``."""
    root = os.path.realpath(target)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        for member in archive.getmembers():
            destination = os.path.realpath(os.path.join(root, member.name))
            if not destination.startswith(root + os.sep) or not (member.isfile() or member.isdir()):
                raise InputError.at(
                    spec,
                    Text(
                        f"thành phần không an toàn trong kho git: {member.name}",
                        f"unsafe member in git archive: {member.name}",
                    ),
                )
            if member.isdir():
                os.makedirs(destination, exist_ok=True)
                continue
            os.makedirs(os.path.dirname(destination), exist_ok=True)
            source = archive.extractfile(member)
            assert source is not None
            with open(destination, "wb") as handle:
                handle.write(source.read())


@contextlib.contextmanager
def resolved_rules(spec: str, cwd: str | None = None) -> Iterator[str]:
    """A rules directory for ``spec``: a path, ``git:REV`` (the repository's ``rules/``) or
    ``git:REV:path``; a git revision is exported to a temporary directory, removed afterwards."""
    if not spec.startswith(GIT_PREFIX):
        if not os.path.isdir(spec):
            raise InputError.at(
                spec,
                Text("không phải thư mục quy tắc", "not a rules directory, nor git:REV[:path]"),
            )
        yield spec
        return
    revision, _, path = spec[len(GIT_PREFIX) :].partition(":")
    path = path or DEFAULT_RULES_PATH
    if not revision:
        raise InputError.at(
            spec, Text("thiếu phiên bản git", "no git revision: write git:REV or git:REV:path")
        )
    top = _git(["rev-parse", "--show-toplevel"], cwd or os.getcwd(), spec).decode().strip()
    prefix = _git(["rev-parse", "--show-prefix"], cwd or os.getcwd(), spec).decode().strip()
    inside = os.path.normpath(os.path.join(prefix, path))
    data = _git(["archive", "--format=tar", revision, "--", inside], top, spec)
    with tempfile.TemporaryDirectory(prefix="ruleset-diff-") as work:
        _extract(data, work, spec)
        yield os.path.join(work, inside)
