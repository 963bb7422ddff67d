// Writes src/schema.d.ts from the backend's OpenAPI document, or with --check compares the
// committed file to what the live document gives and exits 1 when they differ.
//
// The document comes from IGNITION_OPENAPI_URL (a running backend) when set, else from
// `ignition openapi` (IGNITION_CLI overrides the path of that executable; no shell is used).
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { COMMENT_HEADER, astToString } from 'openapi-typescript';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const schemaFile = fileURLToPath(new URL('../src/schema.d.ts', import.meta.url));
const defaultCli = fileURLToPath(new URL('../../../.venv/bin/ignition', import.meta.url));
const LOAD_TIMEOUT_MS = 120_000;
const SHOWN_LINES = 8;

async function loadDocument() {
  const url = process.env.IGNITION_OPENAPI_URL;
  if (url) {
    const response = await fetch(url, { signal: AbortSignal.timeout(LOAD_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
    return response.text();
  }
  const cli = process.env.IGNITION_CLI || defaultCli;
  return new Promise((resolve, reject) => {
    execFile(cli, ['openapi'], { cwd: packageDir, maxBuffer: 64 * 1024 * 1024, timeout: LOAD_TIMEOUT_MS },
      (error, stdout, stderr) => (error ? reject(new Error(`${cli} openapi failed: ${error.message}\n${stderr}`))
                                        : resolve(stdout)));
  });
}

async function render(documentText) {
  const ast = await openapiTS(JSON.parse(documentText), { silent: true, defaultNonNullable: false });
  return COMMENT_HEADER + astToString(ast);
}

/** Lines found in one text and not the other (as multisets): a short summary, not a full diff. */
function lineDifference(committed, live) {
  const counts = new Map();
  for (const line of live.split('\n')) counts.set(line, (counts.get(line) ?? 0) + 1);
  const removed = [];
  for (const line of committed.split('\n')) {
    const left = counts.get(line) ?? 0;
    if (left > 0) counts.set(line, left - 1);
    else removed.push(line);
  }
  const added = [...counts].flatMap(([line, n]) => Array(n).fill(line));
  return { added, removed };
}

function summarize({ added, removed }) {
  const show = (sign, lines) => lines.slice(0, SHOWN_LINES).map((line) => `  ${sign} ${line.trim()}`)
    .concat(lines.length > SHOWN_LINES ? [`  ${sign} … ${lines.length - SHOWN_LINES} more`] : []);
  return [`src/schema.d.ts differs from the live OpenAPI document: ${added.length} line(s) only in the live `
          + `spec, ${removed.length} only in the committed file.`, ...show('+', added), ...show('-', removed),
          'Run `npm run generate` and commit src/schema.d.ts.'].join('\n');
}

async function main() {
  const live = await render(await loadDocument());
  if (!process.argv.includes('--check')) {
    await writeFile(schemaFile, live);
    console.log(`wrote ${schemaFile}`);
    return;
  }
  const committed = await readFile(schemaFile, 'utf8').catch(() => '');
  if (committed === live) {
    console.log('src/schema.d.ts matches the live OpenAPI document');
    return;
  }
  console.error(summarize(lineDifference(committed, live)));
  process.exitCode = 1;
}

main().catch((error) => {
  console.error(error.message);
  process.exitCode = 2;
});
