import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { TraefikHelmChartConfig } from '../src/index';
import { devConfig, refusalOf, withChanges } from './helpers';

/** The two doors of `traefik.values` (rules on extraObjects and the chart's values), with the cluster's release. */

const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');

/** The config door's lines (`key.path: message`, no file or position) for these values and `k3s.version`. */
export function configErrors(values: object, version?: string): string[] {
  const config = withChanges(devConfig(), { traefik: { values }, ...(version && { k3s: { version } }) });
  return parseConfigText('config/t.yaml', stringify(config)).errors.map(line);
}

/** The TraefikHelmChartConfig construct's refusal ('' when it accepts) for these values and k3sVersion. */
export const chartRefusal = (values: object, k3sVersion?: string): string =>
  refusalOf(
    () =>
      new TraefikHelmChartConfig(new Chart(new App(), 'x'), 't', {
        loadBalancerIPs: ['192.168.0.41'],
        values: values as Record<string, unknown>,
        ...(k3sVersion && { k3sVersion }),
      }),
  );
