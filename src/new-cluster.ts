import { Dirent, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { yaml } from './core/yaml';
import { dns1123Label } from './config/formats';
import { SCHEMA_FILE } from './config/json-schema';
import { formatPath } from './core/problem';
import { redact, secretsInData } from './core/secrets';
import { describeFileError } from './output/file-system';

export interface NewClusterOptions {
  /** Folder of `<cluster>.yaml` files; the new file goes here. */
  readonly configDir: string;
  /** Folder of example configs `--from` may name. @default `<configDir>/examples` */
  readonly examplesDir?: string;
  /** The JSON Schema the new file's `$schema` line points at. */
  readonly schemaFile: string;
  /** Where messages go. */
  readonly log: (line: string) => void;
}

const USAGE = [
  'usage: npm run new -- <name> [--from <cluster or example>]',
  '',
  'Writes config/<name>.yaml, a copy of config/<cluster>.yaml or else config/examples/<example>.yaml',
  '(default: the reference config/dev.yaml), with a working $schema line for the editor.',
  "<name> becomes the output folder dist/<name>/: lower-case letters, digits and '-'.",
];

/** The cluster the copy starts from when `--from` is not given. */
const DEFAULT_SOURCE = 'dev';
const CONFIG_EXTENSIONS = ['.yaml', '.yml'];
const SCHEMA_LINE = /^# yaml-language-server: \$schema=.*$/m;
/** Keys whose values belong to one network or site, which a copy must not keep unread. */
const SITE_KEYS = new Set(['interface', 'address', 'loadBalancerIPs', 'ips', 'range', 'cidr', 'nodeCidr', 'host', 'email', 'repoURL']);

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
function parseArgs(args: readonly string[]): { name: string; from?: string } | 'help' | string {
  const positional: string[] = [];
  let from: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--from' || arg.startsWith('--from=')) {
      from = arg === '--from' ? args[++i] : arg.slice('--from='.length);
      if (!from) return '--from needs a cluster or example name';
    } else if (arg.startsWith('-')) {
      return `unknown option ${arg} (see --help)`;
    } else {
      positional.push(arg);
    }
  }
  if (!positional.length) return "give the new cluster's name (see --help)";
  if (positional.length > 1) return `expected one cluster name, got ${positional.length}: ${positional.join(' ')}`;
  return { name: positional[0], from };
}

/** Every value under a site-specific key, as `key.path: value` lines. */
function siteValues(value: unknown, path: Array<string | number> = []): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => siteValues(item, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) =>
    SITE_KEYS.has(key)
      ? [`${formatPath([...path, key])}: ${Array.isArray(child) ? child.join(', ') : String(child)}`]
      : siteValues(child, [...path, key]),
  );
}

/**
 * `npm run new`: copies a cluster or example config to `<configDir>/<name>.yaml` with its `$schema`
 * line pointing at the schema from there. Returns the exit code; on error writes nothing.
 */
export function newCluster(args: readonly string[], options: NewClusterOptions): number {
  const { configDir, log } = options;
  const fail = (message: string): number => {
    log(`error: ${message}`);
    return 1;
  };
  const parsed = parseArgs(args);
  if (parsed === 'help') {
    USAGE.forEach((line) => log(line));
    return 0;
  }
  if (typeof parsed === 'string') return fail(parsed);
  const { name, from = DEFAULT_SOURCE } = parsed;

  const badName = dns1123Label(name);
  if (badName) return fail(`the cluster name gives the file ${configDir}/<name>.yaml and the folder dist/<name>/, but ${badName}`);
  const clusters = configsIn(configDir);
  const existing = clusters.get(name);
  if (existing) return fail(`${posix(existing)} already exists: pick another name, or edit that file`);

  const examples = configsIn(options.examplesDir ?? join(configDir, 'examples'));
  const source = clusters.get(from) ?? examples.get(from);
  if (!source) {
    const list = (names: Iterable<string>) => [...names].sort().join(', ') || 'none';
    return fail(`--from ${from} is neither a cluster (${list(clusters.keys())}) nor an example (${list(examples.keys())})`);
  }

  const target = join(configDir, `${name}.yaml`);
  const schemaLine = `# yaml-language-server: $schema=${posix(relative(configDir, options.schemaFile))}`;
  const text = readFileSync(source, 'utf8');
  const copy = SCHEMA_LINE.test(text) ? text.replace(SCHEMA_LINE, schemaLine) : `${schemaLine}\n${text}`;
  let toEdit: string[] = [];
  try {
    const data: unknown = yaml.parse(text);
    // A copied config may hold a secret (the synth will refuse it): the hints never print it.
    const secrets = secretsInData(data).map((secret) => secret.value);
    toEdit = siteValues(data).map((line) => redact(line, secrets));
  } catch {
    // A source that is not YAML is copied all the same; `npm run synth` will say what is wrong.
  }
  try {
    // `wx`: never overwrite, even a file created since the check above.
    writeFileSync(target, copy, { flag: 'wx' });
  } catch (e) {
    return fail(`cannot write ${posix(target)}: ${describeFileError(e)}`);
  }

  log(`new: wrote ${posix(target)}, a copy of ${posix(source)}. Set these to your network and sites:`);
  toEdit.forEach((line) => log(`  ${line}`));
  log(`Then run \`npm run synth\`: it checks the file and writes dist/${name}/.`);
  return 0;
}

/** Entry point of `npm run new` (through scripts/app.js). */
export function main(args: readonly string[]): void {
  const configDir = process.env.K3S_VIP_CONFIG_DIR ?? 'config';
  // Arguments are echoed in messages: a pasted token must not be.
  process.exitCode = newCluster(args, { configDir, schemaFile: SCHEMA_FILE, log: (line) => process.stderr.write(`${redact(line)}\n`) });
}
