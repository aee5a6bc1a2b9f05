import type { Document, Node } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from '../core/yaml';
import { Path, Problem } from '../core/problem';
import { isPlainlyNotSecret, namesHubTokenSecret } from '../core/secrets-keys';
import { K3S_TOKEN, mayBeEncodedKey } from '../core/secret-shapes';
import { isCiphertextShaped, isSealedSecretKind, sealedCiphertext } from '../core/sealed-secrets';
import { secretAdvice } from '../core/secret-advice';
import { refersToSecret } from '../core/secret-references';
import { earlierPairs } from './duplicate-keys';

/** A literal token (key or value), found before the schema runs: `offset` locates a match in the text. */
export type TokenProblem = Problem & { readonly offset?: number; readonly unknownKey?: string };

const TOKEN_KEY = /^(k3s[_-]?)?(agent[_-]?)?token$/i;
/** K3s' secure token, `K10<CA hash>::<credentials>` (core/secret-shapes.ts). */
const SECURE_TOKEN = new RegExp(K3S_TOKEN.source, 'gi');
/** How every message about a K3s token found in text starts; the file's text scan reports each such token, located. */
export const TOKEN_MESSAGE_START = 'holds a K3s token';
const NEVER_IN_REPO = 'a K3s token must never enter the repository: keep it in a file on every node and name that file in k3s.tokenFile';
/** The message for text shaped like a K3s token, wherever it is. */
export const K3S_TOKEN_MESSAGE = `${TOKEN_MESSAGE_START} (K10…::…); ${NEVER_IN_REPO}`;
/** The message for a K3s token on line `line` of a multi-line text. */
export const k3sTokenLineMessage = (line: number): string => `${TOKEN_MESSAGE_START} (K10…::…), on its line ${line}; ${NEVER_IN_REPO}`;

/** Whether `path` (a `token` key's parent) is chart values: a config's `traefik.values`, props' `values`. */
export const isChartValues = (path: Path): boolean => path[0] === 'traefik' && path[1] === 'values';

/**
 * Where a `token` key is K3s' (59a-15): at the top (`token:`, `agent-token:`, K3s' own config keys) or under `k3s`;
 * a key that says so (`k3sToken`, `agent_token`) anywhere. Elsewhere (`ingresses[0].token`, an issuer's) it is some
 * other token: an unknown key beside the general secret message, unless the value is shaped like K3s' (K10…::…).
 */
export const isK3sTokenPlace = (path: Path): boolean =>
  path.length <= 1 || path[0] === 'k3s' || /^(?:k3s|agent)/i.test(String(path[path.length - 1]));

const GENERAL = 'is a literal token, and dist/ is committed to Git, so no secret may be written there: ';

/**
 * Under traefik.values a `token` is the chart's, not K3s': the rule is the same, the reason another. Only `hub.token`
 * takes a Secret's name (namesHubTokenSecret); any other (`metrics.token`, an extraObject's `data.token`) gets the
 * general advice (57a-13), as does a token outside K3s' places (59a-15); a cert-manager issuer's names its tokenSecret.
 */
function tokenKeyMessage(path: Path, name: string, value?: unknown): string {
  const key = [...path, name];
  const k3sShaped = typeof value === 'string' && new RegExp(SECURE_TOKEN.source, 'i').test(value);
  if (!isChartValues(path) && (k3sShaped || isK3sTokenPlace(key))) return `is a literal token; ${NEVER_IN_REPO}`;
  if (path.length === 3 && path[2] === 'hub' && isChartValues(path))
    return "is a literal token: dist/ is committed to Git, so no secret may be written there: put it in a Secret and write that Secret's name in traefik.values.hub.token";
  if (path[0] === 'certManager' && path[1] === 'issuers' && path.length >= 3)
    return `${GENERAL}keep the DNS provider's API token in a Kubernetes Secret and name it in certManager.issuers.${String(path[2])}.solver.dns01.tokenSecret`;
  return `${GENERAL}${secretAdvice(key)}`;
}

// `values.hub.token` names the Secret that holds Traefik Hub's token (traefik-helm-chart values.yaml), so it is no token itself.

/** `token:` keys at any depth, and text shaped like a K3s token anywhere (comments too). Nothing is echoed. */
export function literalTokens(doc: Document, text: string): TokenProblem[] {
  const problems: TokenProblem[] = [];
  const reported = new Set<number>();
  // Where each scalar (key or value) lies, and its key path: a token found in the text is said at its key (47b-1).
  const scalars: Array<{ range: readonly number[]; path: Path }> = [];
  const place = (node: unknown, path: Path) => {
    if (isScalar(node) && node.range) scalars.push({ range: node.range, path });
  };
  const sealed = new Set<unknown>();
  const visit = (node: unknown, path: Path) => {
    if (isMap(node)) {
      const spec = isSealedSecretKind(node.get('kind'), node.get('apiVersion')) ? node.get('spec') : undefined;
      if (isMap(spec)) sealed.add(spec.get('encryptedData', true));
      // A key written twice: the earlier values are the text's too, at the same key path (84a-11).
      const earlier = earlierPairs.get(node) ?? [];
      for (const pair of [...earlier, ...node.items]) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        place(pair.key, [...path, key]);
        place(pair.value, [...path, key]);
        const value = isScalar(pair.value) ? pair.value.value : undefined;
        // Judged for a `token` key only: the judgements are pure, and every value of a config would pay for them.
        const notAToken = () =>
          (sealed.has(node) && isSealedCiphertext(value)) ||
          namesHubTokenSecret([...path, key], value) ||
          (typeof value === 'string' && isPlainlyNotSecret(value, [...path, key])) ||
          (isMap(pair.value) && refersToSecret(key, mapData(doc, pair.value)));
        if (TOKEN_KEY.test(key) && !notAToken()) {
          // A map or list there is said at each value it holds (`token.value`), the one taken for the token (67a-19).
          const leaves = leavesOf(pair.value, [...path, key]);
          // An earlier pair's is said at its own key: its path is the last pair's, where the problems without `offset` stand.
          const own = earlier.includes(pair) ? { offset: pair.key.range?.[0] } : {};
          if (!leaves.length) problems.push({ path: [...path, key], unknownKey: key, message: tokenKeyMessage(path, key, value), ...own });
          for (const leaf of leaves) problems.push({ path: leaf.path, message: tokenKeyMessage(path, key, leaf.value), ...own });
          const range = (pair.value as Node | null)?.range;
          if (range) for (let i = range[0]; i < range[1]; i++) reported.add(i);
        } else visit(pair.value, [...path, key]);
      }
    } else if (isSeq(node))
      node.items.forEach((item, i) => {
        place(item, [...path, i]);
        visit(item, [...path, i]);
      });
  };
  visit(doc.contents, []);
  scalars.sort((a, b) => a.range[0] - b.range[0]);
  for (const match of text.matchAll(SECURE_TOKEN)) {
    if (reported.has(match.index)) continue;
    // In a comment, or anywhere no scalar is: the file's line alone.
    const at = scalarHolding(scalars, match.index);
    problems.push({ path: at?.path ?? [], offset: match.index, message: K3S_TOKEN_MESSAGE });
  }
  return problems;
}

/** The scalars of a map or list, with their key paths; none for a scalar or an empty collection. */
function leavesOf(node: unknown, path: Path, top = true): Array<{ path: Path; value: unknown }> {
  if (isMap(node))
    return node.items.flatMap((pair) =>
      isPair(pair) && isScalar(pair.key) ? leavesOf(pair.value, [...path, String(pair.key.value)], false) : [],
    );
  if (isSeq(node)) return node.items.flatMap((item, i) => leavesOf(item, [...path, i], false));
  return top ? [] : [{ path, value: isScalar(node) ? node.value : undefined }];
}

/** A map of the document as data, to judge as a Secret reference (`token: {existingSecret: hub, key: token}`); none past the alias limit. */
function mapData(doc: Document, map: Node): unknown {
  try {
    return map.toJS(doc, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

/** The scalar whose range holds `offset`: scalars, sorted by where they start, never overlap (a binary search). */
function scalarHolding<T extends { range: readonly number[] }>(scalars: readonly T[], offset: number): T | undefined {
  let low = 0;
  let high = scalars.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const { range } = scalars[mid];
    if (offset < range[0]) high = mid - 1;
    else if (offset >= range[1]) low = mid + 1;
    else return scalars[mid];
  }
  return undefined;
}

/** Whether raw text holds a K3s token as written (not escaped). */
export const literalTokensIn = (text: string): boolean => new RegExp(SECURE_TOKEN.source, 'i').test(text);

/** How many lines of one text a run names at most (as core/secret-place.ts). */
const MAX_TOKEN_LINES = 20;

/** A token in a multi-line text at `path`: one problem per line that holds one, naming the line (`textLine`). */
function tokenLines(text: string, path: Path): Problem[] {
  const found: Problem[] = [];
  const lines = text.split(/\r?\n|\r/);
  const one = new RegExp(SECURE_TOKEN.source, 'i');
  for (let i = 0; i < lines.length && found.length < MAX_TOKEN_LINES; i++)
    if (one.test(lines[i])) found.push({ path, message: k3sTokenLineMessage(i + 1), textLine: i + 1 });
  // A token cut across lines (none matches alone): the whole text's message.
  return found.length ? found : [{ path, message: K3S_TOKEN_MESSAGE }];
}

/**
 * 79a-1: a SealedSecret's ciphertext (its `spec.encryptedData`, made to be committed to Git: github.com/bitnami-labs/
 * sealed-secrets README) under the key `token`, as kubeseal writes it: no literal token. Its plain `spec.template` is
 * judged as any data; a base64 private key is no ciphertext (core/secrets.ts judges encryptedData so too).
 */
const isSealedCiphertext = (value: unknown): boolean => isCiphertextShaped(value) && !mayBeEncodedKey(value as string);

/** The same rule on plain data, for props given in code: `token` keys at any depth and token-shaped strings. */
export function literalTokensInData(data: unknown, path: Path = [], sealed?: unknown): Problem[] {
  if (typeof data === 'string') {
    if (!new RegExp(SECURE_TOKEN.source, 'i').test(data)) return [];
    // In a multi-line text, each line holding one, named (45a-19): the text's other secret lines are still said.
    return data.includes('\n') ? tokenLines(data, path) : [{ path, message: K3S_TOKEN_MESSAGE }];
  }
  if (Array.isArray(data)) return data.flatMap((item, i) => literalTokensInData(item, [...path, i]));
  if (!data || typeof data !== 'object') return [];
  const ciphertext = sealedCiphertext(data as Record<string, unknown>) ?? sealed;
  return Object.entries(data).flatMap(([key, value]) =>
    TOKEN_KEY.test(key) &&
    !(data === sealed && isSealedCiphertext(value)) &&
    !namesHubTokenSecret([...path, key], value) &&
    !refersToSecret(key, value) &&
    !(typeof value === 'string' && isPlainlyNotSecret(value, [...path, key]))
      ? dataLeavesOf(value, [...path, key]).map((leaf) => ({ path: leaf.path, message: tokenKeyMessage(path, key, leaf.value) }))
      : literalTokensInData(value, [...path, key], ciphertext),
  );
}

/** The values of plain data by key path, as leavesOf reads a document's: a text, number or switch is its own; an empty map or list is one. */
function dataLeavesOf(value: unknown, path: Path): Array<{ path: Path; value: unknown }> {
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((item, i): [number, unknown] => [i, item])
    : value !== null && typeof value === 'object'
      ? Object.entries(value)
      : [];
  return entries.length ? entries.flatMap(([key, item]) => dataLeavesOf(item, [...path, key])) : [{ path, value }];
}
