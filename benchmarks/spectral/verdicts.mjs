// Eleven catalogue rules in plain JavaScript, the same checks as benchmarks/rego/rules.rego (and
// their YAML files in rules/catalogue/), for Spectral's custom functions (ruleset.mjs) and for
// port_check.mjs, which compares these verdicts with ruleset's without Spectral installed.

const DISSEMINATION = ["dissemination", "briefing", "conference", "training"];
const KON_TUM_A = ["co-quan-tham-muu-tinh-uy", "ban-can-su-dang", "dang-doan", "dang-uy-truc-thuoc", "huyen-uy", "so-ban-nganh", "doan-the"];
const KT_3855 = ["so-ban-nganh", "ubnd-huyen"];
const BK_ALL = ["huyen-uy", "dang-uy-truc-thuoc", "ban-can-su-dang", "dang-doan", "ubnd-tinh", "ubnd-huyen", "mat-tran-to-quoc", "so-ban-nganh", "doan-the"];

const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
const get = (value, key, fallback) => (isObject(value) && key in value ? value[key] : fallback);
const list = (value) => (Array.isArray(value) ? value : []);
const matches = (pattern, value) => typeof value === "string" && new RegExp(pattern, "u").test(value);

function judge(doc) {
  const period = get(doc, "period", {});
  const start = get(period, "start");
  const end = get(period, "end");
  const agency = get(doc, "agency", {});
  const obligations = get(doc, "obligations", {});
  const entry = (id) => get(obligations, id, {});
  const resolve = (item, key) => {
    if (typeof item === "string") {
      const record = list(get(doc, key, [])).find((r) => get(r, "id") === item);
      if (record !== undefined) return record;
    }
    return item;
  };
  const evidence = (e, key) => list(get(get(e, "evidence", {}), key, [])).map((i) => resolve(i, key));
  const inPeriod = (day) => typeof day === "string" && day >= start && day <= end;
  const one = (holds) => (holds ? 0 : 1);
  const countActivities = (id, kinds, cites, title) =>
    evidence(entry(id), "activities").filter(
      (a) =>
        kinds.includes(get(a, "kind")) &&
        inPeriod(get(a, "date")) &&
        (cites === "" || list(get(a, "cites", [])).some((c) => matches(cites, c))) &&
        (title === "" || matches(title, get(a, "title", null))),
    ).length;
  const hasEvidence = (e) =>
    evidence(e, "activities").length > 0 ||
    evidence(e, "documents").length > 0 ||
    Object.keys(get(e, "figures", {}) ?? {}).length > 0 ||
    list(get(e, "cases", [])).length > 0;
  const verdict = (id, failed, total) => {
    const e = get(obligations, id);
    if (e === undefined || e === false) return "missing";
    const status = get(e, "status");
    const reason = get(e, "reason", "");
    if (status === "not_applicable" && typeof reason === "string" && reason.trim() !== "") return "not_applicable";
    if (status === "not_done" || status === "not_applicable") return "not_met";
    if (!hasEvidence(e)) return "claimed_without_evidence";
    if (failed === 0) return status === "in_progress" ? "partially_met" : "met";
    return failed === total ? "not_met" : "partially_met";
  };
  const binds = (kinds, provinces, from) =>
    kinds.includes(get(agency, "kind")) && (provinces === null || provinces.includes(get(agency, "province"))) && from <= end;
  const violationsFailed = (e) => {
    const figures = get(e, "figures", {});
    const found = get(figures, "violations_detected", null);
    const dealt = get(figures, "violations_handled", null);
    const reported = found !== null && dealt !== null ? 1 : 0;
    const order = typeof found === "number" && typeof dealt === "number" && dealt <= found ? 1 : 0;
    const open = list(get(e, "cases", [])).filter((c) => !get(c, "outcome")).length;
    return 1 - reported + (1 - order) + (open > 0 ? 1 : 0);
  };
  const zeroShares = (id) => get(get(entry(id), "figures", {}), "staff_harmful_shares", null) === 0;

  const status = {};
  const rule = (id, holds, failed, total) => {
    if (holds) status[id] = verdict(id, failed(), total);
  };
  const kontum = ["kon-tum"];
  rule("286-CV/TU:1.1", binds(KON_TUM_A, kontum, "2021-09-15"), () => one(countActivities("286-CV/TU:1.1", DISSEMINATION, "874/QĐ-BTTTT", "") >= 1), 1);
  rule("286-CV/TU:1.1.b", binds(KON_TUM_A, kontum, "2021-09-15"), () => one(countActivities("286-CV/TU:1.1.b", [...DISSEMINATION, "rebuttal"], "", "") >= 1), 1);
  rule("286-CV/TU:1.1.c", binds(KON_TUM_A, kontum, "2021-09-15"), () => one(zeroShares("286-CV/TU:1.1.c")), 1);
  rule("286-CV/TU:1.2", binds(KON_TUM_A, kontum, "2021-09-15"), () => violationsFailed(entry("286-CV/TU:1.2")), 3);
  rule("3855/UBND-KGVX:1", binds(KT_3855, kontum, "2021-10-26"), () => one(countActivities("3855/UBND-KGVX:1", DISSEMINATION, "", "[Aa]n ninh mạng|[Aa]n toàn thông tin|[Mm]ạng xã hội|[Ii]nternet") >= 1), 1);
  rule("3855/UBND-KGVX:3", binds(KT_3855, kontum, "2021-10-26"), () => one(zeroShares("3855/UBND-KGVX:3")), 1);
  rule("3855/UBND-KGVX:4", binds(KT_3855, kontum, "2021-10-26"), () => violationsFailed(entry("3855/UBND-KGVX:4")), 3);
  rule("2575-CV/TU:1.1", binds(BK_ALL, ["bac-kan"], "2019-03-14"), () => one(countActivities("2575-CV/TU:1.1", ["monitoring", "conference"], "", "") >= 1), 1);
  rule("2575-CV/TU:2.2", binds(BK_ALL, ["bac-kan"], "2019-03-14"), () => {
    const regulations = evidence(entry("2575-CV/TU:2.2"), "documents").filter(
      (d) =>
        get(d, "kind") === "regulation" &&
        get(d, "number") !== undefined && get(d, "number") !== "" &&
        typeof get(d, "date") === "string" && get(d, "date") <= end &&
        matches("[Mm]ạng xã hội|[Ii]nternet", get(d, "title", null)),
    );
    return one(regulations.length >= 1);
  }, 1);
  rule("19-CT/TU:2", binds(["huyen-uy", "dang-uy-truc-thuoc", "ban-can-su-dang", "dang-doan"], ["soc-trang"], "2020-06-12"), () => {
    const figures = get(entry("19-CT/TU:2"), "figures", {});
    const briefed = typeof get(figures, "members_briefed") === "number" && typeof get(figures, "members_total") === "number" && figures.members_briefed >= figures.members_total ? 1 : 0;
    return one(countActivities("19-CT/TU:2", ["briefing", "conference", "dissemination"], "19-CT/TU", "") >= 1) + (1 - briefed);
  }, 2);
  rule("990-CV/BTGTW:1.1", binds(["bo-thong-tin-truyen-thong"], null, "2021-07-19"), () => {
    const reviewed = get(get(entry("990-CV/BTGTW:1.1"), "figures", {}), "platforms_reviewed", null) !== null ? 1 : 0;
    return one(countActivities("990-CV/BTGTW:1.1", ["inspection", "monitoring"], "", "") >= 1) + (1 - reviewed);
  }, 2);
  return status;
}

export const RULE_IDS = ["286-CV/TU:1.1", "286-CV/TU:1.1.b", "286-CV/TU:1.1.c", "286-CV/TU:1.2", "3855/UBND-KGVX:1", "3855/UBND-KGVX:3", "3855/UBND-KGVX:4", "2575-CV/TU:1.1", "2575-CV/TU:2.2", "19-CT/TU:2", "990-CV/BTGTW:1.1"];
export { judge };
