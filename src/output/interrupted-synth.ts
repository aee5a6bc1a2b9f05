import { join } from 'node:path';
import { printable } from '../core/problem';
import { FileSystem, isTemporaryName } from './file-system';
import { GENERATED_LIST, readGeneratedList } from './publish';

/**
 * Whether the output folder was left by a synth that was stopped half-way (SIGKILL, power loss), judged as
 * `npm run check` judges it (src/check.ts: "a synth was interrupted ... deploy none of them"): a temporary file of
 * ours anywhere in it, or an entry of its generated list without a digest (the widened list of a run that did not
 * finish). Read under the folder's lock, so a synth running now has none of either there. k3s:install refuses such a
 * folder (round 57b-11); it leaves the files to `npm run synth`, which removes them: dist/ is synth's to write.
 * Returns why, in one clause, or undefined.
 */
export function interruptedSynth(dir: string, fs: FileSystem): string | undefined {
  const temporary = firstTemporary(dir, '', fs);
  if (temporary) return `${printable(join(dir, temporary))} is a temporary file of an interrupted synth`;
  const { paths, digests } = readGeneratedList(dir, fs);
  const bare = paths.find((path) => !digests.has(path));
  if (bare) return `${printable(join(dir, GENERATED_LIST))} records no digest for ${printable(bare)}: a synth was interrupted`;
  return undefined;
}

/** The first file below `dir` named like our temporary files, without entering linked folders. */
function firstTemporary(dir: string, prefix: string, fs: FileSystem): string | undefined {
  for (const entry of fs.readdir(join(dir, prefix))) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    const found = entry.isDirectory() ? firstTemporary(dir, path, fs) : entry.isFile() && isTemporaryName(entry.name) ? path : undefined;
    if (found) return found;
  }
  return undefined;
}
