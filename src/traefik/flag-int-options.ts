/**
 * 52b-6: the options of Traefik's static configuration that are Go integers, not durations. The vendored reference
 * (vendor/traefik-static-flags/) prints both as a whole-number default, but traefik/paerser v0.2.0
 * parser/element_fill.go reads them apart: an `int`, `int64` or `int32` by strconv.ParseInt(value, 10, bits) (`int`
 * as 64 bits), only a `types.Duration` also by time.ParseDuration. So `--serverstransport.maxidleconnsperhost=5s` stops
 * Traefik at start, as does `maxConcurrentStreams=99999999999` (an int32). Every other whole-number option of the
 * reference is a `ptypes.Duration` (seconds, or a Go duration).
 *
 * Go types read in traefik/traefik at v2.11.53 and v3.0.4 to v3.7.9 (the tags of flags.json): pkg/config/static/
 * entrypoints.go (MaxHeaderBytes int, HTTP2Config MaxConcurrentStreams / MaxDecoderHeaderTableSize /
 * MaxEncoderHeaderTableSize int32, HTTP3Config AdvertisedPort int, RedirectEntryPoint Priority int, EntryPointsTransport
 * KeepAliveMaxRequests int), pkg/config/static/static_config.go (ServersTransport MaxIdleConnsPerHost int, v2 Tracing
 * SpanNameLimit int), pkg/types/logs.go (v3.7: pkg/observability/types/logs.go: AccessLog BufferingSize int64, TraefikLog
 * MaxSize / MaxAge / MaxBackups int), pkg/types/host_resolver.go (ResolvDepth int), pkg/provider/acme/provider.go
 * (CertificatesDuration int, in hours), pkg/ping/ping.go (TerminatingStatusCode int), pkg/provider/ecs/ecs.go and v2
 * pkg/provider/rancher/rancher.go (RefreshSeconds int), pkg/provider/http/http.go (MaxResponseBodySize int64),
 * pkg/provider/kv/redis/redis.go (DB int), pkg/provider/kubernetes/gateway/kubernetes.go (QPS, Burst int),
 * pkg/provider/kubernetes/ingress-nginx/kubernetes.go (v3.7: the int and int64 options below; ipAllowListStrategy is
 * dynamic.IPStrategy: Depth int, IPv6Subnet *int), v2 pkg/tracing/haystack and pkg/tracing/instana (LocalAgentPort int).
 */
const INT_OPTIONS: Readonly<Record<string, 32 | 64>> = {
  'accesslog.bufferingsize': 64,
  'log.maxage': 64,
  'log.maxbackups': 64,
  'log.maxsize': 64,
  'certificatesresolvers.<name>.acme.certificatesduration': 64,
  'entrypoints.<name>.http.maxheaderbytes': 64,
  'entrypoints.<name>.http.redirections.entrypoint.priority': 64,
  'entrypoints.<name>.http2.maxconcurrentstreams': 32,
  'entrypoints.<name>.http2.maxdecoderheadertablesize': 32,
  'entrypoints.<name>.http2.maxencoderheadertablesize': 32,
  'entrypoints.<name>.http3.advertisedport': 64,
  'entrypoints.<name>.transport.keepalivemaxrequests': 64,
  'hostresolver.resolvdepth': 64,
  'ping.terminatingstatuscode': 64,
  'providers.ecs.refreshseconds': 64,
  'providers.rancher.refreshseconds': 64,
  'providers.http.maxresponsebodysize': 64,
  'providers.redis.db': 64,
  'providers.kubernetesgateway.burst': 64,
  'providers.kubernetesgateway.qps': 64,
  'providers.kubernetesingressnginx.clientbodybuffersize': 64,
  'providers.kubernetesingressnginx.ipallowliststrategy.depth': 64,
  'providers.kubernetesingressnginx.ipallowliststrategy.ipv6subnet': 64,
  'providers.kubernetesingressnginx.proxybodysize': 64,
  'providers.kubernetesingressnginx.proxybuffersize': 64,
  'providers.kubernetesingressnginx.proxybuffersnumber': 64,
  'providers.kubernetesingressnginx.proxyconnecttimeout': 64,
  'providers.kubernetesingressnginx.proxynextupstreamtimeout': 64,
  'providers.kubernetesingressnginx.proxynextupstreamtries': 64,
  'providers.kubernetesingressnginx.proxyreadtimeout': 64,
  'providers.kubernetesingressnginx.proxysendtimeout': 64,
  'providers.kubernetesingressnginx.upstreamkeepalivetimeout': 64,
  'serverstransport.maxidleconnsperhost': 64,
  'tracing.haystack.localagentport': 64,
  'tracing.instana.localagentport': 64,
  'tracing.spannamelimit': 64,
};

/** The bits of the Go integer behind a reference option (its lower-case name as the reference writes it), else undefined. */
export const intBits = (written: string): 32 | 64 | undefined =>
  Object.prototype.hasOwnProperty.call(INT_OPTIONS, written.toLowerCase()) ? INT_OPTIONS[written.toLowerCase()] : undefined;
