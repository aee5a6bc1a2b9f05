// Hostile inputs of round 51 (traefik53): see scripts/hostile-inputs.js.
'use strict';

const route = (kind, parents, rules, matches, match) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind,
  metadata: { name: 'r', namespace: 'default' },
  spec: {
    parentRefs: Array.from({ length: parents }, (_, i) => ({ name: `p${i}` })),
    rules: Array.from({ length: rules }, () => ({
      matches: Array.from({ length: matches }, match),
      filters: Array.from({ length: 16 }, () => ({ type: 'RequestHeaderModifier', requestHeaderModifier: {} })),
      backendRefs: Array.from({ length: 16 }, () => ({
        name: 's',
        port: 80,
        filters: Array.from({ length: 16 }, () => ({ type: 'URLRewrite', urlRewrite: {} })),
      })),
    })),
  },
});

/**
 * Round 51 (traefik53): HTTPRoute and GRPCRoute objects for the CRDs' CEL rules (validate/gateway-cel.ts): every list
 * at its CRD's maxItems (the parentRefs rule compares each pair, the rules' rules walk every filter), lists far over it
 * (left to the schema, never evaluated), and GRPC names at their maxLength that end in a character the patterns refuse.
 * Each row: [label, { object, findings }], findings the least number of findings the rules must give.
 */
const gatewayRoutes53 = () => [
  [
    'an HTTPRoute with every list at its maxItems',
    { object: route('HTTPRoute', 32, 16, 64, () => ({ path: { type: 'PathPrefix', value: '/a' } })), findings: 1 },
  ],
  [
    'an HTTPRoute far over maxItems',
    { object: route('HTTPRoute', 2000, 200, 64, () => ({ path: { type: 'PathPrefix', value: '/a' } })), findings: 0 },
  ],
  [
    'a GRPCRoute with names at their maxLength',
    {
      object: route('GRPCRoute', 32, 16, 8, () => ({ method: { service: `${'a.'.repeat(511)}!`, method: `${'a'.repeat(1023)}!` } })),
      findings: 1,
    },
  ],
];

module.exports = { gatewayRoutes53 };
