import { holdsUnshownRun } from '../core/generated-quotes';

/**
 * A certificate source asked for a host of one DNS label (`nas`, or `*.nas`): valid as an Ingress host (69b-10), but Let's
 * Encrypt and the other public ACME CAs refuse it ("Domain name needs at least one dot", letsencrypt/boulder policy/pa.go
 * errTooFewLabels), so Traefik would serve its self-signed default certificate there. A private ACME CA (step-ca) may issue
 * one, hence a warning, not a refusal. `source` names what asks, e.g. `resolver "le"`. Undefined for a host with a dot.
 */
export function singleLabelCertificateWarning(host: string, source: string): string | undefined {
  const name = host.startsWith('*.') ? host.slice(2) : host;
  if (name.includes('.')) return undefined;
  // A generated-looking label (a pasted token) is said by its size where the message quotes the host: never again here.
  const example = holdsUnshownRun(name) ? '"<host>.example.com"' : `"${name}.example.com"`;
  return (
    `"${host}" is a single DNS label, for which public ACME CAs such as Let's Encrypt issue no certificate, so unless ` +
    `${source} is a private CA that does, Traefik serves its self-signed default certificate: write the full host name ` +
    `clients use (e.g. ${example}), or drop tls for plain HTTP`
  );
}
