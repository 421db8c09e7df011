/**
 * Fails when two files in one folder have names that differ only by case once their extensions are
 * dropped (`PredictionCode.tsx` and `predictionCode.ts`): on a case-insensitive file system (macOS,
 * Windows) an import of `./predictionCode` can resolve to the other one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  encoding: 'utf8',
})
  .split('\n')
  // A tracked file already deleted or renamed in the work tree is gone.
  .filter((file) => file && existsSync(file));

const groups = new Map<string, Set<string>>();
for (const file of files) {
  const stem = basename(file).replace(/\..*$/, '');
  const key = `${dirname(file)}/${stem.toLowerCase()}`;
  const group = groups.get(key) ?? new Set<string>();
  group.add(`${dirname(file)}/${stem}`);
  groups.set(key, group);
}
const clashes = [...groups.values()]
  .filter((group) => group.size > 1)
  .map((group) => [...group].join(' and '));
if (clashes.length) {
  console.error(`Module names that differ only by case (rename one):\n  ${clashes.join('\n  ')}`);
  process.exit(1);
}
console.log(`${files.length} files: no two module names in one folder differ only by case.`);
