"""The zip container of a workbook, measured and vetted before openpyxl parses any of it.

A workbook is a zip of XML parts: its member count and inflated size are checked against the
limits first (a zip bomb is refused before it expands), macros and links to other workbooks are
refused by their parts' names, and XML entities are refused by defusedxml, which openpyxl uses
when it is installed (it is a dependency for that reason).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from typing import Any

from ruleset.documents.limits import Limits
from ruleset.errors import InputError
from ruleset.text import Text

_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
FIXED_TIME = dt.datetime(2000, 1, 1)  # what workbooks we write say about when they were made
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_RANGE_REF = re.compile(r"<(?:\w+:)?(?:mergeCell|hyperlink)\b[^>]*?\bref=[\"']([^\"']*)[\"']")
_CORNER = re.compile(r"([A-Za-z]{1,3})([0-9]{1,7})")
MAX_MEMBERS = 1_000  # a workbook holds a few dozen parts; thousands means something else


def check_suffix(path: str) -> None:
    lower = path.lower()
    if lower.endswith((".xlsm", ".xltm")):
        raise InputError.at(
            path,
            Text(
                "tệp Excel có macro (.xlsm) không được nhận", "macro-enabled workbooks are refused"
            ),
            hint=Text(
                "lưu dạng 'Excel Workbook (.xlsx)'; macro không bao giờ được chạy",
                "save it as 'Excel Workbook (.xlsx)'; macros are never run",
            ),
        )
    if lower.endswith((".xls", ".ods")):
        raise InputError.at(
            path,
            Text(
                "định dạng bảng tính cũ hoặc khác không được hỗ trợ",
                "only .xlsx workbooks are read",
            ),
            hint=Text(
                "mở tệp và lưu lại dạng 'Excel Workbook (.xlsx)'",
                "open it and save it as 'Excel Workbook (.xlsx)'",
            ),
        )


def check_container(data: bytes, path: str, limits: Limits) -> None:
    """Count and measure the zip's members before any of them is inflated or parsed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError.at(
            path,
            Text(
                "không phải tệp Excel .xlsx (không đọc được cấu trúc zip)",
                "not an .xlsx workbook (not a readable zip container)",
            ),
            hint=Text(
                "lưu từ Excel hoặc LibreOffice dạng 'Excel Workbook (.xlsx)'",
                "save it from Excel or LibreOffice as 'Excel Workbook (.xlsx)'",
            ),
        ) from None
    if len(infos) > MAX_MEMBERS:
        raise InputError.at(
            path,
            Text(
                f"tệp Excel có quá nhiều thành phần ({len(infos)}, tối đa {MAX_MEMBERS})",
                f"workbook has too many parts ({len(infos)}, limit {MAX_MEMBERS})",
            ),
        )
    unzipped = sum(info.file_size for info in infos)
    if unzipped > limits.max_bytes:
        raise InputError.at(
            path,
            Text(
                f"tệp Excel khi giải nén quá lớn ({unzipped} byte, tối đa {limits.max_bytes})",
                f"workbook too large once unzipped ({unzipped} bytes, limit {limits.max_bytes})",
            ),
            hint=Text(
                "nâng giới hạn bằng --max-bytes nếu sổ tính là thật",
                "raise the limit with --max-bytes if the workbook is genuine",
            ),
        )
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names:
        raise InputError.at(
            path,
            Text("không phải tệp Excel .xlsx", "not an .xlsx workbook (no xl/workbook.xml)"),
            hint=Text(
                "lưu từ Excel hoặc LibreOffice dạng 'Excel Workbook (.xlsx)'",
                "save it from Excel or LibreOffice as 'Excel Workbook (.xlsx)'",
            ),
        )
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise InputError.at(
            path,
            Text(
                "tệp Excel có macro không được nhận",
                "the workbook holds macros (VBA) and is refused",
            ),
            hint=Text(
                "lưu dạng 'Excel Workbook (.xlsx)' không kèm macro",
                "save it as 'Excel Workbook (.xlsx)' without macros",
            ),
        )
    if any(name.startswith("xl/externalLinks/") for name in names):
        raise InputError.at(
            path,
            Text("tệp Excel liên kết tới tệp khác", "the workbook links to other workbooks"),
            hint=Text(
                "thay liên kết bằng giá trị của chúng (Dữ liệu → Sửa liên kết → Ngắt liên kết)",
                "replace the links by their values (Data → Edit Links → Break Link)",
            ),
        )
    _check_ranges(data, [i for i in infos if _SHEET_PART.match(i.filename)], path, limits)


def _check_ranges(data: bytes, sheets: list[zipfile.ZipInfo], path: str, limits: Limits) -> None:
    """openpyxl builds one object per cell of every merged range and hyperlink range it loads:
    one line of XML (``<mergeCell ref="A1:XFD1048576"/>``) would be 17 billion objects. Their
    areas are summed from the XML first and held to ``max_nodes``."""
    area = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in sheets:
            try:
                content = archive.read(info)
            except (zipfile.BadZipFile, OSError, ValueError) as exc:
                raise InputError.at(
                    path, Text("không đọc được tệp Excel", f"cannot read the workbook: {exc}")
                ) from None
            wide = b"\x00" in content[:4]  # UTF-16 XML, with or without a byte-order mark
            text = content.decode("utf-16" if wide else "utf-8", "replace")
            for ref in _RANGE_REF.findall(text):
                area += sum(_area(part) for part in ref.split())
            if area > limits.max_nodes:
                raise InputError.at(
                    path,
                    Text(
                        f"vùng ô gộp hoặc liên kết quá lớn (quá {limits.max_nodes} ô)",
                        f"merged or linked ranges cover more than {limits.max_nodes} cells",
                    ),
                    hint=Text(
                        "bỏ gộp cả hàng hoặc cả cột; chỉ gộp những ô cần gộp",
                        "unmerge whole rows or columns; merge only the cells that need it",
                    ),
                )


def _area(ref: str) -> int:
    """Cells in ``A1:C3`` (9), ``$B$2`` (1); 0 for what is not a reference (openpyxl names it)."""
    corners = []
    for corner in ref.split(":"):
        match = _CORNER.fullmatch(corner.replace("$", ""))
        if match is None:
            return 0
        corners.append(_coordinates(match))
    (top, left), (bottom, right) = corners[0], corners[-1]
    return (abs(bottom - top) + 1) * (abs(right - left) + 1)


def _coordinates(match: re.Match[str]) -> tuple[int, int]:
    column = 0
    for letter in match.group(1).upper():
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)), column


def open_workbook(data: bytes, path: str) -> Any:
    """The parsed workbook (formulas kept as formulas, so the reader can refuse them)."""
    import openpyxl  # imported here: YAML and JSON users never pay for it
    from defusedxml import DefusedXmlException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unsupported extensions: nothing we read
            return openpyxl.load_workbook(
                io.BytesIO(data), read_only=False, data_only=False, keep_vba=False, keep_links=False
            )
    except Exception as exc:  # openpyxl raises many types on a malformed part
        cause: BaseException | None = exc
        while cause is not None and not isinstance(cause, DefusedXmlException):
            cause = cause.__cause__ or cause.__context__
        if cause is not None:
            raise InputError.at(
                path,
                Text(
                    "tệp Excel chứa khai báo thực thể XML, không được nhận",
                    "the workbook's XML "
                    f"declares entities or external references, which are refused ({cause!r})",
                ),
                hint=Text(
                    "lưu lại từ Excel hoặc LibreOffice",
                    "save it again from Excel or LibreOffice",
                ),
            ) from None
        raise InputError.at(
            path,
            Text(
                "không đọc được tệp Excel", f"cannot read the workbook: {type(exc).__name__}: {exc}"
            ),
            hint=Text(
                "mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx",
                "open it in Excel or LibreOffice and save it again as .xlsx",
            ),
        ) from None


def reproducible(data: bytes) -> bytes:
    """A workbook we wrote, with the clock taken out: the same content gives the same bytes.

    openpyxl stamps the save time into docProps/core.xml and into every zip entry; both become
    :data:`FIXED_TIME`, so templates and batch summaries can be compared byte for byte.
    """
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            fixed = zipfile.ZipInfo(info.filename, FIXED_TIME.timetuple()[:6])
            target.writestr(fixed, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()
