import { oneLine } from '../core/problem';
import { redact, secretValues } from '../core/secrets';

/**
 * The name rule of a Traefik certificate resolver at the first-class doors (`traefik.certResolvers` keys,
 * `externalCertResolvers`, an Ingress' `tls.certResolver`, the constructs' props; formats.ts re-exports it). Traefik
 * takes any key of `certificatesResolvers` as a name and keeps its case (resolver-names.ts), so `my_Resolver`
 * defined through the values or a flag is a resolver a first-class key must be able to name (59b-3). Refused is what
 * no door can define: a dot (Traefik splits its flags, traefik/paerser flag/flagparser.go, and environment variables
 * at dots) and what the chart's `--certificatesresolvers.<name>.acme.*` flags cannot carry (blanks, `=`, quotes).
 */
const RESOLVER_NAME = /^[A-Za-z0-9_-]+$/;

/** The first-class resolver name rule (`le`, `letsencrypt-staging`, `my_Resolver`); undefined when the name is fine. */
export function certResolverName(value: string): string | undefined {
  if (value.length <= 253 && RESOLVER_NAME.test(value)) return undefined;
  const secrets = secretValues(value);
  const shown = secrets.length ? redact(value, secrets) : value;
  const quoted = oneLine(
    shown.length > 80 ? `${JSON.stringify(shown.slice(0, 60))}... (${value.length} characters)` : JSON.stringify(shown),
  );
  if (value.length > 253) return `${quoted} is ${value.length} characters, at most 253`;
  const dot = value.includes('.')
    ? ' (Traefik splits the flags and environment variables that define resolvers at every dot, so no resolver name holds one)'
    : '';
  return (
    `${quoted} is not a certificate resolver name Traefik's flags can carry: use letters, digits, '-' and '_'${dot}; ` +
    'give the resolver such a name where it is defined and here alike'
  );
}

/** Whether `name` passes certResolverName: a first-class key can define or name it (resolver-names.ts advice). */
export const firstClassResolverName = (name: string): boolean => name.length <= 253 && RESOLVER_NAME.test(name);
