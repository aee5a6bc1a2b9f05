/** The type of an option's value: what the CRD's schema declares, and what paerser parses in the file provider. */
export type OptionType = 'boolean' | 'integer';
type Types = Readonly<Record<string, OptionType>>;

/**
 * 69b-8, 69b-9: the boolean and integer options of a middleware kind, a ServersTransport and a TLS option, one table for
 * both doors: Traefik's CRD types (traefik/traefik pkg/provider/kubernetes/crd/traefikio/v1alpha1 middleware.go,
 * serverstransport.go, tlsoption.go) and its dynamic configuration (pkg/config/dynamic middlewares.go,
 * http_config.go `ServersTransport`, pkg/tls/tls.go `Options`) give these fields the same Go types at v2.11.0 and v3.0.0
 * to v3.6.0, and traefik/traefik-helm-chart traefik/crds/traefik.io_middlewares.yaml, traefik.io_serverstransports.yaml
 * and traefik.io_tlsoptions.yaml (v22.3.0 to v41.3.0) declare them `type: boolean` / `type: integer`. Only fields every
 * chart's CRD has are listed: a field a CRD lacks is pruned, not typed (middleware-fields.ts says so).
 */
export const MIDDLEWARE_OPTION_TYPES: Readonly<Record<string, Types>> = {
  redirectScheme: { permanent: 'boolean' },
  redirectRegex: { permanent: 'boolean' },
  rateLimit: { average: 'integer', burst: 'integer' },
  inFlightReq: { amount: 'integer' },
  retry: { attempts: 'integer' },
  buffering: {
    maxRequestBodyBytes: 'integer',
    memRequestBodyBytes: 'integer',
    maxResponseBodyBytes: 'integer',
    memResponseBodyBytes: 'integer',
  },
  forwardAuth: { trustForwardHeader: 'boolean' },
  passTLSClientCert: { pem: 'boolean' },
};
export const SERVERS_TRANSPORT_TYPES: Types = { insecureSkipVerify: 'boolean', maxIdleConnsPerHost: 'integer', disableHTTP2: 'boolean' };
export const TLS_OPTION_TYPES: Types = { sniStrict: 'boolean', preferServerCipherSuites: 'boolean' };
/** pkg/tls/tls.go `Options.DisableSessionTickets` (Traefik v3.4.0; the file provider refuses it before: file-config-fields.ts). */
export const FILE_TLS_OPTION_TYPES: Types = { ...TLS_OPTION_TYPES, disableSessionTickets: 'boolean' };

/** traefik.io_tlsoptions.yaml `clientAuth.clientAuthType` `enum` at every tag read (pkg/tls/tls.go `ClientAuth`). */
export const CLIENT_AUTH_TYPES = [
  'NoClientCert',
  'RequestClientCert',
  'RequireAnyClientCert',
  'VerifyClientCertIfGiven',
  'RequireAndVerifyClientCert',
];
