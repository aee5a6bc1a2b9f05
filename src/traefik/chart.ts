import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsValidator } from '../config/props-validator';
import { TRAEFIK_HELM_CHART_CONFIG_KEYS, TraefikHelmChartConfig, TraefikHelmChartConfigProps } from './helm-chart-config';
import { chartArgs } from '../core/construct-args';

export type TraefikChartProps = TraefikHelmChartConfigProps;

/** The Traefik HelmChartConfig that gives Traefik's Service its virtual IP. */
export class TraefikChart extends Chart {
  constructor(scope: Construct, id: string, props: TraefikChartProps) {
    super(...chartArgs(scope, id, 'TraefikChart'));
    props = PropsValidator.read<TraefikChartProps>('TraefikChart', props, TRAEFIK_HELM_CHART_CONFIG_KEYS);
    new TraefikHelmChartConfig(this, 'HelmChartConfig', props);
  }
}
