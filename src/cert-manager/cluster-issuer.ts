import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { SYNC_WAVE } from './helm-chart';
import { PropsKeys, PropsValidator } from '../config/props-validator';
import { describeValue } from '../core/snapshot';
import * as format from '../config/formats';
import { INGRESS_CLASS } from '../ingress/tls';
import { accountKeySecretName, CLUSTER_ISSUER } from './names';
import { accountKeySecretProblem } from './rules';
import { constructArgs } from '../core/construct-args';
import { gateWhatItRenders } from '../output/construct-gate';

/** Let's Encrypt's ACME directories (https://letsencrypt.org/docs/staging-environment/). */
const ACME_SERVERS = {
  production: 'https://acme-v02.api.letsencrypt.org/directory',
  staging: 'https://acme-staging-v02.api.letsencrypt.org/directory',
} as const;

/** DNS-01 through Cloudflare: the API token is read from a Secret in namespace cert-manager, never written here. */
export interface Dns01Solver {
  /** DNS-01: the ACME server checks a TXT record the solver writes through the provider's API; needed for wildcard hosts. */
  readonly dns01: {
    /** DNS provider. */
    readonly provider: 'cloudflare';
    /** Secret (namespace cert-manager) holding the provider's API token: referenced, never written. */
    readonly tokenSecret: {
      /** Secret name. */
      readonly name: string;
      /** Key in the Secret whose value is the token. */
      readonly key: string;
    };
  };
}

export interface ClusterIssuerProps {
  /** ClusterIssuer name (a DNS subdomain); Ingresses name it in `clusterIssuer`. */
  readonly name: string;
  /** ACME account e-mail address, for expiry notices. */
  readonly email: string;
  /**
   * Let's Encrypt `production` or `staging`, or the https URL of another ACME directory.
   * @default "production"
   */
  readonly server?: string;
  /** How the ACME server checks domain control: `http01` through Traefik (no wildcard hosts), or DNS-01. */
  readonly solver: 'http01' | Dns01Solver;
}

/** The props of an AcmeClusterIssuer, for the unknown-key check (a `solver` of "http01" has none). */
export const CLUSTER_ISSUER_KEYS: PropsKeys<ClusterIssuerProps> = {
  name: true,
  email: true,
  server: true,
  solver: { dns01: { provider: true, tokenSecret: { name: true, key: true } } },
};

/**
 * An ACME `ClusterIssuer` (cert-manager.io/v1, schema in crds/clusterissuer.yaml). Its kind exists only
 * once the cert-manager chart ran, so it carries what each delivery path needs to wait for that:
 * a later sync wave and SkipDryRunOnMissingResource for Argo CD
 * (https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/#skip-dry-run-for-new-custom-resources-types).
 *
 * @throws K3sVipValidationError when a prop is not what the API server or the ACME server accepts
 */
export class AcmeClusterIssuer extends Construct {
  constructor(scope: Construct, id: string, props: ClusterIssuerProps) {
    super(...constructArgs(scope, id, 'AcmeClusterIssuer'));
    gateWhatItRenders(this);
    // Only the validated snapshot is read from here on.
    props = validateIssuer(props);
    const { server: given = 'production' } = props;
    const server = isAcmeServerName(given) ? ACME_SERVERS[given] : given;
    new ApiObject(this, 'Resource', {
      ...CLUSTER_ISSUER,
      metadata: {
        name: props.name,
        annotations: { [SYNC_WAVE]: '1', 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' },
      },
      spec: {
        acme: {
          server,
          email: props.email,
          // Created by cert-manager in its cluster resource namespace (cert-manager).
          privateKeySecretRef: { name: accountKeySecretName(props.name) },
          solvers: [solver(props.solver)],
        },
      },
    });
  }
}

function isAcmeServerName(server: string): server is keyof typeof ACME_SERVERS {
  return Object.hasOwn(ACME_SERVERS, server);
}

function validateIssuer(given: ClusterIssuerProps): ClusterIssuerProps {
  const check = new PropsValidator<ClusterIssuerProps>('AcmeClusterIssuer', given, CLUSTER_ISSUER_KEYS);
  const props = check.props;
  check.requiredText(['name'], props.name, format.dns1123Subdomain).requiredText(['email'], props.email, format.email);
  if (typeof props.name === 'string' && !format.dns1123Subdomain(props.name)) check.problem(['name'], accountKeySecretProblem(props.name));
  if (!(typeof props.server === 'string' && isAcmeServerName(props.server))) check.text(['server'], props.server, format.httpsUrl);
  const dns01 = typeof props.solver === 'object' && props.solver !== null ? props.solver.dns01 : undefined;
  if (props.solver === undefined) {
    check.problem(['solver'], 'is required: expected "http01" or { dns01: { provider, tokenSecret } }');
  } else if (dns01 === null || typeof dns01 !== 'object') {
    if (props.solver !== 'http01') {
      check.problem(['solver'], `${describeSolver(props.solver)}: expected "http01" or { dns01: { provider, tokenSecret } }`);
    }
  } else {
    if (dns01.provider !== 'cloudflare') {
      check.problem(
        ['solver', 'dns01', 'provider'],
        `${JSON.stringify(dns01.provider) ?? 'undefined'} is not a supported DNS provider: expected "cloudflare"`,
      );
    }
    const { tokenSecret } = dns01;
    if (tokenSecret === null || typeof tokenSecret !== 'object') {
      check.problem(
        ['solver', 'dns01', 'tokenSecret'],
        `${tokenSecret === undefined ? 'is required' : describeValue(tokenSecret)}: expected { name, key }`,
      );
    } else {
      check
        .requiredText(['solver', 'dns01', 'tokenSecret', 'name'], tokenSecret.name, format.secretName)
        .requiredText(['solver', 'dns01', 'tokenSecret', 'key'], tokenSecret.key, format.secretKey);
    }
  }
  check.throwIfInvalid();
  return props;
}

/** `"dns" is not a solver`, `is an object, not a solver`. */
function describeSolver(value: unknown): string {
  return typeof value === 'string' ? `${JSON.stringify(value)} is not a solver` : `${describeValue(value)}, not a solver`;
}

function solver(config: ClusterIssuerProps['solver']): Record<string, unknown> {
  // ingressClassName, not the legacy `class` annotation: recommended since cert-manager v1.12.
  if (config === 'http01') return { http01: { ingress: { ingressClassName: INGRESS_CLASS } } };
  const { name, key } = config.dns01.tokenSecret;
  return { dns01: { cloudflare: { apiTokenSecretRef: { name, key } } } };
}
