import { hiddenParts } from '../core/hidden-parts';
import { redactMessage } from '../core/redact-message';
import { redact } from '../core/secrets';
import { withPublicDerBlanked } from '../core/public-armour';

/**
 * The patch `synth --dry-run` prints. Its files' texts come redacted as the write gate reads them (secret-gate.ts
 * fileRedaction): a line the gate passes is printed as it will be written (75a-4: a CSP `'sha256-…='` hash, an htpasswd
 * hash, a generated-looking build id are no secrets to it), with secret shapes and the values given on the command line
 * blanked as `npm run check` blanks them. A file's path, in its header lines, passes the message redactor as any message
 * does; a value it hides there is hidden on every line of the patch (67a-22), and the warning names each file and line.
 */

/** One file's part of the patch: its path as shown, and its lines (unifiedDiff: two header lines, then hunks). */
export interface FilePatch {
  readonly path: string;
  readonly lines: readonly string[];
}

/** Where the printed patch hides a value: lines of the file to be written, and of the file as it stands (removed lines). */
export interface HiddenLines {
  readonly path: string;
  readonly written: readonly number[];
  readonly current: readonly number[];
}

/** The patch as printed, and the lines of each file on which it hides a value. */
export function printedPatch(patches: readonly FilePatch[], given: readonly string[]): { lines: string[]; hidden: HiddenLines[] } {
  const found = new Set<string>();
  for (const line of patches.flatMap((patch) => patch.lines.slice(0, 2))) {
    for (const part of hiddenParts(line, redactMessage(line, given))) found.add(part);
  }
  const secrets = found.size ? [...given, ...found] : given;
  const print = (line: string, i: number): string => (i < 2 ? redactMessage(redact(line, secrets), secrets) : redact(line, secrets));
  const lines: string[] = [];
  const hidden: HiddenLines[] = [];
  for (const patch of patches) {
    const [written, current]: [number[], number[]] = [[], []];
    let [old, fresh] = [0, 0];
    const certificate = publicDerLines(patch.lines);
    patch.lines.forEach((line, i) => {
      const printed = certificate.has(i) && !secrets.some((secret) => secret.length >= 4 && line.includes(secret)) ? line : print(line, i);
      lines.push(printed);
      const hunk = i >= 2 ? /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@$/.exec(line) : null;
      if (hunk) [old, fresh] = [Number(hunk[1]), Number(hunk[2])];
      if (i < 2 || hunk || line.startsWith('\\')) return;
      const [removed, added] = [line.startsWith('-'), line.startsWith('+')];
      if (printed !== line) (removed ? current : written).push(removed ? old : fresh);
      if (!added) old++;
      if (!removed) fresh++;
    });
    if (written.length || current.length) hidden.push({ path: patch.path, written, current });
  }
  return { lines, hidden };
}

/** The warnings of a dry run about the values its patch hides, naming each file and its lines. */
export function hiddenLineWarnings(hidden: readonly HiddenLines[]): string[] {
  return hidden.flatMap(({ path, written, current }) => [
    ...(written.length
      ? [
          `${path}: ${written.length} line(s) to be written hold a value not shown above (${lineList(written)}; it looks like a ` +
            'password or token); the write gate found no secret there, so it will be written: if it is one, remove it from the config',
        ]
      : []),
    ...(current.length
      ? [`${path}: ${current.length} line(s) of the file as it stands hold a value not shown above (${lineList(current)})`]
      : []),
  ]);
}

/** How many line numbers a warning lists; the rest are counted. */
const MAX_LISTED = 20;

/** `line 3`, `lines 3, 9, 12`, `lines 1, 2, … and 40 more`. */
function lineList(numbers: readonly number[]): string {
  const listed = numbers.slice(0, MAX_LISTED).join(', ');
  const more = numbers.length > MAX_LISTED ? ` and ${numbers.length - MAX_LISTED} more` : '';
  return `${numbers.length === 1 ? 'line' : 'lines'} ${listed}${more}`;
}

/**
 * 81a-8: the patch lines (after their `+`, `-` or blank) that are the base64 of a public certificate the patch holds whole
 * (public-armour.ts): a line read alone (`PWSb6…`) loses the block that makes it public data, so it is printed as written.
 */
function publicDerLines(lines: readonly string[]): Set<number> {
  const contents = lines.map((line, i) => (i < 2 ? '' : line.slice(1)));
  const blanked = withPublicDerBlanked(contents.join('\n')).split('\n');
  return new Set(contents.flatMap((content, i) => (blanked[i] !== content ? [i] : [])));
}
