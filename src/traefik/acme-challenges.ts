import { formatPath, keyText, Path, Problem, quotedText } from '../core/problem';
import type { TraefikFlag } from './arguments';
import { DefinedResolver, ResolverFlag, resolverBlocks, ResolverInputs } from './defined-resolvers';
import type { Entrypoint } from './entrypoints';
import { printed, resolverNodes, segment } from './resolver-keys';
import { blockState } from './switch-values';

/** The last of a resolver's flags at the lower-case option path `rest` (after the resolver's name), as Traefik keeps it. */
const last = (flags: readonly ResolverFlag[], rest: string) => flags.filter((flag) => flag.rest.join('.') === rest).at(-1);

/**
 * An allowEmpty block is on when given bare, empty or `true` (any case), or with an option under it, unless its own
 * flag turns it off: any other value, `1` and `T` included, off even with options under it (switch-values.ts).
 */
const blockOn = (flags: readonly ResolverFlag[], rest: string) => {
  const flag = last(flags, rest);
  if (flag) return blockState(flag.raw) === 'on';
  return flags.some((f) => f.rest.join('.').startsWith(`${rest}.`));
};

/** An ACME resolver the deployed Traefik defines, whichever key or flag defines it, with what it asks the CA as Traefik reads it. */
export interface AcmeResolver {
  readonly value: string;
  readonly path: Path;
  /** The challenge it answers: DNS-01 when `dnsChallenge.provider` is set (the only one for a wildcard), else HTTP-01 or TLS-ALPN-01; none when no challenge is on. */
  readonly challenge?: 'dns' | 'http' | 'tls';
  /** `caServer` as Traefik gets it last: unset is Let's Encrypt. */
  readonly caServer?: string;
}

/**
 * The ACME resolvers of `defined` (a name defined twice counts once) with their merged options: a flag or values key
 * adding `dnschallenge.provider` to a first-class resolver gives it DNS-01. Traefik sets up every challenge given a
 * provider or an entrypoint, or turned on, and refuses a wildcard without `dnsChallenge` ("ACME needs a DNSChallenge":
 * traefik/traefik pkg/provider/acme/provider.go `getClient`, `getValidDomains`, v2.11.0 and v3.7.9).
 */
export function acmeResolverFacts(defined: readonly DefinedResolver[], ...args: ResolverInputs): AcmeResolver[] {
  const blocks = new Map(resolverBlocks(...args).map((block) => [segment(block.name), block.acme]));
  return defined
    .filter((r, i) => r.acme && defined.findIndex((o) => o.acme && o.value === r.value) === i)
    .map(({ value, path }) => {
      const acme = blocks.get(segment(value)) ?? [];
      const challenge = last(acme, 'acme.dnschallenge.provider')?.raw
        ? 'dns'
        : last(acme, 'acme.httpchallenge.entrypoint')?.raw
          ? 'http'
          : blockOn(acme, 'acme.tlschallenge')
            ? 'tls'
            : undefined;
      const caServer = last(acme, 'acme.caserver')?.raw;
      return { value, path, ...(challenge && { challenge }), ...(caServer !== undefined && { caServer }) };
    });
}

/**
 * ACME resolvers that never get a certificate: Traefik starts, but its ACME client fails with "ACME challenge not
 * specified, please select TLS or HTTP or DNS Challenge" unless `dnsChallenge.provider` or `httpChallenge.entryPoint` is
 * non-empty or `tlsChallenge` is on (traefik/traefik pkg/provider/acme/provider.go `getClient`, v2.11.0 and v3.7.9; no
 * default challenge), so every router using it serves the default self-signed certificate. And `httpChallenge.entryPoint`
 * naming no entrypoint of the chart (Traefik's `acme-http@internal` router then has none: traefik/traefik
 * pkg/provider/traefik/internal.go), or one no Service or host port exposes on port 80, where the CA asks (RFC 8555
 * section 8.3). An entrypoint only a `--entrypoints.<name>.*` flag defines is left alone (this tool does not know its port).
 */
export function acmeChallengeProblems(entrypoints: readonly Entrypoint[], ...args: ResolverInputs): Problem[] {
  const [values, flags, rules, prefix, firstClassResolvers] = args;
  const problems: Problem[] = [];
  // A challenge given as an empty map (`tlsChallenge: {}`) writes no flag: the chart recurses into maps (resolver-keys.ts).
  const emptyMaps = resolverNodes(values, rules).filter(
    (node) => node.rest.length === 2 && /challenge$/.test(node.rest[1]) && isEmptyMap(node.value),
  );
  for (const { name, acme } of resolverBlocks(...args)) {
    if (!acme.length) continue;
    const provider = last(acme, 'acme.dnschallenge.provider')?.raw;
    const entryPoint = last(acme, 'acme.httpchallenge.entrypoint');
    if (!provider && !entryPoint?.raw && !blockOn(acme, 'acme.tlschallenge')) {
      const culprit = challengeCulprit(name, acme, values, rules, prefix);
      const fromConfigResolver = acme[0].path[prefix.length] === 'certResolvers';
      // The challenge option the config's resolver writes: a key or flag setting it otherwise is refused as a conflict
      // naming both (values-check.ts, resolver-arguments.ts), which says it better than a second message at that key.
      // `name` is the spelling written first, which may differ in case from the config's key (one resolver to paerser).
      const configResolver = Object.entries(firstClassResolvers).find(([key]) => segment(key) === segment(name))?.[1];
      const ownOption =
        (configResolver as { challenge?: string } | undefined)?.challenge === 'tls' ? 'acme.tlschallenge' : 'acme.httpchallenge.entrypoint';
      if (culprit && fromConfigResolver && culprit.rest === ownOption) continue;
      const outside = culprit && !formatPath(culprit.path).startsWith(formatPath(acme[0].path));
      const none =
        'so Traefik never gets it a certificate ("ACME challenge not specified") and its routers serve the default self-signed one';
      problems.push(
        culprit && fromConfigResolver
          ? {
              // 36b-11 r5: the config's resolver has a challenge; the key or flag that turns it off is the one to name.
              path: culprit.path,
              message:
                `turns off the challenge ${formatPath(acme[0].path)} gives the ACME resolver ${keyText(name)}, which is left with none, ${none}: ` +
                `drop it, or choose the challenge at ${formatPath(acme[0].path)}.challenge`,
            }
          : {
              path: acme[0].path,
              message:
                `gives the ACME resolver ${keyText(name)} no challenge${outside ? ` (${formatPath(culprit!.path)} turns it off)` : ''}, ${none}: ` +
                'add tlsChallenge: true, httpChallenge.entryPoint: web or dnsChallenge.provider' +
                (emptyMaps.some((node) => node.name === name)
                  ? ' (the chart writes no flag for an empty map such as tlsChallenge: {})'
                  : ''),
            },
      );
    }
    if (!provider && !entryPoint?.raw && blockOn(acme, 'acme.tlschallenge')) {
      const problem = tlsAlpnProblem(name, acme, entrypoints, flags);
      if (problem) problems.push(problem);
    }
    if (!entryPoint?.raw) continue;
    const target = entrypoints.find((entry) => entry.name === entryPoint.raw);
    if (!target && flagDefined(flags, entryPoint.raw)) continue;
    const on80 = target && ((target.services.length > 0 && target.exposedPort === 80) || target.hostPort === 80);
    if (target && on80 && target.protocol.toUpperCase() === 'TCP') continue;
    const why = !target
      ? `${quotedText(entryPoint.raw, () => false, '')}, which names no entrypoint (Traefik looks it up exactly, case included)`
      : on80
        ? `entrypoint ${keyText(target.name)}, which is ${target.protocol}, while the CA asks for the HTTP challenge over TCP on port 80`
        : `entrypoint ${keyText(target.name)}, which is not exposed on port 80 (Service port ${target.exposedPort ?? 'none'}), where the CA asks for the HTTP challenge`;
    problems.push({
      path: entryPoint.path,
      message:
        `sends the HTTP challenge of the ACME resolver ${name} to ${why}, so it never gets a certificate: name the entrypoint on ` +
        `port 80, e.g. web (${formatPath(['ports', 'web'])}), or use tlsChallenge`,
    });
  }
  return problems;
}

/**
 * 49b-3: the CA asks for the TLS-ALPN-01 challenge on TCP port 443 of the host, always (RFC 8737 section 3), and Traefik
 * answers it on its TLS entrypoints (traefik/traefik pkg/provider/acme/challenge_tls.go, v2.11.0 and v3.7.9). When the
 * TLS challenge is the resolver's only one and no TCP entrypoint is exposed on port 443 (a Service port or a host port),
 * the resolver never gets a certificate. Any TCP entrypoint answers it, with `http.tls` on or off: its TCP router hands
 * an `acme-tls/1` ClientHello to the challenge handler before any router (pkg/server/router/tcp/router.go `ServeTCP`,
 * v3.x), so a websecure with TLS off on port 443 is enough (50b-8; the redirect rules warn of its HTTPS apart). An entrypoint only a `--entrypoints.<name>.*` flag defines may be there (its
 * port is unknown here): then nothing is said, as for the HTTP challenge.
 */
function tlsAlpnProblem(name: string, acme: readonly ResolverFlag[], entrypoints: readonly Entrypoint[], flags: readonly TraefikFlag[]) {
  const on443 = (entry: Entrypoint) =>
    entry.protocol.toUpperCase() === 'TCP' && ((entry.services.length > 0 && entry.exposedPort === 443) || entry.hostPort === 443);
  if (entrypoints.some(on443)) return undefined;
  const known = new Set(entrypoints.map((entry) => entry.name));
  if (flags.some((flag) => /^entrypoints\.([^.]+)\./i.test(flag.written) && !known.has(/^entrypoints\.([^.]+)\./i.exec(flag.written)![1])))
    return undefined;
  const tls = entrypoints.find((entry) => entry.name === 'websecure');
  // An entrypoint on port 443 over UDP is there, but not where the CA asks (50b-8).
  const udp = entrypoints.find((entry) => (entry.services.length > 0 && entry.exposedPort === 443) || entry.hostPort === 443);
  const where = udp
    ? `where entrypoint ${keyText(udp.name)} is exposed over ${udp.protocol}, not TCP`
    : `where no entrypoint is exposed (${
        tls
          ? `entrypoint ${keyText(tls.name)} is exposed on ${tls.services.length > 0 ? `Service port ${tls.exposedPort ?? 'none'}` : 'no Service'}`
          : 'there is no entrypoint websecure'
      })`;
  return {
    path: (last(acme, 'acme.tlschallenge') ?? acme[0]).path,
    message:
      `gives the ACME resolver ${keyText(name)} only the TLS challenge, which the CA sends over TCP to port 443, ${where}, so it never gets a certificate: ` +
      `expose a TCP entrypoint on port 443 (${formatPath(['ports', 'websecure', 'exposedPort'])}: 443; Traefik answers the challenge on any TCP ` +
      'entrypoint, with TLS on or off), or use httpChallenge or dnsChallenge',
  };
}

/** Whether a challenge option, as Traefik gets it, turns that challenge off: tlsChallenge not on, an empty entrypoint or provider. */
const turnsOff = (rest: string, raw: string | undefined) =>
  rest === 'acme.tlschallenge'
    ? raw !== undefined && blockState(raw) === 'off'
    : (rest === 'acme.httpchallenge.entrypoint' || rest === 'acme.dnschallenge.provider') && raw === '';

/**
 * The key or flag that last turns a challenge of resolver `name` off, in the order Traefik reads them: an item of
 * `additionalArguments`, else a leaf of the values (by its own key path, not its resolver's), else a `globalArguments` item.
 */
function challengeCulprit(name: string, acme: readonly ResolverFlag[], values: ResolverInputs[0], rules: ResolverInputs[2], prefix: Path) {
  const items = (list: string) =>
    acme
      .filter((flag) => flag.path[prefix.length + 1] === list && turnsOff(flag.rest.join('.'), flag.raw))
      .map((flag) => ({ path: flag.path, rest: flag.rest.join('.') }));
  const leaves = resolverNodes(values, rules)
    .filter((node) => node.written && node.name === name && turnsOff(node.rest.join('.'), printed(node.value)))
    .map((node) => ({ path: [...prefix, 'values', rules.certResolversKey, node.key, ...node.keys] as Path, rest: node.rest.join('.') }));
  return [...items('globalArguments'), ...leaves, ...items('additionalArguments')].at(-1);
}

const isEmptyMap = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;

/** Whether a `--entrypoints.<name>.*` flag defines an entrypoint of that name (as written). */
const flagDefined = (flags: readonly TraefikFlag[], name: string) =>
  flags.some((flag) => /^entrypoints\.([^.]+)\./i.exec(flag.written)?.[1] === name);
