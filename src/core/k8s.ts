/**
 * The Kubernetes API objects cdk8s-plus-27 exports as `k8s`, taken from its one module that defines them
 * (`lib/imports/k8s.js`, which the package's index re-exports, so this is the same module a user's own
 * `import { k8s } from 'cdk8s-plus-27'` gets). The index would also load the package's 28 other modules,
 * about 800 KB of constructs this project never uses, on every synth.
 */
export * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
