import { Dirent, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { yaml } from './core/yaml';
import { dns1123Label } from './config/formats';
import { SCHEMA_FILE } from './config/json-schema';
import { copiedFromLine, siteValues } from './config/example-copy';
import { formatPath } from './core/problem';
import { redact, secretShape, secretsInData } from './core/secrets';
import { argumentSecrets, redactMessage, redactProblem } from './core/redact-message';
import { npmSwallowedFlags } from './npm-args';
import { describeFileError } from './output/file-system';
import { configDirFromEnv } from './output/env-dirs';

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
 * Config files directly in `dir`, by name without extension (empty when the folder is missing). A
 * link to a file counts, as it does for synth (config/load.ts).
 */
function configsIn(dir: string): Map<string, string> {
  if (!existsSync(dir)) return new Map();
  const isFile = (entry: Dirent) =>
    entry.isFile() || (entry.isSymbolicLink() && statSync(join(dir, entry.name), { throwIfNoEntry: false })?.isFile());
  return new Map(
    readdirSync(dir, { withFileTypes: true })
      .filter((entry) => isFile(entry) && CONFIG_EXTENSIONS.includes(extname(entry.name).toLowerCase()))
      .map((entry) => [entry.name.slice(0, -extname(entry.name).length), join(dir, entry.name)]),
  );
}

const posix = (path: string): string => path.split(sep).join('/');

/** `<name> [--from <source>]`, or a one-line reason they are not that; `help` for --help. */
function parseArgs(args: readonly string[], env: NodeJS.ProcessEnv): { name: string; from?: string } | 'help' | string {
  const swallowed = npmSwallowedFlags(args, env, { script: 'new', valued: [['from', '<cluster or example>']], positionals: 1 });
  if (swallowed) return swallowed;
  const positional: string[] = [];
  let from: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--from' || arg.startsWith('--from=')) {
      // Two sources is a slip: which one was meant cannot be told.
      if (from !== undefined) return '--from is given twice: give one cluster or example to copy';
      from = arg === '--from' ? args[++i] : arg.slice('--from='.length);
      if (!from) return '--from needs a cluster or example name';
    } else if (arg.startsWith('-')) {
      return `unknown option ${arg} (see --help)`;
    } else {
      positional.push(arg);
    }
  }
  if (!positional.length) return "give the new cluster's name (see --help)";
  if (positional.length > 1)
    return `expected one cluster name, got ${positional.length}: ${positional.map((arg) => JSON.stringify(arg)).join(' ')}`;
  return { name: positional[0], from };
}

/**
 * `npm run new`: copies a cluster or example config to `<configDir>/<name>.yaml` with its `$schema`
 * line pointing at the schema from there. Returns the exit code; on error writes nothing.
 */
export function newCluster(args: readonly string[], options: NewClusterOptions, env: NodeJS.ProcessEnv = {}): number {
  const { configDir, log } = options;
  // A message may echo an argument (a name, `--from`), or text derived from one: none shows a secret an argument holds.
  const argSecrets = argumentSecrets(args, env);
  const fail = (message: string): number => {
    log(`error: ${redactMessage(message, argSecrets)}`);
    return 1;
  };
  const parsed = parseArgs(args, env);
  if (parsed === 'help') {
    USAGE.forEach((line) => (options.out ?? log)(line));
    return 0;
  }
  if (typeof parsed === 'string') return fail(parsed);
  const { name, from } = parsed;

  const badName = dns1123Label(name);
  if (badName) return fail(`the cluster name gives the file ${configDir}/<name>.yaml and the folder dist/<name>/, but ${badName}`);
  const clusters = configsIn(configDir);
  const existing = clusters.get(name);
  if (existing) return fail(`${posix(existing)} already exists: pick another name, or edit that file`);

  const examplesDir = options.examplesDir ?? join(configDir, 'examples');
  const examples = configsIn(examplesDir);
  const source = from === undefined ? examples.get(DEFAULT_EXAMPLE) : (clusters.get(from) ?? examples.get(from));
  const list = (names: Iterable<string>) => [...names].sort().join(', ') || 'none';
  if (!source && from === undefined) {
    return fail(
      `the default example ${posix(join(examplesDir, `${DEFAULT_EXAMPLE}.yaml`))} is missing: ` +
        `name the file to copy with --from <cluster or example> (clusters: ${list(clusters.keys())}; examples: ${list(examples.keys())})`,
    );
  }
  if (!source)
    return fail(`--from ${JSON.stringify(from)} is neither a cluster (${list(clusters.keys())}) nor an example (${list(examples.keys())})`);
  const fromExample = [...examples.values()].includes(source);

  const target = join(configDir, `${name}.yaml`);
  const schemaLine = `# yaml-language-server: $schema=${posix(relative(configDir, options.schemaFile))}`;
  const text = readFileSync(source, 'utf8');
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
      `${posix(source)} is not valid YAML${line ? ` (line ${line})` : ''}: nothing was copied; ` +
        'fix it first (`npm run synth` says what is wrong), then copy again',
    );
  }
  const found = secretsInData(data);
  const secrets = found.map((secret) => secret.value);
  const toEdit = siteValues(data).map(({ path, values }) => redact(`${path}: ${values.join(', ')}`, secrets));
  // A secret is not copied into a second file: say where it is, never what (a key may hold it: `"password:abc": x`).
  if (found.length || secretShape(text)) {
    const where = found.map(({ path }) => formatPath(redactProblem({ path, message: '' }, secrets).path)).filter(Boolean);
    return fail(
      `${posix(source)} holds a secret${where.length ? ` (${where.join(', ')})` : ''}: nothing was copied; ` +
        'move it into a Kubernetes Secret (synth refuses it too), then copy again',
    );
  }
  try {
    // `wx`: never overwrite, even a file created since the check above.
    writeFileSync(target, copy, { flag: 'wx' });
  } catch (e) {
    return fail(`cannot write ${posix(target)}: ${describeFileError(e)}`);
  }

  log(`new: wrote ${posix(target)}, a copy of ${posix(source)}.${toEdit.length ? ' Set these to your network and sites:' : ''}`);
  toEdit.forEach((line) => log(`  ${line}`));
  if (fromExample) log(`Until they are yours, \`npm run synth\` warns about the example's values left (line 2 of the copy says so).`);
  log(`Then run \`npm run synth\`: it checks the file and writes dist/${name}/ (\`npm run synth -- --dry-run\` shows it first).`);
  return 0;
}

/** Entry point of `npm run new` (through scripts/app.js). */
export function main(args: readonly string[]): void {
  const configDir = configDirFromEnv();
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
