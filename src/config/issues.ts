import { z } from 'zod';
import { closest } from '../core/closest';
import { formatPath, oneLine, Problem } from '../core/problem';
import { HIDDEN_KEY, hiddenKeyUnder } from '../core/reference-keys';
import { isSecretPath, REDACTED } from '../core/secrets';
import { allowedKeys, dottedKeyAdvice } from './config-shape';
import { existingTlsSecretDoor, TLS_SECRET_KEYS } from '../ingress/tls';
import { escapedKey, lookAlikeLetter } from './look-alike';
import { arrayLiteral, objectLiteral } from './props-wording';
import type * as MisplacedKeys from '../traefik/misplaced-keys';
import type * as MisplacedConfigKeys from './misplaced-config-keys';
import { clusterConfigSchema } from './schema';
import { valueNotShownAt } from './unshown-values';
import { unionChoices } from './union-choices';
import { foreignKeyHint } from './foreign-keys';

/**
 * Schema findings in the user's words: each zod issue becomes problems whose message names the bad value
 * and what is expected, with "did you mean" for misspelt keys. Shared by the config files and the constructs.
 */

/** A problem with what later steps need to merge or drop follow-on problems. */
export type DescribedProblem = Problem & {
  unknownKey?: string;
  suggestion?: string;
  emptyBlock?: boolean;
  /** The message as a config file's reader should see it (YAML advice), where `message` is what the TypeScript API says. */
  yamlMessage?: string;
};

/**
 * Every zod issue in the user's words, one message per bound: `z.number().int().max(100)` reports 1e21 as
 * above both the safe-integer range and 100; only the tighter bound is worth reading.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], root: z.ZodType = clusterConfigSchema): DescribedProblem[] {
  const key = (issue: z.core.$ZodIssue) =>
    `${issue.code} ${formatPath(issue.path.filter((k): k is string | number => typeof k !== 'symbol'))}`;
  const bound = (issue: z.core.$ZodIssue) =>
    issue.code === 'too_big' ? Number(issue.maximum) : issue.code === 'too_small' ? -Number(issue.minimum) : undefined;
  const tightest = new Map<string, number>();
  for (const issue of issues) {
    const limit = bound(issue);
    if (limit !== undefined) tightest.set(key(issue), Math.min(limit, tightest.get(key(issue)) ?? Infinity));
  }
  return issues
    .filter((issue) => bound(issue) === undefined || bound(issue) === tightest.get(key(issue)))
    .flatMap((issue) => describeIssue(issue, root));
}

/**
 * Turns one zod issue into problems whose message names the bad value and what is expected; `root` is the schema
 * the issue's path starts at (the whole config's, or a construct's piece of it).
 */
export function describeIssue(issue: z.core.$ZodIssue, root: z.ZodType = clusterConfigSchema): DescribedProblem[] {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  const input = (issue as { input?: unknown }).input;
  // Under a key named like a secret, or where a secret or a Secret reference belongs (a reference's name/key,
  // k3s.tokenFile: unshown-values.ts), the value is never quoted, whatever its type (`key: [pw]`, `key: {pw: 1}`).
  const secret = isSecretPath(path) || valueNotShownAt(root, path);
  const show = (value: unknown) => (secret ? `"${REDACTED}"` : quote(value));
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const allowed = allowedKeys(path);
        // `{host:a.example.com}`: in a flow mapping, YAML reads a missing space after the colon as one key.
        const [, glued, value] = /^([^:]+):(.+)$/.exec(key) ?? [];
        if (glued && allowed.includes(glued)) {
          // `{tokenSecret:abc}`: the value after the colon is not quoted either.
          const hide = isSecretPath([...path, glued]) || valueNotShownAt(root, [...path, glued]);
          const message = `unknown key ${quote(hide ? `${glued}:…` : key)}: write \`${glued}: ${hide ? '…' : value}\` with a space after the colon`;
          return { path: [...path, key], unknownKey: key, suggestion: glued, message };
        }
        // 79b-5: `traefik.loadBalancerIPs:` is one key, not the path it reads as (as under traefik.values, 71d-7).
        const dotted = hiddenKeyUnder(path, key) ? undefined : dottedKeyAdvice(key, allowed);
        if (dotted) return { path: [...path, key], unknownKey: key, message: `unknown key ${quote(key)}: ${dotted}` };
        // A chart value one level up (76b-3, `traefik.extraObjects`): where it goes, loaded only on this error path.
        const misplaced =
          path.length === 1 && path[0] === 'traefik' && !allowed.includes(key)
            ? (require('../traefik/misplaced-keys') as typeof MisplacedKeys).chartValueMisplaced(key)
            : undefined;
        const foreign = misplaced ? undefined : foreignKeyHint(path, key);
        if (foreign)
          return {
            path: [...path, key],
            unknownKey: key,
            message: `unknown key ${quote(key)}: ${foreign}. Allowed here: ${allowed.join(', ')}`,
          };
        // 79b-17: an existing TLS Secret's name has its own door, which the line names.
        const secretDoor =
          path.length === 3 && path[0] === 'ingresses' && path[2] === 'tls' && TLS_SECRET_KEYS.has(key)
            ? existingTlsSecretDoor('traefik.values')
            : undefined;
        const guess = misplaced || secretDoor ? undefined : closest(key, allowed);
        const hidden = hiddenKeyUnder(path, key);
        // One of this config's own keys one level off (77a-3): a near miss here is likelier meant, so it goes first.
        const elsewhere =
          misplaced || guess || hidden || secretDoor
            ? undefined
            : (require('./misplaced-config-keys') as typeof MisplacedConfigKeys).configKeyMisplaced(key, path);
        // Under a Secret reference a key may be the password itself (44a-7): not quoted; the line says where.
        // 79b-20: a look-alike letter is named, and the key shown escaped: on screen it reads as its suggestion.
        const lookAlike = hidden ? undefined : lookAlikeLetter(key, guess);
        const named = hidden
          ? `holds ${HIDDEN_KEY}`
          : lookAlike
            ? `unknown key ${escapedKey(key)}, ${lookAlike}`
            : `unknown key ${quote(key)}`;
        return {
          path: [...path, key],
          unknownKey: key,
          suggestion: guess,
          message: `${named}${misplaced ? `: ${misplaced}.` : secretDoor ? `: ingresses take their certificate from a resolver or an issuer; ${secretDoor}.` : elsewhere ? `: ${elsewhere}.` : guess ? `: did you mean "${guess}"?` : '.'} Allowed here: ${allowed.join(', ')}`,
        };
      });
    case 'invalid_type': {
      if (input === undefined) {
        const description = schemaAt(path)?.description;
        return [{ path, message: `is required${description ? `: ${description}` : `: expected ${article(issue.expected)}`}` }];
      }
      if (input === null && (issue.expected === 'object' || issue.expected === 'array' || issue.expected === 'record')) {
        const content = issue.expected === 'array' ? 'items' : 'keys';
        // At the TypeScript door there are no lines to indent (75a-8): what to pass instead.
        const given = issue.expected === 'array' ? 'an array' : `an object${requiredKeysExample(path, root)}`;
        return [
          {
            path,
            emptyBlock: true,
            message: `is null: give ${given} or remove ${typeof path[path.length - 1] === 'number' ? 'the item' : 'it'}`,
            yamlMessage: `is empty: give its ${content} on the lines below it, indented, or remove it`,
          },
        ];
      }
      if (input === null) {
        const schema = schemaAt(path);
        const description = schema && (schema.description ?? unwrap(schema).description);
        return [{ path, message: `is empty: give a value${description ? ` (${description.replace(/\.$/, '')})` : ''}, or remove the key` }];
      }
      if (issue.expected === 'array' && (typeof input === 'string' || typeof input === 'number')) {
        const plain = typeof input === 'string' && /^[\w.-]+$/.test(input) && !secret;
        const item = plain ? input : show(input);
        const literal = plain || (typeof input === 'number' && !secret) ? arrayLiteral(input) : `[${show(input)}]`;
        return [
          {
            path,
            message: `${show(input)} is ${kind(input)}: write it as an array: ${literal}`,
            yamlMessage: `${show(input)} is ${kind(input)}: write it as a list: [${item}]`,
          },
        ];
      }
      if (issue.expected === 'array' && kind(input) === 'a mapping') {
        const keys = Object.keys(input as object);
        const example = keys.length ? `, e.g. "- ${keys[0]}: ..."` : '';
        // 80a-5: `{192.168.0.41}`, braces where brackets were meant: keys without values are the list's items.
        const items =
          keys.length > 0 && !secret && keys.every((key) => (input as Record<string, unknown>)[key] === null && /^[\w.:/@-]+$/.test(key));
        return [
          {
            path,
            message: 'is an object, but an array is expected: pass an array (an object with indexes and a length is no array)',
            yamlMessage: items
              ? `is a mapping of keys without values ({} makes a mapping, [] a list), but a list is expected: write [${keys.join(', ')}]`
              : `is a mapping, but a list is expected: start each item with "- "${example}`,
          },
        ];
      }
      // A fraction where an integer goes (56b-13): "1.5 is a number: expected int" said nothing.
      if (issue.expected === 'int' && typeof input === 'number') {
        const description = schemaAt(path, root)?.description?.replace(/\.$/, '');
        return [{ path, message: `is ${show(input)}: expected a whole number${description ? ` (${description})` : ''}` }];
      }
      const custom = issue.message.startsWith('Invalid input') ? undefined : issue.message;
      // A plain value where named keys go (`tls: true`, 76b-7): the keys that go there.
      const keys = issue.expected === 'object' && !custom && input !== null && typeof input !== 'object' ? allowedKeys(path) : [];
      if (keys.length) {
        return [
          {
            path,
            message: `${show(input)} is ${kind(input)}: expected ${objectLiteral(keys)}`,
            yamlMessage: `${show(input)} is ${kind(input)}: expected a mapping of keys (${keys.join(', ')}), such as {${keys[0]}: ...}`,
          },
        ];
      }
      return [{ path, message: `${show(input)} is ${kind(input)}: ${custom ?? `expected ${article(issue.expected)}`}` }];
    }
    case 'invalid_union': {
      if (input === undefined) return [{ path, message: `is required: ${schemaAt(path)?.description ?? 'expected a value'}` }];
      // Prefer the branch the input's shape matched (only nested values fail: `solver: {dns01: ...}` is the
      // object branch), then one whose type matched (its message is specific), else describe the union.
      // A plain word none of the union's words (`server: prod`): every form it takes, the near word first (79b-15).
      const choices = wordChoices(input, path, root);
      if (choices) return [{ path, message: `${show(input)} is not allowed: ${choices}` }];
      const matched = (check: (i: z.core.$ZodIssue) => boolean) => issue.errors.find((branch) => branch.length && branch.every(check));
      const specific = matched((i) => i.path.length > 0) ?? matched((i) => i.code !== 'invalid_type');
      if (specific) return specific.flatMap((i) => describeIssue({ ...i, path: [...issue.path, ...i.path] } as z.core.$ZodIssue, root));
      return [{ path, message: `${show(input)} is ${kind(input)}: ${schemaAt(path)?.description ?? 'not allowed here'}` }];
    }
    case 'invalid_key': {
      // A record key (a resolver, pool or label name) that fails its format rule: that rule's sentence.
      const inner = issue.issues.map((i) => i.message).find((m) => !m.startsWith('Invalid'));
      return [{ path, message: inner ?? `${show(input)} is not allowed as a name here` }];
    }
    case 'too_small':
      if (issue.origin === 'array') return [{ path, message: `is empty: list at least ${issue.minimum} entry` }];
      return [{ path, message: `${show(input)} is too small: expected at least ${issue.minimum}` }];
    case 'too_big':
      return [{ path, message: `${show(input)} is too big: expected at most ${issue.maximum}` }];
    case 'invalid_value': {
      const expected = issue.values.length === 1 ? quote(issue.values[0]) : `one of ${issue.values.map(quote).join(', ')}`;
      if (input === undefined) return [{ path, message: `is required: expected ${expected}` }];
      return [{ path, message: `${show(input)} is not allowed: expected ${expected}` }];
    }
    default: {
      // A word where a union takes words or a format (zod says only the format's verdict: `server: prod`, 79b-15).
      const choices = issue.code === 'custom' ? wordChoices(input, path, root) : undefined;
      if (choices) return [{ path, message: `${show(input)} is not allowed: ${choices}` }];
      // A format check's construct-door words (schema.ts formatted): the file's are its yamlMessage.
      const props = (issue as { params?: { props?: string } }).params?.props;
      return [props ? { path, message: props, yamlMessage: issue.message } : { path, message: issue.message }];
    }
  }
}

/** unionChoices for a plain word (no URL, no credentials in it) where the schema at `path` is a union of words and other forms. */
function wordChoices(input: unknown, path: ReadonlyArray<string | number>, root: z.ZodType): string | undefined {
  return typeof input === 'string' && /^[\w-]{1,64}$/.test(input) ? unionChoices(input, schemaAt(path, root)) : undefined;
}

/** The schema of the value at `path`, through optional/default wrappers, lists and objects. */
export function schemaAt(path: ReadonlyArray<string | number>, root: z.ZodType = clusterConfigSchema): z.ZodType | undefined {
  let schema: z.ZodType | undefined = root;
  for (const key of path) {
    if (!schema) return undefined;
    const def = unwrap(schema)._zod.def as { shape?: Record<string, z.ZodType>; element?: z.ZodType; valueType?: z.ZodType };
    // A record's entries (certManager.issuers.<name>) have its value type.
    schema =
      typeof key === 'number' ? def.element : def.shape ? (Object.hasOwn(def.shape, key) ? def.shape[key] : undefined) : def.valueType;
  }
  return schema;
}

/** ` ({ name, host })`: the keys an object at `path` must have, or nothing when it has none or is no object. */
function requiredKeysExample(path: ReadonlyArray<string | number>, root: z.ZodType): string {
  const schema = schemaAt(path, root);
  const shape = schema && (unwrap(schema)._zod.def as { shape?: Record<string, z.ZodType> }).shape;
  const required = Object.entries(shape ?? {})
    .filter(([, value]) => !['optional', 'default', 'prefault'].includes(value._zod.def.type))
    .map(([key]) => key);
  return required.length ? ` ({ ${required.join(', ')} })` : '';
}

export function unwrap(schema: z.ZodType): z.ZodType {
  const def = schema._zod.def as { type: string; innerType?: z.ZodType };
  return def.innerType && ['optional', 'default', 'nullable', 'prefault'].includes(def.type) ? unwrap(def.innerType) : schema;
}

function quote(value: unknown): string {
  return oneLine(JSON.stringify(value) ?? String(value));
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

function article(expected: string): string {
  const names: Record<string, string> = {
    object: 'a mapping of keys',
    array: 'a list',
    string: 'a string',
    number: 'a number',
    boolean: 'true or false',
  };
  return names[expected] ?? expected;
}

/**
 * A required key that is only missing because it is misspelt (`certresolver` for `certResolver`)
 * needs one message, the "did you mean" one, not also "is required".
 */
export function withoutMisspeltRequired(problems: DescribedProblem[]): DescribedProblem[] {
  const suggested = new Set(problems.filter((p) => p.suggestion).map((p) => formatPath([...p.path.slice(0, -1), p.suggestion!])));
  return problems.filter((p) => !(p.message.startsWith('is required') && suggested.has(formatPath(p.path))));
}
