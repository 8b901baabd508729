# Eleven catalogue rules of rule set 0.3.0 in Rego, each with the same checks as its YAML file in
# rules/catalogue/: status[rule id] is the verdict, from the list of whether each check holds.
# Not ported (ruleset's reading of the file, not the rules): agency-kind, province and topic
# aliases, reference canonicalisation, NFC normalisation of the text.
package rules

import data.ruleset
import rego.v1

kon_tum_a := {"co-quan-tham-muu-tinh-uy", "ban-tuyen-giao-tinh-uy", "ban-can-su-dang", "dang-doan", "dang-uy-truc-thuoc", "huyen-uy", "so-ban-nganh", "doan-the", "dang-uy-cong-an-tinh", "dang-uy-khoi-tinh", "ban-tuyen-giao-dan-van-tinh-uy"}

kt_3855 := {"so-ban-nganh", "ubnd-huyen"}

party_committees := {"huyen-uy", "dang-uy-truc-thuoc", "dang-uy-cong-an-tinh", "dang-uy-khoi-tinh", "ban-can-su-dang", "dang-doan"}

bk_all := party_committees | {"ubnd-tinh", "ubnd-huyen", "mat-tran-to-quoc", "so-ban-nganh", "doan-the"}

dissemination := {"dissemination", "briefing", "conference", "training"}

social_rules := {"responsible-social-media-use", "social-network-code-of-conduct"}

entry(id) := object.get(input.obligations, id, {})

status[id] := ruleset.verdict(id, [
	ruleset.held(e, "activities", dissemination, w, {"cyber-security", "network-information-security"}) >= 1,
	ruleset.held(e, "activities", dissemination, w, {"social-network-code-of-conduct"}) >= 1,
]) if {
	id := "286-CV/TU:1.1"
	w := ruleset.window(kon_tum_a, {"kon-tum"}, "2021-09-15")
	e := entry(id)
}

status[id] := ruleset.verdict(id, [
	ruleset.held(e, "activities", dissemination, w, {"countering-hostile-information"}) >= 1,
	ruleset.held(e, "activities", {"rebuttal", "publication"}, w, {"countering-hostile-information"}) >= 1,
]) if {
	id := "286-CV/TU:1.1.b"
	w := ruleset.window(kon_tum_a, {"kon-tum"}, "2021-09-15")
	e := entry(id)
}

status[id] := ruleset.verdict(id, [
	ruleset.held(e, "activities", dissemination, w, {"cyber-security"}) >= 1,
	ruleset.held(e, "activities", dissemination, w, {"network-information-security"}) >= 1,
]) if {
	id := "3855/UBND-KGVX:1"
	w := ruleset.window(kt_3855, {"kon-tum"}, "2021-10-26")
	e := entry(id)
}

# The prohibitions: none breached it, by the figure and by the submission's own cases.
status[id] := ruleset.verdict(id, [ruleset.all_of([ruleset.figure(e, "staff_harmful_shares") == 0, count(breaches) == 0])]) if {
	id := "286-CV/TU:1.1.c"
	ruleset.window(kon_tum_a, {"kon-tum"}, "2021-09-15")
	e := entry(id)
	breaches := [c |
		some c in ruleset.all_cases
		c.by_staff == true
		ruleset.about(c, {"responsible-social-media-use", "harmful-online-content"})
	]
}

status[id] := ruleset.verdict(id, [ruleset.all_of([ruleset.figure(e, "staff_harmful_shares") == 0, count(breaches) == 0])]) if {
	id := "3855/UBND-KGVX:3"
	w := ruleset.window(kt_3855, {"kon-tum"}, "2021-10-26")
	e := entry(id)
	breaches := [c |
		some c in ruleset.all_cases
		c.by_staff == true
		ruleset.in_window(c.date, w)
		ruleset.about(c, {"responsible-social-media-use", "false-information-online"})
	]
}

# Violations: both counts reported, no more handled than detected, every one handled, cases closed,
# and an act of direction on the subject in the window when none was detected.
violations(e, closed, detected_some, directed) := [
	ruleset.all_of([ruleset.present(found), ruleset.present(dealt)]),
	ruleset.all_of([ruleset.numbers([found, dealt]), dealt <= found]),
	ruleset.all_of([ruleset.numbers([found, dealt]), dealt >= found]),
	closed,
	ruleset.any_of([detected_some, directed >= 1]),
] if {
	found := ruleset.figure(e, "violations_detected")
	dealt := ruleset.figure(e, "violations_handled")
}

status[id] := ruleset.verdict(id, violations(e, closed, detected_some, directed)) if {
	id := "286-CV/TU:1.2"
	w := ruleset.window(kon_tum_a, {"kon-tum"}, "2021-09-15")
	e := entry(id)
	open := [c | some c in object.get(e, "cases", []); not ruleset.present(object.get(c, "outcome", null))]
	closed := ruleset.all_of([ruleset.present(ruleset.figure(e, "violations_handled")), count(open) == 0])
	found := ruleset.figure(e, "violations_detected")
	detected_some := ruleset.all_of([is_number(found), found >= 1])
	subject := {"cyber-security", "harmful-online-content", "responsible-social-media-use", "press-and-online-information-management"}
	directed := ruleset.held(e, "activities", {"direction", "monitoring", "inspection"}, w, subject) + ruleset.held(e, "documents", {"directive", "plan", "guidance"}, w, subject)
}

status[id] := ruleset.verdict(id, violations(e, closed, detected_some, directed)) if {
	id := "3855/UBND-KGVX:4"
	w := ruleset.window(kt_3855, {"kon-tum"}, "2021-10-26")
	e := entry(id)
	open := [c | some c in object.get(e, "cases", []); not case_closed(c)]
	closed := ruleset.all_of([count(open) == 0])
	found := ruleset.figure(e, "violations_detected")
	detected_some := ruleset.all_of([is_number(found), found > 0])
	subject := {"cyber-security", "press-and-online-information-management", "false-information-online"}
	directed := ruleset.held(e, "activities", {"direction", "monitoring", "inspection"}, w, subject) + ruleset.held(e, "documents", {"directive", "plan"}, w, subject)
}

# A case of 3855/UBND-KGVX:4 is closed when its outcome is given and it is not marked unhandled.
case_closed(c) if {
	ruleset.present(object.get(c, "outcome", null))
	object.get(c, "handled", null) != false
}

# Monitoring of the ideological situation in the window: an activity, or a report.
status[id] := ruleset.verdict(id, [ruleset.held(e, "activities", {"monitoring", "inspection", "conference"}, w, subject) + ruleset.held(e, "documents", {"report"}, w, subject) >= 1]) if {
	id := "2575-CV/TU:1.1"
	w := ruleset.window(bk_all, {"bac-kan"}, "2019-03-14")
	e := entry(id)
	subject := {"ideological-situation"}
}

# Internal rules on social-network use: numbered, dated by the window's end, about the subject; the
# first check also asks for a title naming a rule (quy định, quy chế, nội quy).
status[id] := ruleset.verdict(id, [
	count([d | some d in regulations; d.kind in {"regulation", "plan", "decision"}; regex.match("quy định|quy chế|nội quy", ruleset.lower_vi(d.title))]) >= 1,
	count([d | some d in regulations; d.kind == "regulation"]) >= 1,
]) if {
	id := "2575-CV/TU:2.2"
	w := ruleset.window(bk_all, {"bac-kan"}, "2019-03-14")
	e := entry(id)
	regulations := [d |
		some d in ruleset.evidence(e, "documents")
		ruleset.present(object.get(d, "number", null))
		ruleset.day(d.date) <= w[1]
		ruleset.about(d, social_rules)
	]
}

status[id] := ruleset.verdict(id, [
	count([a |
		some a in ruleset.evidence(e, "activities")
		a.kind in {"briefing", "conference", "dissemination"}
		ruleset.in_window(a.date, w)
		some cited in a.cites
		regex.match("19-ct/tu", ruleset.lower_vi(cited))
	]) >= 1,
	ruleset.all_of([ruleset.numbers([briefed, total]), briefed > 0, briefed >= total]),
]) if {
	id := "19-CT/TU:2"
	w := ruleset.window(party_committees, {"soc-trang"}, "2020-06-12")
	e := entry(id)
	briefed := ruleset.figure(e, "members_briefed")
	total := ruleset.figure(e, "members_total")
}

status[id] := ruleset.verdict(id, [
	ruleset.held(e, "activities", {"direction", "inspection", "monitoring", "enforcement"}, w, subject) + ruleset.held(e, "documents", {"directive", "plan", "guidance", "regulation", "decision"}, w, subject) >= 1,
	ruleset.all_of([ruleset.numbers([reviewed]), reviewed >= 1]),
]) if {
	id := "990-CV/BTGTW:1.1"
	w := ruleset.window_national({"bo-thong-tin-truyen-thong"}, "2021-07-19")
	e := entry(id)
	subject := {"social-network-platform-management"}
	reviewed := ruleset.figure(e, "platforms_reviewed")
}
