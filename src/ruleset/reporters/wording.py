"""Words shared by the human-readable reporters, in both languages."""

from __future__ import annotations

from ruleset.model import SEVERITY_LABELS, STATUS_LABELS, Report, Severity, Status

WORDS = {
    "title": ("Báo cáo rà soát tự đánh giá", "Self-assessment gap report"),
    "agency": ("Cơ quan", "Agency"),
    "period": ("Kỳ báo cáo", "Reporting period"),
    "submitted": ("Ngày báo cáo", "Submitted"),
    "rules": ("Bộ quy tắc", "Rule set"),
    "summary": ("Tổng hợp", "Summary"),
    "score": ("Điểm", "Score"),
    "severity": ("mức độ", "severity"),
    "source": ("Căn cứ", "Source"),
    "claimed": ("tự đánh giá", "claimed"),
    "no_rules": (
        "Không có nhiệm vụ nào áp dụng cho cơ quan này trong kỳ báo cáo.",
        "No obligation binds this agency in this period.",
    ),
    "other": ("Ghi chú khác", "Other notes"),
    "note": ("Ghi chú", "Note"),
    "as_of": ("Chấm theo quy tắc có hiệu lực ngày", "Judged by the rules in force on"),
    "ended": ("Nhiệm vụ không còn ràng buộc", "Obligations that no longer bind"),
    "version_mismatch": (
        "Báo cáo được lập theo bộ quy tắc phiên bản {declared}, nhưng được rà soát theo phiên bản {used}.",
        "The submission was written against rule-set version {declared} but is checked with {used}.",
    ),
    "obligation": ("Nhiệm vụ", "Obligation"),
    "status": ("Kết quả", "Status"),
    "where": ("Vị trí", "Where"),
    "finding": ("Nội dung", "Finding"),
    "not_applicable_score": (
        "không tính (không có nhiệm vụ áp dụng)",
        "n/a (no applicable obligation)",
    ),
    # HTML report and batch dashboard
    "file": ("Tệp tự đánh giá", "Submission file"),
    "contents": ("Danh sách nhiệm vụ", "Obligations at a glance"),
    "details": ("Chi tiết từng nhiệm vụ", "Obligation by obligation"),
    "produced_by": ("Lập bằng ruleset {version}", "Produced by ruleset {version}"),
    "dashboard_title": ("Tổng hợp rà soát tự đánh giá", "Self-assessment review dashboard"),
    "files": ("Số tệp", "Files"),
    "checked": ("Đã rà soát", "Checked"),
    "unreadable": ("Không đọc được", "Unreadable"),
    "with_gaps": ("Có thiếu sót", "With gaps"),
    "mean_score": ("Điểm trung bình", "Mean score"),
    "by_obligation": (
        "Tỉ lệ đạt theo nhiệm vụ (thấp nhất trước)",
        "Compliance by obligation (lowest first)",
    ),
    "by_province": ("Tổng hợp theo tỉnh", "By province"),
    "ranking": (
        "Xếp hạng cơ quan theo điểm (thấp nhất trước)",
        "Agencies ranked by score (worst first)",
    ),
    "matrix": ("Ma trận cơ quan × nhiệm vụ", "Agency × obligation matrix"),
    "unreadable_files": ("Tệp không đọc được", "Files that could not be read"),
    "all_readable": ("Mọi tệp đều đọc được.", "Every file could be read."),
    "reason": ("Lý do", "Reason"),
    "compliance": ("Tỉ lệ đạt", "Compliance"),
    "judged": ("Số lượt chấm", "Judged"),
    "agencies": ("Số cơ quan", "Agencies"),
    "province": ("Tỉnh", "Province"),
    "kind": ("Loại cơ quan", "Agency kind"),
    "gaps": ("Số thiếu sót", "Gaps"),
    "rank": ("Hạng", "Rank"),
    "report": ("Báo cáo", "Report"),
    "national": ("Toàn quốc", "National"),
    "filters": ("Lọc", "Filter"),
    "all": ("Tất cả", "All"),
    "any_status": ("Mọi kết quả", "Any status"),
    "search": ("Tìm tên cơ quan", "Search agency name"),
    "shown": ("Đang hiện", "Showing"),
    "legend": ("Chú giải", "Legend"),
    "filter_note": (
        "Bộ lọc áp dụng cho bảng xếp hạng và ma trận; lọc theo kết quả giữ các cơ quan có ít nhất một nhiệm vụ ở kết quả đó.",
        "Filters apply to the ranking and the matrix; a status keeps the agencies with at least one obligation in that status.",
    ),
}


def word(key: str, lang: str) -> str:
    vi, en = WORDS[key]
    return vi if lang == "vi" else en


def status_label(status: Status, lang: str) -> str:
    vi, en = STATUS_LABELS[status]
    return vi if lang == "vi" else en


def severity_label(severity: Severity, lang: str) -> str:
    vi, en = SEVERITY_LABELS[severity]
    return vi if lang == "vi" else en


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
