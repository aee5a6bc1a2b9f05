import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { clusterFileNameProblem } from './cluster-name';
import { describeFileError } from '../output/file-system';

/**
 * The copy `npm run new` writes before it links it to `<name>.yaml` (output/file-system.ts createWhole):
 * `.<name>.yaml.k3s-vip-<pid>.tmp`. A new killed between the two (SIGKILL, a plain SIGTERM) leaves it in the config
 * folder, where no later run would otherwise remove or name it (71c-3). Only names `new` writes match: a valid name.
 */
const NEW_COPY = /^\.(.+)\.yaml\.k3s-vip-(\d+)\.tmp$/;

/** The copies in `dir` that a `new` no longer running left: file names, sorted; none when `dir` cannot be read. */
function leftoverCopies(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => [entry.name, NEW_COPY.exec(entry.name)] as const)
    .filter(([, match]) => match && clusterFileNameProblem(match[1]) === undefined && !isRunning(Number(match[2])))
    .map(([name]) => name)
    .sort();
}

/** Whether `pid` may still be the `new` that writes the copy (another user's process counts: it cannot be told). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Removes the copies interrupted runs of `new` left in `dir`, as synth and k3s:install remove their own temporary files
 * on their next run; returns one line for each (a `note:` when removed, a `warning:` when it could not be).
 */
export function removeLeftoverCopies(dir: string, shownDir: string): string[] {
  return leftoverCopies(dir).map((name) => {
    try {
      unlinkSync(join(dir, name));
      return `note: removed ${shownDir}/${name}, the unfinished copy of an interrupted \`npm run new\``;
    } catch (e) {
      return `warning: cannot remove ${shownDir}/${name}, the unfinished copy of an interrupted \`npm run new\` (${describeFileError(e)}): remove it by hand`;
    }
  });
}

/** What synth and check say of such copies: where each is and what removes it (they write nothing in the config folder). */
export function leftoverCopyWarnings(dir: string, shownDir: string): string[] {
  return leftoverCopies(dir).map(
    (name) =>
      `warning: ${shownDir}/${name} is the unfinished copy of an interrupted \`npm run new\`: the next \`npm run new\` removes it, or remove it by hand`,
  );
}
