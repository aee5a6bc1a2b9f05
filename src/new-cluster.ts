import { Dirent, existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { yaml } from './core/yaml';
import { clusterFileNameProblem, unshownName } from './config/cluster-name';
import { SCHEMA_FILE } from './config/json-schema';
import { removeLeftoverCopies } from './config/interrupted-new';
import { copiedFromLine, siteValues } from './config/example-copy';
import { closest } from './core/closest';
import { formatPath, oneLine, printable } from './core/problem';
import { redact, secretShape, secretsInData } from './core/secrets';
import { shownUnlessGenerated } from './core/generated-quotes';
import { argumentSecrets, redactMessage, redactProblem } from './core/redact-message';
import { npmStrayFlag, npmSwallowedFlags } from './npm-args';
import { createWhole, describeFileError } from './output/file-system';
import { configDirFromEnv, distDirFromEnv } from './output/env-dirs';
import { ownFoldersProblem } from './output/own-folders';
import { oddKind } from './output/odd-entries';
import { linesText, secretLineGroups } from './core/secret-line-groups';
import { valuesNamedByComments } from './config/commented-values';
import { labelledValues } from './config/labelled-values';
import { OVER_COMMENT_LINES, secretComments } from './config/comment-secrets';
import { decodeConfigBytes, sizeProblem, withLineFeeds } from './config/yaml-input';
import { configRouteTokens } from './traefik/extra-route-paths';

/** What a route path's token is said to be (config/route-path-format.ts says why synth refuses it). */
const ROUTE_TOKEN_COPY = "a route path with a part that looks generated (a webhook's secret token, by its look), which synth refuses";

export interface NewClusterOptions {
  /** Folder of `<cluster>.yaml` files; the new file goes here. */
  readonly configDir: string;
  /** Folder of example configs `--from` may name. @default `<configDir>/examples` */
  readonly examplesDir?: string;
  /** The JSON Schema the new file's `$schema` line points at. */
  readonly schemaFile: string;
  /** Where messages go. */
  readonly log: (line: string) => void;
  /**
   * Where `--help` goes (standard output, as every command's help, so it can be paged).
   * @default log
   */
  readonly out?: (line: string) => void;
}

/** The example a copy starts from when `--from` is not given: the three-server reference setup. */
const DEFAULT_EXAMPLE = 'reference';
const CONFIG_EXTENSIONS = ['.yaml', '.yml'];
const SCHEMA_LINE = /^# yaml-language-server: \$schema=.*$/m;

const USAGE = [
  'usage: npm run new -- <name> [--from <cluster or example>]',
  '',
  'Writes config/<name>.yaml, a copy of config/<cluster>.yaml or else config/examples/<example>.yaml',
  `(default: config/examples/${DEFAULT_EXAMPLE}.yaml, the reference setup), with a working $schema line for the editor.`,
  "<name> becomes the output folder dist/<name>/: lower-case letters, digits and '-'.",
  'A copy of an example warns at every synth until its addresses, hosts and e-mails are yours.',
];

/**
 * Config files directly in `dir`, by name without extension (empty when the folder is missing), or why the
 * folder cannot be read (`fix`: what to do then). A link to a file counts, as it does for synth
 * (config/load.ts); so does an entry that cannot be looked at (a link loop): reading it names the problem.
 */
function configsIn(dir: string, fix: string): Map<string, string> | string {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    const what =
      (e as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'is not a folder' : `cannot be read: ${describeFileError(e, false, 'read')}`;
    return `${shown(dir)} ${what}: ${fix}`;
  }
  const isFile = (entry: Dirent) => {
    if (entry.isFile()) return true;
    if (!entry.isSymbolicLink()) return false;
    try {
      return statSync(join(dir, entry.name), { throwIfNoEntry: false })?.isFile() ?? false;
    } catch {
      return true;
    }
  };
  return new Map(
    entries
      .filter((entry) => isFile(entry) && CONFIG_EXTENSIONS.includes(extname(entry.name).toLowerCase()))
      .map((entry) => [entry.name.slice(0, -extname(entry.name).length), join(dir, entry.name)]),
  );
}

const posix = (path: string): string => path.split(sep).join('/');
/** A path for a message: with `/` separators, and quoted when it holds an unprintable character (printable). */
const shown = (path: string): string => printable(posix(path));

/** What a path that is there but no regular file is: `a folder`, `a FIFO`, `a symbolic link to nothing`, …; else undefined. */
function notARegularFile(path: string): string | undefined {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (!stat || stat.isFile()) return undefined;
  const kind = (entry: NonNullable<typeof stat>) => (entry.isDirectory() ? 'a folder' : (oddKind(entry) ?? 'not a regular file'));
  if (!stat.isSymbolicLink()) return kind(stat);
  // A link to a file is a cluster (config/load.ts reads through it); to nothing, a folder or a device it is none (68c-1).
  let target: ReturnType<typeof statSync> | undefined;
  try {
    target = statSync(path, { throwIfNoEntry: false });
  } catch {
    return 'a symbolic link that cannot be followed (a loop?)';
  }
  if (!target) return 'a symbolic link to nothing';
  return target.isFile() ? undefined : `a symbolic link to ${kind(target)}`;
}

/** `<folder>/<file>` in the first folder where it is there but is no regular file, said with what it is; else undefined. */
function notAFile(folders: readonly string[], file: string): string | undefined {
  for (const folder of folders) {
    // A folder that cannot be read (a file where it should be, no permission) holds no such file: said where it is listed.
    let what: string | undefined;
    try {
      what = notARegularFile(join(folder, file));
    } catch {
      continue;
    }
    if (what) return `${printable(join(folder, file))} exists but is ${what}`;
  }
  return undefined;
}

/** An option `npm run new` does not have, with the one meant (`--frm`, `--From`: 77a-14) and the ones it has. */
function unknownOptionProblem(arg: string): string {
  // Only the flag is echoed: what follows `=` may be a pasted secret.
  const flag = arg.split('=')[0];
  if (flag === '--help' || flag === '-h') return `${flag} takes no value: write ${flag} alone`;
  const meant = closest(flag.replace(/^-+/, ''), ['from', 'help']);
  const guess = meant ? `did you mean --${meant}? ` : '';
  return `unknown option ${printable(flag)}: ${guess}npm run new takes <name>, --from <cluster or example> and --help`;
}

/** `<name> [--from <source>]` with every reason, one line each, they are not that (78b-6); `help` for --help. */
function parseArgs(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): { name?: string; from?: string; problems: string[]; swallowed?: true } | 'help' {
  const swallowed = npmSwallowedFlags(args, env, { script: 'new', valued: [['from', '<cluster or example>']], positionals: 1 });
  if (swallowed) return { problems: [swallowed], swallowed: true };
  const stray = npmStrayFlag(args, env, {
    script: 'new',
    valued: [['from', '<cluster or example>']],
    positionals: 1,
    others: [
      ['dry-run', 'it writes only config/<name>.yaml, which `npm run synth -- --dry-run` then checks without writing dist/'],
      ['cluster', 'give the name alone: npm run new <name>'],
    ],
  });
  if (stray) return { problems: [stray], swallowed: true };
  const positional: string[] = [];
  const problems: string[] = [];
  let from: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--from' || arg.startsWith('--from=')) {
      // Two sources is a slip: which one was meant cannot be told.
      if (from !== undefined) problems.push('--from is given twice: give one cluster or example to copy');
      from = arg === '--from' ? args[++i] : arg.slice('--from='.length);
      if (!from) problems.push('--from needs a cluster or example name');
    } else if (arg.startsWith('-')) {
      problems.push(unknownOptionProblem(arg));
      // A misspelt --from's value (`--fro ha`) is no second name.
      const next = args[i + 1];
      if (!arg.includes('=') && closest(arg.replace(/^-+/, ''), ['from']) && next !== undefined && !next.startsWith('-')) i++;
    } else {
      positional.push(arg);
    }
  }
  if (!positional.length) problems.push("give the new cluster's name (see --help)");
  if (positional.length > 1)
    problems.push(`expected one cluster name, got ${positional.length}: ${positional.map((arg) => JSON.stringify(arg)).join(' ')}`);
  return { name: positional.length === 1 ? positional[0] : undefined, from: from || undefined, problems };
}

/** 78b-6: `--from ha.yaml`, `--from config/examples/ha.yaml`, `--from HA` name a known file plainly: said as the name. */
function meantSource(from: string, known: readonly string[]): string {
  const written = from
    .replace(/^.*[\\/]/, '')
    .replace(/\.ya?ml$/i, '')
    .toLowerCase();
  const meant = known.find((name) => name.toLowerCase() === written);
  return meant === undefined ? '' : `: did you mean --from ${meant}?`;
}

/**
 * `npm run new`: copies a cluster or example config to `<configDir>/<name>.yaml` with its `$schema`
 * line pointing at the schema from there. Returns the exit code; on error writes nothing.
 */
export function newCluster(args: readonly string[], options: NewClusterOptions, env: NodeJS.ProcessEnv = {}): number {
  const { configDir, log } = options;
  // A message may echo an argument (a name, `--from`), or text derived from one: none shows a secret an argument holds.
  // So is what the folders and the file names it lists hold (`config/db_password=abc.yaml`), added as they are read.
  let echoed = argumentSecrets([...args, configDir, options.examplesDir ?? ''], env);
  const listed = (names: Iterable<string>) => (echoed = [...echoed, ...argumentSecrets([...names])]);
  // The last guard: each message is one line, whatever a path or value holds (the paths are quoted where they appear).
  const say = (line: string) => log(oneLine(redactMessage(line, echoed)));
  // Every problem of the arguments at once, one line each (78b-6): the name's and --from's are independent.
  const problems: string[] = [];
  const fail = (message?: string): number => {
    for (const line of message === undefined ? problems : [...problems, message]) say(`error: ${line}`);
    return 1;
  };
  const parsed = parseArgs(args, env);
  if (parsed === 'help') {
    USAGE.forEach((line) => (options.out ?? log)(line));
    return 0;
  }
  problems.push(...parsed.problems);
  // What npm took for itself leaves the arguments unknown: that alone is said.
  if (parsed.swallowed) return fail();
  const { name, from } = parsed;
  if (name !== undefined) echoed = [...echoed, ...unshownName(name)];

  // The output folder as synth will write it: K3S_VIP_DIST_DIR's when set (attack 56b-14).
  const distDir = distDirFromEnv(env);
  // The loader's own check (58a-11): a name synth refuses is not written. The name is never shown (`<name>`).
  const badName = name === undefined ? undefined : clusterFileNameProblem(name);
  if (badName)
    problems.push(
      `the cluster name gives the file ${shown(`${configDir}/<name>.yaml`)} and the folder ${shown(`${distDir}/<name>/`)}, but ${badName}` +
        (badName.startsWith('it looks like a secret') ? ': pick another name' : ''),
    );
  const clusters = configsIn(configDir, 'point K3S_VIP_CONFIG_DIR at the folder of <cluster>.yaml files');
  if (typeof clusters === 'string') return fail(clusters);
  listed([...clusters.keys(), ...clusters.values()]);
  const existing = name === undefined || badName ? undefined : clusters.get(name);
  if (existing) problems.push(`${shown(existing)} already exists: pick another name, or edit that file`);

  const examplesDir = options.examplesDir ?? join(configDir, 'examples');
  const cluster = from === undefined ? undefined : clusters.get(from);
  // Copying a cluster needs no example: only then is a broken examples folder no reason to stop.
  const examples = configsIn(examplesDir, 'it should hold the example configs: move it away, or copy a cluster with --from <cluster>');
  if (typeof examples === 'string' && !cluster) return fail(examples);
  const exampleFiles = typeof examples === 'string' ? new Map<string, string>() : examples;
  listed([...exampleFiles.keys(), ...exampleFiles.values()]);
  const source = from === undefined ? exampleFiles.get(DEFAULT_EXAMPLE) : (cluster ?? exampleFiles.get(from));
  const list = (names: Iterable<string>) => [...names].sort().join(', ') || 'none';
  if (!source && from === undefined) {
    // There but no file (a FIFO, a folder, a link to nothing) is said as such, as for --from (68c-1).
    const odd = notAFile([examplesDir], `${DEFAULT_EXAMPLE}.yaml`);
    if (odd) return fail(`the default example ${odd}: make it a regular file, or name the file to copy with --from <cluster or example>`);
    return fail(
      `the default example ${shown(join(examplesDir, `${DEFAULT_EXAMPLE}.yaml`))} is missing: ` +
        `name the file to copy with --from <cluster or example> (clusters: ${list(clusters.keys())}; examples: ${list(exampleFiles.keys())})`,
    );
  }
  // A <from>.yaml that is there but no file (a FIFO, a folder) is named as such, not as missing (66c-7).
  const oddSource =
    source || from === undefined || !/^[A-Za-z0-9][\w-]*$/.test(from) ? undefined : notAFile([configDir, examplesDir], `${from}.yaml`);
  if (!source && oddSource) return fail(`--from ${JSON.stringify(from)}: ${oddSource}: --from copies a regular file; make it one`);
  if (!source)
    return fail(
      `--from ${JSON.stringify(from)} is neither a cluster (${list(clusters.keys())}) nor an example (${list(exampleFiles.keys())})` +
        meantSource(from!, [...clusters.keys(), ...exampleFiles.keys()]),
    );
  if (problems.length) return fail();
  const fromExample = [...exampleFiles.values()].includes(source);

  const target = join(configDir, `${name}.yaml`);
  const schemaLine = `# yaml-language-server: $schema=${posix(relative(configDir, options.schemaFile))}`;
  let text: string;
  try {
    // What synth refuses before it parses (over 1 MiB, not UTF-8) is not copied either (69c-13); CR-only line ends are
    // copied as LF, which synth reads alike: the schema line put above them would otherwise make every CR a refusal.
    const tooBig = sizeProblem(statSync(source).size);
    const decoded = tooBig ? { problem: tooBig } : decodeConfigBytes(readFileSync(source));
    if (decoded.problem) {
      const { line, column, message } = decoded.problem;
      return fail(`${shown(source)}${line ? `:${line}:${column}` : ''}: ${message} (nothing was copied)`);
    }
    text = withLineFeeds(decoded.text!);
  } catch (e) {
    return fail(
      `cannot read ${shown(source)}: ${describeFileError(e, true, 'read')}; fix it, or copy another with --from <cluster or example>`,
    );
  }
  // A copy of an example says so: synth warns while it still holds the example's addresses and hosts.
  const head = fromExample ? `${schemaLine}\n${copiedFromLine(posix(relative(configDir, source)))}` : schemaLine;
  const copy = SCHEMA_LINE.test(text) ? text.replace(SCHEMA_LINE, head) : `${head}\n${text}`;
  let data: unknown;
  try {
    data = yaml.parse(text);
  } catch (e) {
    // Unparsed, its secrets cannot be told from its other values: nothing of it is copied. The parser's
    // words are not shown (they may quote a value); synth names the mistake without any secret.
    const line = (e as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    return fail(
      `${shown(source)} is not valid YAML${line ? ` (line ${line})` : ''}: nothing was copied; ` +
        'fix it first (`npm run synth` says what is wrong), then copy again',
    );
  }
  // 87b-6: a route path's token, which synth refuses as the webhook's secret, is not copied either.
  const routeTokens = configRouteTokens(data).map(({ path, value }) => ({ path, value, what: ROUTE_TOKEN_COPY }));
  const found = [...secretsInData(data), ...routeTokens];
  const secrets = found.map((secret) => secret.value);
  const toEdit = siteValues(data).map(({ path, values }) => redact(`${path}: ${values.map(shownUnlessGenerated).join(', ')}`, secrets));
  // A secret is not copied into a second file: say where it is, never what (a key may hold it: `"password:abc": x`).
  // Every one at once (58a-19): those in its values, each at its line (57a-14: the key path, never the key as written,
  // which may hold the secret), then those outside them (a comment, `# password: x` too): synth deploys none of the
  // latter, but a copy would carry them into a second file. The examples are this project's own, whose comments show
  // commands with placeholders (`password='...'`).
  const at = valueLines(text);
  // A value its comment names as a secret (`X # password`): synth's rule and reason (config/commented-values.ts), at its
  // key path, not a comment to remove (60a-11: one verdict for one line).
  // Comments are read as synth reads them (config/comment-secrets.ts, 77a-12); the examples' are not (see above). A note
  // after a value that only names a secret names that value (78a-18), refused at its key path as synth refuses it.
  const allComments = fromExample ? [] : (secretComments(text) ?? []);
  const labelled = labelledValues(
    text,
    allComments.flatMap(({ line, labelsItsValue }) => (labelsItsValue ? [line] : [])),
  );
  const comments = allComments.filter(({ line, labelsItsValue }) => !labelsItsValue || labelled.unplaced.includes(line));
  const commented = [...valuesNamedByComments(yaml.parseDocument(text)), ...labelled.values].map(({ path, message }) => ({
    path,
    why: message.replace(/^holds /, '').split(', and dist/')[0],
  }));
  const where = [...found, ...commented]
    .map((item) => ({
      ...at(item.path),
      key: formatPath(redactProblem({ path: item.path, message: '' }, secrets).path),
      why: 'why' in item ? item.why : item.what,
      named: 'why' in item,
    }))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const inValues = new Set(
    where.flatMap(({ line, lastLine }) => (line ? Array.from({ length: (lastLine ?? line) - line + 1 }, (_, i) => line + i) : [])),
  );
  const parts = text.split('\n');
  // Every such line (up to 20) with what it holds, in one run (44a-14), and lines that hold one only together (a name
  // then its value, a table's header, rule and row: 56a-13, 57a-14); a line already named for its value is not again.
  const inComments = new Set(comments.flatMap(({ lines }) => lines));
  const shaped = secretShape(text)
    ? secretLineGroups(parts, (part) => !!secretShape(part))
        .filter((group) => !group.every((line) => inValues.has(line)) && !group.some((line) => inComments.has(line)))
        .map((lines) => ({
          line: lines[0],
          column: (/\S/.exec(parts[lines[0] - 1])?.index ?? 0) + 1,
          lines,
          what: lines.length > 1 ? OVER_COMMENT_LINES : secretShape(parts[lines[0] - 1])!,
        }))
    : [];
  const groups = [...comments, ...shaped].sort((a, b) => a.line - b.line);
  if (where.length || groups.length) {
    // One line per problem, each headed `file:line:column:` and its key path as synth's findings are, with its own fix
    // (78a-6: two places were folded into one line under the first one's position, the second without a column).
    const place = (line?: number, column?: number) => `${shown(source)}${line ? `:${line}:${column ?? 1}` : ''}:`;
    const valueProblems = where.map(({ line, column, key, why, named }) => ({
      line: line ?? 0,
      text:
        `${place(line, column)}${key ? ` ${key}:` : ''} holds ${why}: nothing was copied; move it into a Kubernetes Secret ` +
        `(synth refuses it there too)${named ? '; if the value is no secret, reword the comment that names it' : ''}, then copy again`,
    }));
    const outside = groups.slice(0, 20).map(({ line, column, lines, what }) => ({
      line,
      text: `${place(line, column)} holds a secret outside its values (a comment, say; ${linesText(lines)}: ${what}): nothing was copied; remove it from the file, then copy again`,
    }));
    const more = groups.length > 20 ? [`${shown(source)}: and ${groups.length - 20} more lines that hold a secret outside its values`] : [];
    for (const { text: problem } of [...valueProblems, ...outside].sort((a, b) => a.line - b.line)) say(`error: ${problem}`);
    return more.length ? fail(more[0]) : 1;
  }
  for (const line of removeLeftoverCopies(configDir, shown(configDir))) say(line);
  try {
    // Never overwrites, even a file created since the check above; a failed write leaves no file (69c-1).
    createWhole(target, copy);
  } catch (e) {
    // configsIn lists no link to nothing, and `ls` shows none as a file: say what stands there (attack 55a-13).
    if ((e as NodeJS.ErrnoException).code === 'EEXIST' && lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) {
      const to = existsSync(target) ? 'something' : 'nothing';
      return fail(`${shown(target)} is a symbolic link (to ${to}), so nothing was written there: remove the link, or pick another name`);
    }
    // Another `new` created it since the check above: the same refusal as when it was there before (70c-6).
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      return fail(`${shown(target)} already exists: pick another name, or edit that file`);
    return fail(`cannot write ${shown(target)}: ${describeFileError(e)}`);
  }

  say(`new: wrote ${shown(target)}, a copy of ${shown(source)}.${toEdit.length ? ' Set these to your network and sites:' : ''}`);
  toEdit.forEach((line) => say(`  ${line}`));
  if (fromExample) say(`Until they are yours, \`npm run synth\` warns about the example's values left (line 2 of the copy says so).`);
  say(
    `Then run \`npm run synth\`: it checks the file and writes ${shown(`${distDir}/${name}/`)} (\`npm run synth -- --dry-run\` shows it first).`,
  );
  return 0;
}

/** The line and column (1-based) of the node at a key path of `text` (the nearest node above it there), or neither. */
function valueLines(text: string): (path: readonly (string | number)[]) => { line?: number; column?: number; lastLine?: number } {
  const lineCounter = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter });
  return (path) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true);
      const start = yaml.isNode(node) ? node.range?.[0] : undefined;
      if (start === undefined) continue;
      // The value's last line too (not a node above it): a `|` block's lines are the value's, named at its key path (77a-1).
      const end = depth === path.length ? (node as { range?: number[] }).range?.[1] : undefined;
      const lastLine = lineCounter.linePos(Math.max(start, (end ?? start + 1) - 1)).line;
      return { line: lineCounter.linePos(start).line, column: lineCounter.linePos(start).col, lastLine };
    }
    return {};
  };
}

/** Entry point of `npm run new` (through scripts/app.js). */
export function main(args: readonly string[]): void {
  const configDir = configDirFromEnv();
  const folders = ownFoldersProblem(configDir, distDirFromEnv());
  if (folders) {
    process.stderr.write(`error: ${redact(folders)}\n`);
    process.exitCode = 1;
    return;
  }
  // Arguments are echoed in messages: a pasted token must not be.
  process.exitCode = newCluster(
    args,
    {
      configDir,
      schemaFile: SCHEMA_FILE,
      log: (line) => process.stderr.write(`${redact(line)}\n`),
      out: (line) => process.stdout.write(`${line}\n`),
    },
    process.env,
  );
}
