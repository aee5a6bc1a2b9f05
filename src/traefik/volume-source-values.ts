import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { volumeSourceProblems } from '../validate/volume-sources';

/**
 * The files of `deployment.additionalVolumes`' secret, configMap and projected volumes, judged as an `extraObjects` pod's
 * are (validate/volume-sources.ts): the chart writes the list as it is into Traefik's pod template (`toYaml`,
 * traefik-helm-chart templates/_podtemplate.tpl, v20.1.1 to v41.3.0), so a mode or file the API server refuses fails the
 * whole release (46a-9, 45a-20a).
 */
export function volumeSourceValueProblems(values: Readonly<Record<string, unknown>>, prefix: Path): Problem[] {
  const deployment = isMap(values.deployment) ? values.deployment : {};
  return volumeSourceProblems(deployment.additionalVolumes, ['deployment', 'additionalVolumes']).map(({ path, message }) => ({
    path: [...prefix, 'values', ...path],
    message: message.startsWith('looks generated')
      ? message
      : `${message} (the chart writes it into Traefik's pods as given, so the whole Traefik release fails to install)`,
  }));
}
