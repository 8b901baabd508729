// A Spectral ruleset with the eleven rules of verdicts.mjs (the same as benchmarks/rego), one
// Spectral rule per catalogue rule: each reports its verdict on the document as a diagnostic
// ("{id}: {verdict}", severity error), so Spectral does the work ruleset does for these rules.
// The eleven rules share one judgement per document (the same document object is given to each).
//
//   npx @stoplight/spectral-cli lint --ruleset benchmarks/spectral/ruleset.mjs -f json 'DIR/**/*.yaml'
import { judge, RULE_IDS } from "./verdicts.mjs";

const judged = new WeakMap();

const verdictOf = (id) => (input) => {
  if (!judged.has(input)) judged.set(input, judge(input));
  const status = judged.get(input)[id];
  return status === undefined ? [] : [{ message: `${id}: ${status}` }];
};

export default {
  rules: Object.fromEntries(
    RULE_IDS.map((id) => [
      `ruleset-${id.replace(/[^A-Za-z0-9]+/g, "-")}`,
      { description: id, message: "{{error}}", given: "$", severity: "error", then: { function: verdictOf(id) } },
    ]),
  ),
};
