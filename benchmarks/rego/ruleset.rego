# The engine's judgement of one obligation, in Rego, for the benchmark against OPA (regopy).
# Mirrors src/ruleset/engine.py: missing / not_applicable / not_met (declared) /
# claimed_without_evidence / met / partially_met / not_met (every check failed).
package ruleset

import rego.v1

period_start := input.period.start

period_end := input.period.end

# An activity given by id stands for the agency-wide record of that id.
resolve(item, key) := record if {
	is_string(item)
	some record in object.get(input, key, [])
	record.id == item
} else := item

activities(entry) := [resolve(a, "activities") | some a in object.get(object.get(entry, "evidence", {}), "activities", [])]

documents(entry) := [resolve(d, "documents") | some d in object.get(object.get(entry, "evidence", {}), "documents", [])]

in_period(day) if {
	is_string(day)
	day >= period_start
	day <= period_end
}

cites_match(activity, pattern) if {
	some c in object.get(activity, "cites", [])
	regex.match(pattern, c)
}

# Case-sensitive: regopy 1.5.2 answers "undefined" for any (?i) pattern and lower() is ASCII-only,
# so the Rego patterns spell out both cases of a first letter ([Mm]ạng); ruleset ignores case.
text_match(value, pattern) if {
	is_string(value)
	regex.match(pattern, value)
}

has_evidence(entry) if count(activities(entry)) > 0

has_evidence(entry) if count(documents(entry)) > 0

has_evidence(entry) if count(object.get(entry, "figures", {})) > 0

has_evidence(entry) if count(object.get(entry, "cases", [])) > 0

# status(rule_id, failed, total): the verdict for one rule given how many of its checks failed.
verdict(rule_id, failed, total) := "missing" if {
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
	failed == 0
	input.obligations[rule_id].status == "in_progress"
} else := "met" if {
	failed == 0
} else := "not_met" if {
	failed == total
} else := "partially_met"

binds(kinds, provinces, from) if {
	input.agency.kind in kinds
	input.agency.province in provinces
	from <= period_end
}

binds_national(kinds, from) if {
	input.agency.kind in kinds
	from <= period_end
}

violations_failed(entry, detected, handled) := n if {
	figures := object.get(entry, "figures", {})
	found := object.get(figures, detected, null)
	dealt := object.get(figures, handled, null)
	reported := count([1 | found != null; dealt != null])
	order := count([1 | is_number(found); is_number(dealt); dealt <= found])
	outcomes := count([c | some c in object.get(entry, "cases", []); not c.outcome])
	n := ((1 - reported) + (1 - order)) + count([1 | outcomes > 0])
}

cites_ok(_, pattern) if pattern == ""

cites_ok(activity, pattern) if {
	pattern != ""
	cites_match(activity, pattern)
}

title_ok(_, pattern) if pattern == ""

title_ok(activity, pattern) if {
	pattern != ""
	text_match(object.get(activity, "title", null), pattern)
}
