"""Which files a batch reads: files, directories (recursively), globs and zip archives.

Every path found ends in exactly one place: an input (checked), a refusal (listed as unreadable,
with the reason) or a skip (the same file reached again by another path, listed with the first
path). Inputs are sorted by their display path so results come out in the same order whatever
the number of workers. A link that leads outside the tree it was found in is not followed; a
directory is entered once however many links lead to it, so link loops end; an archive member
that is unsafe (absolute or ``..`` path), encrypted, compressed by an unsupported method or
enormously expanding is refused.
"""

from __future__ import annotations

import glob
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace

from ruleset.batch.paths import matches_glob, printable, split_glob
from ruleset.documents.limits import Limits
from ruleset.errors import Problem
from ruleset.text import Text

SUFFIXES = (".yaml", ".yml", ".json", ".xlsx", ".xlsm")
MAX_ZIP_RATIO = 200  # uncompressed / compressed, beyond which a member looks like a zip bomb
ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)
OUTSIDE = Text("liên kết ra ngoài thư mục, không theo", "link leads outside the tree, not followed")


@dataclass(frozen=True, slots=True)
class BatchInput:
    """One submission to check: where to read it, how to name it, where its report goes.

    Slotted: a batch holds one per input (100,000 for a national period), and a slotted object
    is about half the size."""

    display: str  # the path shown in reports and summaries: unique, valid UTF-8
    relative: str  # mirrored under --out
    path: str  # file on disk, or the zip archive holding it
    member: str | None = None  # name inside the archive
    index: int = -1  # position of the member in the archive (two members may share a name)
    report: str = ""  # report path relative to --out, unique in the batch (see batch.paths)


@dataclass(frozen=True)
class Discovery:
    inputs: tuple[BatchInput, ...]
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
) -> list[str]:
    """Files under ``root``; each real directory entered once, links leaving ``root`` refused."""
    found = []
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
            found.append(path)
    return found


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


def _identity(item: BatchInput) -> object:
    """What makes two inputs the same submission: the file (device, inode), and the member. A
    plain file's is one int (device and inode side by side): the batch keeps one per input until
    discovery ends, and a tuple of three ints was three times the size."""
    try:
        info = os.stat(item.path)
    except OSError:
        return (os.path.abspath(item.path), item.index)
    if item.index < 0:
        return info.st_dev << 64 | info.st_ino  # inode numbers fit in 64 bits (ino_t)
    return (info.st_dev, info.st_ino, item.index)


def _glob(argument: str, refused: list[Problem]) -> tuple[str | None, list[str]]:
    """Expand a glob; ``**`` walks the tree once (link loops end), other patterns one level each."""
    root, rest = split_glob(argument)
    if "**" not in rest:
        return None, sorted(glob.glob(argument))

    def wanted(path: str) -> bool:
        return matches_glob(os.path.relpath(path, root).split(os.sep), rest)

    found = _walk(root, refused, wanted)
    if root == "." and not argument.startswith("."):
        found = [os.path.normpath(path) for path in found]  # sub/x.yaml, as glob names it
    return root, found


def _once(inputs: list[BatchInput]) -> tuple[list[BatchInput], list[Problem]]:
    """Each file once: the same path given twice is one input; the same file (or archive member)
    reached by another path is skipped, naming the first; two files with one printable name are
    told apart by a ``#n`` suffix."""
    first: dict[object, str] = {}
    unique: list[BatchInput] = []
    skipped: list[Problem] = []
    shown: set[str] = set()
    previous: tuple[str, int] | None = None
    for item in inputs:
        if previous == (item.display, item.index):
            continue
        previous = (item.display, item.index)
        key = _identity(item)
        if key in first:
            original = first[key]
            skipped.append(
                Problem(
                    item.display,
                    Text(
                        f"cùng một tệp với {original}, đã kiểm một lần",
                        f"the same file as {original}, checked once",
                    ),
                )
            )
            continue
        if item.display in shown:
            item = replace(item, display=f"{item.display}#{len(unique) + 1}")
        first[key] = item.display
        shown.add(item.display)
        unique.append(item)
    return unique, skipped


def discover(paths: list[str], limits: Limits, mirror: bool = True) -> Discovery:
    """Expand the command-line paths into the inputs of a batch, in a stable order. ``mirror``
    False: no report file will be planned, so no input keeps its ``relative`` path."""
    inputs: list[BatchInput] = []
    refused: list[Problem] = []
    trees: list[str] = []

    def add(
        display: str, relative: str, path: str, member: str | None = None, index: int = -1
    ) -> None:
        kept = _safe_relative(relative) if mirror else ""
        inputs.append(BatchInput(display, kept, path, member, index))

    def add_archive(argument: str, stem: str) -> None:
        for shown, index, member in _zip_members(argument, limits, refused):
            add(
                f"{printable(argument)}:{shown}", os.path.join(stem, shown), argument, member, index
            )

    # Reports mirror each input's path below the folder or archive it was found in, whatever
    # the number of paths given (a collision between two folders is told apart by plan_reports).
    for argument in paths:
        if os.path.isdir(argument):
            trees.append(argument)
            for path in _walk(argument, refused):
                relative = printable(_below(path, argument))
                if path.lower().endswith(".zip"):  # read like a .zip named on the command line
                    add_archive(path, os.path.splitext(relative)[0])
                else:
                    add(printable(path), relative, path)
        elif argument.lower().endswith(".zip") and os.path.isfile(argument):
            add_archive(argument, printable(os.path.splitext(os.path.basename(argument))[0]))
        elif os.path.exists(argument) or os.path.islink(argument):
            add(printable(argument), printable(os.path.basename(argument)), argument)
        else:
            tree, matches = _glob(argument, refused)
            if tree is not None:
                trees.append(tree)
            found = [p for p in matches if os.path.isfile(p) and p.lower().endswith(SUFFIXES)]
            if not found:
                refused.append(
                    Problem(
                        printable(argument),
                        Text("không tìm thấy tệp", "no such file or pattern matches nothing"),
                    )
                )
            for path in found:
                shown = printable(path)
                add(shown, shown if not os.path.isabs(path) else os.path.basename(shown), path)
    unique, skipped = _once(sorted(inputs, key=lambda item: (item.display, item.index)))
    refused = sorted({p.path: p for p in refused}.values(), key=lambda p: p.path)
    skipped.sort(key=lambda p: p.path)
    return Discovery(tuple(unique), tuple(refused), tuple(skipped), tuple(trees))


def with_reports(discovery: Discovery, reports: list[str]) -> Discovery:
    """The same discovery with each input's planned report path filled in; ``relative``, which
    only served to plan it, is dropped (a batch holds every input until its end)."""
    inputs = tuple(
        replace(item, report=report, relative="")
        for item, report in zip(discovery.inputs, reports, strict=True)
    )
    return replace(discovery, inputs=inputs)
