import { Construct, IConstruct } from 'constructs';
import { redactMessage } from './redact-message';
import { secretsInData, secretValues } from './secrets';
import { K3sVipValidationError } from './validation-error';

/**
 * The scope and id every k3s-vip construct passes to `super()`, checked first: constructs' own code reads them
 * (`id.replace`, `scope.node.addChild`) and throws a TypeError, or an error that prints the id as given.
 */

/** `a number`, `an object`, `null`: what was given, never its content (a string may hold a secret). */
function kind(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** `id` as a message may show it: every secret it holds (a shape, `password=abc`) redacted, as K3sVipCluster shows its own. */
export function shownId(id: string): string {
  return redactMessage(id, secretValues(id));
}

/** `construct`'s path (`app/chart/id`) as a message may show it: each id as shownId shows it. */
export function shownPath(construct: IConstruct): string {
  return construct.node.scopes
    .map((scope) => scope.node.id)
    .filter((id) => id !== '')
    .map(shownId)
    .join('/');
}

/**
 * `[scope, id]` for `super()`, or a K3sVipValidationError for `subject`: everything scopeArgs refuses, and an id of
 * the path that holds a secret, the construct's own included (61b-6): cdk8s prints a construct's whole path before
 * each of its validation messages, and builds every chart's name and file name from the ids above it.
 */
export function constructArgs(scope: unknown, id: unknown, subject: string): [Construct, string] {
  const [parent, name] = scopeArgs(scope, id, subject);
  checkNamePath(parent, subject);
  const secret = secretsInData(name)[0];
  if (secret) {
    const message =
      `id "${name}" holds ${secret.what}: cdk8s prints a construct's path (${shownPath(parent) || 'the app'}/<id>) in its ` +
      'validation messages and builds chart and file names from the ids in it: give the construct another id';
    throw new K3sVipValidationError([{ path: [], message: redactMessage(message, secretValues(name)) }], subject);
  }
  return [parent, name];
}

/**
 * `[scope, id]` for `super()`, or a K3sVipValidationError for `subject`: a scope that is not a construct, an id that is
 * not a non-empty string, or one a sibling already has (described by its type, or redacted). The ids' secrets are
 * the caller's to check (constructArgs, or K3sVipCluster's own name rule).
 */
export function scopeArgs(scope: unknown, id: unknown, subject: string): [Construct, string] {
  const refuse = (message: string): never => {
    throw new K3sVipValidationError([{ path: [], message }], subject);
  };
  if (!Construct.isConstruct(scope)) {
    refuse(`scope is ${kind(scope)}: expected the construct (an App, a Chart, ...) to add this one to`);
  }
  const parent = scope as Construct;
  if (typeof id !== 'string') refuse(`id is ${kind(id)}: expected a string, the construct's name in its scope`);
  const name = id as string;
  if (name === '') refuse('id is empty: only an App (the root) has no id');
  // constructs 10 keeps a scope's children in a plain object (aws/constructs src/construct.ts, `addChild`): a name every
  // object has (`constructor`, `toString`) reads as a child already there, and synth stops on its error (56b-9).
  if (name.replace(/\//g, '--') in Object.prototype) {
    refuse(
      `id "${shownId(name)}" is a name every JavaScript object already has, which constructs takes for a child already there: give the construct another id`,
    );
  }
  // constructs stores the id with every `/` as `--` (sanitizeId).
  if (parent.node.tryFindChild(name.replace(/\//g, '--'))) {
    refuse(`id "${shownId(name)}" is already taken in ${shownPath(parent) || 'the app'}: give each construct in one scope its own id`);
  }
  return [parent, name];
}

/**
 * A K3sVipValidationError for `subject` when an id of `scope` or of a scope above it holds a secret: cdk8s builds
 * every chart's name and file name (`<id>-<id>-<chart>-<hash>.k8s.yaml`) from the ids of its whole path.
 */
export function checkNamePath(scope: Construct, subject: string): void {
  for (const above of scope.node.scopes) {
    const id = above.node.id;
    const secret = id ? secretsInData(id)[0] : undefined;
    if (!secret) continue;
    const message =
      `scope "${id}" holds ${secret.what}: cdk8s builds the name of every chart and of its file in synth from the ids ` +
      `of its whole path (${shownPath(above)}/...), so they would carry it into dist/: give that scope another id`;
    throw new K3sVipValidationError([{ path: [], message: redactMessage(message, secretValues(id)) }], subject);
  }
}

/** constructArgs for a cdk8s Chart: also no secret in the ids of its path, its own id included (checkNamePath). */
export function chartArgs(scope: unknown, id: unknown, subject: string): [Construct, string] {
  const [parent, name] = scopeArgs(scope, id, subject);
  checkNamePath(parent, subject);
  const secret = secretsInData(name)[0];
  if (secret) {
    const message =
      `id "${name}" holds ${secret.what}: cdk8s builds the name of the chart and of its file in synth from it: ` +
      'give the chart another id';
    throw new K3sVipValidationError([{ path: [], message: redactMessage(message, secretValues(name)) }], subject);
  }
  return [parent, name];
}
