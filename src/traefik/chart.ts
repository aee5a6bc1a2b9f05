import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { TraefikHelmChartConfig } from './helm-chart-config';
import { traefikValues, traefikValuesContent, TraefikValuesSettings } from './values';

export type TraefikChartProps = TraefikValuesSettings;

/** The Traefik HelmChartConfig that gives Traefik's Service its virtual IP. */
export class TraefikChart extends Chart {
  constructor(scope: Construct, id: string, props: TraefikChartProps) {
    super(scope, id);
    new TraefikHelmChartConfig(this, 'HelmChartConfig', {
      valuesContent: traefikValuesContent(traefikValues(props)),
    });
  }
}
