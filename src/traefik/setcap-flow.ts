import { posix } from 'node:path';
import { parseShell, Shell, Word } from './shell-script';
import { embeddedPaths } from './setcap-paths';

/**
 * What surely happens to one file (Traefik's binary in a volume) while init containers run, in order: whether it exists
 * and whether it carries cap_net_bind_service in its effective and permitted file capability sets. `undefined`: maybe.
 * The kubelet runs init containers one after another and starts the next only when the one before exits 0 (Kubernetes
 * docs "Init Containers"), so only the runs that end in success carry on.
 */
export interface FileState {
  readonly exists: boolean | undefined;
  readonly capable: boolean | undefined;
}
/** What a command line of one container may do to the file: `volume` and `inside` locate it (setcap-init.ts fileInVolume). */
export interface Reader {
  /** Whether an absolute path of this container is the file (`file`), a folder above it (`parent`), or neither. */
  readonly locate: (path: string) => 'file' | 'parent' | 'other';
  /** Whether a setcap on the file takes effect (root with SETFCAP, a writable mount): else it fails. */
  readonly canSetcap: boolean;
  /** Whether a capability text gives cap_net_bind_service in the effective and permitted sets. */
  readonly grants: (text: string) => boolean;
  /** The folder relative paths start from (the container's workingDir, else `/`); undefined after a cd: anywhere. */
  readonly workingDir: string | undefined;
}
/** One way a run may go: the file's state, the last status, whether the shell has exited, whether `set -e` holds. */
interface Run {
  readonly file: FileState;
  readonly ok: boolean;
  readonly exited: boolean;
  readonly errexit: boolean;
}

const join = <T>(a: T | undefined, b: T | undefined): T | undefined => (a === b ? a : undefined);
/** A write of the file: the kernel drops security.capability on a write or a chown (capabilities(7) "File capabilities"). */
const WRITTEN: FileState = { exists: true, capable: false };
const maybe = (file: FileState, after: FileState): FileState => ({
  exists: join(file.exists, after.exists),
  capable: join(file.capable, after.capable),
});
const UNKNOWN: FileState = { exists: undefined, capable: undefined };
const key = (run: Run) => JSON.stringify([run.file.exists, run.file.capable, run.ok, run.exited, run.errexit]);
const unique = (runs: readonly Run[]): Run[] => [...new Map(runs.map((run) => [key(run), run])).values()];

/**
 * Commands known to only read, or to change no file's content, owner or extended attributes whatever their arguments: the
 * kernel drops security.capability on a write, a truncation or a chown (fs/attr.c ATTR_KILL_PRIV), not on a chmod or a
 * change of times. Any other command that names the file in any form may undo it (attack 43b-3: a small allowlist, not a
 * list of writers).
 */
const HARMLESS = new Set(
  'echo printf ls cat getcap stat test [ sleep true false : chmod touch mkdir sha256sum sha1sum md5sum file head tail grep wc readlink realpath basename dirname id whoami uname date du df sync which'.split(
    ' ',
  ),
);
/** Commands that run other commands on what they read (a path fed through stdin, `echo /x | xargs rm`). */
const RUNS_INPUT = new Set(['xargs', 'parallel']);
const SHELLS = /^(sh|ash|bash|dash)$/;

/** Where the script of a `sh -c <script>` command line stands, else -1. */
export function scriptAt(argv: readonly Word[]): number {
  const name = argv[0] === undefined ? undefined : posix.basename(argv[0]);
  const flag = argv.findIndex((arg, i) => i > 0 && arg !== undefined && /^-[a-z]*c[a-z]*$/.test(arg));
  return name !== undefined && SHELLS.test(name) && flag > 0 && flag + 1 < argv.length ? flag + 1 : -1;
}

/**
 * The file's states after a container's command and args run (the command itself, or a sh -c script read by
 * shell-script.ts), one per run that ends in success; undefined when this tool cannot read what it runs.
 */
export function containerRuns(argv: readonly Word[], reader: Reader, before: readonly FileState[]): FileState[] | undefined {
  const start = before.map((file) => ({ file, ok: true, exited: false, errexit: false }));
  const runs = command(argv, [], reader, start, false, 0);
  return runs && unique(runs.filter((run) => run.ok)).map((run) => run.file);
}

/** The runs after `node`; `guarded`: its failure does not end a `set -e` shell (left of && or ||, after !). */
function shell(node: Shell, reader: Reader, runs: readonly Run[], guarded: boolean, depth: number): Run[] | undefined {
  const live = runs.filter((run) => !run.exited);
  const done = runs.filter((run) => run.exited);
  const go = (n: Shell, r: readonly Run[], g: boolean) => shell(n, reader, r, g, depth);
  let after: Run[] | undefined;
  switch (node.kind) {
    case 'command':
      after = command(node.words, node.redirects, reader, live, guarded, depth);
      break;
    case 'list':
      after = live;
      for (const item of node.items) after = after && go(item, after, guarded);
      break;
    case 'and':
    case 'or': {
      const left = go(node.left, live, true);
      if (!left) return undefined;
      const goesOn = left.filter((run) => !run.exited && run.ok === (node.kind === 'and'));
      const right = go(node.right, goesOn, guarded);
      after = right && [...left.filter((run) => !goesOn.includes(run)), ...right];
      break;
    }
    case 'not': {
      const body = go(node.body, live, true);
      after = body?.map((run) => (run.exited ? run : { ...run, ok: !run.ok }));
      break;
    }
    case 'pipe': {
      // Each part runs in a subshell at once: all their effects, the last part's status (no pipefail in POSIX sh). A part
      // that is not read-only after a part that names the file may get its path through stdin: it may undo it (43b-3).
      after = live;
      let fed = false;
      for (const item of node.items) {
        const next: Run[] | undefined = after && subshell(item, reader, after, guarded, depth);
        after = fed && !readsOnly(item) ? next?.map((run) => ({ ...run, file: maybe(run.file, UNKNOWN) })) : next;
        fed ||= mentions(item, reader);
      }
      break;
    }
    case 'background': {
      // Not waited for: its effects may or may not have happened when the container exits; its status is 0.
      const body = subshell(node.body, reader, live, true, depth);
      after = body && live.flatMap((run) => body.map((b) => ({ ...run, ok: true, file: maybe(run.file, b.file) })));
      break;
    }
    case 'group':
      after = node.subshell ? subshell(node.body, reader, live, guarded, depth) : go(node.body, live, guarded);
      break;
  }
  return after && unique([...done, ...after]);
}

/** A subshell: `exit` and `set -e` inside it end only it; then `set -e` of the outer shell judges its status. */
function subshell(node: Shell, reader: Reader, runs: readonly Run[], guarded: boolean, depth: number): Run[] | undefined {
  const after: Run[] = [];
  for (const outer of runs) {
    const inner = shell(node, reader, [{ ...outer, exited: false }], guarded, depth);
    if (!inner) return undefined;
    after.push(...inner.map((run) => ({ ...outer, file: run.file, ok: run.ok, exited: !guarded && outer.errexit && !run.ok })));
  }
  return after;
}

/** The runs after a simple command (its words, `exec`, variable assignments before it, redirections). */
function command(
  given: readonly Word[],
  redirects: readonly { op: string; target: Word }[],
  reader: Reader,
  runs: readonly Run[],
  guarded: boolean,
  depth: number,
): Run[] | undefined {
  const first = given.findIndex((word) => word === undefined || !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word));
  let words = first < 0 ? [] : given.slice(first);
  const exec = words[0] === 'exec';
  if (exec) words = words.slice(1);
  const named = (word: Word) => place(word, reader);
  // Redirections open their files before the command runs: `>` truncates, `>>` may append to the file.
  const opened = (file: FileState): FileState =>
    redirects.reduce<FileState>((state, { op, target }) => {
      const where = op === '<' ? 'other' : named(target);
      if (where === 'file') return op === '>' ? WRITTEN : maybe(state, WRITTEN);
      return where === 'maybe' ? maybe(state, WRITTEN) : state;
    }, file);
  const outcomes = effects(words, reader, named, depth);
  if (!outcomes) return undefined;
  return runs.flatMap((run) =>
    outcomes(opened(run.file), run).map((outcome) => {
      const exited = exec || outcome.exit || (!guarded && run.errexit && !outcome.ok);
      return { file: outcome.file, ok: outcome.ok, exited, errexit: outcome.errexit ?? run.errexit };
    }),
  );
}

type Outcome = { file: FileState; ok: boolean; exit?: boolean; errexit?: boolean };

/** What a command may do: each possible outcome from a file state; undefined when this tool cannot read it. */
function effects(
  words: readonly Word[],
  reader: Reader,
  named: (word: Word) => 'file' | 'parent' | 'other' | 'maybe',
  depth: number,
): ((file: FileState, run: Run) => Outcome[]) | undefined {
  const name = words[0] === undefined ? undefined : posix.basename(words[0]);
  const args = words.slice(1);
  const either = (file: FileState, onSuccess: FileState = file, onFailure: FileState = file): Outcome[] => [
    { file: onSuccess, ok: true },
    { file: onFailure, ok: false },
  ];
  if (!words.length) return (file) => [{ file, ok: true }];
  if (name === 'true' || name === ':') return (file) => [{ file, ok: true }];
  if (name === 'false') return (file) => [{ file, ok: false }];
  if (name === 'exit') {
    const code = args[0];
    return (file, run) =>
      code === undefined && args.length
        ? either(file).map((outcome) => ({ ...outcome, exit: true }))
        : [{ file, ok: args.length ? /^0+$/.test(code ?? '') : run.ok, exit: true }];
  }
  if (name === 'set' && args.every((arg) => arg !== undefined)) {
    let errexit: boolean | undefined;
    args.forEach((arg, i) => {
      if (/^-[a-z]*e/.test(arg as string) || (arg === '-o' && args[i + 1] === 'errexit')) errexit = true;
      if (/^\+[a-z]*e/.test(arg as string) || (arg === '+o' && args[i + 1] === 'errexit')) errexit = false;
    });
    return (file) => [{ file, ok: true, errexit }];
  }
  if (name === 'setcap') return setcapEffects(args, reader, named);
  if (
    (name === 'cp' || name === 'install') &&
    args.every((arg) => arg === undefined || !arg.startsWith('--') || /^--[a-z-]+(=|$)/.test(arg))
  )
    return copyEffects(args, named, (word) => mention(word, reader));
  if (name !== undefined && SHELLS.test(name) && depth < 3) {
    // `sh <file>`, or a script this tool does not know: what it runs is unknown.
    const at = scriptAt(words);
    const script = at < 0 ? undefined : words[at];
    const parsed = script === undefined ? undefined : parseShell(script);
    if (!parsed) return undefined;
    const errexit = words.slice(1, at).some((arg) => arg !== undefined && /^-[a-z]*e/.test(arg));
    return (file) =>
      (shell(parsed, reader, [{ file, ok: true, exited: false, errexit }], false, depth + 1) ?? [{ file, ok: false }]).map((run) => ({
        file: run.file,
        ok: run.ok,
      }));
  }
  const touches =
    (name !== undefined && RUNS_INPUT.has(name)) || words.some((word) => mention(word, reader) !== 'other' || /setcap/.test(word ?? ''));
  if (name !== undefined && HARMLESS.has(name)) return (file) => either(file);
  // Any other command that names the file, a folder above it, a word this tool does not know, or setcap may do anything to it.
  return (file) => (touches ? either(maybe(file, UNKNOWN)) : either(file));
}

/**
 * `setcap [-q] [-v] [-n <rootid>] (-r|<caps>) <file> ...` (libcap setcap(8)): each pair in turn, stopping at the first
 * failure; a missing file fails. The caps text replaces the file's whole set, so a later `cap_chown=+ep` or
 * `cap_net_bind_service=-ep` takes it away; `-r` removes it; `-v` only verifies. `-n <rootid>` writes a namespaced (v3)
 * file capability that the kernel honours only in a user namespace whose root is that id (capabilities(7) "Namespaced
 * file capabilities"; Kubernetes runs Traefik in none): it counts for nothing.
 */
function setcapEffects(
  args: readonly Word[],
  reader: Reader,
  named: (word: Word) => 'file' | 'parent' | 'other' | 'maybe',
): (file: FileState) => Outcome[] {
  let i = 0;
  const options = new Set<string>();
  for (; /^-[qvn]$/.test(args[i] ?? ''); i += args[i] === '-n' ? 2 : 1) options.add(args[i] as string);
  const pairs: Array<[Word, Word, boolean]> = [];
  for (; i < args.length; i += 2) pairs.push([args[i], args[i + 1], i + 1 < args.length]);
  return (start) => {
    let outcomes: Outcome[] = [{ file: start, ok: true }];
    if (!pairs.length || pairs.some(([, , given]) => !given)) return [{ file: start, ok: false }];
    for (const [caps, target] of pairs) {
      const where = named(target);
      outcomes = outcomes.flatMap((outcome) => {
        if (!outcome.ok) return [outcome];
        const { file } = outcome;
        if (caps === undefined) return either(file, maybe(file, UNKNOWN));
        const result: FileState = {
          exists: true,
          capable: caps !== '-r' && !options.has('-n') && reader.grants(caps),
        };
        if (options.has('-v') || where === 'other' || where === 'parent') return either(file);
        if (where === 'maybe') return either(file, maybe(file, result));
        if (!reader.canSetcap || file.exists === false) return [{ file, ok: false }];
        return file.exists === true ? [{ file: result, ok: true }] : either(file, result);
      });
    }
    return outcomes;
  };
  function either(file: FileState, onSuccess: FileState = file): Outcome[] {
    return [
      { file: onSuccess, ok: true },
      { file, ok: false },
    ];
  }
}

/**
 * `cp`/`install [options] <source>... <dest>` or `-t <folder>`: each source lands at the dest, or inside it when it is a
 * folder (a folder above the file, more than one source, `-t`); a copy writes the file anew without capabilities.
 */
function copyEffects(
  args: readonly Word[],
  named: (word: Word) => 'file' | 'parent' | 'other' | 'maybe',
  mentioned: (word: Word) => 'file' | 'parent' | 'other' | 'maybe',
): (file: FileState) => Outcome[] {
  const operands: Word[] = [];
  let folder: Word | null = null;
  let plain = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') operands.push(...args.slice(i + 1));
    if (arg === '--') break;
    if (arg === '-t' || arg === '--target-directory') folder = args[++i];
    else if (arg?.startsWith('--target-directory=')) folder = arg.slice('--target-directory='.length);
    else if (arg === '-T' || arg === '--no-target-directory') plain = true;
    else if (arg === '-m' || arg === '-o' || arg === '-g' || arg === '-S') i++;
    else if (arg === undefined || !arg.startsWith('-') || arg === '-') operands.push(arg);
  }
  const sources = folder === null ? operands.slice(0, -1) : operands;
  const dest = folder === null ? operands[operands.length - 1] : folder;
  const intoFolder = folder !== null || (!plain && (sources.length > 1 || named(dest) === 'parent' || dest?.endsWith('/')));
  const targets = intoFolder
    ? sources.map((source) => (source === undefined || dest === undefined ? undefined : posix.join(dest, posix.basename(source))))
    : [dest];
  const places = targets.map(named);
  // An option that holds the file's path (`-t/x`, `--suffix=/x`) is not read here: it may write it (43b-3).
  if (args.some((arg) => arg?.startsWith('-') && mentioned(arg) !== 'other')) places.push('maybe');
  return (file) => {
    if (places.includes('file') && !places.includes('maybe'))
      return [
        { file: WRITTEN, ok: true },
        { file: maybe(file, WRITTEN), ok: false },
      ];
    if (places.includes('file') || places.includes('maybe') || places.includes('parent'))
      return [
        { file: maybe(file, WRITTEN), ok: true },
        { file: maybe(file, WRITTEN), ok: false },
      ];
    return [
      { file, ok: true },
      { file, ok: false },
    ];
  };
}

/** Every simple command a container's command and args hold, wherever it stands (in `sh -c` scripts too); undefined if unreadable. */
export function simpleCommands(argv: readonly Word[], depth = 0): Word[][] | undefined {
  const at = scriptAt(argv);
  if (at < 0) return [[...argv]];
  const script = argv[at];
  const parsed = script === undefined || depth > 2 ? undefined : parseShell(script);
  if (!parsed) return undefined;
  const found: Word[][] = [];
  const walk = (node: Shell): boolean => {
    if (node.kind !== 'command') {
      const parts = 'items' in node ? node.items : 'body' in node ? [node.body] : [node.left, node.right];
      return parts.every(walk);
    }
    const first = node.words.findIndex((word) => word === undefined || !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word));
    const words = first < 0 ? [] : node.words.slice(node.words[first] === 'exec' ? first + 1 : first);
    const inner = words.length ? simpleCommands(words, depth + 1) : [];
    if (!inner) return false;
    found.push(...inner);
    return true;
  };
  return walk(parsed) ? found : undefined;
}

type Place = 'file' | 'parent' | 'other' | 'maybe';
/** Where a word, as a path of the container (relative ones from its working folder), lies: the file, a folder above it, neither. */
function place(word: Word, reader: Reader): Place {
  if (word === undefined || (reader.workingDir === undefined && !word.startsWith('/'))) return 'maybe';
  return reader.locate(posix.resolve(reader.workingDir ?? '/', word));
}
const RANK: Place[] = ['other', 'parent', 'maybe', 'file'];
/** The nearest place a word may name, itself or a path it holds (`of=/x`, `-O/x`, `--output=/x`). */
function mention(word: Word, reader: Reader): Place {
  const places = [place(word, reader), ...(word === undefined ? [] : embeddedPaths(word).map((path) => place(path, reader)))];
  return places.reduce((a, b) => (RANK.indexOf(b) > RANK.indexOf(a) ? b : a));
}
/** The simple commands of a part of a script. */
function commandsOf(node: Shell): Array<{ words: readonly Word[]; redirects: readonly { target: Word }[] }> {
  if (node.kind === 'command') return [node];
  const parts = 'items' in node ? node.items : 'body' in node ? [node.body] : [node.left, node.right];
  return parts.flatMap(commandsOf);
}
/** Whether a part of a script names the file, a folder above it, or a word this tool does not know. */
function mentions(node: Shell, reader: Reader): boolean {
  return commandsOf(node).some((c) => [...c.words, ...c.redirects.map((r) => r.target)].some((word) => mention(word, reader) !== 'other'));
}
/** Whether a part of a script runs only commands known to only read. */
function readsOnly(node: Shell): boolean {
  return commandsOf(node).every(({ words }) => {
    const name = words.find((word) => word === undefined || !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word));
    return name !== undefined && HARMLESS.has(posix.basename(name));
  });
}
