// Verdicts of verdicts.mjs over documents given as JSON lines on stdin (one document each), as
// JSON on stdout with the evaluation time: run.py compares them with ruleset's, like Rego's.
import { readFileSync } from "node:fs";
import { judge } from "./verdicts.mjs";

const documents = readFileSync(0, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line));
const start = process.hrtime.bigint();
const verdicts = documents.map(judge);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(JSON.stringify({ seconds, verdicts }));
