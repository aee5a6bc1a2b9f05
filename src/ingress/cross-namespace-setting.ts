import { formatPath, type Path } from '../core/problem';
import { isMap } from '../core/is-map';
import { flagIsFalse, flagIsTrue, traefikFlags } from '../traefik/arguments';
import { goTruthy } from '../traefik/go-truth';

type Values = Readonly<Record<string, unknown>>;

const FLAG = 'providers.kubernetescrd.allowcrossnamespace';
const KEY = 'providers.kubernetesCRD.allowCrossNamespace';

/** Whether Traefik's CRD provider allows cross-namespace references, what decides it, and how to allow them there. */
export interface CrossNamespaceSetting {
  readonly allowed: boolean;
  /** What makes it so, for a message: `(the chart's default)`. */
  readonly said: string;
  /** How to turn it on where it is decided: `set providers.kubernetesCRD.allowCrossNamespace: true`. */
  readonly fix: string;
}

/**
 * `providers.kubernetesCRD.allowCrossNamespace` (false in traefik/traefik-helm-chart traefik/values.yaml at v27.0.2,
 * v34.0.0, v37.1.0, v39.0.7 and v41.3.0; when true the chart writes `--providers.kubernetescrd.allowCrossNamespace=true`,
 * templates/_podtemplate.tpl), then that flag in the values' arguments, which Traefik reads after the chart's (the last
 * value wins). Traefik's own default is false (traefik/traefik pkg/provider/kubernetes/crd/kubernetes.go
 * `AllowCrossNamespace bool`, v2.11.0 and v3.6.0). 68b-11: a flag that decides it is named, and advice given there.
 */
export function crossNamespaceSetting(values: Values, prefix: Path, chartVersion: string): CrossNamespaceSetting {
  const providers = isMap(values.providers) ? values.providers : {};
  const crd = isMap(providers.kubernetesCRD) ? providers.kubernetesCRD : {};
  const given = crd.allowCrossNamespace !== undefined && crd.allowCrossNamespace !== null;
  let setting: CrossNamespaceSetting = {
    allowed: goTruthy(crd.allowCrossNamespace),
    said: given ? `(set so at ${KEY})` : "(the chart's default)",
    fix: `set ${KEY}: true`,
  };
  for (const flag of traefikFlags(values, prefix, chartVersion)) {
    if (flag.name !== FLAG || !(flagIsTrue(flag) || flagIsFalse(flag))) continue;
    const at = formatPath(flag.path);
    setting = {
      allowed: flagIsTrue(flag),
      said: `(the flag at ${at} turns it off: Traefik reads it after the chart's ${KEY})`,
      fix: `remove the flag at ${at}, or write it --providers.kubernetescrd.allowCrossNamespace=true`,
    };
  }
  return setting;
}
