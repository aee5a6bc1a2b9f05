import type { Path } from '../core/problem';
import { isMap } from '../core/is-map';
import { SERVICE_INTERFACE_ANNOTATION } from './service-facts';

type Values = Readonly<Record<string, unknown>>;

/** A `kube-vip.io/serviceInterface` annotation on one of Traefik's Services, where `traefik.values` writes it. */
export interface ServiceInterfaceValue {
  readonly path: Path;
  readonly value: string;
}

const MAPS = ['annotations', 'annotationsTCP', 'annotationsUDP'];

/**
 * The `kube-vip.io/serviceInterface` annotations of Traefik's Services in `traefik.values` (`service.*` and each
 * `service.additionalServices.<name>.*`, the maps the chart joins into each Service's annotations, service-facts.ts
 * joinedAnnotations). kube-vip v0.8.0+ binds that Service's VIP to the named NIC instead of `vip_interface`
 * (kube-vip/kube-vip pkg/kubevip/annotations.go `ServiceInterface`); `auto` and texts it cannot name are judged elsewhere.
 */
export function serviceInterfaceValues(values: Values): ServiceInterfaceValue[] {
  const service = isMap(values.service) ? values.service : {};
  const blocks: Array<[Values, Path]> = [[service, ['traefik', 'values', 'service']]];
  const additional = isMap(service.additionalServices) ? service.additionalServices : {};
  for (const [name, block] of Object.entries(additional))
    if (isMap(block)) blocks.push([block, ['traefik', 'values', 'service', 'additionalServices', name]]);
  return blocks.flatMap(([block, at]) =>
    MAPS.flatMap((key) => {
      const map = block[key];
      const value = isMap(map) ? map[SERVICE_INTERFACE_ANNOTATION] : undefined;
      return typeof value === 'string' && value !== '' && value !== 'auto'
        ? [{ path: [...at, key, SERVICE_INTERFACE_ANNOTATION], value }]
        : [];
    }),
  );
}
