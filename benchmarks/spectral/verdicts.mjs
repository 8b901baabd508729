// Eleven catalogue rules of rule set 0.3.0 in plain JavaScript, the same checks as
// benchmarks/rego/rules.rego and their YAML files in rules/catalogue/, for Spectral's custom
// functions (ruleset.mjs) and for port_check.mjs, which compares these verdicts with ruleset's
// without Spectral installed. Like ruleset, a rule binds an agency kind and province from a day;
// evidence counts when dated in the window it binds (that day to the period's end, or to the last day
// the agency's province or kind existed) and about the rule's subject (rules/vocabulary/topics.yaml).
// Not ported (ruleset's reading of the file, not the rules): agency-kind, province and topic aliases,
// reference canonicalisation, NFC normalisation of the text before a pattern is matched.

// The topics these rules ask about: the documents that define each, and its phrases.
const TOPICS = {
  "cyber-security": [["24/2018/QH14"], ["an ninh mạng", "luật an ninh mạng", "an toàn an ninh mạng"]],
  "network-information-security": [["86/2015/QH13"], ["an toàn thông tin mạng", "an toàn thông tin", "bảo mật thông tin"]],
  "social-network-code-of-conduct": [["874/QĐ-BTTTT"], ["quy tắc ứng xử trên mạng xã hội", "bộ quy tắc ứng xử", "quy tắc ứng xử trên không gian mạng"]],
  "countering-hostile-information": [["35-NQ/TW"], ["phản bác quan điểm sai trái", "phản bác thông tin sai trái", "đấu tranh phản bác", "luận điệu sai trái", "quan điểm sai trái", "thông tin sai trái", "thế lực thù địch", "bảo vệ nền tảng tư tưởng", "tinh thần cảnh giác", "nâng cao cảnh giác", "thông tin xuyên tạc", "luận điệu xuyên tạc"]],
  "responsible-social-media-use": [["2575-CV/TU", "19-CT/TU", "3855/UBND-KGVX"], ["sử dụng mạng xã hội", "khai thác, sử dụng internet", "thông tin xấu độc", "thông tin chưa được kiểm chứng", "thông tin chưa kiểm chứng", "chia sẻ thông tin", "đăng tải thông tin", "thông tin sai sự thật", "tin bài sai sự thật"]],
  "harmful-online-content": [[], ["thông tin sai sự thật", "tin sai sự thật", "thông tin xấu độc", "thông tin độc hại", "gỡ bỏ thông tin", "gỡ bỏ bài viết", "gỡ bỏ tin", "bài viết xuyên tạc", "tài khoản giả mạo", "trang giả mạo"]],
  "false-information-online": [[], ["thông tin sai sự thật", "tin sai sự thật", "chống tin giả", "lợi dụng mạng xã hội", "lợi dụng internet", "thiếu chuẩn mực đạo đức", "trái thuần phong mỹ tục"]],
  "press-and-online-information-management": [["990-CV/BTGTW", "286-CV/TU", "103/2016/QH13"], ["quản lý thông tin trên mạng", "quản lý thông tin trên internet", "quản lý thông tin trên mạng xã hội", "giao ban báo chí", "định hướng báo chí", "chỉ đạo báo chí", "quản lý báo chí", "định hướng thông tin", "định hướng dư luận", "quản lý nhà nước về an ninh mạng", "định hướng tuyên truyền"]],
  "ideological-situation": [[], ["tình hình tư tưởng", "diễn biến tư tưởng", "tâm trạng xã hội", "dư luận xã hội", "tư tưởng cán bộ", "tâm tư nguyện vọng"]],
  "social-network-platform-management": [[], ["mạng xã hội xuyên biên giới", "nền tảng xuyên biên giới", "nền tảng số xuyên biên giới", "nền tảng mạng xã hội", "dịch vụ mạng xã hội", "quản lý mạng xã hội"]],
};

// Text as phrases are looked for in it: no case, no diacritics, separators as one space.
const fold = (text) =>
  ` ${text.replace(/[đĐ]/g, "d").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[\s,.;:/()_-]+/g, " ").trim()} `;
const PHRASES = Object.fromEntries(Object.entries(TOPICS).map(([id, [, phrases]]) => [id, phrases.map(fold)]));

// The last day each province or agency kind existed before the 2025 reorganisation
// (rules/vocabulary/successors.yaml): no rule binds it after.
const LAST_DAY = {
  "kon-tum": "2025-06-30", "bac-kan": "2025-06-30", "soc-trang": "2025-06-30", "ubnd-huyen": "2025-06-30", "huyen-uy": "2025-06-30",
  "bo-thong-tin-truyen-thong": "2025-02-28", "ban-tuyen-giao-tinh-uy": "2025-02-28", "ban-can-su-dang": "2025-01-31", "dang-doan": "2025-01-31", "dang-uy-khoi-tinh": "2025-01-31",
};

const DISSEMINATION = ["dissemination", "briefing", "conference", "training"];
const KON_TUM_A = ["co-quan-tham-muu-tinh-uy", "ban-tuyen-giao-tinh-uy", "ban-can-su-dang", "dang-doan", "dang-uy-truc-thuoc", "huyen-uy", "so-ban-nganh", "doan-the", "dang-uy-cong-an-tinh", "dang-uy-khoi-tinh", "ban-tuyen-giao-dan-van-tinh-uy"];
const KT_3855 = ["so-ban-nganh", "ubnd-huyen"];
const PARTY_COMMITTEES = ["huyen-uy", "dang-uy-truc-thuoc", "dang-uy-cong-an-tinh", "dang-uy-khoi-tinh", "ban-can-su-dang", "dang-doan"];
const BK_ALL = [...PARTY_COMMITTEES, "ubnd-tinh", "ubnd-huyen", "mat-tran-to-quoc", "so-ban-nganh", "doan-the"];
const VIOLATION_TOPICS_286 = ["cyber-security", "harmful-online-content", "responsible-social-media-use", "press-and-online-information-management"];
const VIOLATION_TOPICS_3855 = ["cyber-security", "press-and-online-information-management", "false-information-online"];

const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
const get = (value, key) => (isObject(value) ? value[key] : undefined);
const list = (value) => (Array.isArray(value) ? value : []);
const at = (value, path) => path.split(".").reduce(get, value);
const present = (value) =>
  !(value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0));
const numbers = (...values) => values.every((v) => typeof v === "number");
const day = (value) => (typeof value === "string" && value.length >= 10 ? value.slice(0, 10) : undefined);

// Relevance as ruleset decides it: the item's topics, a cited document defining a topic, else a
// topic's phrase in its title.
function about(item, wanted) {
  if (!isObject(item)) return false;
  if (list(item.topics).some((t) => wanted.includes(t))) return true;
  const cited = [item.number, ...list(item.cites)];
  if (cited.some((n) => typeof n === "string" && wanted.some((t) => TOPICS[t][0].includes(n)))) return true;
  const title = item.title || item.summary;
  if (typeof title !== "string") return false;
  const folded = fold(title);
  return wanted.some((t) => PHRASES[t].some((phrase) => folded.includes(phrase)));
}

function judge(doc) {
  const { start, end } = get(doc, "period") ?? {};
  const agency = get(doc, "agency");
  const obligations = get(doc, "obligations") ?? {};
  const records = (key) => new Map(list(get(doc, key)).map((r) => [get(r, "id"), r]));
  const byId = { activities: records("activities"), documents: records("documents") };
  // The evidence of an entry; an id stands for the agency-wide record of that id.
  const evidence = (e, key) => list(at(e, `evidence.${key}`)).map((i) => (typeof i === "string" && byId[key].has(i) ? byId[key].get(i) : i));
  const allCases = Object.values(obligations).flatMap((e) => list(get(e, "cases")));

  const last = [LAST_DAY[get(agency, "kind")], LAST_DAY[get(agency, "province")]].reduce((a, b) => (b !== undefined && b < a ? b : a), end);
  const status = {};
  const rule = (id, kinds, provinces, from, checks) => {
    const first = from > start ? from : start;
    if (!kinds.includes(get(agency, "kind")) || (provinces && !provinces.includes(get(agency, "province"))) || first > last) return;
    const e = obligations[id];
    const inWindow = (value) => day(value) !== undefined && first <= day(value) && day(value) <= last;
    const held = (key, kinds, topics) =>
      evidence(e, key).filter((i) => kinds.includes(get(i, "kind")) && inWindow(get(i, "date")) && about(i, topics)).length;
    if (!isObject(e)) {
      status[id] = "missing";
      return;
    }
    const reason = e.reason === undefined ? "" : String(e.reason);
    if (e.status === "not_applicable" && reason.trim() !== "") status[id] = "not_applicable";
    else if (e.status === "not_done" || e.status === "not_applicable") status[id] = "not_met";
    else if (![at(e, "evidence.activities"), at(e, "evidence.documents"), e.figures, e.cases].some(present)) status[id] = "claimed_without_evidence";
    else {
      const results = checks({ e, figures: get(e, "figures"), held, inWindow });
      const failed = results.filter((holds) => !holds).length;
      if (failed === 0) status[id] = e.status === "in_progress" ? "partially_met" : "met";
      else status[id] = failed === results.length ? "not_met" : "partially_met";
    }
  };
  // 286-CV/TU:1.2 and 3855/UBND-KGVX:4: both counts reported, no more handled than detected, every
  // one handled, cases closed, and an act of direction on the subject in the window when none was
  // detected.
  const violations = ({ figures, held }, closed, detectedSome, topics, documentKinds) => {
    const found = get(figures, "violations_detected");
    const dealt = get(figures, "violations_handled");
    return [
      present(found) && present(dealt),
      numbers(found, dealt) && dealt <= found,
      numbers(found, dealt) && dealt >= found,
      closed,
      detectedSome || held("activities", ["direction", "monitoring", "inspection"], topics) >= 1 || held("documents", documentKinds, topics) >= 1,
    ];
  };
  // 286-CV/TU:1.1.c and 3855/UBND-KGVX:3: none breached the prohibition, by the figure and by the
  // submission's own cases.
  const noBreach = (figures, breach) => get(figures, "staff_harmful_shares") === 0 && !allCases.some(breach);
  const regulation = (d, kinds) => isObject(d) && kinds.includes(d.kind) && present(d.number) && day(d.date) !== undefined && day(d.date) <= last;
  const SOCIAL_RULES = ["responsible-social-media-use", "social-network-code-of-conduct"];

  rule("286-CV/TU:1.1", KON_TUM_A, ["kon-tum"], "2021-09-15", ({ held }) => [
    held("activities", DISSEMINATION, ["cyber-security", "network-information-security"]) >= 1,
    held("activities", DISSEMINATION, ["social-network-code-of-conduct"]) >= 1,
  ]);
  rule("286-CV/TU:1.1.b", KON_TUM_A, ["kon-tum"], "2021-09-15", ({ held }) => [
    held("activities", DISSEMINATION, ["countering-hostile-information"]) >= 1,
    held("activities", ["rebuttal", "publication"], ["countering-hostile-information"]) >= 1,
  ]);
  rule("286-CV/TU:1.1.c", KON_TUM_A, ["kon-tum"], "2021-09-15", ({ figures }) => [
    noBreach(figures, (c) => get(c, "by_staff") === true && about(c, ["responsible-social-media-use", "harmful-online-content"])),
  ]);
  rule("286-CV/TU:1.2", KON_TUM_A, ["kon-tum"], "2021-09-15", (scope) => {
    const found = get(scope.figures, "violations_detected");
    const closed = present(get(scope.figures, "violations_handled")) && list(scope.e.cases).every((c) => present(get(c, "outcome")));
    return violations(scope, closed, numbers(found) && found >= 1, VIOLATION_TOPICS_286, ["directive", "plan", "guidance"]);
  });
  rule("3855/UBND-KGVX:1", KT_3855, ["kon-tum"], "2021-10-26", ({ held }) => [
    held("activities", DISSEMINATION, ["cyber-security"]) >= 1,
    held("activities", DISSEMINATION, ["network-information-security"]) >= 1,
  ]);
  rule("3855/UBND-KGVX:3", KT_3855, ["kon-tum"], "2021-10-26", ({ figures, inWindow }) => [
    noBreach(figures, (c) => get(c, "by_staff") === true && inWindow(get(c, "date")) && about(c, ["responsible-social-media-use", "false-information-online"])),
  ]);
  rule("3855/UBND-KGVX:4", KT_3855, ["kon-tum"], "2021-10-26", (scope) => {
    const found = get(scope.figures, "violations_detected");
    const closed = list(scope.e.cases).every((c) => present(get(c, "outcome")) && get(c, "handled") !== false);
    return violations(scope, closed, numbers(found) && found > 0, VIOLATION_TOPICS_3855, ["directive", "plan"]);
  });
  rule("2575-CV/TU:1.1", BK_ALL, ["bac-kan"], "2019-03-14", ({ held }) => [
    held("activities", ["monitoring", "inspection", "conference"], ["ideological-situation"]) >= 1 || held("documents", ["report"], ["ideological-situation"]) >= 1,
  ]);
  rule("2575-CV/TU:2.2", BK_ALL, ["bac-kan"], "2019-03-14", ({ e }) => [
    evidence(e, "documents").some((d) => regulation(d, ["regulation", "plan", "decision"]) && about(d, SOCIAL_RULES) && [d.title].flat().some((t) => typeof t === "string" && /quy định|quy chế|nội quy/iu.test(t))),
    evidence(e, "documents").some((d) => regulation(d, ["regulation"]) && about(d, SOCIAL_RULES)),
  ]);
  rule("19-CT/TU:2", PARTY_COMMITTEES, ["soc-trang"], "2020-06-12", ({ e, figures, inWindow }) => {
    const briefed = get(figures, "members_briefed");
    const total = get(figures, "members_total");
    return [
      evidence(e, "activities").some((a) => ["briefing", "conference", "dissemination"].includes(get(a, "kind")) && inWindow(get(a, "date")) && [get(a, "cites")].flat().some((c) => typeof c === "string" && /19-CT\/TU/iu.test(c))),
      present(briefed) && present(total) && numbers(briefed, total) && briefed > 0 && briefed >= total,
    ];
  });
  rule("990-CV/BTGTW:1.1", ["bo-thong-tin-truyen-thong"], null, "2021-07-19", ({ figures, held }) => [
    held("activities", ["direction", "inspection", "monitoring", "enforcement"], ["social-network-platform-management"]) >= 1 ||
      held("documents", ["directive", "plan", "guidance", "regulation", "decision"], ["social-network-platform-management"]) >= 1,
    numbers(get(figures, "platforms_reviewed")) && get(figures, "platforms_reviewed") >= 1,
  ]);
  return status;
}

export const RULE_IDS = ["286-CV/TU:1.1", "286-CV/TU:1.1.b", "286-CV/TU:1.1.c", "286-CV/TU:1.2", "3855/UBND-KGVX:1", "3855/UBND-KGVX:3", "3855/UBND-KGVX:4", "2575-CV/TU:1.1", "2575-CV/TU:2.2", "19-CT/TU:2", "990-CV/BTGTW:1.1"];
export { judge };
