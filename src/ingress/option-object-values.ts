import { shownInSentence, type Path, type Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { closest } from '../core/closest';
import { apiGroup } from '../validate/kinds';
import { renderedObjects } from '../traefik/extra-objects';
import { typeProblem } from './crd-backend-values';
import {
  CLIENT_AUTH_TYPES,
  MIDDLEWARE_OPTION_TYPES,
  SERVERS_TRANSPORT_TYPES,
  TLS_OPTION_TYPES,
  type OptionType,
} from './option-value-types';

type Values = Readonly<Record<string, unknown>>;

const REFUSED = 'so the API server refuses the object and the whole Traefik release fails';

const typed = (map: unknown, types: Readonly<Record<string, OptionType>>, path: Path, crd: string): Problem[] =>
  isMap(map) ? Object.entries(types).flatMap(([key, type]) => typeProblem(map[key], type, [...path, key], crd)) : [];

/**
 * 69b-8: the values of a TLSOption, a ServersTransport and a Middleware's options in `extraObjects`, as the API server
 * holds them to the chart's CRDs (option-value-types.ts), as an IngressRoute's backends are (crd-backend-values.ts): a
 * TLSOption `requires` its `spec` and takes a `clientAuth.clientAuthType` of its enum only (traefik/traefik-helm-chart
 * traefik/crds/traefik.io_tlsoptions.yaml). A refused object fails the whole Traefik release.
 */
export function optionObjectProblems(values: Values, prefix: Path): Problem[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  const fromItems = items.flatMap((item, i) =>
    renderedObjects(item).flatMap((object): Problem[] => {
      const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : '';
      if (group !== 'traefik.io' && group !== 'traefik.containo.us') return [];
      const at = [...prefix, 'values', 'extraObjects', i, 'spec'];
      const { spec, kind } = object;
      if (kind === 'TLSOption') return tlsOptionProblems(spec, at);
      if (kind === 'ServersTransport') return typed(spec, SERVERS_TRANSPORT_TYPES, at, kind);
      if (kind !== 'Middleware' || !isMap(spec)) return [];
      return Object.entries(MIDDLEWARE_OPTION_TYPES).flatMap(([name, types]) => typed(spec[name], types, [...at, name], kind));
    }),
  );
  return [...chartClientAuthProblems(values, prefix), ...fromItems];
}

/**
 * 76b-8: the chart renders `tlsOptions.<name>.clientAuth` into its TLSOption as given (`{{- with $config.clientAuth }}`
 * then `toYaml`, traefik/traefik-helm-chart traefik/templates/tlsoption.yaml v39.0.7), so its `clientAuthType` is held
 * to the CRD's enum as an extraObjects TLSOption's is, at the key the user wrote.
 */
function chartClientAuthProblems(values: Values, prefix: Path): Problem[] {
  if (!isMap(values.tlsOptions)) return [];
  return Object.entries(values.tlsOptions).flatMap(([name, config]) =>
    isMap(config) && isMap(config.clientAuth) ? clientAuthProblems(config.clientAuth, [...prefix, 'values', 'tlsOptions', name]) : [],
  );
}

function tlsOptionProblems(spec: unknown, at: Path): Problem[] {
  if (spec === undefined || spec === null)
    return [
      {
        path: at,
        message: `is missing; the TLSOption CRD requires it (traefik.io_tlsoptions.yaml \`required\`), ${REFUSED}: write spec: {} at least`,
      },
    ];
  if (!isMap(spec)) return [];
  return [...typed(spec, TLS_OPTION_TYPES, at, 'TLSOption'), ...clientAuthProblems(isMap(spec.clientAuth) ? spec.clientAuth : {}, at)];
}

/** A TLSOption's `clientAuth.clientAuthType` (`at`: where its spec is): a text of the CRD's enum. */
function clientAuthProblems(clientAuth: Values, at: Path): Problem[] {
  const authPath = [...at, 'clientAuth', 'clientAuthType'];
  const authType = clientAuth.clientAuthType;
  const problems = typeProblem(authType, 'string', authPath, 'TLSOption');
  if (typeof authType === 'string' && !CLIENT_AUTH_TYPES.includes(authType)) {
    const near = CLIENT_AUTH_TYPES.find((one) => one.toLowerCase() === authType.toLowerCase()) ?? closest(authType, CLIENT_AUTH_TYPES);
    problems.push({
      path: authPath,
      message: `is ${shownInSentence(authType)}, not one of ${CLIENT_AUTH_TYPES.join(', ')} that the TLSOption CRD allows here (case matters), ${REFUSED}: ${near ? `did you mean ${near}? ` : ''}write one of them`,
    });
  }
  return problems;
}
