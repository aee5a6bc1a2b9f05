import { App, Chart, Yaml } from 'cdk8s';

/**
 * Renders every chart of an app, also those inside a construct such as K3sVipCluster, in creation
 * order, to `<chart id>.yaml` text, exactly as `App.synth()` would write it (cdk8s `Yaml.stringify`),
 * with a header that says where the file comes from.
 */
export function renderCharts(app: App, header: string): Array<[string, string]> {
  return app.node
    .findAll()
    .filter((child): child is Chart => Chart.isChart(child))
    .map((chart) => [`${chart.node.id}.yaml`, `${header}${Yaml.stringify(...chart.toJson())}`]);
}
