import { z } from 'zod';
import { FormatCheck } from '../config/formats';
import { describeIssue } from '../config/load';
import { formatPath } from '../config/rules';

/** One thing wrong with a construct's props (or a cluster config), located by its key path. */
export interface ValidationProblem {
  /** Key path inside the props, e.g. `['ingresses', 0, 'host']`. */
  readonly path: ReadonlyArray<string | number>;
  /** What is wrong and what to write instead; starts with the bad value where there is one. */
  readonly message: string;
}

/**
 * Thrown by every k3s-vip construct whose props would produce an object the API server or an
 * upstream component rejects. Lists all problems at once, one per line.
 */
export class K3sVipValidationError extends Error {
  /** Every problem found, in props order. */
  public readonly problems: readonly ValidationProblem[];

  /**
   * @param problems what is wrong, at least one
   * @param subject the construct whose props are wrong: lines read `Subject: key.path message`; without
   *   one they read `key.path: message`, as in the config files' errors
   */
  constructor(problems: readonly ValidationProblem[], subject?: string) {
    super(problems.map((problem) => formatProblem(problem, subject)).join('\n'));
    this.name = 'K3sVipValidationError';
    this.problems = problems;
  }
}

function formatProblem({ path, message }: ValidationProblem, subject: string | undefined): string {
  const key = formatPath(path);
  if (subject === undefined) return key ? `${key}: ${message}` : message;
  return `${subject}: ${key ? `${key} ` : ''}${message}`;
}

/**
 * Collects the problems of one construct's props with the config's own rules (src/config/formats.ts
 * for text, the config schema's pieces for numbers), then throws them together.
 */
export class PropsValidator {
  private readonly problems: ValidationProblem[] = [];

  /**
   * @param subject construct class name, the first word of every message
   * @param props the construct's props: anything but an object (`null`, a list) is refused at once,
   *   as no prop can be read from it
   */
  constructor(
    private readonly subject: string,
    props: unknown,
  ) {
    if (props === null || typeof props !== 'object' || Array.isArray(props)) {
      throw new K3sVipValidationError([{ path: [], message: `props are ${propsKind(props)}: expected an object of props` }], subject);
    }
  }

  /** A text prop; `undefined` (an omitted optional prop) passes. */
  public text(path: ValidationProblem['path'], value: unknown, check: FormatCheck): this {
    if (value === undefined) return this;
    const problem = typeof value === 'string' ? check(value) : `${describeValue(value)}: expected a string`;
    if (problem) this.problems.push({ path, message: problem });
    return this;
  }

  /** A text prop that must be given. */
  public requiredText(path: ValidationProblem['path'], value: unknown, check: FormatCheck): this {
    return value === undefined ? this.problem(path, 'is required: expected a string') : this.text(path, value, check);
  }

  /**
   * A list prop: its items to check further, or none when it is not a list (noted as a problem).
   * `undefined` passes (no items) unless `required`.
   */
  public list<T>(path: ValidationProblem['path'], value: readonly T[] | undefined, required = false): readonly T[] {
    if (Array.isArray(value)) return value;
    if (value !== undefined) this.problem(path, `${describeValue(value)}: expected a list`);
    else if (required) this.problem(path, 'is required: expected a list');
    return [];
  }

  /**
   * A mapping prop (an object of named entries): its entries to check further, or none when it is
   * not a mapping (noted as a problem). `undefined` passes (no entries) unless `required`.
   */
  public mapping<T>(path: ValidationProblem['path'], value: Readonly<Record<string, T>> | undefined, required = false): Array<[string, T]> {
    if (isMapping(value)) return Object.entries(value);
    if (value !== undefined) this.problem(path, `${describeValue(value)}: expected an object`);
    else if (required) this.problem(path, 'is required: expected an object');
    return [];
  }

  /** Whether no problem was found so far (later checks may need valid values to run). */
  public get valid(): boolean {
    return this.problems.length === 0;
  }

  /** A prop checked by a piece of the config schema; `undefined` passes. */
  public value(path: ValidationProblem['path'], value: unknown, schema: z.ZodType): this {
    if (value === undefined) return this;
    const parsed = schema.safeParse(value, { reportInput: true });
    if (!parsed.success) {
      for (const problem of parsed.error.issues.flatMap(describeIssue)) {
        this.problems.push({ path: [...path, ...problem.path], message: problem.message });
      }
    }
    return this;
  }

  /** A prop checked by a piece of the config schema that must be given. */
  public requiredValue(path: ValidationProblem['path'], value: unknown, schema: z.ZodType): this {
    return value === undefined ? this.problem(path, 'is required') : this.value(path, value, schema);
  }

  /** A problem found by a rule of the caller's own. */
  public problem(path: ValidationProblem['path'], message: string | undefined): this {
    if (message) this.problems.push({ path, message });
    return this;
  }

  /** Throws a K3sVipValidationError listing every problem found, if any. */
  public throwIfInvalid(): void {
    if (this.problems.length) throw new K3sVipValidationError(this.problems, this.subject);
  }
}

function isMapping(value: unknown): value is Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What a value is, for "expected ..." messages: `"eth0" is a string`, `is null`, `is a list` (objects are not shown: they may be cyclic). */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return `is ${value}`;
  if (Array.isArray(value)) return 'is a list';
  if (typeof value === 'object') return 'is an object';
  if (typeof value === 'bigint') return `${value}n is a BigInt`;
  if (typeof value === 'function' || typeof value === 'symbol') return `is a ${typeof value}`;
  return `${JSON.stringify(value)} is a ${typeof value}`;
}

/** `null`, `a list`, `a string`: what was given instead of props. */
export function propsKind(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}
