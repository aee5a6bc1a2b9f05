import type { Path, Problem } from '../core/problem';
import type { TraefikChartRules } from './chart-versions';
import { goTruthy } from './go-truth';
import { unquotedProblem } from './pod-volume-texts';
import { unquotedReading } from './unquoted-scalar';
import { isMap } from '../core/is-map';
import { dns1123Subdomain } from '../config/formats';

/**
 * `ingressClass.name`, which the chart writes unquoted as its IngressClass's name (templates/ingressclass.yaml, under
 * `if .Values.ingressClass.enabled`: `name: {{ .Values.ingressClass.name | default (include "traefik.fullname" .) }}`,
 * chart-versions.ts `ingressClassName`): a text YAML reads as another type (a number, a boolean, null) is no name, and
 * an IngressClass name is a DNS-1123 subdomain (apimachinery ValidateObjectMeta): either way the API server refuses the
 * IngressClass and the whole Traefik release fails to install, with or without Ingresses in this config.
 */
export function ingressClassNameProblems(
  values: Readonly<Record<string, unknown>>,
  prefix: Path,
  rules: Pick<TraefikChartRules, 'ingressClassName'>,
): Problem[] {
  const block = isMap(values.ingressClass) ? values.ingressClass : undefined;
  if (!rules.ingressClassName || !block || (Object.hasOwn(block, 'enabled') && !goTruthy(block.enabled))) return [];
  const name = block.name;
  if (typeof name !== 'string' || name === '') return [];
  const path = [...prefix, 'values', 'ingressClass', 'name'];
  const fix = 'name the class with a letter in it that makes it no number, boolean or null (e.g. "traefik-1")';
  if (unquotedReading(name) !== undefined) return unquotedProblem(path, name, 'an IngressClass name', fix);
  const problem = dns1123Subdomain(name);
  return problem
    ? [
        {
          path,
          message: `is no name the API server takes for the IngressClass the chart creates (a DNS-1123 subdomain), so the whole Traefik release fails to install: ${problem}`,
        },
      ]
    : [];
}
