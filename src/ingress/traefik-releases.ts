/**
 * Traefik releases, each with the first traefik/traefik-helm-chart tag whose appVersion (traefik/Chart.yaml) is that
 * Traefik: the `since` of a field a CRD or the file provider gains with it (traefik-service-fields.ts,
 * file-service-fields.ts, file-config-fields.ts, middleware-fields.ts). One table, so a release is dated once.
 */
export type Since = readonly [chart: string, traefik: string];
/** Every chart and Traefik the project knows. */
export const ALWAYS: Since = ['0.0.0', '0.0.0'];
/** v26.1.0 is the first tag with appVersion v2.11.0 (v26.0.0: v2.10.6). */
export const TRAEFIK_2_11: Since = ['26.1.0', '2.11.0'];
export const TRAEFIK_3_0: Since = ['28.0.0', '3.0.0'];
export const TRAEFIK_3_2: Since = ['33.0.0', '3.2.0'];
export const TRAEFIK_3_4: Since = ['35.3.0', '3.4.0'];
export const TRAEFIK_3_6: Since = ['37.3.0', '3.6.0'];
export const TRAEFIK_3_7: Since = ['40.0.0', '3.7.0'];
