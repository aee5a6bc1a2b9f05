// The doors and fixtures the secret-reader table tests share (attack37/38/39 cmd- and cfgsecrets): written once here.
import { redact, secretShape } from '../src/core/secrets';
import { valuesDoors } from './helpers';
import { acceptedEverywhere, shownInDiff } from './secret-doors';

/** `traefik.values` with one ConfigMap in extraObjects holding `data`. */
export const configMapOf = (data: Record<string, string>) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'kube-system' }, data }],
});

/** The same, each text under its own key (`k0`, `k1`, ...): one row of a table each. */
export const configMapOfTexts = (texts: readonly string[]) => configMapOf(Object.fromEntries(texts.map((text, i) => [`k${i}`, text])));

/** A text of `n` characters that starts with `head` (a secret-looking run). */
export const run = (head: string, n: number): string => (head + 'abcdefghijABCDEFGHIJ0123456789'.repeat(Math.ceil(n / 30))).slice(0, n);
/** `n` lower-case hex digits. */
export const hex = (n: number): string => `f00dcafe${'0123456789abcdef'.repeat(Math.ceil(n / 16))}`.slice(0, n);

/** Refused by the config (and with `all` by K3sVipCluster and TraefikHelmChartConfig) and by the write gate; no door shows `secret`. */
export function refusedEverywhere(values: unknown, secret: string, all = false): void {
  const refusals = all
    ? [valuesDoors.config(values), valuesDoors.cluster(values), valuesDoors.chart(values)]
    : [valuesDoors.config(values)];
  for (const refusal of refusals) {
    expect(refusal).not.toBe('');
    expect(refusal).not.toContain(secret);
  }
  expect(valuesDoors.gate(values).length).toBeGreaterThan(0);
}

/** Accepted by the config and the write gate. */
export function accepted(values: unknown): void {
  expect(valuesDoors.config(values)).toBe('');
  expect(valuesDoors.gate(values)).toEqual([]);
}

/** A hand-edited file's diff (`check`, `--dry-run`) with `text` as a block scalar. */
export const diffOf = (text: string): string => shownInDiff(text.replace(/^/gm, '    ').replace(/^/, 'data: |\n'));

/** A text of a config file: a secret shape, refused everywhere, redacted, and hidden in a diff. */
export function textRefused(text: string, secret: string, all = false): void {
  expect(secretShape(text)).toBeDefined();
  refusedEverywhere(configMapOf({ 'file.conf': text }), secret, all);
  expect(redact(`x\n${text}\ny`)).not.toContain(secret);
  expect(diffOf(text)).not.toContain(secret);
}

/** Each door's refusal of `values`: the config, K3sVipCluster and TraefikHelmChartConfig props, the write gate. */
export const doorsOf = (values: unknown): string[] => [
  valuesDoors.config(values),
  valuesDoors.cluster(values),
  valuesDoors.chart(values),
  valuesDoors.gate(values).join('\n'),
];

/** Every door names `path` (a row's place) and none shows `secret`. */
export function refusedAt(doors: readonly string[], path: string, secret: string): void {
  const at = new RegExp(`${path.replace(/[.[\]]/g, '\\$&')}(?![\\w\\]])`);
  for (const door of doors) {
    expect(door).toMatch(at);
    expect(door).not.toContain(secret);
  }
}

/** The doors' refusals of a table's values, computed once (when the first row's test asks). */
export function judgedOnce(values: () => unknown): () => string[] {
  let doors: string[] | undefined;
  return () => (doors ??= doorsOf(values()));
}

/** A sidecar of Traefik's pod running `command`; one name each (the API server refuses a name twice in a pod). */
export const sidecar = (command: unknown[], i = 0) => ({ name: `side-${i}`, image: 'busybox:1.36', command });

/** Each text in a pod annotation (`r<i>`), in a sidecar's `sh -c` and in a ConfigMap (`k<i>`): three doors at once. */
export const textDoors = (texts: readonly string[]) => ({
  deployment: {
    podAnnotations: Object.fromEntries(texts.map((text, i) => [`r${i}`, text])),
    additionalContainers: texts.map((text, i) => sidecar(['sh', '-c', text], i)),
  },
  ...configMapOfTexts(texts),
});

/** Every door refuses row `i` of textDoors at each of its three places, none showing `secret`. */
export function refusedAtTextDoors(doors: readonly string[], i: number, secret: string): void {
  for (const place of [`podAnnotations.r${i}`, `additionalContainers[${i}].command`, `data.k${i}`]) refusedAt(doors, place, secret);
}

/** Rows [name, text, secret] refused at every text door (judged in one config) and hidden in the `check` diff. */
export function refusedRows(rows: ReadonlyArray<readonly [string, string, string]>, title = '%s is refused, not shown'): void {
  const doors = judgedOnce(() => textDoors(rows.map(([, text]) => text)));
  test.each(rows.map(([name, text, secret], i) => [name, text, secret, i] as const))(title, (_, text, secret, i) => {
    refusedAtTextDoors(doors(), i, secret);
    expect(shownInDiff(`  k: ${JSON.stringify(text)}`)).not.toContain(secret);
  });
}

/**
 * The two tables of a false-refusal file, for `secret`: rows refused at every text door (none shows `secret`, nor the
 * `check` diff), and texts accepted at every door (no door names a row's place) with no secret shape.
 */
export function falseRefusalTables(secret: string) {
  return {
    refusedTable(rows: ReadonlyArray<readonly [string, string]>): void {
      refusedRows(
        rows.map(([name, text]) => [name, text, secret] as const),
        'control: %s is refused, the secret shown nowhere',
      );
    },
    acceptedTable(texts: readonly string[]): void {
      const doors = judgedOnce(() => textDoors(texts));
      test.each(texts.map((text, i) => [text, i] as const))('%s is accepted', (text, i) => {
        expect(secretShape(text)).toBeUndefined();
        const places = [`podAnnotations.r${i}`, `additionalContainers[${i}]`, `data.k${i}`].map((place) =>
          place.replace(/[.[\]]/g, '\\$&'),
        );
        for (const door of doors()) expect(door).not.toMatch(new RegExp(`(?:${places.join('|')})(?![\\w\\]])`));
      });
      test('all of them are accepted at every door', () => {
        acceptedEverywhere(textDoors(texts));
      });
    },
  };
}

/**
 * Rows `[name, text, secret]` refused at every text door, by secretShape and redact, and hidden in the `check` diff;
 * the three doors judged once for the whole table.
 */
export function refusedTextRows(rows: ReadonlyArray<readonly [string, string, string]>): void {
  const doors = judgedOnce(() => textDoors(rows.map(([, text]) => text)));
  test.each(rows.map(([name, text, secret], i) => [name, text, secret, i] as const))(
    '%s is refused, redacted and not shown in the diff',
    (_, text, secret, i) => {
      expect(secretShape(text)).toBeDefined();
      refusedAtTextDoors(doors(), i, secret);
      expect(shownInDiff(`  k: ${JSON.stringify(text)}`)).not.toContain(secret);
      expect(redact(text)).not.toContain(secret);
    },
  );
}

/**
 * The tables of a file whose rows are all judged in one ConfigMap (each text its own key `k<i>`), for `secret`: refused
 * rows (refused at every door, redacted, hidden in a diff) and accepted texts (no secret shape), the doors judged once
 * when the first test asks; `acceptedTexts` collects every accepted table's, for one test at every door at the end.
 */
export function configMapTables(secret: string) {
  const refusedTexts: string[] = [];
  const acceptedTexts: string[] = [];
  const refusals = judgedOnce(() => configMapOfTexts(refusedTexts));
  return {
    acceptedTexts,
    refusedTable(rows: ReadonlyArray<readonly [string, string]>): void {
      const first = refusedTexts.push(...rows.map(([, text]) => text)) - rows.length;
      test.each(rows.map(([name, text], i) => [name, text, first + i] as const))('%s is refused, redacted and not shown', (_, text, k) => {
        expect(secretShape(text)).toBeDefined();
        refusedAt(refusals(), `data.k${k}`, secret);
        expect(redact(`x\n${text}\ny`)).not.toContain(secret);
        expect(shownInDiff(`  k: ${JSON.stringify(text)}`)).not.toContain(secret);
      });
    },
    acceptedTable(texts: readonly string[]): void {
      acceptedTexts.push(...texts);
      test.each(texts)('%s is accepted', (text) => {
        expect(secretShape(text)).toBeUndefined();
      });
    },
  };
}
