"""The shape of a self-assessment workbook, shared by its reader and the template that writes it.

One declaration, so the template an officer fills in and the reader that reads it back cannot
drift apart: sheet names, the two header rows (Vietnamese, then English), each column's field and
type, and the Vietnamese labels the drop-downs offer for each code.
"""

from __future__ import annotations

from dataclasses import dataclass

from ruleset.documents.textio import nfc

AGENCY = "Cơ quan"
OBLIGATIONS = "Nhiệm vụ"
ACTIVITIES = "Hoạt động"
DOCUMENTS = "Văn bản"
FIGURES = "Số liệu"
CASES = "Vụ việc"
LISTS = "Danh mục"
FIRST_ROW = 3  # rows 1 and 2 hold the Vietnamese and English headers

STATUSES = {
    "done": "Đã thực hiện",
    "in_progress": "Đang thực hiện",
    "not_done": "Chưa thực hiện",
    "not_applicable": "Không áp dụng",
}
ACTIVITY_KINDS = {
    "dissemination": "Tuyên truyền",
    "briefing": "Quán triệt",
    "training": "Tập huấn, bồi dưỡng",
    "conference": "Hội nghị",
    "coordination": "Phối hợp",
    "inspection": "Kiểm tra",
    "monitoring": "Nắm tình hình, rà soát",
    "rebuttal": "Đấu tranh phản bác",
    "enforcement": "Xử lý vi phạm",
    "direction": "Chỉ đạo",
    "publication": "Tin bài",
    "investment": "Đầu tư",
    "other": "Khác",
}
DOCUMENT_KINDS = {
    "regulation": "Quy chế, quy định",
    "plan": "Kế hoạch",
    "directive": "Chỉ thị, công văn chỉ đạo",
    "guidance": "Hướng dẫn",
    "decision": "Quyết định",
    "report": "Báo cáo",
    "other": "Khác",
}
YES_NO = {True: "Có", False: "Không"}
# The code list a column kind offers in its drop-down.
CHOICES: dict[str, dict[str, str]] = {
    "status": STATUSES,
    "activity_kind": ACTIVITY_KINDS,
    "document_kind": DOCUMENT_KINDS,
}


@dataclass(frozen=True)
class Column:
    """One column of a record sheet: the field it fills and how its cells are read."""

    field: str  # key in the record; "" for a column shown to the officer and never read
    vi: str
    en: str
    kind: str = "text"  # text, date, int, ids, list, bool, status, activity_kind, document_kind
    width: int = 18


@dataclass(frozen=True)
class Field:
    """One row of the agency sheet: a dotted path into the submission."""

    path: str
    vi: str
    en: str
    kind: str = "text"


AGENCY_FIELDS = (
    Field("agency.id", "Mã cơ quan (viết liền, không dấu)", "Agency id"),
    Field("agency.name", "Tên cơ quan", "Agency name"),
    Field("agency.kind", "Loại cơ quan", "Agency kind"),
    Field("agency.province", "Tỉnh, thành phố", "Province"),
    Field("period.start", "Kỳ báo cáo từ ngày", "Period start", "date"),
    Field("period.end", "Kỳ báo cáo đến ngày", "Period end", "date"),
    Field("submitted", "Ngày ký báo cáo", "Date signed", "date"),
    Field("prepared_by.name", "Người lập báo cáo", "Prepared by"),
    Field("prepared_by.position", "Chức vụ", "Position"),
    Field("prepared_by.contact", "Điện thoại, thư điện tử", "Contact"),
    Field("ruleset_version", "Phiên bản bộ quy tắc", "Rule-set version"),
)
AGENCY_HEADERS = (("Thông tin", "Field"), ("", ""), ("Nội dung", "Value"))

OBLIGATION = "obligation"  # the column that ties a record to an obligation (blank: agency-wide)
_FOR_OBLIGATION = Column(
    OBLIGATION, "Thuộc nhiệm vụ (để trống: dùng chung)", "Obligation id (blank: agency-wide)"
)

SHEETS: dict[str, tuple[Column, ...]] = {
    OBLIGATIONS: (
        Column("id", "Mã nhiệm vụ", "Obligation id", width=20),
        Column("", "Tên nhiệm vụ", "Title", width=40),
        Column("", "Mức độ", "Severity", width=12),
        Column("", "Căn cứ (trích nguyên văn)", "Source and quoted clause", width=60),
        Column("", "Yêu cầu để đạt", "What it takes to be met", width=50),
        Column("status", "Tình trạng thực hiện", "Status", "status", width=18),
        Column("summary", "Kết quả thực hiện", "Summary of what was done", width=45),
        Column(
            "reason", "Lý do (chưa thực hiện, không áp dụng)", "Reason (not done, n/a)", width=30
        ),
        Column("activities", "Mã hoạt động minh chứng", "Evidence: activity ids", "ids", 20),
        Column("documents", "Mã văn bản minh chứng", "Evidence: document ids", "ids", 20),
    ),
    ACTIVITIES: (
        Column("id", "Mã hoạt động", "Activity id", width=14),
        Column("kind", "Loại hoạt động", "Kind", "activity_kind", 22),
        Column("date", "Ngày", "Date", "date", 12),
        Column("end_date", "Đến ngày", "End date", "date", 12),
        Column("title", "Nội dung", "Title", width=45),
        Column("participants", "Số người tham dự", "Participants", "int", 12),
        Column("audience", "Thành phần (cách nhau bởi ;)", "Audience (; between)", "list", 24),
        Column("partners", "Đơn vị phối hợp (cách nhau bởi ;)", "Partners (; between)", "list", 24),
        Column(
            "cites", "Văn bản được triển khai (số, ký hiệu)", "Documents cited (number)", "ids", 24
        ),
        Column("outcome", "Kết quả", "Outcome", width=30),
        Column("notes", "Ghi chú", "Notes", width=24),
        _FOR_OBLIGATION,
        Column("topics", "Chủ đề (mã, cách nhau bởi ;)", "Topics (ids, ; between)", "ids", 30),
    ),
    DOCUMENTS: (
        Column("id", "Mã văn bản", "Document id", width=14),
        Column("number", "Số, ký hiệu", "Number and symbol", width=20),
        Column("date", "Ngày ban hành", "Date", "date", 12),
        Column("title", "Trích yếu", "Title", width=45),
        Column("kind", "Loại văn bản", "Kind", "document_kind", 22),
        Column("issuer", "Cơ quan ban hành", "Issuer", width=24),
        Column("cites", "Văn bản căn cứ (số, ký hiệu)", "Documents cited (number)", "ids", 24),
        _FOR_OBLIGATION,
        Column("topics", "Chủ đề (mã, cách nhau bởi ;)", "Topics (ids, ; between)", "ids", 30),
    ),
    FIGURES: (
        Column("name", "Mã số liệu", "Figure name", width=30),
        Column("value", "Giá trị", "Value", "int", 12),
        _FOR_OBLIGATION,
    ),
    CASES: (
        Column(OBLIGATION, "Thuộc nhiệm vụ", "Obligation id", width=22),
        Column("id", "Mã vụ việc", "Case id", width=14),
        Column("date", "Ngày phát hiện", "Date", "date", 12),
        Column("summary", "Nội dung vụ việc", "Summary", width=45),
        Column("outcome", "Kết quả xử lý", "Outcome", width=35),
        Column("handled", "Đã xử lý xong (Có/Không)", "Handled (yes/no)", "bool", 14),
        Column(
            "by_staff",
            "Do cán bộ của cơ quan (Có/Không)",
            "By the agency's own staff (yes/no)",
            "bool",
            16,
        ),
        Column("topics", "Chủ đề (mã, cách nhau bởi ;)", "Topics (ids, ; between)", "ids", 30),
    ),
}


def fold(text: str) -> str:
    """How labels are compared: NFC, trimmed, case and inner spacing ignored."""
    return " ".join(nfc(text).split()).casefold()


def code_of(choices: dict[str, str], text: str) -> str | None:
    """The code a label or a code stands for (``Đã thực hiện`` and ``done`` both give ``done``)."""
    folded = fold(text)
    for code, label in choices.items():
        if folded in (fold(label), code):
            return code
    return None
