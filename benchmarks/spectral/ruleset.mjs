// A Spectral ruleset with the eleven rules of verdicts.mjs (the same as benchmarks/rego), one
// Spectral rule per catalogue rule: each reports its verdict on the document as a diagnostic
// ("met" as a hint, any gap as an error), so Spectral does the work ruleset does for these rules.
//
//   npx @stoplight/spectral-cli lint --ruleset benchmarks/spectral/ruleset.mjs -f json 'DIR/**/*.yaml'
import { judge, RULE_IDS } from "./verdicts.mjs";

const verdictOf = (id) => (input) => {
  const status = judge(input)[id];
  return status === undefined ? [] : [{ message: `${id}: ${status}` }];
};

export default {
  rules: Object.fromEntries(
    RULE_IDS.map((id) => [
      `ruleset-${id.replace(/[^A-Za-z0-9]+/g, "-")}`,
      { description: id, given: "$", severity: "error", then: { function: verdictOf(id) } },
    ]),
  ),
};
