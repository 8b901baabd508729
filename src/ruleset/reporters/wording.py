"""Words shared by the human-readable reporters, in both languages."""

from __future__ import annotations

from ruleset.model import Report, Severity, Status
from ruleset.text import Lang, Text

WORDS: dict[str, Text] = {
    "title": Text("Báo cáo rà soát tự đánh giá", "Self-assessment gap report"),
    "agency": Text("Cơ quan", "Agency"),
    "period": Text("Kỳ báo cáo", "Reporting period"),
    "submitted": Text("Ngày báo cáo", "Submitted"),
    "rules": Text("Bộ quy tắc", "Rule set"),
    "summary": Text("Tổng hợp", "Summary"),
    "score": Text("Điểm", "Score"),
    "severity": Text("mức độ", "severity"),
    "source": Text("Căn cứ", "Source"),
    "claimed": Text("tự đánh giá", "claimed"),
    "no_rules": Text(
        "Không có nhiệm vụ nào áp dụng cho cơ quan này trong kỳ báo cáo.",
        "No obligation binds this agency in this period.",
    ),
    "other": Text("Ghi chú khác", "Other notes"),
    "note": Text("Ghi chú", "Note"),
    "advice": Text("Lưu ý", "Check this"),
    "as_of": Text("Chấm theo quy tắc có hiệu lực ngày", "Judged by the rules in force on"),
    "ended": Text("Nhiệm vụ không còn ràng buộc", "Obligations that no longer bind"),
    "version_mismatch": Text(
        "Báo cáo được lập theo bộ quy tắc phiên bản {declared}, nhưng được rà soát theo phiên bản {used}.",
        "The submission was written against rule-set version {declared} but is checked with {used}.",
    ),
    "obligation": Text("Nhiệm vụ", "Obligation"),
    "status": Text("Kết quả", "Status"),
    "where": Text("Vị trí", "Where"),
    "finding": Text("Nội dung", "Finding"),
    "not_applicable_score": Text(
        "không tính (không có nhiệm vụ áp dụng)",
        "n/a (no applicable obligation)",
    ),
    # HTML report and batch dashboard
    "file": Text("Tệp tự đánh giá", "Submission file"),
    "contents": Text("Danh sách nhiệm vụ", "Obligations at a glance"),
    "details": Text("Chi tiết từng nhiệm vụ", "Obligation by obligation"),
    "produced_by": Text("Lập bằng ruleset {version}", "Produced by ruleset {version}"),
    "dashboard_title": Text("Tổng hợp rà soát tự đánh giá", "Self-assessment review dashboard"),
    "files": Text("Số tệp", "Files"),
    "checked": Text("Đã rà soát", "Checked"),
    "unreadable": Text("Không đọc được", "Unreadable"),
    "with_gaps": Text("Có thiếu sót", "With gaps"),
    "mean_score": Text("Điểm trung bình", "Mean score"),
    "by_obligation": Text(
        "Tỉ lệ đạt theo nhiệm vụ (thấp nhất trước)",
        "Compliance by obligation (lowest first)",
    ),
    "by_province": Text("Tổng hợp theo tỉnh", "By province"),
    "ranking": Text(
        "Xếp hạng cơ quan theo điểm (thấp nhất trước)",
        "Agencies ranked by score (worst first)",
    ),
    "matrix": Text("Ma trận cơ quan × nhiệm vụ", "Agency × obligation matrix"),
    "unreadable_files": Text("Tệp không đọc được", "Files that could not be read"),
    "all_readable": Text("Mọi tệp đều đọc được.", "Every file could be read."),
    "reason": Text("Lý do", "Reason"),
    "compliance": Text("Tỉ lệ đạt", "Compliance"),
    "judged": Text("Số lượt chấm", "Judged"),
    "agencies": Text("Số cơ quan", "Agencies"),
    "province": Text("Tỉnh", "Province"),
    "kind": Text("Loại cơ quan", "Agency kind"),
    "gaps": Text("Số thiếu sót", "Gaps"),
    "rank": Text("Hạng", "Rank"),
    "report": Text("Báo cáo", "Report"),
    "national": Text("Toàn quốc", "National"),
    "filters": Text("Lọc", "Filter"),
    "all": Text("Tất cả", "All"),
    "any_status": Text("Mọi kết quả", "Any status"),
    "search": Text("Tìm tên cơ quan", "Search agency name"),
    "shown": Text("Đang hiện", "Showing"),
    "legend": Text("Chú giải", "Legend"),
    "filter_note": Text(
        "Bộ lọc áp dụng cho bảng xếp hạng và ma trận; lọc theo kết quả giữ các cơ quan có ít nhất một nhiệm vụ ở kết quả đó.",
        "Filters apply to the ranking and the matrix; a status keeps the agencies with at least one obligation in that status.",
    ),
}


def word(key: str, lang: Lang | str) -> str:
    return WORDS[key].get(lang)


def status_label(status: Status, lang: Lang | str) -> str:
    return status.label.get(lang)


def severity_label(severity: Severity, lang: Lang | str) -> str:
    return severity.label.get(lang)


def score_text(report: Report, lang: str) -> str:
    score = report.score()
    return word("not_applicable_score", lang) if score is None else f"{score:.1f}/100"


def counts_text(report: Report, lang: str) -> str:
    counts = report.counts()
    return ", ".join(
        f"{status_label(status, lang)}: {counts[status]}" for status in Status if counts[status]
    )


def version_note(report: Report, lang: str) -> str | None:
    declared = report.declared_ruleset_version
    if declared is None or declared == report.ruleset_version:
        return None
    return word("version_mismatch", lang).format(declared=declared, used=report.ruleset_version)
