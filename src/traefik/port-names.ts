import type { Problem } from '../core/problem';
import { shownValue } from '../core/problem';
import { portNameProblem } from '../core/port-name';
import { secretValues } from '../core/secrets';
import type { Version } from '../semver';
import type { Entrypoint } from './entrypoints';
import { traefikChartRules, TraefikChartRules } from './chart-versions';
import { readsAsPhrase, unquotedReading } from './unquoted-scalar';

/**
 * An entrypoint's name as the chart writes it as a port name (chart-versions.ts `portNames`): on the pod, its own
 * port and, with HTTP/3, `<name>-http3` (kept as written by v34.1.x to v34.5.x, whose pod template lower-cases only
 * the first); `traefik.portname` is `lower | trimPrefix "-" | trunc 15 | trimSuffix "-"` (sprig's trunc cuts bytes).
 */
export function renderedPortName(name: string, mode: TraefikChartRules['portNames'], http3 = false): string {
  const full = http3 ? `${name}-http3` : name;
  if (mode === 'as-written') return full;
  if (mode === 'lower') return http3 ? full : name.toLowerCase();
  const cut = Buffer.from(full.toLowerCase().replace(/^-/, ''), 'utf8').subarray(0, 15).toString('utf8');
  return cut.replace(/-$/, '');
}

/** 79b-1: counted apart from a problem of the entrypoint's port at the same key (onePerPath), so both are said. */
const NAME_PART = '\0port name';

const RULE = 'a port name has at most 15 characters, only a-z, 0-9 and "-", at least one letter, no "--" and no "-" at either end';

/** A name the API server takes, close to `name`: for the message's suggestion. */
function suggestion(name: string): string {
  let out = name
    .toLowerCase()
    .replace(/[^-a-z0-9]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (!/[a-z]/.test(out)) out = `port-${out}`;
  return out.slice(0, 15).replace(/-$/, '');
}

/**
 * Entrypoint names (`ports.<name>`) whose port names the API server refuses in Traefik's Deployment or Service (then
 * helm-controller's install or upgrade fails and K3s keeps the old Traefik, or none): a name that is no IANA_SVC_NAME
 * once the chart has written it, and two entrypoints whose written names are the same (the API server refuses two ports
 * of one name in a container and in a Service; each exposed port has its container port, so the container is where they
 * meet first). A dot, never valid there, also makes Traefik's `--entryPoints.<name>.address` flag split the name.
 * `<name>-http3` is judged wherever HTTP/3 is on (charts before v26.0.0 render it on the pod only with a hostPort: judged
 * there too, on the safe side).
 */
export function portNameProblems(entrypoints: readonly Entrypoint[], chart: Version, chartName: string): Problem[] {
  const { portNames } = traefikChartRules(chart);
  const problems: Problem[] = [];
  const taken = new Map<string, { entry: Entrypoint; http3: boolean }>();
  // The chart's own entrypoints first, so a clash is reported on the user's key.
  const ordered = [...entrypoints].sort((a, b) => Number(a.path.includes('values')) - Number(b.path.includes('values')));
  for (const entry of ordered) {
    const own = renderedPortName(entry.name, portNames);
    const names = [own, ...(entry.http3 && !entry.http3.byFlag ? [renderedPortName(entry.name, portNames, true)] : [])];
    // From v35.0.0 (`portname`) the chart writes the port name unquoted (`- name: {{ include "traefik.portname" $name }}`
    // in _podtemplate.tpl and _service.tpl, v35.0.0 to v41.3.0; before, `{{ $name | quote }}`).
    const unquoted = portNames === 'portname' ? names.find((name) => unquotedReading(name)) : undefined;
    if (unquoted !== undefined && !portNameProblem(unquoted)) {
      problems.push({
        textPart: NAME_PART,
        path: entry.path,
        message:
          `is entrypoint ${shownValue(entry.name)}, which ${chartName} writes unquoted as port name ${shownValue(unquoted)}, ` +
          `${readsAsPhrase(unquotedReading(unquoted) as string)}, and the API server refuses a port name that is no text, ` +
          `so the whole Traefik release fails to install: rename the entrypoint, e.g. ${shownValue(`port-${suggestion(entry.name)}`.slice(0, 15))}`,
      });
      continue;
    }
    // A name holding a secret (`password=Zq8v…`) is said without the characters it holds: they are the secret's (57a-12).
    const secrets = secretValues(entry.name);
    const held = secrets.length > 0;
    // The suggested name is made of what is left once the secret is taken out (`password=Zq8v…` -> "password").
    const named = held ? secrets.reduce((text, secret) => text.split(secret).join('-'), entry.name) : entry.name;
    const why = (name: string) => {
      const found = portNameProblem(name);
      return held && found?.startsWith('it holds "') ? 'it holds characters other than a-z, 0-9 and "-"' : found;
    };
    const invalid = names.map((name) => ({ name, why: why(name) })).find((name) => name.why);
    const dot = entry.name.includes('.')
      ? `, and Traefik's flag --entryPoints.${entry.name}.address splits the name at the dot into nested keys`
      : '';
    if (invalid) {
      // Not quoted as written where the name holds a secret: a cut-short copy (`password=zq8vlm`) escapes its redaction.
      const as = invalid.name === entry.name || held ? 'as a port name' : `as port name ${shownValue(invalid.name)}`;
      problems.push({
        textPart: NAME_PART,
        path: entry.path,
        message:
          `is entrypoint ${shownValue(entry.name)}, which ${chartName} writes ${as} of Traefik's container` +
          `${entry.services.length ? ' and Service' : ''}, and the API server refuses it (${invalid.why}; ${RULE})${dot}, ` +
          `so the whole Traefik release fails to install: rename the entrypoint, e.g. ${shownValue(suggestion(named))}`,
      });
      continue;
    }
    for (const [index, name] of names.entries()) {
      const held = taken.get(name);
      if (!held) {
        taken.set(name, { entry, http3: index > 0 });
        continue;
      }
      const other = held.entry;
      const mine = index > 0 ? `its HTTP/3 port (UDP) as port name ${shownValue(name)}` : `as port name ${shownValue(name)}`;
      const theirs = held.http3 ? `HTTP/3 port's` : `port's`;
      if (other === entry) {
        problems.push({
          aboutName: true,
          path: entry.path,
          message:
            `is entrypoint ${shownValue(entry.name)}, which ${chartName} writes ${mine}, the same name as the entrypoint's own ${theirs} ` +
            `(cut to 15 characters), and the API server refuses two ports of one name in Traefik's container, so the whole Traefik ` +
            'release fails to install: shorten the entrypoint name so that it and "<name>-http3" differ in their first 15 characters',
        });
        break;
      }
      const shared = entry.services.some((service) => other.services.includes(service)) ? ' and Service' : '';
      problems.push({
        textPart: NAME_PART,
        path: entry.path,
        message:
          `is entrypoint ${shownValue(entry.name)}, which ${chartName} writes ${mine}, the same as entrypoint ` +
          `${shownValue(other.name)}'s ${theirs.replace(/'s$/, '')}, and the API server refuses two ports of one name in Traefik's container${shared}, ` +
          'so the whole Traefik release fails to install: give them names that differ in their first 15 characters, in lower case',
      });
      break;
    }
  }
  return problems;
}
