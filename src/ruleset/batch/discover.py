"""Which files a batch reads: files, directories (recursively), globs and zip archives.

Inputs are sorted by their display path so results come out in the same order whatever the
number of workers. A link that leads outside the tree it was found in is not followed, and an
archive member with an absolute or ``..`` path, or an archive that expands enormously, is refused.
"""

from __future__ import annotations

import glob
import os
import zipfile
from dataclasses import dataclass

from ruleset.documents.limits import Limits
from ruleset.errors import Problem

SUFFIXES = (".yaml", ".yml", ".json", ".xlsx", ".xlsm")
MAX_ZIP_RATIO = 200  # uncompressed / compressed, beyond which a member looks like a zip bomb


@dataclass(frozen=True)
class BatchInput:
    """One submission to check: where to read it, how to name it, where its report goes."""

    display: str  # the path shown in reports and summaries
    relative: str  # mirrored under --out
    path: str  # file on disk, or the zip archive holding it
    member: str | None = None  # name inside the archive


@dataclass(frozen=True)
class Discovery:
    inputs: tuple[BatchInput, ...]
    refused: tuple[Problem, ...]  # paths that are not read at all, each with the reason


def _inside(path: str, root: str) -> bool:
    real, real_root = os.path.realpath(path), os.path.realpath(root)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _walk(root: str, refused: list[Problem]) -> list[str]:
    found = []
    seen: set[str] = set()
    for directory, subdirs, files in os.walk(root, followlinks=True):
        real = os.path.realpath(directory)
        if real in seen or not _inside(directory, root):
            subdirs[:] = []
            if not _inside(directory, root):
                refused.append(
                    Problem(
                        directory,
                        "liên kết ra ngoài thư mục, không theo / link leads outside the tree, not followed",
                    )
                )
            continue
        seen.add(real)
        subdirs.sort()
        for name in sorted(files):
            path = os.path.join(directory, name)
            if not name.lower().endswith(SUFFIXES) or name.startswith("."):
                continue
            if os.path.islink(path) and not _inside(path, root):
                refused.append(
                    Problem(
                        path,
                        "liên kết ra ngoài thư mục, không theo / link leads outside the tree, not followed",
                    )
                )
                continue
            found.append(path)
    return found


def _zip_members(path: str, limits: Limits, refused: list[Problem]) -> list[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (OSError, zipfile.BadZipFile) as exc:
        refused.append(Problem(path, f"không mở được tệp zip / cannot open zip archive: {exc}"))
        return []
    members = []
    for info in infos:
        name = info.filename
        if info.is_dir() or not name.lower().endswith(SUFFIXES):
            continue
        parts = name.replace("\\", "/").split("/")
        where = f"{path}:{name}"
        if name.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
            refused.append(
                Problem(
                    where,
                    "đường dẫn trong zip không an toàn / unsafe path in archive (absolute or '..'), not extracted",
                )
            )
        elif info.file_size > limits.max_bytes:
            refused.append(
                Problem(
                    where,
                    f"tệp quá lớn khi giải nén / member too large ({info.file_size} bytes, limit {limits.max_bytes})",
                )
            )
        elif info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO:
            refused.append(
                Problem(
                    where,
                    f"tỉ lệ nén bất thường / suspicious compression ratio ({info.file_size // info.compress_size}:1), not extracted",
                )
            )
        else:
            members.append(name)
    return sorted(members)


def _safe_relative(relative: str) -> str:
    """A path that stays under --out whatever the input path looked like."""
    parts = [p for p in relative.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    return "/".join(parts) or "input"


def discover(paths: list[str], limits: Limits) -> Discovery:
    """Expand the command-line paths into the inputs of a batch, in a stable order."""
    inputs: list[BatchInput] = []
    refused: list[Problem] = []
    prefix_roots = len(paths) > 1

    def add(display: str, relative: str, path: str, member: str | None = None) -> None:
        inputs.append(BatchInput(display, _safe_relative(relative), path, member))

    for argument in paths:
        if os.path.isdir(argument):
            root = argument
            base = os.path.basename(os.path.normpath(root)) if prefix_roots else ""
            for path in _walk(root, refused):
                add(path, os.path.join(base, os.path.relpath(path, root)), path)
        elif argument.lower().endswith(".zip") and os.path.isfile(argument):
            stem = os.path.splitext(os.path.basename(argument))[0]
            for member in _zip_members(argument, limits, refused):
                add(f"{argument}:{member}", os.path.join(stem, member), argument, member)
        elif os.path.exists(argument) or os.path.islink(argument):
            add(argument, os.path.basename(argument), argument)
        else:
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                refused.append(
                    Problem(
                        argument, "không tìm thấy tệp / no such file or pattern matches nothing"
                    )
                )
            for path in matches:
                if os.path.isfile(path) and path.lower().endswith(SUFFIXES):
                    add(path, path if not os.path.isabs(path) else os.path.basename(path), path)
    inputs.sort(key=lambda item: item.display)
    seen: dict[str, int] = {}
    unique = []
    for item in inputs:  # two inputs must never share a report path
        count = seen.get(item.relative, 0)
        seen[item.relative] = count + 1
        if count:
            item = BatchInput(item.display, f"{item.relative}~{count}", item.path, item.member)
        unique.append(item)
    refused.sort(key=lambda p: p.path)
    return Discovery(tuple(unique), tuple(refused))
