import { dottedKeyAdvice, pieceAccepts, SchemaPiece } from './config-shape';
import { existingTlsSecretDoor, TLS_SECRET_KEYS } from '../ingress/tls';
import { escapedKey, lookAlikeLetter } from './look-alike';
import { FormatCheck } from './formats';
import { PROPS_CHECKS } from './props-wording';
import { zodIssues, zodSchema } from './zod-lazy';
import { closest } from '../core/closest';
import { HIDDEN_KEY, hiddenKeyUnder } from '../core/reference-keys';
import { redactProblem, secretsInPaths } from '../core/redact-message';
import { formatPath, onePerPath, Path, Problem, unmarked } from '../core/problem';
import { FoundSecret, K3S_TOKEN_SHAPE, secretsInData } from '../core/secrets';
import { secretKeyPlaces, secretProblems } from '../core/secret-place';
import { K3S_TOKEN_MESSAGE, literalTokensInData } from './literal-tokens';
import { withoutDropped } from '../core/dropped';
import { describeValue, isList, snapshot } from '../core/snapshot';
import { K3sVipValidationError, propsKind, ValidationProblem } from '../core/validation-error';

/**
 * The keys an object prop may have: `true` for a value whose keys are not checked (a label selector, chart
 * values, a list of text), a nested spec for an object whose keys the construct knows (applied to each item
 * of a list), and under `'*'` the spec of every entry of a mapping with names of the user's (cert resolvers).
 */
export type KeySpec = true | { readonly [key: string]: KeySpec };
/** Every prop of `T`, and nothing else, with the spec of its value. */
export type PropsKeys<T> = { readonly [K in keyof Required<T>]-?: KeySpec };

/** The frozen copies this class read that held only plain data, no secret and only the keys of the spec they map to. */
const cleanCopies = new WeakMap<object, object>();

/**
 * Collects the problems of one construct's props with the config's own rules (src/config/formats.ts
 * for text, the config schema's pieces for numbers), then throws them together. The props are read
 * once, into a frozen plain copy (`props`): a construct checks and renders that copy, never the caller's
 * object again.
 */
export class PropsValidator<T extends object = Record<string, unknown>> {
  /** The props as read once: plain, frozen data. Render from this, not from the caller's object. */
  public readonly props: T;
  private readonly problems: Problem[] = [];
  /** How many of `problems` are unknown keys, which leave the props `valid` for the checks after them. */
  private unknownKeyCount = 0;
  /** Every secret of the props: refused by throwIfInvalid, and redacted from every message. */
  private readonly secrets: readonly FoundSecret[];
  /** The props' plain-data problems, where their values were left out, and the secrets their key paths hold. */
  private readonly notData: readonly ValidationProblem[];
  private readonly dropped: readonly Path[];
  private readonly pathSecrets: readonly string[];

  /** The props of a construct that checks nothing of its own (it hands them on): read once, secrets refused. */
  public static read<P extends object>(subject: string, props: unknown, keys: PropsKeys<P>): P {
    const check = new PropsValidator<P>(subject, props, keys);
    check.throwIfInvalid();
    return check.props;
  }

  /**
   * @param subject construct class name, the first word of every message
   * @param props the construct's props: anything but an object (`null`, a list) is refused at once,
   *   as no prop can be read from it; so is anything that is not plain data (getters, cycles, class instances)
   * @param keys the props the construct has: any other key is a problem ("did you mean"), as in a config file
   */
  constructor(
    private readonly subject: string,
    props: unknown,
    keys: PropsKeys<T>,
  ) {
    if (props === null || typeof props !== 'object' || isList(props)) {
      throw new K3sVipValidationError([{ path: [], message: `props are ${propsKind(props)}: expected an object of props` }], subject);
    }
    // A chart hands its construct the copy it read (TraefikChart to TraefikHelmChartConfig): read again, that copy would
    // give an equal copy with nothing to say, so it is taken as it is. The checks of the construct's own still run.
    if (cleanCopies.get(props) === keys) {
      this.notData = [];
      this.dropped = [];
      this.pathSecrets = [];
      this.secrets = [];
      this.props = props as T;
      return;
    }
    // What is not plain data is reported and left out of `props` (`dropped`); the construct's own checks still judge
    // the rest, so one error lists every problem (throwIfInvalid, which every construct calls before it renders).
    const { data, problems, dropped } = snapshot(props);
    // Props that could not be read at all leave nothing to check.
    if (dropped.some((path) => !path.length)) {
      const secrets = secretsInPaths(problems);
      throw new K3sVipValidationError(
        problems.map((problem) => redactProblem(problem, secrets)),
        subject,
      );
    }
    this.notData = problems;
    this.dropped = dropped;
    this.pathSecrets = secretsInPaths(problems);
    this.secrets = secretsInData(data);
    this.unknownKeys([], data, keys);
    this.props = data as T;
    if (!problems.length && !this.secrets.length && !this.problems.length) cleanCopies.set(data as object, keys);
  }

  /** A problem for every key of `value` that `keys` does not know, as the config files' "unknown key" message. */
  private unknownKeys(path: Path, value: unknown, keys: KeySpec): void {
    if (keys === true || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((item, i) => this.unknownKeys([...path, i], item, keys));
    const allowed = Object.keys(keys).filter((key) => key !== '*');
    for (const [key, child] of Object.entries(value)) {
      const spec = Object.hasOwn(keys, key) && key !== '*' ? keys[key] : keys['*'];
      if (spec !== undefined) this.unknownKeys([...path, key], child, spec);
      else {
        // 79b-17: an Ingress's existing TLS Secret has a door of its own, which the line names.
        const secretDoor =
          Object.hasOwn(keys, 'certResolver') && Object.hasOwn(keys, 'clusterIssuer') && TLS_SECRET_KEYS.has(key)
            ? `: a TraefikIngress takes its certificate from certResolver or clusterIssuer; ${existingTlsSecretDoor("a TraefikHelmChartConfig's values")}.`
            : undefined;
        const guess = secretDoor ? undefined : closest(key, allowed);
        const hidden = hiddenKeyUnder(path, key);
        // 79b-20 and 79b-5, as the config files say them (issues.ts).
        const lookAlike = hidden ? undefined : lookAlikeLetter(key, guess);
        const dotted = hidden ? undefined : dottedKeyAdvice(key, allowed);
        if (dotted) {
          this.problems.push({ path: [...path, key], message: `unknown key ${JSON.stringify(key)}: ${dotted}` });
          this.unknownKeyCount++;
          continue;
        }
        const named = hidden
          ? `holds ${HIDDEN_KEY}`
          : lookAlike
            ? `unknown key ${escapedKey(key)}, ${lookAlike}`
            : `unknown key ${JSON.stringify(key)}`;
        const message = `${named}${secretDoor ?? (guess ? `: did you mean "${guess}"?` : '.')} Allowed here: ${allowed.join(', ')}`;
        this.problems.push({ path: [...path, key], message });
        this.unknownKeyCount++;
      }
    }
  }

  /** A text prop; `undefined` (an omitted optional prop) passes. */
  public text(path: Path, value: unknown, check: FormatCheck): this {
    if (value === undefined) return this;
    const problem = typeof value === 'string' ? (PROPS_CHECKS.get(check) ?? check)(value) : `${describeValue(value)}: expected a string`;
    if (problem) this.problems.push({ path, message: problem });
    return this;
  }

  /** A text prop that must be given. */
  public requiredText(path: Path, value: unknown, check: FormatCheck): this {
    return value === undefined ? this.problem(path, 'is required: expected a string') : this.text(path, value, check);
  }

  /**
   * A list prop: its items to check further, or none when it is not a list (noted as a problem).
   * `undefined` passes (no items) unless `required`.
   */
  public list<I>(path: Path, value: readonly I[] | undefined, required = false): readonly I[] {
    if (Array.isArray(value)) return value;
    if (value !== undefined) this.problem(path, `${describeValue(value)}: expected a list`);
    else if (required) this.problem(path, 'is required: expected a list');
    return [];
  }

  /**
   * A mapping prop (an object of named entries): its entries to check further, or none when it is
   * not a mapping (noted as a problem). `undefined` passes (no entries) unless `required`.
   */
  public mapping<I>(path: Path, value: Readonly<Record<string, I>> | undefined, required = false): Array<[string, I]> {
    if (isMapping(value)) return Object.entries(value);
    if (value !== undefined) this.problem(path, `${describeValue(value)}: expected an object`);
    else if (required) this.problem(path, 'is required: expected an object');
    return [];
  }

  /** Whether no problem was found so far (later checks may need valid values to run). */
  public get valid(): boolean {
    // Not the plain-data problems: a value left out is absent, which the checks before judge as such. Nor an unknown
    // key: no check reads it, so the rules still judge the rest and one error lists every problem (78b-19).
    return this.problems.length === this.unknownKeyCount;
  }

  /**
   * A prop checked by a piece of the config schema; `undefined` passes. zod is asked (for its messages)
   * only when the piece's shape refuses the value.
   */
  public value(path: Path, value: unknown, piece: SchemaPiece): this {
    if (value === undefined || pieceAccepts(piece, value)) return this;
    const schema = zodSchema()[piece];
    const parsed = schema.safeParse(value, { reportInput: true });
    if (!parsed.success) {
      for (const problem of zodIssues().describeIssues(parsed.error.issues, schema)) {
        this.problems.push({ path: [...path, ...problem.path], message: problem.message });
      }
    }
    return this;
  }

  /** A prop checked by a piece of the config schema that must be given. */
  public requiredValue(path: Path, value: unknown, piece: SchemaPiece): this {
    return value === undefined ? this.problem(path, 'is required') : this.value(path, value, piece);
  }

  /** A problem found by a rule of the caller's own. */
  public problem(path: Path, message: string | undefined, about?: Pick<Problem, 'aboutName' | 'textPart' | 'schemaVerdict'>): this {
    if (message)
      this.problems.push({
        path,
        message,
        ...(about?.aboutName && { aboutName: true }),
        ...(about?.textPart !== undefined && { textPart: about.textPart }),
        ...(about?.schemaVerdict && { schemaVerdict: true }),
      });
    return this;
  }

  /**
   * Throws a K3sVipValidationError listing every problem found, if any, and every secret of the props
   * (no secret may reach a manifest through any prop), as the config pipeline does: a secret's message (a K3s
   * token's or another's) is said beside any other problem about that value (51a-13).
   * No message carries a secret of the props.
   */
  public throwIfInvalid(): void {
    // A token in a multi-line text is said at each of its lines, and the text's other secret lines too (45a-19).
    const inText = (s: FoundSecret) => s.what === K3S_TOKEN_SHAPE && s.value.includes('\n');
    const tokens = this.secrets
      .filter((s) => s.what === K3S_TOKEN_SHAPE)
      .flatMap((s) => (inText(s) ? literalTokensInData(s.value, s.path) : [{ path: s.path, message: K3S_TOKEN_MESSAGE }]));
    const tokenLines = new Set(tokens.map((t) => `${formatPath(t.path)}\n${t.textLine}`));
    const secretKeys = secretKeyPlaces(this.secrets, formatPath);
    // A secret's message stands beside any other problem about that value, one line each (51a-13); a problem about a
    // key's name (an annotation key, 50a-12) is left out where that key itself holds a secret: the secret's line says it.
    const kept = onePerPath(
      withoutDropped(this.problems, this.dropped).filter((p) => !(p.aboutName && secretKeys.has(formatPath(p.path)))),
    );
    const others = this.secrets
      .filter((s) => s.what !== K3S_TOKEN_SHAPE || inText(s))
      .flatMap((s) => secretProblems(s, this.props))
      .filter((p) => p.textLine === undefined || !tokenLines.has(`${formatPath(p.path)}\n${p.textLine}`));
    const all: Problem[] = [...this.notData, ...tokens, ...kept, ...others];
    if (!all.length) return;
    const values = [...this.pathSecrets, ...this.secrets.map((s) => s.value)];
    throw new K3sVipValidationError(
      all.map((problem) => redactProblem(unmarked(problem), values)),
      this.subject,
    );
  }
}

function isMapping(value: unknown): value is Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A prop and its deprecated alias (`service` and `serviceName`) as one value of the checked props, under the
 * key that was given (the new one when neither was); both given with different values is a problem.
 */
export function aliasedProp<T extends object, K extends keyof T & string, D extends keyof T & string>(
  check: PropsValidator<T>,
  key: K,
  deprecated: D,
): { key: K | D; value: unknown } {
  const value: unknown = check.props[key];
  const old: unknown = check.props[deprecated];
  if (value !== undefined && old !== undefined && value !== old) {
    const show = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? JSON.stringify(v) : `(${typeof v})`);
    check.problem(
      [deprecated],
      `${show(old)} differs from ${key} ${show(value)}: ${deprecated} is the deprecated name of ${key}; give only ${key}`,
    );
  }
  return value === undefined && old !== undefined ? { key: deprecated, value: old } : { key, value };
}
