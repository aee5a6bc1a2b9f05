import type { Path } from './problem';
import { isSecretKey } from './secrets-keys';
import { MAX_POSITIONAL, positionalParameters, shellExpand, shellScriptAt } from './shell-env-expansions';
import { downwardContainers, fieldPathOf, type PodFields } from './pod-field-refs';
import { clientOptionSecrets } from './client-option-vars';
import { configMapFiles, normalPath } from './config-map-files';

/**
 * 79a-24: a literal that reaches a secret through what the kubelet does with a container's env, where no one literal
 * stands under a secret's name:
 * - `$(VAR)` in an env value, expanded from the entries before it (`P1`, `P2`, then `DB_PASSWORD: $(P1)$(P2)`), and in
 *   `command`/`args` (Traefik's `additionalArguments`) from all of them (`--providers.redis.password=$(RP)`);
 *   kubernetes pkg/kubelet/kubelet_pods.go makeEnvironmentVariables (v1.31: envFrom first, then env in order, each
 *   value expanded with expansion.MappingFuncFor over those set so far) and third_party/forked/golang/expansion/
 *   expand.go (`$$` is a `$`; an undefined `$(X)` stays as written);
 * - `valueFrom.configMapKeyRef` and `envFrom.configMapRef` (with its `prefix` before each key) naming a ConfigMap the
 *   same data writes (an `extraObjects` item, a document beside it): its data is the value.
 * - 81a-12: `valueFrom.fieldRef` to an annotation or label the pod's template writes (pod-field-refs.ts);
 * - 81a-6: `command`/`args` after the kubelet's expansion are one command line, judged whole: `[redis-cli, -a, $(R)]`
 *   and `[--token, $(T)]` set a password as the same literal written there does.
 * The value each env var gets is judged as a literal written under its name would be (`judge`: secretsInData); where
 * that finds a secret, each literal it was made of is refused where it stands. A var from a Secret, another field or
 * a resource (`secretKeyRef`, `fieldRef`: `$(POD_IP)`) stays a reference, so its expansions are references too.
 */

/** What such a literal is called in findings (`FoundSecret.what`), naming what it reaches: an env var or an argument's place. */
export const expandedSecret = (reaches: string): string =>
  `a literal that reaches ${reaches} through the kubelet ($(VAR) in env or args, a ConfigMap this config writes read by configMapKeyRef or envFrom, or a pod annotation or label read by fieldRef), where it is a secret`;
/** 80a-6, 81a-11: such a literal that a `sh -c` script's `$VAR` or `$1` puts there (shell-env-expansions.ts). */
export const shellExpandedSecret = (reaches: string): string =>
  `a literal that reaches ${reaches} through the container's shell ($VAR or $1 in a sh -c script, from env, envFrom, a ConfigMap this config writes or the items after the script), where it is a secret`;
/** An env var's name as a message may say it: a name, not a text that could be the secret itself. */
const shownName = (name: string): string =>
  /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) ? `env var ${name}` : 'an env var named like a secret';

type Node = Record<string, unknown>;
type Source = { path: Path; value: string };
/** An env var's value as the kubelet sets it: its text (a reference stays `$(NAME)`), and the literals it was made of. */
type Var = { value: string; sources: Source[] };
type Found = { path: Path; value: string; what: string };
/**
 * An env var whose value is new: its name, its value, and its text as written (`$(A)$(B)`) or, for a ConfigMap's
 * value, the key it stands under (its value was judged there under that key already).
 */
type Derived = { name: string; value: Var; written?: string; key?: string };

const isRecord = (value: unknown): value is Node => !!value && typeof value === 'object' && !Array.isArray(value);
const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/** kubelet expansion: `$$` escapes, `$(NAME)` a reference (IsEnvVarName's characters). */
const REFERENCE = /\$\$|\$\(([-._a-zA-Z][-._a-zA-Z0-9]{0,252})\)/g;
const [MAX_ENTRIES, MAX_DEPTH, MAX_VALUE] = [512, 8, 4096];
/**
 * Review 79-1: `envFrom` prefixes × a ConfigMap's keys (512 × thousands) are not each judged: past this many pairs a
 * container's envFrom adds no more vars to judge (no config near it: a pod's env is ~1 MiB at most, etcd's limit).
 */
const MAX_PAIRS = 8192;
/** At most this many distinct ConfigMap values are judged again per container (each a full secretsInData); past it, none. */
const MAX_JUDGED = 1024;
/** Judgings a container's findings may take to find which of their literals is to blame (blamed); past them, all are. */
const MAX_BLAMED = 16;

/**
 * `text` expanded from `vars` (kubelet's rules, above), and the literals of the vars it used, each once. A value is
 * expanded to MAX_VALUE characters at most (a secret is shorter) (`V2: $(V1)$(V1)`, `V3: $(V2)$(V2)`… doubles at each entry); past that, a
 * reference stays as written, and so does one of a var made of a `masked` literal.
 */
function expand(text: string, vars: ReadonlyMap<string, Var>, masked?: ReadonlySet<Source>): Var {
  const sources = new Map<string, Source>();
  let length = text.length;
  const value = text.replace(REFERENCE, (whole, name: string | undefined) => {
    if (name === undefined) return '$';
    const known = vars.get(name);
    if (!known || length + known.value.length > MAX_VALUE || known.sources.some((source) => masked?.has(source))) return whole;
    length += known.value.length;
    for (const source of known.sources) sources.set(source.path.join('\0'), source);
    return known.value;
  });
  return { value, sources: [...sources.values()] };
}

/**
 * The ConfigMaps `root` writes, by name: their data's path and values. They stand where objects do: at the root, as
 * items of a list of documents, or of a chart's `extraObjects` anywhere below (a config's `traefik.values`), so only
 * records are walked, MAX_DEPTH deep: a ConfigMap's own data is never read for more.
 */
export function configMapsIn(root: unknown, at: Path = []): Map<string, { at: Path; data: Node }> {
  const maps = new Map<string, { at: Path; data: Node }>();
  const walk = (node: unknown, path: Path, depth: number) => {
    if (Array.isArray(node)) return node.slice(0, MAX_ENTRIES).forEach((item, i) => isRecord(item) && walk(item, [...path, i], depth));
    if (!isRecord(node) || depth > MAX_DEPTH) return;
    if (node.kind === 'ConfigMap' && isRecord(node.data) && isRecord(node.metadata) && typeof node.metadata.name === 'string')
      return void maps.set(node.metadata.name, { at: [...path, 'data'], data: node.data });
    for (const [key, value] of Object.entries(node)) if (isRecord(value) || key === 'extraObjects') walk(value, [...path, key], depth + 1);
  };
  walk(root, at, 0);
  return maps;
}

type Written = ReadonlyMap<string, { at: Path; data: Node }>;
type Judge = (data: unknown) => ReadonlyArray<{ path: Path; what: string }>;

/**
 * What a container's environment makes of the literals of `record` (one record of data, as secretsInData visits them):
 * a client options var's value (client-option-vars.ts), the kubelet's and the shell's expansions of a container
 * (expandedEnvSecrets), and ConfigMap files a pod's containers read as secrets (mountedFileSecrets).
 */
export function envSecrets(
  record: Node,
  at: Path,
  writtenMaps: () => Written,
  judge: Judge,
  already: ReadonlyArray<{ path: Path }>,
): Found[] {
  const found = clientOptionSecrets(record, at, judge, already);
  const seen = () => (found.length === 0 ? already : [...already, ...found]); // `already` is every finding so far: not copied for each record
  found.push(...expandedEnvSecrets(record, at, writtenMaps, judge, seen()));
  // A pod's containers again with the annotations and labels its template writes (81a-12): only those whose env reads one.
  for (const pod of downwardContainers(record, at))
    found.push(...expandedEnvSecrets(pod.container, pod.at, writtenMaps, judge, seen(), pod.fields));
  return [...found, ...mountedFileSecrets(record, writtenMaps, judge, seen())];
}

/** 80a-11: such a literal in a ConfigMap, read from the file `path` as a secret. */
export const mountedSecret = (path: string): string =>
  `a literal that reaches ${/^\/[\w./-]{1,255}$/.test(path) ? `file ${path}` : 'a file'} through the kubelet (a ConfigMap this config writes, mounted as a file a secret is read from: a file named like a secret, or a *_PASSWORD_FILE env var's), where it is a secret`;
/** The name a `*_FILE` env var reads a secret as (`POSTGRES_PASSWORD_FILE`: POSTGRES_PASSWORD), the docker images' convention. */
/** An option naming the file a value is read from, and that value's name: `--vault-password-file`, `--token_file=`. */
const FILE_FLAG = /^--?([A-Za-z][\w.-]{0,63}?)[-_]file(?:=(.*))?$/;
const fileVarStem = (name: string): string | undefined =>
  name.length <= 256 && /_FILE$/i.test(name) ? name.slice(0, -5).replace(/_+$/, '') || undefined : undefined;

/**
 * 80a-11: the literals of ConfigMaps `pod` (a pod spec) mounts as files its containers read as secrets: a file named
 * like a secret (`password`, `db-password.txt`: its name without an extension, as a YAML key is judged), or one a
 * `*_FILE` env var names whose stem is a secret's (`POSTGRES_PASSWORD_FILE=/etc/pg/password`, as the postgres, mysql
 * and mariadb images read `POSTGRES_PASSWORD_FILE`: docker-library/postgres docker-entrypoint.sh file_env), or a
 * `--password-file`-style option of the container's command names. A value of
 * one line is judged as a literal under that name; a key named like a secret was judged in the ConfigMap already.
 */
function mountedFileSecrets(pod: Node, writtenMaps: () => Written, judge: Judge, already: ReadonlyArray<{ path: Path }>): Found[] {
  if (!Array.isArray(pod.volumes) || !(Array.isArray(pod.containers) || Array.isArray(pod.initContainers))) return [];
  const found: Found[] = [];
  const seen = new Set(already.map((one) => one.path.join('\0')));
  const maps = writtenMaps();
  const keysOf = (name: string) => Object.keys(maps.get(name)?.data ?? {}).slice(0, MAX_ENTRIES);
  for (const container of [...items(pod.containers), ...items(pod.initContainers)].slice(0, MAX_ENTRIES)) {
    if (!isRecord(container)) continue;
    const files = configMapFiles(pod, container, keysOf);
    if (files.length === 0) continue;
    const read = files.map((file) => ({ file, name: /[^/]*$/.exec(file.path)![0].replace(/(?<=.)\.[A-Za-z0-9]{1,8}$/, '') }));
    const byPath = new Map(files.map((file) => [file.path, file]));
    for (const entry of items(container.env).slice(0, MAX_ENTRIES).filter(isRecord)) {
      const stem = typeof entry.name === 'string' ? fileVarStem(entry.name) : undefined;
      const file = stem && typeof entry.value === 'string' ? byPath.get(normalPath(entry.value)) : undefined;
      if (stem && file) read.push({ file, name: stem });
    }
    // A password-file option (`--password-file=/etc/pg/init`, `--token-file /etc/pg/init`) reads its file as that secret.
    const words = [...items(container.command), ...items(container.args)].slice(0, MAX_ENTRIES);
    words.forEach((word, i) => {
      const flag = typeof word === 'string' ? FILE_FLAG.exec(word) : null;
      const target = flag ? (flag[2] ?? words[i + 1]) : undefined;
      const file = typeof target === 'string' ? byPath.get(normalPath(target)) : undefined;
      if (flag && file) read.push({ file, name: flag[1] });
    });
    for (const { file, name } of read) {
      const map = maps.get(file.configMap);
      const value = map?.data[file.key];
      const path = map ? [...map.at, file.key] : [];
      // One line, as a password file holds: a text of lines is a config file, judged by its lines where it stands.
      const line = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.replace(/\r?\n$/, '') : '\n';
      if (line.includes('\n') || seen.has(path.join('\0')) || isSecretKey(file.key)) continue;
      if (!isSecretKey(name, name === name.toUpperCase()) || judge([{ name, value: line }]).length === 0) continue;
      seen.add(path.join('\0'));
      found.push({ path, value: String(value), what: mountedSecret(file.path) });
    }
  }
  return found;
}

/**
 * The literals of `container` (at `at`: a pod's container, or chart values with `env`, `envFrom` and
 * `additionalArguments`) that reach a secret so; `judge` reads data as secretsInData does, `configMaps` those written,
 * `podFields` the annotations and labels of its pod's template (where a fieldRef reads one).
 */
function expandedEnvSecrets(
  container: Node,
  at: Path,
  writtenMaps: () => Written,
  judge: Judge,
  already: ReadonlyArray<{ path: Path }>,
  podFields?: PodFields,
): Found[] {
  const words = [...items(container.command), ...items(container.args)];
  const script = shellScriptAt(words);
  const given = script >= 0 && script + 1 < words.length; // operands after a `sh -c` script: its `$0`, `$1`…
  if (!Array.isArray(container.env) && !Array.isArray(container.envFrom) && !given) return [];
  let written: ReadonlyMap<string, { at: Path; data: Node }> | undefined;
  const configMaps = () => (written ??= writtenMaps());
  const vars = new Map<string, Var>();
  const derived: Derived[] = [];
  let pairs = 0;
  items(container.envFrom)
    .slice(0, MAX_ENTRIES)
    .forEach((item) => {
      if (!isRecord(item)) return;
      const prefix = typeof item.prefix === 'string' ? item.prefix : '';
      const ref = isRecord(item.configMapRef) ? item.configMapRef : undefined;
      const map = typeof ref?.name === 'string' ? configMaps().get(ref.name) : undefined;
      if (map)
        for (const [key, value] of Object.entries(map.data)) {
          if ((typeof value !== 'string' && typeof value !== 'number') || ++pairs > MAX_PAIRS) continue;
          const one = { value: String(value), sources: [{ path: [...map.at, key], value: String(value) }] };
          vars.set(prefix + key, one);
          derived.push({ name: prefix + key, value: one, key });
        }
    });
  const references = new Set<string>(); // vars from a Secret, a field, a resource: `$(NAME)` of one stays a reference
  items(container.env)
    .slice(0, MAX_ENTRIES)
    .forEach((item, i) => {
      if (!isRecord(item) || typeof item.name !== 'string') return;
      const name = item.name;
      references.delete(name);
      if (typeof item.value === 'string' || typeof item.value === 'number') {
        const text = String(item.value);
        const expanded = expand(text, vars);
        // A literal written as it is: judged where it stands already; it is a source of what refers to it.
        if (expanded.sources.length === 0) vars.set(name, { value: text, sources: [{ path: [...at, 'env', i, 'value'], value: text }] });
        else {
          vars.set(name, expanded);
          if (!holdsReference(expanded.value, references)) derived.push({ name, value: expanded, written: text });
        }
        return;
      }
      const from = isRecord(item.valueFrom) ? item.valueFrom : undefined;
      const field = podFields?.get(fieldPathOf(from) ?? '');
      if (field) {
        const one = { value: field.value, sources: [{ path: field.path, value: field.value }] };
        vars.set(name, one);
        return void derived.push({ name, value: one, key: field.key });
      }
      const ref = from && isRecord(from.configMapKeyRef) ? from.configMapKeyRef : undefined;
      const map = typeof ref?.name === 'string' ? configMaps().get(ref.name) : undefined;
      const value = map && typeof ref?.key === 'string' ? map.data[ref.key] : undefined;
      if (typeof value === 'string' || typeof value === 'number') {
        const one = { value: String(value), sources: [{ path: [...map!.at, ref!.key as string], value: String(value) }] };
        vars.set(name, one);
        derived.push({ name, value: one, key: ref!.key as string });
      } else {
        vars.delete(name); // a Secret, a field, a resource, a ConfigMap written elsewhere: a reference
        references.add(name);
      }
    });
  const found: Found[] = [];
  const seen = new Set(already.map((one) => one.path.join('\0')));
  const refuse = (sources: readonly Source[], reaches: string, byShell = false) => {
    for (const source of sources)
      if (!seen.has(source.path.join('\0'))) {
        seen.add(source.path.join('\0'));
        found.push({ ...source, what: byShell ? shellExpandedSecret(reaches) : expandedSecret(reaches) });
      }
  };
  const judged = new Map<string, boolean>();
  let budget = MAX_JUDGED; // ConfigMap values only: `$(VAR)` values are ≤ MAX_ENTRIES, judged whatever a map holds
  const refused = (name: string, value: string, fromMap: boolean) => {
    const key = `${isSecretKey(name, true)}\0${value}`; // per (name's kind, value): prefixes × keys judge each value once
    if (!judged.has(key) && fromMap && budget-- <= 0) return false;
    if (!judged.has(key)) judged.set(key, judge([{ name, value }]).length > 0);
    return judged.get(key)!;
  };
  for (const { name, value, written, key } of derived)
    if (blames({ name, value: value.value, written, key }, refused)) refuse(value.sources, shownName(name));
  // Arguments are expanded with every var the container has (kubelet ExpandContainerCommandAndArgs), then a `sh -c`
  // script by its shell (80a-6: `mysqldump $MYSQL_OPTS`, shell-env-expansions.ts), with its operands as `$0`, `$1`….
  const commandLength = items(container.command).length;
  const operandAt = (j: number): Path => (j < commandLength ? [...at, 'command', j] : [...at, 'args', j - commandLength]);
  const operands = given
    ? words.slice(script + 1, script + 1 + MAX_POSITIONAL).map((word, n) => operand(word, operandAt(script + 1 + n), vars, references))
    : [];
  const shellVars = operands.length > 0 ? new Map([...vars, ...positionalParameters(operands)]) : vars;
  const judgings = { left: MAX_BLAMED };
  for (const key of ['command', 'args', 'additionalArguments'])
    items(container[key])
      .slice(0, MAX_ENTRIES)
      .forEach((arg, i) => {
        const byShell = script >= 0 && script === (key === 'args' ? items(container.command).length + i : key === 'command' ? i : -1);
        if (typeof arg !== 'string' || !(arg.includes('$(') || (byShell && arg.includes('$')))) return;
        const expanded = (masked?: ReadonlySet<Source>) => {
          const kubelet = expand(arg, vars, masked);
          const shell = byShell ? shellExpand(kubelet.value, shellVars, MAX_VALUE, masked) : { value: kubelet.value, sources: [] };
          return { value: shell.value, sources: [...new Set([...kubelet.sources, ...shell.sources])], byShell: shell.sources.length > 0 };
        };
        const { value, sources, byShell: shellMade } = expanded();
        const secret = (masked?: ReadonlySet<Source>) => judge([masked ? expanded(masked).value : value]).length > 0;
        if (sources.length > 0 && judge([arg]).length === 0 && secret())
          refuse(blamed(sources, secret, judgings), `${key}[${i}]`, shellMade);
      });
  const refusedAt = (key: string, index: number) => seen.has([...at, key, index].join('\0'));
  for (const { key, index, sources } of lineSecrets(container, vars, judge, refusedAt, judgings)) refuse(sources, `${key}[${index}]`);
  return found;
}

/**
 * 81a-6: the items of `container`'s command line whose literals set a secret there once the kubelet expanded it, judged
 * whole (`[redis-cli, -a, $(R)]`, `[mysql, -p$(M)]`, `[--token, $(T)]`: the direct rules' client options and flags),
 * each with the item (`args`, 1) and the literals to blame; none at an item `refusedAt` (itself, or by the loop above).
 */
function lineSecrets(
  container: Node,
  vars: ReadonlyMap<string, Var>,
  judge: Judge,
  refusedAt: (key: string, index: number) => boolean,
  judgings: { left: number },
): Array<{ key: string; index: number; sources: Source[] }> {
  const expanded: Record<string, unknown[]> = {};
  const made = new Map<string, Source[]>();
  for (const key of ['command', 'args', 'additionalArguments'])
    if (Array.isArray(container[key]))
      expanded[key] = items(container[key])
        .slice(0, MAX_ENTRIES)
        .map((arg, i) => {
          const kubelet = typeof arg === 'string' && arg.includes('$(') ? expand(arg, vars) : undefined;
          if (kubelet && kubelet.sources.length > 0) made.set(`${key}\0${i}`, kubelet.sources);
          return kubelet ? kubelet.value : arg;
        });
  if (made.size === 0) return [];
  const foundAt = (line: Node, key: string, index: number) => judge(line).some(({ path }) => path[0] === key && path[1] === index);
  return judge(expanded).flatMap(({ path: [key, index] }) => {
    const sources = made.get(`${String(key)}\0${String(index)}`);
    if (!sources || typeof key !== 'string' || typeof index !== 'number' || refusedAt(key, index)) return [];
    // Judged again with a literal masked: the whole line, with that item expanded without it.
    const secret = (masked: ReadonlySet<Source>) => {
      const line = [...expanded[key]];
      line[index] = expand(items(container[key])[index] as string, vars, masked).value;
      return foundAt({ ...expanded, [key]: line }, key, index);
    };
    return [{ key, index, sources: blamed(sources, secret, judgings) }];
  });
}

/** A `sh -c` script's operand as the kubelet passes it: a `$(VAR)` expanded, one of a Secret's a reference, else a literal. */
function operand(word: unknown, path: Path, vars: ReadonlyMap<string, Var>, references: ReadonlySet<string>): Var {
  const text = typeof word === 'string' ? word : '';
  const kubelet = expand(text, vars);
  if (kubelet.sources.length > 0 || holdsReference(kubelet.value, references) || text === '') return kubelet;
  return { value: text, sources: [{ path, value: text }] };
}

/** An option's name alone (`-a`, `--password`): what a value follows, never the value. */
const OPTION_NAME = /^(?:-[A-Za-z]|--[a-z][a-z-]{0,62})$/;

/**
 * The literals to blame of those a secret was made of: each without which it is none (`"$@"`'s password, not the `-h`
 * and host beside it; `secret` judges again with one masked), but for an option's name (`-a`: the password's option,
 * without which there is none too); all where none alone is, or once the container's `judgings` are spent.
 */
function blamed(sources: readonly Source[], secret: (masked: ReadonlySet<Source>) => boolean, judgings: { left: number }): Source[] {
  const candidates = sources.filter((source) => !OPTION_NAME.test(source.value));
  if (sources.length < 2 || candidates.length > judgings.left) return [...sources];
  judgings.left -= candidates.length;
  const part = candidates.filter((source) => !secret(new Set([source])));
  return part.length > 0 ? part : [...sources];
}

/** Whether `value` still holds `$(NAME)` of a var from a Secret, a field or a resource: a reference, not a literal. */
function holdsReference(value: string, references: ReadonlySet<string>): boolean {
  if (references.size === 0) return false;
  for (const [, name] of value.matchAll(REFERENCE)) if (name !== undefined && references.has(name)) return true;
  return false;
}

/**
 * Review 79-4: whether a derived var's literals are to blame: its value is refused, and it is what the kubelet made of
 * them that is (the text as written was not refused: `CACHE_KEY: $(APP)-$(POD_NAME)` is one problem, on one line).
 * A ConfigMap's value is judged again only where the env name, not its key, is named like a secret (review 79-1).
 */
function blames(
  one: { name: string; value: string; written?: string; key?: string },
  refused: (name: string, value: string, fromMap: boolean) => boolean,
): boolean {
  if (one.key !== undefined && (!isSecretKey(one.name, true) || isSecretKey(one.key))) return false;
  return refused(one.name, one.value, one.key !== undefined) && (one.written === undefined || !refused(one.name, one.written, false));
}
