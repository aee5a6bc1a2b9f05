import { shownInSentence } from '../core/problem';
import type { TraefikFlag } from './arguments';
import { flagListItems } from './flag-list-items';

/**
 * 63b-2, 63b-3, 63b-9: values Traefik parses (flag-names.ts judges that) but then misreads, for the flags whose chart
 * keys the values schema or the chart's Service hold to more. Both doors meet here: a chart key the chart writes as
 * the flag (chart-key-flags.ts) and the same flag in `additionalArguments`.
 */

/**
 * Log levels, read case-insensitively (traefik/traefik v3.x cmd/traefik/logger.go `getLogLevel`:
 * `zerolog.ParseLevel(strings.ToLower(levelStr))`, which also takes `disabled` and a number from -128 to 127; v2.11
 * cmd/traefik/logger.go `logrus.ParseLevel(strings.ToLower(...))`, which also takes `warning`). An unknown level is
 * logged (and on v3 replaced by ERROR), so the level asked for never applies. Empty is the default (ERROR).
 */
const LEVELS = {
  2: ['trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'panic'],
  3: ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'panic', 'disabled'],
} as const;

function logLevelProblem(raw: string, major: number): string | undefined {
  const levels: readonly string[] = major === 2 ? LEVELS[2] : LEVELS[3];
  if (raw === '' || levels.includes(raw.toLowerCase())) return undefined;
  if (major !== 2 && /^[-+]?\d{1,3}$/.test(raw) && Number(raw) >= -128 && Number(raw) <= 127) return undefined;
  // v3 replaces an unknown level by ERROR (cmd/traefik/logger.go getLogLevel); v2's logrus fails on it, and which level
  // v2 then keeps is not checked here (64b-1), so the message names none.
  const instead = major === 2 ? 'so Traefik does not log at the level asked for' : 'so Traefik logs at ERROR instead';
  return `is not a log level Traefik knows, ${instead}: write one of ${levels.map((l) => l.toUpperCase()).join(', ')} (the option the chart's logs.general.level sets)`;
}

/**
 * Log formats, compared exactly: Traefik's own log writes JSON only for `json` (v3.x cmd/traefik/logger.go
 * `getLogWriter`; v2.11 `if logFormat == "json"` / `"common"`), and the access log switches on `common`, `genericCLF`
 * (v3) and `json` (pkg/middlewares/accesslog/logger.go `NewHandler`, "Unsupported access log format ... defaulting to
 * common format instead"). The chart's schema enums (vendor/traefik-values-schema: logs.general.format common, json;
 * logs.access.format common, genericCLF, json) say the same.
 */
function formatProblem(raw: string, formats: readonly string[], key: string): string | undefined {
  if (raw === '' || formats.includes(raw)) return undefined;
  const near = formats.find((f) => f.toLowerCase() === raw.trim().toLowerCase());
  return `is not a format Traefik knows (it compares the exact spelling), so Traefik falls back to the common format: ${near ? `write ${near}` : `write one of ${formats.join(', ')}`} (the chart's ${key} takes the same)`;
}

/**
 * Histogram buckets must rise strictly: prometheus/client_golang prometheus/histogram.go `newHistogram` panics
 * ("histogram buckets must be in increasing order: %f >= %f") when Traefik builds its request-duration histograms; a
 * last `+Inf` is dropped there (implicit). Items that do not parse are flag-names.ts'.
 */
function bucketsProblem(raw: string): string | undefined {
  const bounds = flagListItems(raw).map((item) => Number(item.trim().replace(/^([-+]?)inf(inity)?$/i, '$1Infinity')));
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    if (Number.isNaN(bounds[i]) || Number.isNaN(bounds[i + 1])) continue;
    if (bounds[i] >= bounds[i + 1])
      return `is a list of histogram buckets that does not rise (item ${i + 1} is not below item ${i + 2}), and Prometheus' client panics on it ("histogram buckets must be in increasing order") when Traefik creates its metrics: write each bound larger than the one before, such as 0.1,0.3,1.2,5.0`;
  }
  return undefined;
}

/**
 * An entrypoint's HTTP/3 advertised port: the port of Traefik's `Alt-Svc` header, and for a chart key also the UDP
 * port of the chart's Service (traefik/templates/_service.tpl: `default $exposedPort $config.http3.advertisedPort`,
 * which the API server holds to 1-65535). Traefik refuses a negative one ("advertised port must be greater than or
 * equal to zero", pkg/server/server_entrypoint_tcp_http3.go); 0, the flag's default, means the entrypoint's own port
 * (the chart writes no 0: `with .advertisedPort`).
 */
function advertisedPortProblem(raw: string, fromKey: boolean): string | undefined {
  if (!/^[-+]?\d+$/.test(raw)) return undefined;
  const port = Number(raw);
  if (port >= 1 && port <= 65535) return undefined;
  if (port === 0 && !fromKey) return undefined;
  const where = fromKey ? "the UDP port of Traefik's Service (the API server takes 1 to 65535)" : 'a port clients can reach';
  return `is not ${where}, and Traefik advertises it to clients as its HTTP/3 port: write a port from 1 to 65535${fromKey ? '' : ", or 0 for the entrypoint's own port"}`;
}

/** Why Traefik (`major`) would misread or break on `flag`'s value though it parses, else undefined. */
export function flagValueRuleProblem(flag: Pick<TraefikFlag, 'name' | 'written' | 'raw' | 'fromKey'>, major: number): string | undefined {
  const { name, written, raw } = flag;
  if (raw === undefined) return undefined;
  const problem =
    name === 'log.level'
      ? logLevelProblem(raw, major)
      : name === 'log.format'
        ? formatProblem(raw, ['common', 'json'], 'logs.general.format')
        : name === 'accesslog.format'
          ? formatProblem(raw, major === 2 ? ['common', 'json'] : ['common', 'genericCLF', 'json'], 'logs.access.format')
          : name === 'metrics.prometheus.buckets'
            ? bucketsProblem(raw)
            : /^entrypoints\.[^.]+\.http3\.advertisedport$/.test(name)
              ? advertisedPortProblem(raw, !!flag.fromKey)
              : undefined;
  return problem && `sets --${written} to ${shownInSentence(raw)}, which ${problem}`;
}
