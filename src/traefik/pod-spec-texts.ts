import { quotedText } from '../core/problem';
import type { Path, Problem } from '../core/problem';
import type { TraefikChartRules } from './chart-versions';
import { goTruthy } from './go-truth';
import { unquotedProblem } from './pod-volume-texts';
import { NULL_READING, readsAsPhrase, unquotedPhrase, unquotedReading } from './unquoted-scalar';
import { isMap } from '../core/is-map';
import { dns1123Subdomain } from '../config/formats';

type Values = Readonly<Record<string, unknown>>;
const FAILS = 'so the whole Traefik release fails to install';
const show = (text: string) => (text.length > 80 ? `(${quotedText(text, () => false, '')})` : quotedText(text, () => false, ''));
const at = (node: Values, key: string): unknown => (Object.hasOwn(node, key) ? node[key] : undefined);
const mapAt = (node: Values, key: string): Values => (isMap(at(node, key)) ? (node[key] as Values) : {});
/** A text the chart writes under `if`/`with`: Go truth, so only a non-empty text. */
const givenText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** The values the API server takes (k8s.io/api core/v1 PullPolicy and DNSPolicy). */
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

/**
 * Texts of the pod spec the chart writes unquoted (templates/_podtemplate.tpl at v41.3.0, the same lines at every tag from
 * the one named): `dnsPolicy: {{ . }}` under `with .Values.deployment.dnsPolicy` (v20.1.1), `runtimeClassName: {{ . }}` under
 * `with .Values.deployment.runtimeClassName` (v26.1.0, chart-versions.ts `runtimeClassName`), `imagePullPolicy: {{
 * .Values.image.pullPolicy }}` (v20.1.1), the env `TZ` `value: {{ ... }}` of the access log's time zone (chart-versions.ts
 * `timezoneKey`), `claimName: {{ default (include "traefik.fullname" .) .Values.persistence.existingClaim }}` under `if
 * .Values.persistence.enabled` (v20.1.1) and `priorityClassName: {{ .Values.priorityClassName }}` (v20.1.1). A text YAML reads
 * as a number, a boolean or null (unquoted-scalar.ts) is no such text; a pull or DNS policy the API server does not list is
 * refused too, and so is a priorityClassName, runtimeClassName or existingClaim that is no DNS-1123 subdomain. Values that
 * are no text at all are pod-value-types.ts' to refuse.
 */
export function podSpecTextProblems(
  values: Values,
  prefix: Path,
  rules: Pick<TraefikChartRules, 'runtimeClassName' | 'timezoneKey'>,
): Problem[] {
  const key = (...path: Path) => [...prefix, 'values', ...path];
  const problems: Problem[] = [];
  const rename = (what: string) =>
    `name the ${what} with a letter in it that makes it no number, boolean or null (e.g. "${what === 'PriorityClass' ? 'high-1' : 'name-1'}")`;
  const persistence = mapAt(values, 'persistence');
  const claim = at(persistence, 'existingClaim');
  if (goTruthy(at(persistence, 'enabled')) && givenText(claim))
    problems.push(
      ...(unquotedReading(claim) === undefined
        ? subdomainProblems(key('persistence', 'existingClaim'), claim, CLAIM_NAME)
        : unquotedProblem(key('persistence', 'existingClaim'), claim, 'a claimName', rename('PersistentVolumeClaim'))),
    );
  const priority = at(values, 'priorityClassName');
  if (givenText(priority))
    problems.push(
      ...(unquotedReading(priority) === undefined
        ? subdomainProblems(key('priorityClassName'), priority, PRIORITY_CLASS)
        : optionalText(key('priorityClassName'), priority, 'a priorityClassName', 'no PriorityClass', rename('PriorityClass'))),
    );
  const deployment = mapAt(values, 'deployment');
  const runtime = at(deployment, 'runtimeClassName');
  if (rules.runtimeClassName && givenText(runtime))
    problems.push(
      ...(unquotedReading(runtime) === undefined
        ? subdomainProblems(key('deployment', 'runtimeClassName'), runtime, RUNTIME_CLASS)
        : optionalText(
            key('deployment', 'runtimeClassName'),
            runtime,
            'a runtimeClassName',
            "the node's default runtime",
            rename('RuntimeClass'),
          )),
    );
  if (rules.timezoneKey !== 'none') {
    const path = rules.timezoneKey.split('.');
    const zone = path.reduce<unknown>((node, part) => (isMap(node) ? at(node, part) : undefined), values);
    const what = "an env var's value (the env var TZ of Traefik's container)";
    if (givenText(zone))
      problems.push(...optionalText(key(...path), zone, what, 'an empty TZ (UTC)', 'write a time zone name such as Europe/Paris or UTC'));
  }
  const pull = at(mapAt(values, 'image'), 'pullPolicy');
  // Written even when empty: `imagePullPolicy: ` is null, which the API server defaults.
  if (givenText(pull))
    problems.push(...policyProblems(key('image', 'pullPolicy'), pull, 'an image pull policy', PULL_POLICIES, 'IfNotPresent or Always'));
  const dns = at(deployment, 'dnsPolicy');
  if (givenText(dns)) problems.push(...policyProblems(key('deployment', 'dnsPolicy'), dns, 'a DNS policy', DNS_POLICIES, 'ClusterFirst'));
  return problems;
}

/**
 * Names the API server checks as DNS-1123 subdomains (kubernetes pkg/apis/core/validation ValidatePodSpec: a non-empty
 * priorityClassName by ValidatePriorityClassName, a runtimeClassName by ValidateRuntimeClassName, both NameIsDNSSubdomain);
 * a claimName it only requires (validatePersistentClaimVolumeSource), but a PersistentVolumeClaim's own name is a
 * DNS-1123 subdomain (ValidatePersistentVolumeClaim), so no claim of another name can exist.
 */
const PRIORITY_CLASS = `is no name the API server takes as a pod's priorityClassName (a DNS-1123 subdomain), ${FAILS}`;
const RUNTIME_CLASS = `is no name the API server takes as a pod's runtimeClassName (a DNS-1123 subdomain), ${FAILS}`;
const CLAIM_NAME =
  "is no name a PersistentVolumeClaim can have (a DNS-1123 subdomain), so Traefik's pod waits for the claim forever and the rollout never completes";

function subdomainProblems(path: Path, text: string, why: string): Problem[] {
  const problem = dns1123Subdomain(text);
  return problem ? [{ path, message: `${why}: ${problem}` }] : [];
}

/** An optional field written unquoted: a null reading drops it (its default applies without a word), another is refused. */
function optionalText(path: Path, text: string, what: string, fallback: string, fix: string): Problem[] {
  return droppedProblem(path, text, fallback, fix) ?? unquotedProblem(path, text, what, fix);
}

function droppedProblem(path: Path, text: string, fallback: string, fix: string): Problem[] | undefined {
  if (unquotedReading(text) !== NULL_READING) return undefined;
  const message =
    `is ${show(text)}, which the chart writes unquoted into the pod template, ${readsAsPhrase(NULL_READING)}, so the field is ` +
    `dropped and ${fallback} applies instead: ${fix}, or remove the key`;
  return [{ path, message }];
}

/** A pull or DNS policy: one of the API server's values; written unquoted, a null reading drops the field (the default applies). */
function policyProblems(path: Path, text: string, what: string, allowed: readonly string[], fallback: string): Problem[] {
  // The YAML scanner drops blanks around a plain scalar: " Always" reads as Always.
  if (allowed.includes(text.replace(/^[ \t]+|[ \t]+$/g, ''))) return [];
  const reading = unquotedReading(text);
  const choose = `write one of ${allowed.join(', ')}`;
  const dropped = droppedProblem(path, text, `Kubernetes' default (${fallback})`, choose);
  if (dropped) return dropped;
  if (reading !== undefined)
    return [
      {
        path,
        message: `is ${show(text)}, ${unquotedPhrase(reading)}, and the API server refuses ${what} that is no text, ${FAILS}: ${choose}`,
      },
    ];
  return [{ path, message: `is ${show(text)}, which is not ${what} the API server takes, ${FAILS}: ${choose} (the case matters)` }];
}
