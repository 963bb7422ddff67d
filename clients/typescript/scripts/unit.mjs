// npm test: type-check the shipped modules without Node types (they must run in a browser),
// compile src and test into a fresh temporary folder (so parallel runs never share output),
// and run the compiled tests with node's test runner.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(packageDir, 'node_modules', 'typescript', 'bin', 'tsc');
const run = (args) => execFileSync(process.execPath, args, { cwd: packageDir, stdio: 'inherit', timeout: 300_000 });

const outDir = mkdtempSync(join(tmpdir(), 'ignition-client-unit-'));
try {
  run([tsc, '--noEmit', '-p', 'tsconfig.build.json']);
  run([tsc, '-p', 'tsconfig.json', '--outDir', outDir]);
  const testDir = join(outDir, 'test');
  const files = readdirSync(testDir).filter((name) => name.endsWith('.test.js')).map((name) => join(testDir, name));
  run(['--test', ...files]);
} catch (error) {
  process.exitCode = error.status ?? 1;
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
