import type { Path } from './problem';
import { namesSecretHeaderIn } from './credential-header-names';
import { isJwkSecret, isPlainlyNotSecret, isSecretKey, namesKubernetesSecret, namesSecretText } from './secrets-keys';
import { refersToSecret } from './secret-references';
import { describedOn, isVaultBlock, keyLineSetsSecret } from './secret-key-lines';
import { readManifestText } from './manifest-text';
import { K3S_TOKEN_SHAPE, mayBeEncodedKey, saysMore, secretShape, shapeAsWritten } from './secret-shapes';
import { argumentFinding, bareSecretFlag, isSecretFlagItem, SECRET_ARGUMENT, secretArgument } from './secret-arguments';
import { namedLikeSecret } from './env-entry-lines';
import { execCommandPasswords } from './exec-commands';
import { assignedSecret, gluedSecret, isExpansionBeforeCommand, keyedSecret, quotedValueAt, refersOnly, unquote } from './secrets-text';
import { textAsData } from './text-data';
import { objectsOfCleanText } from './clean-objects';
import { isCiphertextShaped, sealedCiphertext } from './sealed-secrets';
import { secretsInFlow, secretsInFlowLine } from './secrets-flow';
import { xmlSecret } from './secrets-xml';
import { MAX_YAML_NESTING } from './yaml-depth';
import { judgedOnce } from './secrets-memo';
import { binaryAsText } from './text-decodings';
import { inJudgedForm, judgedText, namesSettings } from './judged-forms';
import { AGAIN, TAKEN_OUT, takenOut } from './taken-out';
import { headsBody } from './code-headers';
import { withoutPairsOnLines } from './keyed-lines';
import { judgeWithoutControls } from './control-text';
import { cookieUnder, SESSION_COOKIE } from './cookie-values';
import { isRegistryAuth, REGISTRY_AUTH } from './secrets-formats';
import { assignsNoValue, proseLines } from './prose-lines';
import { referenceParts } from './reference-parts';
import { secretMapValues } from './secret-maps';
import { basicAuthUserSecrets } from './basic-auth-users';
import { secretAdvice } from './secret-advice';
import { ruleSecrets, withPatternsAsLiterals } from './rule-pairs'; // a router rule's header and query values, as pairs (51a-2)
import { isPairLineKey, namesValueAt, pairNameAt, pairNameOf, type PairName } from './pair-names';
import { isExternalSecret, isLiteralData, madeSecretData } from './made-secret-templates';
import { namedFileSecrets } from './named-file-texts';
import { listKindLender } from './list-items';
import { configMapsIn, envSecrets } from './env-expansions'; // 79a-24
import { isFileSourceItem, isGeneratorFileSource } from './file-sources';

export { isSecretKey, isSecretPath } from './secrets-keys';
export { binaryAsText } from './text-decodings';
export { K3S_TOKEN_SHAPE, REDACTED, redact, redactText, secretShape } from './secret-shapes';

/**
 * What counts as a secret, for the two guards of the Guarantees: no message prints one, and no file written to dist/ or K3s'
 * manifests folder holds one. A secret is a value shaped like one (a K3s token, a URL with credentials, a private key) or any
 * text under a key named like one (`token`, `password`, `K3S_TOKEN` as an env entry's name, `--api.token=...` as a container argument).
 */
export interface FoundSecret {
  readonly path: Path;
  /** The secret itself, to redact; never to print. */
  readonly value: string;
  /** What it is, for messages: "a K3s token (K10…::…)", "a value under a key named like a secret". */
  readonly what: string;
}
const UNDER_SECRET_KEY = 'a value under a key named like a secret';
const JWK_PRIVATE_MEMBER = "a private key (a JSON Web Key's private member)";
/** What the data of a `kind: Secret` object is called in findings (`FoundSecret.what`). */
export const SECRET_OBJECT_DATA = 'the data of a Kubernetes Secret';
/** What multi-line text that sets a secret (on a line, or as data) is called in findings (`FoundSecret.what`). */
export const EMBEDDED_SECRET =
  'text that sets a secret on a line or in its data read as YAML or JSON (a key named like one, or a secret shape)';
/** What an `extraObjects` text item that cannot be read as Helm will read it is called in findings (`FoundSecret.what`). */
export const UNJUDGEABLE_TEXT = 'text that cannot be judged as manifests (it does not parse cleanly, or holds a merge key or a tag)';
/** How deep data is read for secrets: text read as YAML or JSON nests as deep as it is long (`{"a":{"a":…`: out of stack). */
const MAX_DATA_DEPTH = MAX_YAML_NESTING;
/**
 * What text whose data cannot be judged is called in findings (`FoundSecret.what`): the whole text. Read as YAML or
 * JSON it nests deeper than MAX_DATA_DEPTH, or its aliases go past the reader's bound (yaml-documents.ts).
 */
export const TOO_DEEP_TEXT = `text too deep to judge (read as YAML or JSON, it nests deeper than ${MAX_DATA_DEPTH} levels, or its aliases expand too far)`;
class TooDeep extends Error {} // thrown from the depth bound to the reading of the text that holds the data
const ASSIGNED_SECRET = 'a value set to a name like a secret (name=value)';
const KEYED_SECRET = 'text that sets a value under a key named like a secret (key: value, key = value, or JSON)';
const GLUED_SECRET = 'a value under a key named like a secret (written without a space after the colon)';

/**
 * `kind: Secret` in any letter case (the API server refuses `kind: secret`, but by then its data is in Git), or a
 * kind Helm renders first (`{{ print "Sec" "ret" }}`: the Traefik chart passes every `extraObjects` item through
 * `tpl`, traefik-helm-chart templates/_helpers.tpl "traefik.render"), which may be one.
 */
export function mayBeSecretKind(kind: unknown): boolean {
  return typeof kind === 'string' && (/^\s*secret\s*$/i.test(kind) || kind.includes('{{'));
}

/**
 * What any value under `key` of a mapping is, because of the key or its mapping, or undefined when they say
 * nothing: a key named like a secret, the `value` of an env entry whose `name` is, the `data`/`stringData`
 * of a `kind: Secret` object (whatever its keys are called), text under a key whose text would be a secret.
 * `field` reads another key of the same mapping (plain data, a YAML node's scalars, a snapshot's descriptors); `keys` lists them.
 */
export function secretUnder(key: string, field: (key: string) => unknown, keys?: readonly string[], parent?: unknown): string | undefined {
  if ((isSecretKey(key) && !namesSettings(parent, field(key))) || namesSecretHeaderIn(parent, key))
    return refersToSecret(key, field(key)) ? undefined : UNDER_SECRET_KEY;
  if (isJwkSecret(key, field, keys)) return JWK_PRIVATE_MEMBER;
  if (isRegistryAuth(key, field(key))) return REGISTRY_AUTH;
  if (cookieUnder(key, field)) return SESSION_COOKIE;
  if (namedLikeSecret(key, field)) return UNDER_SECRET_KEY; // an env entry's name, or as its line reads (env-entry-lines.ts)
  // A manifest with no literal kind (`{{ "kind" }}: Secret`, rendered by the chart's tpl) may be a Secret too.
  const kind = field('kind');
  const manifest = mayBeSecretKind(kind) || (kind === undefined && field('metadata') !== undefined);
  if ((key === 'data' || key === 'stringData') && manifest) return SECRET_OBJECT_DATA;
  const text = field(key);
  return namesSecretText(key) && (typeof text === 'string' || typeof text === 'number' || text instanceof Uint8Array)
    ? UNDER_SECRET_KEY
    : undefined;
}

/** Whether the value at `at` is an item of a chart's `extraObjects`. */
const isExtraObject = (at: Path): boolean => typeof at[at.length - 1] === 'number' && at[at.length - 2] === 'extraObjects';

/**
 * How deep text inside text (a file provider's content inside K3s' valuesContent, YAML inside that) is read as
 * YAML; below, and on each line the line reading reads (the whole text is read as YAML once), text is read line by
 * line and as JSON only. Each level reads at most the text of the level above: a text costs at most this many reads.
 */
const MAX_YAML_DEPTH = 4;
let [textDepth, readingLines] = [0, false];

/**
 * What secret a text sets by itself, not under a key named like one: a flag (`--token=abc`, `--token -abc`), a key
 * in the text (`password:abc`, `db_password=abc`, `password: abc`, `password = "abc"`, `{"token": "abc"}`), a line of
 * multi-line text that does, or YAML or JSON whose data holds one (`? password` then `: abc`, a key written with
 * escapes, a tag or an anchor, JSON in a JSON string): Traefik's file provider and an app's config file read such
 * text as data. `at`: where the text stands, so the rules that read a path read the text's data by its place too.
 */
function secretSetInText(text: string, at: Path, asData = true): { value: string; what: string } | undefined {
  const first = firstSecretSetInText(text, at, asData);
  if (!first || first.value === text) return first;
  // A message blanks what a finding holds, where the text holds it: a value the text holds only escaped (`'it''s'`,
  // `"a\" b"`) or one under four characters (redact blanks those only where quoted whole) is the whole text; so is a
  // long one, which the search for another below would have to write into a pattern.
  if (first.value.length < 4 || first.value.length > 4096 || !text.includes(first.value)) return { ...first, value: text };
  // A text may set several (`password=a token=b`): where another is left once the first is taken out, the whole text
  // is the secret. A finding that is the first then other words (`password=$(FOUND) horse` or `$(FOUND);mode=x`, read
  // whole) is that one again; one that goes on from it within a word (`$(FOUND)'tail`, `$(FOUND),tail`) is another.
  const rest = firstSecretSetInText(takenOut(text, first.value), at, asData);
  // Unless what follows the first in that reading sets a secret of its own (`$(FOUND) then password = "b"`).
  const again =
    rest &&
    (rest.value === first.value || (AGAIN.test(rest.value) && !firstSecretSetInText(rest.value.slice(TAKEN_OUT.length), at, asData)));
  return rest && !again ? { ...first, value: text } : first;
}

/** The first secret a text sets by itself (secretSetInText); one line and its final newline (YAML's `|`) is that line (66a-12). */
function firstSecretSetInText(text: string, at: Path, asData: boolean): { value: string; what: string } | undefined {
  const argument = secretArgument(text);
  if (argument !== undefined) return { value: argument, what: argumentFinding(at) };
  const glued = gluedSecret(text);
  if (glued !== undefined) return { value: glued, what: GLUED_SECRET };
  const assigned = assignedSecret(text);
  if (assigned !== undefined) return { value: assigned, what: ASSIGNED_SECRET };
  const keyed = keyedSecret(text);
  if (keyed !== undefined) return { value: keyed, what: KEYED_SECRET };
  const xml = xmlSecret(text);
  if (xml !== undefined) return xml;
  const multiLine = text.includes('\n');
  // Multi-line text may set a secret on one of its lines; where it reads cleanly as YAML objects, those and its comments judge it.
  const lined = multiLine && secretsInLines(text).length > 0;
  const objects = lined && !readingLines && textDepth < MAX_YAML_DEPTH ? objectsOfCleanText(text) : undefined;
  if (lined && (!objects || secretsInComments(text).length > 0)) return { value: text, what: EMBEDDED_SECRET };
  if (!asData) return undefined;
  let inner: string | undefined;
  textDepth++;
  try {
    const data = textAsData(text, !readingLines && textDepth <= MAX_YAML_DEPTH);
    const all = data && [...(objects ?? []), ...data].flatMap((item) => secretsInData(item, at));
    const found = all && withoutPairsOnLines(text, all, multiLine && !lined, UNDER_SECRET_KEY); // lines' exemptions hold (45a-16)
    if (!found || found.some(({ what }) => what === TOO_DEEP_TEXT)) return { value: text, what: TOO_DEEP_TEXT };
    inner = found[0]?.value;
  } finally {
    textDepth--;
  }
  // The secret as the text holds it; the whole text where escapes hide it (`\u0061bc`).
  if (inner === undefined) return undefined;
  return { value: text.includes(inner) ? inner : text, what: multiLine ? EMBEDDED_SECRET : KEYED_SECRET };
}

/** Every secret in plain data (config, props, chart values, a parsed manifest), by path. Keys count too. */
export function secretsInData(data: unknown, path: Path = []): FoundSecret[] {
  const found: FoundSecret[] = [];
  /** `secretAs`: what any text here is, because of the key or flag that leads to it; `envName`: the env entry's name, for its value. */
  const visit = (node: unknown, at: Path, secretAs: string | undefined, envName?: string): void => {
    if (node instanceof Uint8Array) return visit(binaryAsText(node), at, secretAs, envName);
    const start = found.length; // 81a-8, 81a-5: a text judged in another form; a finding not in it as written is the whole text
    if (typeof node === 'string' && inJudgedForm(node, at, (form) => visit(form, at, secretAs, envName)))
      return void found.push(...found.splice(start).map((f) => (node.includes(f.value) ? f : { ...f, value: node })));
    if (typeof node === 'string' || typeof node === 'number') {
      const text = String(node);
      // A chart's `extraObjects` item given as text is YAML the chart renders as manifests (traefik-helm-chart
      // templates/_helpers.tpl, "traefik.render"), one object per `---` document: each is read as data, and text
      // that cannot be read as Helm will read it is refused whole.
      const before = found.length;
      if (typeof node === 'string' && isExtraObject(at)) {
        const { documents, unjudgeable } = readManifestText(text);
        if (unjudgeable) found.push({ path: at, value: text, what: UNJUDGEABLE_TEXT });
        try {
          // A document that is itself text (`- x`) is no manifest: the text is judged whole below, not read again.
          documents.forEach((doc) => typeof doc !== 'string' && visit(doc, at, secretAs));
        } catch (e) {
          if (!(e instanceof TooDeep)) throw e;
          found.push({ path: at, value: text, what: TOO_DEEP_TEXT });
        }
      }
      // A manifest text whose data holds a secret is reported there, once: not again for what its decodings or lines show.
      const inManifest = found.length > before;
      const written = typeof node === 'string' ? (inManifest ? shapeAsWritten : secretShape)(text) : undefined;
      // An extraObjects text was read as manifests above: not again as data; nor a kustomize `files` item, a file (80a-12). Its
      // syntax's reader names a secret better than a reading said last (secret-shapes.ts FINDERS' saidLast: a name, a generated word).
      const readAs = typeof node === 'string' && !secretAs && !inManifest && !saysMore(written) && !isGeneratorFileSource(node, at);
      const inText = readAs ? withPatternsAsLiterals(text, (read) => secretSetInText(read, at, !isExtraObject(at))) : undefined; // 79a-16
      const shape = inText && !saysMore(written) ? undefined : written;
      if (shape) found.push({ path: at, value: text, what: shape });
      else if (
        secretAs &&
        !refersOnly(text, textDepth > 0) && // data read from a text refers as the text's lines do (39a-7)
        !isPlainlyNotSecret(text, at, envName, secretAs !== SECRET_OBJECT_DATA) &&
        !namesKubernetesSecret(at, text, (root) => externalSecrets.has(root.join('\0')))
      )
        found.push({ path: at, value: text, what: secretAs });
      else if (inText) found.push({ path: at, ...inText });
      else if (found.length === before && found.push(...ruleSecrets(text, at, secretsInData), ...namedFileSecrets(text, at)) === before)
        judgeWithoutControls(text, found, (form) => visit(form, at, secretAs, envName));
      return;
    }
    if (Array.isArray(node)) {
      if (at.length - path.length >= MAX_DATA_DEPTH) throw new TooDeep();
      return node.forEach((item, i) => {
        const path = [...at, i];
        visit(item, path, secretAs ?? (isSecretFlagItem(node, i, at[at.length - 1]) ? SECRET_ARGUMENT : undefined));
      });
    }
    if (!node || typeof node !== 'object') return;
    if (at.length - path.length >= MAX_DATA_DEPTH) throw new TooDeep();
    const record = node as Record<string, unknown>;
    const sealed = isObjectRoot(at) ? sealedCiphertext(record) : undefined;
    if (isObjectRoot(at) && isExternalSecret(record)) externalSecrets.add(at.join('\0'));
    if (sealed) ciphertexts.add(sealed);
    if (isObjectRoot(at)) madeSecretData(record).forEach((made) => madeData.add(made)); // 81a-7
    const mapped = found.push(...execCommandPasswords(record, at)); // secret-maps.ts judges what the loop leaves
    // A SealedSecret's ciphertext, whatever its key (`api-token`), is judged as a base64 key only (its random text: 61a-10).
    const [ciphertext, keys, typed] = [ciphertexts.has(record), Object.keys(record), typedAsListItem(record, at)];
    for (const [key, value] of Object.entries(record)) {
      // A key is judged as text is (`password:abc`, `--token=abc`, `export DB_PASSWORD=abc`): YAML and JSON keys are text.
      const keyShape = secretShape(key);
      const inKey = keyShape ? undefined : secretSetInText(key, [...at, key]);
      // A K3s token's finding is one wherever it stands (key or value): its doors say it once, with its own message (48a-18).
      if (keyShape)
        found.push({ path: [...at, key], value: key, what: keyShape === K3S_TOKEN_SHAPE ? keyShape : `a key shaped like ${keyShape}` });
      else if (inKey) found.push({ path: [...at, key], ...inKey }); // under a key that sets a secret, the one message for that path
      const envName = !secretAs ? pairNameOf(key, (other) => record[other]) : undefined; // an env entry's name, a pair's (81a-3)
      if (ciphertext && isCiphertextShaped(value) && !mayBeEncodedKey(value as string)) continue;
      const made = madeData.has(record) && isLiteralData(value) ? SECRET_OBJECT_DATA : undefined;
      const under = !inKey ? (made ?? secretUnder(key, (other) => typed[other], keys, at.at(-1))) : undefined;
      for (const part of referenceParts(key, value, secretAs, under)) visit(part.value, [...at, key, ...part.at], part.as, envName);
    }
    found.push(...secretMapValues(record, at, found, mapped), ...basicAuthUserSecrets(record, at, found)); // 51a-3, 56a-1
    found.push(...envSecrets(record, at, () => configMapsIn(data, path), secretsInData, found)); // 79a-24, 80a-6, 80a-11
  };
  const [ciphertexts, externalSecrets, typedAsListItem] = [new Set<unknown>(), new Set<string>(), listKindLender()];
  const madeData = new Set<unknown>(); // the data maps of the Secrets the objects make (made-secret-templates.ts)
  try {
    visit(data, path, undefined);
  } catch (e) {
    // Only text read as data nests so deep (see firstSecretSetInText); data given as data is bounded by its front door.
    if (!(e instanceof TooDeep)) throw e;
    found.push({ path, value: '', what: TOO_DEEP_TEXT });
  }
  return found;
}

/** Whether `at` is where an object stands: a document's root, or an item of a chart's `extraObjects`. */
export function isObjectRoot(at: Path): boolean {
  return at.length === 0 || isExtraObject(at);
}

/**
 * The secrets `data` holds, as values to redact (never to print): for data as secretsInData reads it, and for one text judged
 * as a value of the config is (a name, id or argument a message echoes outside any config value; hints derived from a value).
 */
export function secretValues(data: unknown): string[] {
  return secretsInData(data).map((secret) => secret.value);
}

/** Why a secret other than a K3s token is refused, for a message at its path; the value is never part of it. */
export function secretRefusal(secret: FoundSecret): string {
  if (secret.what === UNJUDGEABLE_TEXT) return `is ${UNJUDGEABLE_TEXT}, so it may hold a Secret: write it as a map`;
  if (secret.what === TOO_DEEP_TEXT) return `is ${TOO_DEEP_TEXT}, so it may hold a secret: flatten it, and write its aliases out`;
  if (secret.what === SECRET_OBJECT_DATA) {
    return (
      `is ${SECRET_OBJECT_DATA}, and dist/ is committed to Git, so no Secret may be written there: create the Secret ` +
      'out of band (kubectl create secret, a SealedSecret or an ExternalSecret) and reference it by name'
    );
  }
  return `holds ${secret.what}, and dist/ is committed to Git, so no secret may be written there: ${secretAdvice(secret.path)}`;
}

/**
 * The secrets of a YAML text read line by line, without a parser: for a file that no longer parses (a key written twice, a broken
 * indentation), or parses into less than the text holds (the first of two equal keys), so that a diff or a message still leaves them out.
 * Over-reading is harmless here: what is found is only ever redacted. Found:
 * - the rest of a `key: value` line whose key is named like a secret (`password:`, `"api-token":`), and every
 *   line below it indented deeper (a block scalar, a folded value, a mapping under the key);
 * - the `value:` of a list item whose `name:` is (an env entry `- name: DB_PASSWORD`), written before or after it (52a-2);
 * - everything under a top-level `data:`/`stringData:` of a document that says `kind: Secret`;
 * - any value shaped like a secret or setting one (`--token=abc`);
 * - any of these in a comment (secretsInComments).
 */
export function secretsInLines(text: string): string[] {
  return [...linesRead(text)];
}

/** secretsInLines, once per text (secrets-memo.ts): the reading sets its own state (readingLines), so it depends on the text alone. */
const linesRead = judgedOnce((text: string): readonly string[] => {
  const outer = readingLines;
  readingLines = true;
  try {
    const lines = judgedText(text)
      .split(/^---/m)
      .flatMap((document) => secretsInDocumentLines(document.split('\n')));
    return [...new Set([...lines, ...secretsInComments(text)])];
  } finally {
    readingLines = outer;
  }
});

/**
 * The secrets of a text's comments, each comment read as a line (`# db_password: abc`, `kind: Ingress # token: abc`):
 * a YAML parser drops them, but a hand-edited file in Git holds them all the same. The one reading of comments, for
 * the last gate before a file is written or installed and for the redaction of a diff (secretsInLines). A comment is
 * found by its text alone (a `#` at a line's start or after a blank), so a ` #` inside a quoted value counts too.
 */
export function secretsInComments(text: string): string[] {
  if (!text.includes('#')) return [];
  // A comment inside a comment (`# note # password: abc`) is a line too.
  const comments = [...text.matchAll(/(?:^|[ \t])#+[ \t]?(.*)$/gm)].flatMap(([, comment]) => {
    const inner = comment.split(/[ \t]#+[ \t]?/);
    return inner.length > 1 ? [comment, ...inner] : [comment];
  });
  const outer = readingLines;
  readingLines = true;
  try {
    return comments.length ? secretsInDocumentLines(comments.join('\n').split('\n')) : [];
  } finally {
    readingLines = outer;
  }
}

/**
 * `  - "key": rest`: indentation with dashes, the key (quoted, or up to the colon), the rest after the colon (trimmed by the caller). No
 * optional blank run follows a part that may end in blanks: every line is read in linear time, whatever runs of spaces it holds.
 */
// Blanks after the colon read at once (lookahead, backreference): `[ \t]+(.*)$` was quadratic where a `\r` ends `.`.
const KEY_LINE = /^([ \t]*(?:-[ \t]+)*)(?:"([^"]*)"[ \t]*|'([^']*)'[ \t]*|([^\s"'#:{}[\],&*!|>%@`-][^"'#:]*)):(?:(?=([ \t]+))\5(.*))?$/;
/** `password = "abc"`: a line of TOML, INI or an env file. */
const ASSIGNMENT_LINE = /^[ \t]*(["']?)([A-Za-z][\w.-]*)\1[ \t]*=>?(?!=)[ \t]*(\S.*)$/;
/** `  - item` */
const ITEM_LINE = /^[ \t]*-[ \t]+(.*)$/;

/** A key line's parts: its column, key and rest (trimmed; '' when the value is on the lines below). */
function keyLineOf(line: string): { column: number; key: string; rest: string } | undefined {
  const match = KEY_LINE.exec(line);
  if (!match) return undefined;
  const [, lead, doubleQuoted, singleQuoted, plain, , rest = ''] = match;
  return { column: lead.length, key: (doubleQuoted ?? singleQuoted ?? plain).trim(), rest: rest.trim() };
}

function secretsInDocumentLines(lines: readonly string[]): string[] {
  const found: string[] = [];
  // `kind: Secret`, or a kind Helm renders first (mayBeSecretKind).
  const isSecretObject = lines.some((line) => /^kind:[ \t]*(?:(["']?)Secret\1[ \t]*(?:#.*)?$|[^#\n]*\{\{)/i.test(line));
  const indent = (line: string) => /^[ \t]*/.exec(line)![0].length;
  /** The last `name:` key: its column, and whether it names a secret. */
  let name: PairName | undefined;
  /** The key lines this one stands under, nearest last; only the last two are ever read (isPlainlyNotSecret). */
  const parents: Array<{ column: number; key: string }> = [];
  /** The secret flag the list item above set without a value (`- --x.token`): this item is its value. */
  let bareFlag: string | undefined;
  const prose = proseLines((line) => !!firstSecretSetInText(line, [], false)); // `the password: see the Secret` (44a-15)
  /** `comments`: whether ` #` starts a comment (YAML; TOML after a quoted value), not part of the value (INI, env files). */
  const add = (value: string, keys: readonly string[] = [], envName?: string, comments = true) => {
    const comment = comments ? value.search(/[ \t]#/) : -1;
    const unquoted = unquote(comment < 0 ? value : value.slice(0, comment).trimEnd());
    // Neither a switch (`Authorization: drop`: redacting it would blank every `true` of a diff) nor a reference is a secret.
    if (refersOnly(unquoted) || isPlainlyNotSecret(unquoted, keys, envName)) return;
    found.push(value, unquoted, ...secretValues(unquoted));
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const flagAbove = bareFlag;
    bareFlag = undefined;
    const assignment = ASSIGNMENT_LINE.exec(line);
    if (assignment && isSecretKey(assignment[2]) && !isExpansionBeforeCommand(line.trim()) && !assignsNoValue(line, assignment[3])) {
      add(assignment[3].trim(), [assignment[2]], undefined, quotedValueAt(assignment[3], 0) !== undefined);
      continue;
    }
    const keyLine = keyLineOf(line);
    if (!keyLine) {
      // A list item, or any other line (`{"token": "abc"}`, `curl -H 'X-Auth-Token: abc'`); a shape is redacted
      // as a shape, over the lines it spans (a private key's BEGIN line alone would cut it short).
      const listItem = ITEM_LINE.exec(line)?.[1].trim();
      // Judged trimmed, as secretValues then judges it: one judgement of each line (secretShape keeps it).
      const item = listItem ?? (!saysMore(secretShape(line.trim())) ? line.trim() : ''); // a reading said last finds its value too
      if (item && !isFileSourceItem(unquote(item), parents)) found.push(...secretValues(unquote(item))); // 80a-12, as in data
      if (listItem && flagAbove !== undefined) add(listItem, flagAbove.split('.'));
      bareFlag = listItem ? bareSecretFlag(unquote(listItem)) : undefined;
      continue;
    }
    const { column, key, rest } = keyLine;
    // A key is text too (`"--token=abc": x`).
    found.push(...secretValues(key));
    while (parents.length && parents[parents.length - 1].column >= column) parents.pop();
    const above = parents.slice(-2).map((parent) => parent.key);
    parents.push({ column, key });
    name = isPairLineKey(key) ? (pairNameAt(lines, i, column, key, rest) ?? name) : name;
    const secret =
      (keyLineSetsSecret(key, rest) && !isVaultBlock(rest, lines, i + 1)) || // `!vault |` then an Ansible Vault text (52a-18)
      (namesValueAt(name, key, column) && name.secret) ||
      (isSecretObject && column === 0 && (key === 'data' || key === 'stringData'));
    // A line of a flow mapping over several lines (`  password: "${P}", token: "${T}"`) is read as its pairs.
    const flow = rest && isSecretKey(key) ? secretsInFlowLine(line, above) : undefined;
    if (!secret || flow || prose(key, rest, line)) {
      if (rest) found.push(...secretValues(unquote(rest)), ...(flow ?? secretsInFlow(rest, [...above.slice(-1), key])));
      continue;
    }
    if (rest && !/^[|>][-+0-9]*(?:[ \t]+#.*)?$/.test(rest))
      add(rest, [...above, key], namesValueAt(name, key, column) ? name.text : undefined);
    if (headsBody(key, rest)) continue; // a header's body is code, read line by line (code-headers.ts)
    // Everything below is taken whole, so the scan goes on after it: each line is read once.
    let below = i + 1;
    for (; below < lines.length && (lines[below].trim() === '' || indent(lines[below]) > column); below++) {
      if (!lines[below].trim() || describedOn(rest, [...above, key], lines[below])) continue; // a description wrapped (47a-11)
      add(lines[below].trim());
      // `cf: abc` below a Secret's data: the value alone too, as a diff line may show it apart from its key.
      const value = keyLineOf(lines[below])?.rest ?? ITEM_LINE.exec(lines[below])?.[1].trim();
      if (value) add(value);
    }
    i = below - 1;
  }
  return [...new Set(found.filter((value) => value !== ''))];
}
