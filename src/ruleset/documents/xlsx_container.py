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

_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
FIXED_TIME = dt.datetime(2000, 1, 1)  # what workbooks we write say about when they were made
MAX_MEMBERS = 1_000  # a workbook holds a few dozen parts; thousands means something else
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".ods")


def check_suffix(path: str) -> None:
    lower = path.lower()
    if lower.endswith((".xlsm", ".xltm")):
        raise InputError.at(
            path,
            "tệp Excel có macro (.xlsm) không được nhận / macro-enabled workbooks are refused",
            hint="save it as 'Excel Workbook (.xlsx)'; macros are never run",
        )
    if lower.endswith((".xls", ".ods")):
        raise InputError.at(
            path,
            "định dạng bảng tính cũ hoặc khác không được hỗ trợ / only .xlsx workbooks are read",
            hint="open it and save it as 'Excel Workbook (.xlsx)'",
        )


def check_container(data: bytes, path: str, limits: Limits) -> None:
    """Count and measure the zip's members before any of them is inflated or parsed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError.at(
            path,
            "không phải tệp Excel .xlsx (không đọc được cấu trúc zip) / not an .xlsx workbook "
            "(not a readable zip container)",
            hint="save it from Excel or LibreOffice as 'Excel Workbook (.xlsx)'",
        ) from None
    if len(infos) > MAX_MEMBERS:
        raise InputError.at(
            path,
            f"tệp Excel có quá nhiều thành phần ({len(infos)}, tối đa {MAX_MEMBERS}) / "
            f"workbook has too many parts ({len(infos)}, limit {MAX_MEMBERS})",
        )
    unzipped = sum(info.file_size for info in infos)
    if unzipped > limits.max_bytes:
        raise InputError.at(
            path,
            f"tệp Excel khi giải nén quá lớn ({unzipped} byte, tối đa {limits.max_bytes}) / "
            f"workbook too large once unzipped ({unzipped} bytes, limit {limits.max_bytes})",
            hint="raise the limit with --max-bytes if the workbook is genuine",
        )
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names:
        raise InputError.at(
            path,
            "không phải tệp Excel .xlsx / not an .xlsx workbook (no xl/workbook.xml)",
            hint="save it from Excel or LibreOffice as 'Excel Workbook (.xlsx)'",
        )
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise InputError.at(
            path,
            "tệp Excel có macro không được nhận / the workbook holds macros (VBA) and is refused",
            hint="save it as 'Excel Workbook (.xlsx)' without macros",
        )
    if any(name.startswith("xl/externalLinks/") for name in names):
        raise InputError.at(
            path,
            "tệp Excel liên kết tới tệp khác / the workbook links to other workbooks",
            hint="replace the links by their values (Data → Edit Links → Break Link)",
        )


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
                "tệp Excel chứa khai báo thực thể XML, không được nhận / the workbook's XML "
                f"declares entities or external references, which are refused ({cause!r})",
                hint="save it again from Excel or LibreOffice",
            ) from None
        raise InputError.at(
            path,
            f"không đọc được tệp Excel / cannot read the workbook: {type(exc).__name__}: {exc}",
            hint="open it in Excel or LibreOffice and save it again as .xlsx",
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
