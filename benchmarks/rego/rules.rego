# Eleven catalogue rules in Rego, each with the same checks as its YAML file in rules/catalogue/.
package rules

import data.ruleset
import rego.v1

kon_tum_a := {"co-quan-tham-muu-tinh-uy", "ban-can-su-dang", "dang-doan", "dang-uy-truc-thuoc", "huyen-uy", "so-ban-nganh", "doan-the"}

kt_3855 := {"so-ban-nganh", "ubnd-huyen"}

bk_all := {"huyen-uy", "dang-uy-truc-thuoc", "ban-can-su-dang", "dang-doan", "ubnd-tinh", "ubnd-huyen", "mat-tran-to-quoc", "so-ban-nganh", "doan-the"}

entry(id) := object.get(input.obligations, id, {})

dissemination := {"dissemination", "briefing", "conference", "training"}

count_activities(id, kinds, pattern_cites, pattern_title) := count([a |
	some a in ruleset.activities(entry(id))
	a.kind in kinds
	ruleset.in_period(a.date)
	ruleset.cites_ok(a, pattern_cites)
	ruleset.title_ok(a, pattern_title)
])

one(holds) := 0 if {
	holds
} else := 1

status["286-CV/TU:1.1"] := ruleset.verdict("286-CV/TU:1.1", failed, 1) if {
	ruleset.binds(kon_tum_a, {"kon-tum"}, "2021-09-15")
	failed := one(count_activities("286-CV/TU:1.1", dissemination, "874/QĐ-BTTTT", "") >= 1)
}

status["286-CV/TU:1.1.b"] := ruleset.verdict("286-CV/TU:1.1.b", failed, 1) if {
	ruleset.binds(kon_tum_a, {"kon-tum"}, "2021-09-15")
	failed := one(count_activities("286-CV/TU:1.1.b", dissemination | {"rebuttal"}, "", "") >= 1)
}

status["286-CV/TU:1.1.c"] := ruleset.verdict("286-CV/TU:1.1.c", failed, 1) if {
	ruleset.binds(kon_tum_a, {"kon-tum"}, "2021-09-15")
	failed := one(object.get(object.get(entry("286-CV/TU:1.1.c"), "figures", {}), "staff_harmful_shares", null) == 0)
}

status["286-CV/TU:1.2"] := ruleset.verdict("286-CV/TU:1.2", failed, 3) if {
	ruleset.binds(kon_tum_a, {"kon-tum"}, "2021-09-15")
	failed := ruleset.violations_failed(entry("286-CV/TU:1.2"), "violations_detected", "violations_handled")
}

status["3855/UBND-KGVX:1"] := ruleset.verdict("3855/UBND-KGVX:1", failed, 1) if {
	ruleset.binds(kt_3855, {"kon-tum"}, "2021-10-26")
	failed := one(count_activities("3855/UBND-KGVX:1", dissemination, "", "[Aa]n ninh mạng|[Aa]n toàn thông tin|[Mm]ạng xã hội|[Ii]nternet") >= 1)
}

status["3855/UBND-KGVX:3"] := ruleset.verdict("3855/UBND-KGVX:3", failed, 1) if {
	ruleset.binds(kt_3855, {"kon-tum"}, "2021-10-26")
	failed := one(object.get(object.get(entry("3855/UBND-KGVX:3"), "figures", {}), "staff_harmful_shares", null) == 0)
}

status["3855/UBND-KGVX:4"] := ruleset.verdict("3855/UBND-KGVX:4", failed, 3) if {
	ruleset.binds(kt_3855, {"kon-tum"}, "2021-10-26")
	failed := ruleset.violations_failed(entry("3855/UBND-KGVX:4"), "violations_detected", "violations_handled")
}

status["2575-CV/TU:1.1"] := ruleset.verdict("2575-CV/TU:1.1", failed, 1) if {
	ruleset.binds(bk_all, {"bac-kan"}, "2019-03-14")
	failed := one(count_activities("2575-CV/TU:1.1", {"monitoring", "conference"}, "", "") >= 1)
}

status["2575-CV/TU:2.2"] := ruleset.verdict("2575-CV/TU:2.2", failed, 1) if {
	ruleset.binds(bk_all, {"bac-kan"}, "2019-03-14")
	regulations := [d |
		some d in ruleset.documents(entry("2575-CV/TU:2.2"))
		d.kind == "regulation"
		d.number != ""
		d.date <= input.period.end
		ruleset.text_match(object.get(d, "title", null), "[Mm]ạng xã hội|[Ii]nternet")
	]
	failed := one(count(regulations) >= 1)
}

status["19-CT/TU:2"] := ruleset.verdict("19-CT/TU:2", failed, 2) if {
	ruleset.binds({"huyen-uy", "dang-uy-truc-thuoc", "ban-can-su-dang", "dang-doan"}, {"soc-trang"}, "2020-06-12")
	figures := object.get(entry("19-CT/TU:2"), "figures", {})
	briefed := count([1 | figures.members_briefed >= figures.members_total])
	failed := one(count_activities("19-CT/TU:2", {"briefing", "conference", "dissemination"}, "19-CT/TU", "") >= 1) + (1 - briefed)
}

status["990-CV/BTGTW:1.1"] := ruleset.verdict("990-CV/BTGTW:1.1", failed, 2) if {
	ruleset.binds_national({"bo-thong-tin-truyen-thong"}, "2021-07-19")
	reviewed := count([1 | object.get(entry("990-CV/BTGTW:1.1"), "figures", {}).platforms_reviewed != null])
	failed := one(count_activities("990-CV/BTGTW:1.1", {"inspection", "monitoring"}, "", "") >= 1) + (1 - reviewed)
}
