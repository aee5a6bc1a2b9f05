import { applyBundledTraefikChart } from '../k3s/bundled-traefik';
import { allowedKeys, CONFIG_SHAPE } from '../config/config-shape';
import type { DescribedProblem } from '../config/issues';
import { CREDENTIALS_BEFORE_AT, USER_BEFORE_AT } from '../config/git-formats';
import { literalTokensInData } from '../config/literal-tokens';
import type { ClusterConfig } from '../config/schema';
import { parseShape, REFUSED } from '../config/shape';
import { zodIssues, zodSchema } from '../config/zod-lazy';
import { formatPath, onePerPath, Path, Problem, unmarked } from '../core/problem';
import { redactProblem, secretsInPaths } from '../core/redact-message';
import { placedAt } from '../core/problem-places';
import { FoundSecret, secretsInData } from '../core/secrets';
import { secretKeyPlaces, secretProblems } from '../core/secret-place';
import { withoutDropped, withoutDroppedItems } from '../core/dropped';
import { snapshot } from '../core/snapshot';
import { checkClusterRules } from './rules';
import { rulesDespite } from './rules-despite';

/**
 * The one validation pipeline of a cluster, for the YAML files and the constructs alike: the input is
 * read once into frozen plain data (anything else is refused by name), secrets are refused, the schema
 * checks each value, the K3s release picks its Traefik chart, the rules judge the effective model, and
 * every message passes one redaction step.
 */

/** The outcome of validating a config: the config with defaults when there are no errors. */
export interface ConfigValidation {
  readonly config?: ClusterConfig;
  readonly errors: Problem[];
  readonly warnings: Problem[];
  /** The errors the caller's `deferred` took out: they do not stop the config, the caller judges them later. */
  readonly deferred?: Problem[];
}

/** The configs validateClusterConfig gave, with their warnings: each such config is deep-frozen plain data. */
const produced = new WeakMap<object, readonly Problem[]>();
const copyProblems = (problems: readonly Problem[]): Problem[] => problems.map((p) => ({ ...p, path: [...p.path] }));

/**
 * The one validation of a cluster config, for the YAML files and the TypeScript API alike: the schema
 * (each value on its own), then, when that passes, the cross-value rules. `mergeSchemaProblems` lets
 * the YAML path merge problems that only the file's layout explains (a dedented block); `cluster` is the
 * cluster's name where it is known (a config file's), which names its GitOps objects.
 */
export function validateClusterConfig(
  input: unknown,
  mergeSchemaProblems: (problems: DescribedProblem[]) => Problem[] = (problems) => problems,
  cluster?: string,
  leftOut: readonly Path[] = [],
  deferred: (problem: Problem) => boolean = () => false,
): ConfigValidation {
  // A config this pipeline gave (deep-frozen, so unchanged since) has passed it: the YAML path validates a
  // file as it loads it and hands the config to K3sVipCluster, which need not validate it a second time.
  const known = typeof input === 'object' && input !== null ? produced.get(input) : undefined;
  if (known) return { config: input as ClusterConfig, errors: [], warnings: copyProblems(known) };
  // What is not plain data is reported and left out (`dropped`); the rest is still judged, so one run says everything.
  const { data, problems: notData, dropped } = snapshot(input);
  // The left-out values' problems first, then the others, none at or under a left-out value (it would only repeat it).
  const withNotData = (problems: readonly Problem[]) => [...notData, ...withoutDropped(problems, dropped)];
  // The schema and the rules judge the lists without their left-out items (here or by the YAML reader, `leftOut`);
  // their findings are mapped back to the items' own indices.
  const judged = withoutDroppedItems(data, [...dropped, ...leftOut]);
  const back = <P extends Problem>(problems: readonly P[]): P[] =>
    judged.data === data ? [...problems] : problems.map((p) => ({ ...p, path: judged.original(p.path) }));
  // A whole section left out (an unreadable `traefik`) leaves the cross-value rules judging a config without it,
  // where they would only mislead ("resolver not defined" for one `traefik` defines): the schema's findings stand.
  // (A top-level key no config has, `constructor: 1`, is no section: the rules need nothing of it.)
  const sections = allowedKeys([]);
  const sectionLeftOut = [...dropped, ...leftOut].some((path) => !path.length || (path.length === 1 && sections.includes(String(path[0]))));
  const secrets = secretsInData(data);
  const secretKeys = secretKeyPlaces(secrets, formatPath);
  // A value some other rule already refuses needs no second message; every message is redacted below anyway.
  const tokens = literalTokensInData(data);
  // At the token's key or under it: `a.b` under `a`, `a["b.c"]` (a bracketed key, formatPath) too.
  const samePlace = (path: Path, token: Path) =>
    `${formatPath(path)}.`.startsWith(`${formatPath(token)}.`) || formatPath(path).startsWith(`${formatPath(token)}["`);
  // A secret's message (a K3s token's or another's) stands beside any other problem about that value, one line each
  // (51a-13: one run says both). Every message is redacted below anyway.
  const withSecrets = (problems: readonly Problem[]) => {
    // A problem about a key's name (50a-12) is left out where that key itself holds a secret: the secret's line says it.
    const kept = problems.filter((p) => !(p.aboutName && secretKeys.has(formatPath(p.path))));
    // A token on a line of a text hides only that line's other finding (45a-19): the text's other lines are still said.
    const tokenLines = new Set(tokens.flatMap((t) => (t.textLine === undefined ? [] : [`${formatPath(t.path)}\n${t.textLine}`])));
    const onTokenLine = (p: Problem) => p.textLine !== undefined && tokenLines.has(`${formatPath(p.path)}\n${p.textLine}`);
    // A URL's credentials said by its format rule (`gitops.repoURL`, which names where they go instead) are said once (63a-7);
    // an Ingress host's `user:password@` alike (79a-5: its rule says to write the host alone, which fits a host).
    const credentials = new Set(
      kept.filter((p) => p.message.includes(CREDENTIALS_BEFORE_AT) || p.message.includes(USER_BEFORE_AT)).map((p) => formatPath(p.path)),
    );
    const atToken = (path: Path) =>
      tokens.some((t) => t.textLine === undefined && samePlace(path, t.path)) || credentials.has(formatPath(path));
    const others = otherSecrets(secrets, atToken, data);
    const secret = (p: Problem): Problem => ({ ...p, aboutSecret: true });
    return [...tokens.map(secret), ...kept, ...others.filter((p) => !onTokenLine(p)).map(secret)];
  };
  const values = [...secretsInPaths(notData), ...secrets.map((s) => s.value)];

  const parsed = parseConfig(judged.data);
  if (!parsed.success) {
    const { describeIssues, withoutMisspeltRequired } = zodIssues();
    const described = withoutMisspeltRequired(describeIssues(parsed.error.issues));
    const problems = mergeSchemaProblems(back(described));
    const despite = sectionLeftOut ? [] : back(rulesDespite(judged.data, judged.data === data ? problems : described, cluster));
    const errors = onePerPath(withSecrets([...problems, ...despite]));
    return redacted({ errors: withNotData(errors), warnings: [] }, values);
  }
  // With k3s.version set, the chart K3s bundles is the default chart version.
  const bundled = applyBundledTraefikChart(judged.data, parsed.data);
  const { errors, warnings } = sectionLeftOut ? { errors: [], warnings: [] } : checkClusterRules(bundled.config, cluster);
  const judgedErrors = withNotData(withSecrets(back(errors)));
  // What the caller judges later (a K3sVipCluster, an issuer its app's objects may define: 72a-8) stops nothing here.
  const later = judgedErrors.filter((p, i) => i >= notData.length && deferred(p));
  const allErrors = judgedErrors.filter((p) => !later.includes(p));
  const result = redacted(
    {
      ...(later.length && { deferred: onePerPath(later) }),
      // Never a config judged without a value left out: whoever left it out reports why.
      config: allErrors.length || leftOut.length ? undefined : deepFreeze(bundled.config),
      errors: [...notData, ...onePerPath(allErrors.slice(notData.length))],
      // None beside values left out, as beside the schema's findings: the config is refused either way.
      warnings: notData.length || leftOut.length ? [] : onePerPath(back([...warnings, ...bundled.warnings]), allErrors),
    },
    values,
  );
  // A config with problems left to its caller is no config that passed: given again, it is judged again.
  if (result.config && !later.length) produced.set(result.config, copyProblems(result.warnings));
  return result;
}

/**
 * The schema's verdict on a config: its shape (config-shape.ts) parses it exactly as zod would, without
 * loading zod; only a config the shape refuses is parsed by zod itself, whose issues say why (and whose
 * output stands should the shape ever be stricter than zod).
 */
function parseConfig(data: unknown) {
  const parsed = parseShape(CONFIG_SHAPE, data);
  if (parsed !== REFUSED) return { success: true as const, data: parsed as ClusterConfig };
  return zodSchema().clusterConfigSchema.safeParse(data, { reportInput: true });
}

/** Secrets other than K3s tokens are refused because dist/ is committed to Git. Nothing is echoed. */
function otherSecrets(secrets: readonly FoundSecret[], atToken: (path: Path) => boolean, data: unknown): Problem[] {
  return secrets.filter((secret) => !atToken(secret.path)).flatMap((secret) => secretProblems(secret, data));
}

/** Every message and key path without a secret of the input: the one redaction step of the pipeline. */
function redacted(result: ConfigValidation, secrets: readonly string[]): ConfigValidation {
  // Where each stands as written is kept beside it (problem-places.ts): the loader locates a blanked key at its own line.
  const clean = (problems: readonly Problem[]) =>
    problems.map((problem) => placedAt(redactProblem(unmarked(problem), secrets), problem.path, problem.aboutName));
  return {
    ...result,
    errors: clean(result.errors),
    warnings: clean(result.warnings),
    ...(result.deferred && { deferred: clean(result.deferred) }),
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
