/**
 * Every upstream release this tool pins, in one place: raising a pin is a one-line change here (plus
 * `npm run synth` and reading the upstream changelog). Version-dependent rules live in the version tables
 * (src/kube-vip/versions.ts, src/traefik/chart-versions.ts), which must know the pinned release.
 */

/** kube-vip's image repository, as its generator writes it (kube-vip/kube-vip `cmd/kube-vip-manifests.go`, `--image` default v1.0.1+). */
export const KUBE_VIP_IMAGE_REPOSITORY = 'ghcr.io/kube-vip/kube-vip';

/**
 * Default kube-vip release: the newest one whose `kube-vip manifest daemonset` output was compared
 * (kube-vip/kube-vip tag v1.2.3, 2026-08-10; https://github.com/kube-vip/kube-vip/releases).
 */
export const KUBE_VIP_VERSION = 'v1.2.3';

/**
 * kube-vip-cloud-provider release (kube-vip/kube-vip-cloud-provider tag v0.0.12, 2025-05-01), as its
 * `manifest/kube-vip-cloud-controller.yaml` at that tag names it.
 */
export const CLOUD_PROVIDER_IMAGE = 'ghcr.io/kube-vip/kube-vip-cloud-provider:v0.0.12';

/**
 * Default upstream Traefik chart: the newest K3s is verified to package (k3s-io/k3s-charts
 * `traefik 39.0.701+up39.0.7`, from traefik/traefik-helm-chart tag v39.0.7). Its output stays harmless on
 * the 40.x chart of K3s v1.36.3+ (`service.type` is ignored there and LoadBalancer is the default; only
 * dual-stack VIPs need 40.x set, as top-level `ipFamilyPolicy` is ignored too), while 40.x output on a
 * 39.x chart would render `type` twice into the Service.
 */
export const TRAEFIK_CHART_VERSION = '39.0.7';

/**
 * Image of the initContainer that prepares acme.json; pinned, never `latest` (traefik/traefik-helm-chart
 * `EXAMPLES.md` uses busybox:latest). busybox 1.37.0: https://hub.docker.com/_/busybox.
 */
export const VOLUME_PERMISSIONS_IMAGE = 'busybox:1.37.0';

/**
 * Default cert-manager release: the newest whose chart values and ClusterIssuer CRD were read
 * (cert-manager/cert-manager tag v1.21.1; https://cert-manager.io/docs/releases/).
 */
export const CERT_MANAGER_VERSION = 'v1.21.1';

/**
 * The cert-manager chart as an OCI reference: the source the cert-manager docs recommend ("the source of truth",
 * published immediately; the legacy https://charts.jetstack.io repository follows hours later), cert-manager/website
 * `content/docs/installation/helm.md` at 776e5db. K3s' helm-controller passes it unchanged to `helm install` (see
 * docs/upstream-behaviour.md, "cert-manager chart source").
 */
export const CERT_MANAGER_CHART = 'oci://quay.io/jetstack/charts/cert-manager';

/** K3s' default pod and Service networks (https://docs.k3s.io/cli/server). */
export const DEFAULT_CLUSTER_CIDR = '10.42.0.0/16';
export const DEFAULT_SERVICE_CIDR = '10.43.0.0/16';
