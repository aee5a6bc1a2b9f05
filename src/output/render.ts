import { App, Chart } from 'cdk8s';
import { stringifyManifests } from '../core/yaml';

/**
 * Renders every chart of an app, also those inside a construct such as K3sVipCluster, in creation
 * order, to `<chart id>.yaml` text, as `App.synth()` would write it (cdk8s `Yaml.stringify`, plus the quoting of
 * `stringifyForGo` for strings go-yaml reads as integers),
 * with a header that says where the file comes from, and the chart's own `fileNote` comment lines if
 * it has them (GatewayApiChart names the CRDs its objects are validated against). Each file comes with
 * the objects its text was written from, so the checks after need not parse it back.
 */
export function renderCharts(app: App, header: string): Array<[name: string, text: string, documents: unknown[]]> {
  return app.node
    .findAll()
    .filter((child): child is Chart => Chart.isChart(child))
    .map((chart) => {
      const documents = chart.toJson();
      return [`${chart.node.id}.yaml`, `${header}${fileNote(chart)}${stringifyManifests(documents)}`, documents];
    });
}

function fileNote(chart: Chart): string {
  const note = (chart as { readonly fileNote?: unknown }).fileNote;
  return typeof note === 'string' ? note : '';
}
