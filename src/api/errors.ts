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

  /** @param subject construct class name, the first word of every message */
  constructor(private readonly subject: string) {}

  /** A text prop; `undefined` (an omitted optional prop) passes. */
  public text(path: ValidationProblem['path'], value: unknown, check: FormatCheck): this {
    if (value === undefined) return this;
    const problem = typeof value === 'string' ? check(value) : `${JSON.stringify(value)} is a ${typeof value}: expected a string`;
    if (problem) this.problems.push({ path, message: problem });
    return this;
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
