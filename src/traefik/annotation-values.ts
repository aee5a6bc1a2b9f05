import type { Path, Problem } from '../core/problem';
import { describeValue } from '../core/snapshot';
import { nonTextAnnotations } from '../config/annotations';
import { valueAt } from './service-facts';

type Values = Record<string, unknown>;
const isMap = (value: unknown): value is Values => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Annotation values the chart writes that are not texts, which the API server refuses (config/annotations.ts). The chart
 * writes every annotation map through toYaml, which keeps a number or map as one (traefik/traefik-helm-chart
 * templates/service.yaml, deployment.yaml, daemonset.yaml and _podtemplate.tpl, v20.1.1 to v41.3.0).
 */
export function nonTextAnnotationProblems(user: Values, prefix: Path): Problem[] {
  const service = isMap(user.service) ? user.service : {};
  const extra = isMap(service.additionalServices) ? service.additionalServices : {};
  const services = [
    ...(service.enabled === false ? [] : [{ at: ['service'], what: "Traefik's Service" }]),
    ...Object.keys(extra)
      .filter((name) => isMap(extra[name]) && extra[name].enabled !== false)
      .map((name) => ({ at: ['service', 'additionalServices', name], what: `Service traefik-${name}` })),
  ].flatMap(({ at, what }) => ['annotations', 'annotationsTCP', 'annotationsUDP'].map((key) => ({ at: [...at, key], what })));
  const maps = [
    ...services,
    { at: ['deployment', 'annotations'], what: "Traefik's Deployment (or DaemonSet)" },
    { at: ['deployment', 'podAnnotations'], what: "Traefik's pods" },
  ];
  return maps.flatMap(({ at, what }) => {
    const annotations = valueAt(user, at);
    return nonTextAnnotations(isMap(annotations) ? annotations : {}).map((key) => {
      const value = (annotations as Values)[key];
      const fix = typeof value === 'number' || typeof value === 'boolean' ? `quote it ("${String(value)}")` : 'write a text';
      return {
        path: [...prefix, 'values', ...at, key],
        message:
          `${describeValue(value)}, but an annotation's value must be a text, and the chart writes it unchanged, so the API server ` +
          `refuses ${what} and the whole Traefik release fails: ${fix}`,
      };
    });
  });
}
