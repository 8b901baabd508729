# The engine's judgement of one obligation, in Rego, for the benchmark against OPA (regopy).
# Mirrors src/ruleset/judging/engine.py: missing / not_applicable / not_met (declared) /
# claimed_without_evidence / met / partially_met / not_met (every check failed); evidence counts
# when dated in the window the rule binds and about its subject (src/ruleset/rules/topics.py).
package ruleset

import rego.v1

period_start := input.period.start

period_end := input.period.end

# The topics the eleven rules ask about (rules/vocabulary/topics.yaml): the documents that define
# each, and its phrases folded as ruleset folds them (no case, no diacritics, one space between).
topics := {
	"cyber-security": {"documents": {"24/2018/QH14"}, "phrases": [" an ninh mang ", " luat an ninh mang ", " an toan an ninh mang "]},
	"network-information-security": {"documents": {"86/2015/QH13"}, "phrases": [" an toan thong tin mang ", " an toan thong tin ", " bao mat thong tin "]},
	"social-network-code-of-conduct": {"documents": {"874/QĐ-BTTTT"}, "phrases": [" quy tac ung xu tren mang xa hoi ", " bo quy tac ung xu ", " quy tac ung xu tren khong gian mang "]},
	"countering-hostile-information": {"documents": {"35-NQ/TW"}, "phrases": [" phan bac quan diem sai trai ", " phan bac thong tin sai trai ", " dau tranh phan bac ", " luan dieu sai trai ", " quan diem sai trai ", " thong tin sai trai ", " the luc thu dich ", " bao ve nen tang tu tuong ", " tinh than canh giac ", " nang cao canh giac ", " thong tin xuyen tac ", " luan dieu xuyen tac "]},
	"responsible-social-media-use": {"documents": {"2575-CV/TU", "19-CT/TU", "3855/UBND-KGVX"}, "phrases": [" su dung mang xa hoi ", " khai thac su dung internet ", " thong tin xau doc ", " thong tin chua duoc kiem chung ", " thong tin chua kiem chung ", " chia se thong tin ", " dang tai thong tin ", " thong tin sai su that ", " tin bai sai su that "]},
	"harmful-online-content": {"documents": set(), "phrases": [" thong tin sai su that ", " tin sai su that ", " thong tin xau doc ", " thong tin doc hai ", " go bo thong tin ", " go bo bai viet ", " go bo tin ", " bai viet xuyen tac ", " tai khoan gia mao ", " trang gia mao "]},
	"false-information-online": {"documents": set(), "phrases": [" thong tin sai su that ", " tin sai su that ", " chong tin gia ", " loi dung mang xa hoi ", " loi dung internet ", " thieu chuan muc dao duc ", " trai thuan phong my tuc "]},
	"press-and-online-information-management": {"documents": {"990-CV/BTGTW", "286-CV/TU", "103/2016/QH13"}, "phrases": [" quan ly thong tin tren mang ", " quan ly thong tin tren internet ", " quan ly thong tin tren mang xa hoi ", " giao ban bao chi ", " dinh huong bao chi ", " chi dao bao chi ", " quan ly bao chi ", " dinh huong thong tin ", " dinh huong du luan ", " quan ly nha nuoc ve an ninh mang ", " dinh huong tuyen truyen "]},
	"ideological-situation": {"documents": set(), "phrases": [" tinh hinh tu tuong ", " dien bien tu tuong ", " tam trang xa hoi ", " du luan xa hoi ", " tu tuong can bo ", " tam tu nguyen vong "]},
	"social-network-platform-management": {"documents": set(), "phrases": [" mang xa hoi xuyen bien gioi ", " nen tang xuyen bien gioi ", " nen tang so xuyen bien gioi ", " nen tang mang xa hoi ", " dich vu mang xa hoi ", " quan ly mang xa hoi "]},
}

# regopy 1.5.2's lower() is ASCII-only and it answers "undefined" for any (?i) pattern: Vietnamese
# letters are lowered and stripped of their marks with these tables (text in NFC, as ruleset reads it;
# regopy reads "\u0300" as "u0300", so NFD's combining marks cannot be named here).
vowels_lower := split("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ", "")

vowels_upper := split("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ", "")

vowels_bare := split("aaaaaaaaaaaaaaaaadeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyy", "")

lowered := {upper: vowels_lower[i] | some i, upper in vowels_upper}

unmarked := object.union(
	{letter: vowels_bare[i] | some i, letter in vowels_lower},
	{letter: vowels_bare[i] | some i, letter in vowels_upper},
)

lower_vi(text) := lower(strings.replace_n(lowered, text))

fold(text) := concat("", [" ", trim_space(regex.replace(lower(strings.replace_n(unmarked, text)), `[\s,.;:/()_-]+`, " ")), " "])

# An activity or document given by id stands for the agency-wide record of that id.
resolve(item, key) := record if {
	is_string(item)
	some record in object.get(input, key, [])
	record.id == item
} else := item

evidence(entry, key) := [resolve(item, key) | some item in object.get(object.get(entry, "evidence", {}), key, [])]

day(value) := substring(value, 0, 10) if {
	is_string(value)
	count(value) >= 10
}

# The last day each province or agency kind existed before the 2025 reorganisation
# (rules/vocabulary/successors.yaml): no rule binds it after.
last_day := {
	"kon-tum": "2025-06-30", "bac-kan": "2025-06-30", "soc-trang": "2025-06-30", "ubnd-huyen": "2025-06-30", "huyen-uy": "2025-06-30",
	"bo-thong-tin-truyen-thong": "2025-02-28", "ban-tuyen-giao-tinh-uy": "2025-02-28", "ban-can-su-dang": "2025-01-31", "dang-doan": "2025-01-31", "dang-uy-khoi-tinh": "2025-01-31",
}

window_end := min({period_end} | {last_day[name] | some name in [input.agency.kind, input.agency.province]})

# The days a rule binds: from the day it takes effect (or the period's start) to the period's end,
# or to the last day the agency's province or kind existed; defined only when it binds the agency.
window(kinds, provinces, from) := window_national(kinds, from) if input.agency.province in provinces

window_national(kinds, from) := [first, window_end] if {
	input.agency.kind in kinds
	first := max([period_start, from])
	first <= window_end
}

in_window(value, w) if {
	w[0] <= day(value)
	day(value) <= w[1]
}

# About a topic, asked in ruleset's order (an else chain, so a title is folded only when needed):
# the item's topics name it, it cites a document defining it, else its title (or summary when it
# has no title) holds one of its phrases.
about(item, wanted) if {
	some t in object.get(item, "topics", [])
	t in wanted
} else if {
	some number in array.concat([object.get(item, "number", null)], object.get(item, "cites", []))
	some t in wanted
	number in topics[t].documents
} else if {
	folded := fold(heading(item))
	some t in wanted
	some phrase in topics[t].phrases
	contains(folded, phrase)
}

heading(item) := item.title if {
	is_string(item.title)
	item.title != ""
} else := item.summary if {
	is_string(item.summary)
}

# How many items of the entry's evidence list `key` are of one of `kinds`, in the window, about `wanted`.
held(entry, key, kinds, w, wanted) := count([item |
	some item in evidence(entry, key)
	is_object(item)
	item.kind in kinds
	in_window(item.date, w)
	about(item, wanted)
])

present(value) := false if {
	value in {null, "", [], {}}
} else := true

figure(entry, name) := object.get(object.get(entry, "figures", {}), name, null)

# Total helpers (true or false, never undefined), to be used as the checks of a verdict.
all_of(values) := true if {
	every value in values { value }
} else := false

any_of(values) := true if {
	some value in values
	value
} else := false

numbers(values) := true if {
	every value in values { is_number(value) }
} else := false

# Every case of every entry: the submission's own case list.
all_cases := [c | some entry in input.obligations; some c in object.get(entry, "cases", [])]

has_evidence(entry) if {
	evidence := object.get(entry, "evidence", {})
	some value in [object.get(evidence, "activities", null), object.get(evidence, "documents", null), object.get(entry, "figures", null), object.get(entry, "cases", null)]
	present(value)
}

# verdict(rule_id, checks): the verdict for one rule given whether each of its checks holds.
verdict(rule_id, checks) := "missing" if {
	not input.obligations[rule_id]
} else := "not_applicable" if {
	entry := input.obligations[rule_id]
	entry.status == "not_applicable"
	trim_space(object.get(entry, "reason", "")) != ""
} else := "not_met" if {
	entry := input.obligations[rule_id]
	entry.status in {"not_done", "not_applicable"}
} else := "claimed_without_evidence" if {
	not has_evidence(input.obligations[rule_id])
} else := "partially_met" if {
	failures(checks) == 0
	input.obligations[rule_id].status == "in_progress"
} else := "met" if {
	failures(checks) == 0
} else := "not_met" if {
	failures(checks) == count(checks)
} else := "partially_met"

failures(checks) := count([holds | some holds in checks; holds == false])
