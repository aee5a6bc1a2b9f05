import type { Path } from './problem';
import { isSecretKey } from './secrets-keys';

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
 * The value each env var gets is judged as a literal written under its name would be (`judge`: secretsInData); where
 * that finds a secret, each literal it was made of is refused where it stands. A var from a Secret, a field or a
 * resource (`secretKeyRef`, `fieldRef`: `$(POD_IP)`) stays a reference, so its expansions are references too.
 */

/** What such a literal is called in findings (`FoundSecret.what`), naming what it reaches: an env var or an argument's place. */
export const expandedSecret = (reaches: string): string =>
  `a literal that reaches ${reaches} through the kubelet ($(VAR) in env or args, or a ConfigMap this config writes, read by configMapKeyRef or envFrom), where it is a secret`;
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

/**
 * `text` expanded from `vars` (kubelet's rules, above), and the literals of the vars it used, each once. A value is
 * expanded to MAX_VALUE characters at most (a secret is shorter) (`V2: $(V1)$(V1)`, `V3: $(V2)$(V2)`… doubles at each entry); past that, a
 * reference stays as written.
 */
function expand(text: string, vars: ReadonlyMap<string, Var>): Var {
  const sources = new Map<string, Source>();
  let length = text.length;
  const value = text.replace(REFERENCE, (whole, name: string | undefined) => {
    if (name === undefined) return '$';
    const known = vars.get(name);
    if (!known || length + known.value.length > MAX_VALUE) return whole;
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

/**
 * The literals of `container` (at `at`: a pod's container, or chart values with `env`, `envFrom` and
 * `additionalArguments`) that reach a secret so; `judge` reads data as secretsInData does, `configMaps` those written.
 */
export function expandedEnvSecrets(
  container: Node,
  at: Path,
  writtenMaps: () => ReadonlyMap<string, { at: Path; data: Node }>,
  judge: (data: unknown) => ReadonlyArray<{ path: Path }>,
  already: ReadonlyArray<{ path: Path }> = [],
): Found[] {
  if (!Array.isArray(container.env) && !Array.isArray(container.envFrom)) return [];
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
  const refuse = (sources: readonly Source[], reaches: string) => {
    for (const source of sources)
      if (!seen.has(source.path.join('\0'))) {
        seen.add(source.path.join('\0'));
        found.push({ ...source, what: expandedSecret(reaches) });
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
  // Arguments are expanded with every var the container has (kubelet ExpandContainerCommandAndArgs).
  for (const key of ['command', 'args', 'additionalArguments'])
    items(container[key])
      .slice(0, MAX_ENTRIES)
      .forEach((arg, i) => {
        if (typeof arg !== 'string' || !arg.includes('$(')) return;
        const expanded = expand(arg, vars);
        if (expanded.sources.length > 0 && judge([arg]).length === 0 && judge([expanded.value]).length > 0)
          refuse(expanded.sources, `${key}[${i}]`);
      });
  return found;
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
