"""Rules to compare: a directory, or a git revision of the repository holding them.

Nothing the user types reaches git as an option: the revision is first verified as a commit with
``git rev-parse --verify --end-of-options REV^{commit}``, and only the full object name git
returns is passed on, after ``--end-of-options``; paths are literal pathspecs. No shell is used.
Git is only ever run locally: nothing here fetches.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass

from ruleset.documents.textio import EXCERPT_CHARS, excerpt
from ruleset.errors import InputError
from ruleset.text import Text

GIT_PREFIX = "git:"
DEFAULT_RULES_PATH = "rules"
GIT = ("git", "--literal-pathspecs")


def _git(args: list[str], cwd: str, spec: str) -> bytes:
    try:
        done = subprocess.run([*GIT, *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise InputError.at(
            excerpt(spec), Text("không chạy được git", f"cannot run git: {exc.strerror}")
        ) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        said = excerpt(message[-1], 4 * EXCERPT_CHARS) if message else "failed"
        raise InputError.at(excerpt(spec), Text(f"git báo lỗi: {said}", f"git: {said}"))
    return done.stdout


def verified_commit(revision: str, cwd: str, spec: str) -> str:
    """The full object name of the commit ``revision`` names, or a usage error.

    Whatever the revision looks like (``--output=FILE``, ``-o``, ``--upload-pack=...``), git reads
    it after ``--end-of-options`` as a revision, never as an option.
    """
    if not revision or "\n" in revision or "\x00" in revision:
        raise InputError.at(
            excerpt(spec),
            Text("thiếu phiên bản git", "no git revision: write git:REV or git:REV:path"),
        )
    try:
        done = subprocess.run(
            [*GIT, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"],
            cwd=cwd,
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        raise InputError.at(
            excerpt(spec), Text("không chạy được git", f"cannot run git: {exc.strerror}")
        ) from None
    name = done.stdout.decode("ascii", "replace").strip()
    if done.returncode != 0 or len(name) not in (40, 64) or not name.isalnum():
        raise InputError.at(
            excerpt(spec),
            Text(
                f"'{excerpt(revision)}' không phải commit của kho git này",
                f"'{excerpt(revision)}' is not a commit of this git repository",
            ),
            hint=Text(
                "ghi một commit, nhánh hoặc thẻ (git log --oneline liệt kê chúng), ví dụ git:HEAD~1",
                "name a commit, branch or tag (git log --oneline lists them), e.g. git:HEAD~1",
            ),
        )
    return name


def _extract(data: bytes, target: str, spec: str) -> None:
    """Unpack a git archive, refusing members that would land outside ``target``."""
    root = os.path.realpath(target)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        for member in archive.getmembers():
            destination = os.path.realpath(os.path.join(root, member.name))
            if not destination.startswith(root + os.sep) or not (member.isfile() or member.isdir()):
                raise InputError.at(
                    excerpt(spec),
                    Text(
                        f"thành phần không an toàn trong kho git: {excerpt(member.name)}",
                        f"unsafe member in git archive: {excerpt(member.name)}",
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
                excerpt(spec),
                Text("không phải thư mục quy tắc", "not a rules directory, nor git:REV[:path]"),
            )
        yield spec
        return
    revision, _, path = spec[len(GIT_PREFIX) :].partition(":")
    path = path or DEFAULT_RULES_PATH
    where = cwd or os.getcwd()
    commit = verified_commit(revision, where, spec)
    top = _git(["rev-parse", "--show-toplevel"], where, spec).decode().strip()
    prefix = _git(["rev-parse", "--show-prefix"], where, spec).decode().strip()
    inside = os.path.normpath(os.path.join(prefix, path))
    data = _git(["archive", "--format=tar", "--end-of-options", commit, inside], top, spec)
    with tempfile.TemporaryDirectory(prefix="ruleset-diff-") as work:
        _extract(data, work, spec)
        yield os.path.join(work, inside)


@dataclass(frozen=True)
class Release:
    """The commit that last set a rule set's version, and the rules directory's path in it."""

    commit: str  # full object name
    date: str  # committer date, YYYY-MM-DD
    path: str  # the rules directory, from the work tree's top
    top: str  # the work tree's top folder

    @property
    def spec(self) -> str:
        """``git:COMMIT:path``, for :func:`resolved_rules` run from ``top``."""
        return f"{GIT_PREFIX}{self.commit}:{self.path}"


def _quiet_git(args: list[str], cwd: str) -> str | None:
    """Git's output, or None when git is missing or says no (not a work tree, no commit yet)."""
    try:
        done = subprocess.run([*GIT, *args], cwd=cwd, capture_output=True, check=False)
    except OSError:
        return None
    return done.stdout.decode("utf-8", "replace").strip() if done.returncode == 0 else None


def last_release(directory: str, manifest: str) -> Release | None:
    """The last commit whose change to ``manifest`` (inside ``directory``) adds or removes its
    top-level ``version:`` line: the rules as the current version was released. None outside a
    git work tree, when the manifest was never committed, or when git is not installed."""
    top = _quiet_git(["rev-parse", "--show-toplevel"], directory)
    if not top:
        return None
    inside = os.path.relpath(os.path.realpath(directory), os.path.realpath(top))
    if inside == os.pardir or inside.startswith(os.pardir + os.sep):
        return None
    path = os.path.normpath(os.path.join(inside, manifest))
    found = _quiet_git(["log", "-1", "--format=%H %cs", "-G^version:", "HEAD", "--", path], top)
    if not found:
        return None
    commit, _, date = found.partition(" ")
    return Release(commit, date, inside, top)
