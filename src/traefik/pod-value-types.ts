import { shownInSentence } from '../core/problem';
import type { Path, Problem } from '../core/problem';
import type { TraefikChartRules } from './chart-versions';
import { goTruthy } from './go-truth';
import { NULL_READING, unquotedReading } from './unquoted-scalar';
import { gracePeriodProblems } from '../validate/container-fields';
import { renderedInteger } from './yaml-number';
import { isMap } from '../core/is-map';
import { GO_YAML_TRUE_WORDS } from '../core/go-yaml-scalars';

type Values = Readonly<Record<string, unknown>>;
type Rules = Pick<TraefikChartRules, 'runtimeClassName' | 'timezoneKey' | 'hubTokenVolume' | 'localPlugins'>;
const FAILS = 'so the whole Traefik release fails to install';

/** A field of Traefik's pod template the chart writes unquoted: where, what the API server takes there, and the fix. */
interface TextField {
  readonly path: Path;
  readonly value: unknown;
  /** Written under `if`/`with`/sprig `default` (templates/_podtemplate.tpl): a Go-false value (0, false, {}, []) is skipped. */
  readonly guarded: boolean;
  readonly what: string;
  readonly fix: string;
}

const kindOf = (value: unknown) =>
  typeof value === 'number' ? 'a number' : typeof value === 'boolean' ? 'a boolean' : Array.isArray(value) ? 'a list' : 'a map';
const at = (node: unknown, key: string): unknown => (isMap(node) && Object.hasOwn(node, key) ? node[key] : undefined);

/**
 * The fields of Traefik's pod template the chart writes unquoted where the API server takes only a text
 * (templates/_podtemplate.tpl, the same lines at v27.0.2, v36.3.0 and v41.3.0 where the chart writes them, see
 * chart-versions.ts): `priorityClassName` (`if`), `deployment.runtimeClassName` and `deployment.dnsPolicy` (`with`),
 * `image.pullPolicy` (always), the env `TZ` of the access log's time zone (`if`), `persistence.existingClaim` (sprig
 * `default`, under `if .Values.persistence.enabled`), `persistence.name` and `persistence.path` (always), `persistence.subPath`
 * (`if`), `hub.tokenMountPath` (with a hub token), and a `localPath` local plugin's
 * `volumeName` (always) and `subPath` (`if`).
 */
function textFields(values: Values, rules: Rules): TextField[] {
  const rename = (kind: string) =>
    `name the ${kind} with a letter in it, as a text (e.g. "${kind === 'PriorityClass' ? 'high-1' : 'name-1'}")`;
  const path = 'write an absolute path such as /config, as a text';
  const persistence = at(values, 'persistence');
  const deployment = at(values, 'deployment');
  const fields: TextField[] = [
    { path: ['priorityClassName'], guarded: true, what: 'a priorityClassName', fix: rename('PriorityClass') },
    {
      path: ['deployment', 'dnsPolicy'],
      guarded: true,
      what: 'a DNS policy',
      fix: 'write one of ClusterFirstWithHostNet, ClusterFirst, Default, None',
    },
    { path: ['image', 'pullPolicy'], guarded: false, what: 'an image pull policy', fix: 'write one of Always, IfNotPresent, Never' },
    { path: ['persistence', 'name'], guarded: false, what: 'a volume name', fix: 'write a name such as data, as a text' },
    { path: ['persistence', 'path'], guarded: false, what: 'a mountPath', fix: path },
    { path: ['persistence', 'subPath'], guarded: true, what: 'a subPath', fix: 'write a relative path such as data, as a text' },
  ].map((field) => ({ ...field, value: field.path.reduce<unknown>((node, key) => at(node, key as string), values) }));
  if (rules.runtimeClassName)
    fields.push({
      path: ['deployment', 'runtimeClassName'],
      value: at(deployment, 'runtimeClassName'),
      guarded: true,
      what: 'a runtimeClassName',
      fix: rename('RuntimeClass'),
    });
  if (rules.timezoneKey !== 'none') {
    const key = rules.timezoneKey.split('.');
    fields.push({
      path: key,
      value: key.reduce<unknown>((node, part) => at(node, part), values),
      guarded: true,
      what: "an env var's value (the env var TZ of Traefik's container)",
      fix: 'write a time zone name such as Europe/Paris or UTC',
    });
  }
  if (goTruthy(at(persistence, 'enabled')))
    fields.push({
      path: ['persistence', 'existingClaim'],
      value: at(persistence, 'existingClaim'),
      guarded: true,
      what: 'a claimName',
      fix: rename('PersistentVolumeClaim'),
    });
  const hub = at(values, 'hub');
  if (rules.hubTokenVolume && goTruthy(at(hub, 'token')))
    fields.push({ path: ['hub', 'tokenMountPath'], value: at(hub, 'tokenMountPath'), guarded: false, what: 'a mountPath', fix: path });
  const plugins = rules.localPlugins === 'typed' ? at(at(values, 'experimental'), 'localPlugins') : undefined;
  for (const [name, plugin] of Object.entries(isMap(plugins) ? plugins : {})) {
    if (at(plugin, 'type') !== 'localPath') continue;
    const key = ['experimental', 'localPlugins', name];
    fields.push(
      {
        path: [...key, 'volumeName'],
        value: at(plugin, 'volumeName'),
        guarded: false,
        what: "a volume mount's name",
        fix: 'name the deployment.additionalVolumes item and this volumeName with a text (e.g. "vol-123")',
      },
      {
        path: [...key, 'subPath'],
        value: at(plugin, 'subPath'),
        guarded: true,
        what: 'a subPath',
        fix: 'write a relative path such as data, as a text',
      },
    );
  }
  return fields;
}

/**
 * Values of Traefik's pod template of the wrong type, on every chart version (a vendored values schema only exists for some,
 * and K3s drops the chart's schema): a number, boolean, list or map where the chart writes a text unquoted (textFields;
 * Go's template prints it as `5`, `true`, `[a b]` or `map[a:b]`, which is no such text); a
 * `deployment.terminationGracePeriodSeconds` that does not print as a whole number (`terminationGracePeriodSeconds: {{ default
 * 60 ... }}`, an int64 field); and a `hostNetwork` that is no boolean (`hostNetwork: {{ .Values.hostNetwork }}`), where a
 * text YAML reads as false is refused too: the chart's own `if .Values.hostNetwork` reads any non-empty text as true.
 * Texts are unquoted-scalar.ts' to judge (pod-spec-texts.ts, pod-volume-texts.ts); a value the chart skips (Go truth) or a
 * null is left alone.
 */
export function podValueTypeProblems(values: Values, prefix: Path, rules: Rules): Problem[] {
  const key = (path: Path) => [...prefix, 'values', ...path];
  const problems: Problem[] = [];
  for (const { path, value, guarded, what, fix } of textFields(values, rules)) {
    if (value === undefined || value === null || typeof value === 'string' || (guarded && !goTruthy(value))) continue;
    problems.push({
      path: key(path),
      message: isMap(value)
        ? // Go's template prints a map as the text `map[key:value]`, which the API server may well take (as a subPath, say).
          `is ${shownInSentence(value)}, a map, not a text, which the chart writes unquoted into the pod template, where Go's template ` +
          `prints it as the text "map[...]", so the pod gets that as ${what} (or the API server refuses it): ${fix}`
        : `is ${shownInSentence(value)}, ${kindOf(value)}, not a text, which the chart writes unquoted into the pod template, ` +
          `and the API server refuses ${what} that is no text, ${FAILS}: ${fix}`,
    });
  }
  const grace = at(at(values, 'deployment'), 'terminationGracePeriodSeconds');
  // sprig's `default` writes 60 for a Go-false value; what it writes otherwise must read as a whole number.
  if (goTruthy(grace) && renderedInteger(grace) === undefined)
    problems.push({
      path: key(['deployment', 'terminationGracePeriodSeconds']),
      message:
        `is ${shownInSentence(grace)}, which the chart writes unquoted as the pod's terminationGracePeriodSeconds, where the API server ` +
        `takes only a whole number of seconds, ${FAILS}: write a whole number such as 30, or remove the key (the chart's default is 60)`,
    });
  // A whole number beyond 2^53-1 is not carried exactly (container-fields.ts gracePeriodProblems): a text beyond int64 too.
  const count = typeof grace === 'string' ? textBeyondInt64(grace) : grace;
  if (goTruthy(grace) && renderedInteger(grace) !== undefined)
    for (const { message } of gracePeriodProblems(count, [], true, ", which the chart writes as the pod's terminationGracePeriodSeconds"))
      problems.push({ path: key(['deployment', 'terminationGracePeriodSeconds']), message });
  const host = at(values, 'hostNetwork');
  // A text YAML reads as true is written as true and read as true by the chart's `if`; "" is written as null (false).
  const written = typeof host === 'string' ? unquotedReading(host) : undefined;
  const sameTruth = typeof host === 'string' && (host === '' || (written === 'a boolean' && GO_YAML_TRUE_WORDS.includes(host.trim())));
  if (host !== undefined && host !== null && typeof host !== 'boolean' && !sameTruth)
    problems.push({
      path: key(['hostNetwork']),
      message:
        typeof host === 'string' && (written === 'a boolean' || written === NULL_READING)
          ? `is ${shownInSentence(host)}, a text, which the chart writes unquoted as the pod's hostNetwork, where Kubernetes' YAML reader reads it as ` +
            `${written === 'a boolean' ? 'false' : 'null (false)'}, while the chart's own checks (\`if .Values.hostNetwork\`) read any non-empty text as true, ` +
            'so the ports and rollout it writes are those of a host-network pod: write false, without quotes'
          : `is ${shownInSentence(host)}, not a boolean, which the chart writes unquoted as the pod's hostNetwork, where the API server takes only true or false, ` +
            `${FAILS}: write true or false, without quotes`,
    });
  return problems;
}

/**
 * A text the template prints and YAML reads as a whole number, as a number when it lies beyond int64 (go-yaml keeps an
 * int64 text exactly, so only such a text is refused, by gracePeriodProblems); undefined otherwise. A text too long for a
 * finite number is the whole-number check's (it reads as Infinity).
 */
function textBeyondInt64(text: string): number | undefined {
  if (text.length > 400) return undefined;
  const digits = /^\s*[+-]?\d+\s*$/.test(text) ? BigInt(text.trim()) : undefined;
  if (digits !== undefined) return digits > 2n ** 63n - 1n || digits < -(2n ** 63n) ? Number(digits) : undefined;
  const number = renderedInteger(text);
  return number !== undefined && Math.abs(number) >= 2 ** 63 ? number : undefined;
}
