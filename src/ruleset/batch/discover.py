"""Which files a batch reads: files, directories (recursively), globs and zip archives.

Every path found ends in exactly one place: an input (checked), a refusal (listed as unreadable,
with the reason) or a skip (the same file reached again by another path, listed with the first
path). Inputs are sorted by their display path so results come out in the same order whatever
the number of workers; they are kept on disk, not in memory (``batch.inputs``). A link that leads outside the tree it was found in is not followed; a
directory is entered once however many links lead to it, so link loops end; an archive member
that is unsafe (absolute or ``..`` path), encrypted, compressed by an unsupported method or
enormously expanding is refused.
"""

from __future__ import annotations

import glob
import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ruleset.batch.inputs import InputTable
from ruleset.batch.paths import matches_glob, printable, split_glob
from ruleset.documents.limits import Limits
from ruleset.errors import Problem
from ruleset.text import Text

SUFFIXES = (".yaml", ".yml", ".json", ".xlsx", ".xlsm")
MAX_ZIP_RATIO = 200  # uncompressed / compressed, beyond which a member looks like a zip bomb
ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)
OUTSIDE = Text("liên kết ra ngoài thư mục, không theo", "link leads outside the tree, not followed")


@dataclass(frozen=True)
class Discovery:
    inputs: InputTable  # sorted, each file once; close() when done
    refused: tuple[Problem, ...]  # paths that are not read at all, each with the reason
    skipped: tuple[Problem, ...] = ()  # the same file reached again, with the first path
    trees: tuple[str, ...] = ()  # folders the inputs were searched in (--out must stay out)


def _inside(path: str, root: str) -> bool:
    real, real_root = os.path.realpath(path), os.path.realpath(root)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _unreadable_folder(refused: list[Problem]) -> Callable[[OSError], None]:
    def record(error: OSError) -> None:
        where = printable(str(error.filename or "?"))
        refused.append(
            Problem(
                where,
                Text("không đọc được thư mục", f"cannot read folder: {error.strerror}"),
            )
        )

    return record


def _walk(
    root: str, refused: list[Problem], wanted: Callable[[str], bool] = lambda _: True
) -> Iterator[str]:
    """Files under ``root``; each real directory entered once, links leaving ``root`` refused."""
    seen: set[str] = set()
    for directory, subdirs, files in os.walk(
        root, followlinks=True, onerror=_unreadable_folder(refused)
    ):
        real = os.path.realpath(directory)
        if real in seen or not _inside(directory, root):
            subdirs[:] = []
            if real not in seen:
                refused.append(Problem(printable(directory), OUTSIDE))
            continue
        seen.add(real)
        subdirs.sort()
        for name in sorted(files):
            path = os.path.join(directory, name)
            if (
                not name.lower().endswith((*SUFFIXES, ".zip"))
                or name.startswith(".")
                or not wanted(path)
            ):
                continue
            if os.path.islink(path) and not _inside(path, root):
                refused.append(Problem(printable(path), OUTSIDE))
                continue
            yield path


def _refusal(info: zipfile.ZipInfo, limits: Limits) -> Text | None:
    name = info.filename
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
        return Text(
            "đường dẫn trong zip không an toàn (tuyệt đối hoặc '..'), không giải nén",
            "unsafe path in archive (absolute or '..'), not extracted",
        )
    if info.flag_bits & 0x1:
        return Text(
            "tệp trong zip được mã hóa (cần mật khẩu), không giải nén",
            "encrypted member (password needed), not extracted",
        )
    if info.compress_type not in ZIP_METHODS:
        return Text(
            f"phương pháp nén {info.compress_type} không được hỗ trợ, không giải nén",
            f"unsupported compression method {info.compress_type}, not extracted",
        )
    if info.file_size > limits.max_bytes:
        return Text(
            f"tệp quá lớn khi giải nén ({info.file_size} byte, tối đa {limits.max_bytes})",
            f"member too large ({info.file_size} bytes, limit {limits.max_bytes})",
        )
    if info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO:
        return Text(
            f"tỉ lệ nén bất thường ({info.file_size // info.compress_size}:1), không giải nén",
            f"suspicious compression ratio ({info.file_size // info.compress_size}:1), not extracted",
        )
    return None


def _zip_members(path: str, limits: Limits, refused: list[Problem]) -> list[tuple[str, int, str]]:
    """(display name, index, name) of each member to check; a repeated name gets ``#2``, ``#3``."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (OSError, zipfile.BadZipFile, ValueError, EOFError) as exc:
        refused.append(
            Problem(
                printable(path), Text("không mở được tệp zip", f"cannot open zip archive: {exc}")
            )
        )
        return []
    members = []
    occurrences: dict[str, int] = {}
    for index, info in enumerate(infos):
        name = info.filename
        if info.is_dir() or not name.lower().endswith(SUFFIXES):
            continue
        occurrences[name] = occurrences.get(name, 0) + 1
        shown = name if occurrences[name] == 1 else f"{name}#{occurrences[name]}"
        reason = _refusal(info, limits)
        if reason is not None:
            refused.append(Problem(f"{printable(path)}:{shown}", reason))
        else:
            members.append((shown, index, name))
    return members


def _below(path: str, root: str) -> str:
    """``path`` relative to ``root``, for a path the walk of ``root`` made by joining names to it:
    its tail (os.path.relpath, which makes both absolute first, was half of discovering 100,000
    files; _safe_relative then drops any "." part, as relpath did)."""
    prefix = os.path.join(root, "")
    return path[len(prefix) :] if path.startswith(prefix) else os.path.relpath(path, root)


def _safe_relative(relative: str) -> str:
    """A path that stays under --out whatever the input path looked like."""
    parts = [p for p in relative.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    return "/".join(parts) or "input"


def _glob(argument: str, refused: list[Problem]) -> tuple[str | None, Iterator[str]]:
    """Expand a glob; ``**`` walks the tree once (link loops end), other patterns one level each."""
    root, rest = split_glob(argument)
    if "**" not in rest:
        return None, glob.iglob(argument)

    def wanted(path: str) -> bool:
        return matches_glob(os.path.relpath(path, root).split(os.sep), rest)

    found = _walk(root, refused, wanted)
    if root == "." and not argument.startswith("."):
        found = (os.path.normpath(path) for path in found)  # sub/x.yaml, as glob names it
    return root, found


def discover(paths: list[str], limits: Limits, mirror: bool = True) -> Discovery:
    """Expand the command-line paths into the inputs of a batch, in a stable order. ``mirror``
    False: no report file will be planned, so no input keeps its ``relative`` path."""
    inputs = InputTable()
    refused: list[Problem] = []
    trees: list[str] = []

    def kept(relative: str) -> str:
        return _safe_relative(relative) if mirror else ""

    def add_archive(argument: str, stem: str, loose: bool = True) -> None:
        for shown, index, member in _zip_members(argument, limits, refused):
            display = f"{printable(argument)}:{shown}"
            inputs.add(display, kept(os.path.join(stem, shown)), argument, member, index, loose)

    # Reports mirror each input's path below the folder or archive it was found in, whatever
    # the number of paths given (a collision between two folders is told apart by plan_reports).
    for argument in paths:
        if os.path.isdir(argument):
            trees.append(argument)
            for path in _walk(argument, refused):
                relative = printable(_below(path, argument))
                if path.lower().endswith(".zip"):  # read like a .zip named on the command line
                    add_archive(path, os.path.splitext(relative)[0], loose=False)
                else:
                    inputs.add(printable(path), kept(relative), path, loose=False)
        elif argument.lower().endswith(".zip") and os.path.isfile(argument):
            add_archive(argument, printable(os.path.splitext(os.path.basename(argument))[0]))
        elif os.path.exists(argument) or os.path.islink(argument):
            relative = printable(os.path.basename(argument))
            inputs.add(printable(argument), kept(relative), argument)
        else:
            tree, matches = _glob(argument, refused)
            if tree is not None:
                trees.append(tree)
            matched = False
            for path in matches:
                if os.path.isfile(path) and path.lower().endswith(SUFFIXES):
                    matched = True
                    shown = printable(path)
                    relative = shown if not os.path.isabs(path) else os.path.basename(shown)
                    inputs.add(shown, kept(relative), path, loose=tree is None)
            if not matched:
                refused.append(
                    Problem(
                        printable(argument),
                        Text("không tìm thấy tệp", "no such file or pattern matches nothing"),
                    )
                )
    skipped = inputs.settle()
    refused = sorted({p.path: p for p in refused}.values(), key=lambda p: p.path)
    skipped.sort(key=lambda p: p.path)
    return Discovery(inputs, tuple(refused), tuple(skipped), tuple(trees))
