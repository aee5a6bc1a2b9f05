// ESLint flat config: typescript-eslint's recommended rules for the TypeScript sources and tests, plus two
// type-aware rules that catch real bugs (promises nobody awaits) in test/, where the process tests await their
// children. src/ is synchronous, as cdk8s synthesis is, and a rule below keeps it so: type information for all of
// src/ took half of lint's time to guard promises it does not have. no-misused-promises is left out likewise.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Globals of the CommonJS Node scripts in scripts/ and test/fixtures/. */
const nodeGlobals = Object.fromEntries(
  ['require', 'module', 'exports', '__dirname', '__filename', 'process', 'console', 'Buffer', 'setTimeout', 'clearTimeout', 'URL'].map(
    (name) => [name, 'readonly'],
  ),
);

export default tseslint.config(
  { ignores: ['dist/', 'lib/', 'imports/', 'vendor/', 'crds/', 'coverage/', '.cdk8s.out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'AwaitExpression, :function[async=true], TSTypeReference[typeName.name="Promise"], NewExpression[callee.name="Promise"], MemberExpression[object.name="Promise"]',
          message: 'src/ is synchronous: to add promises, run the type-aware promise rules of eslint.config.mjs on src/ too.',
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // Tests read untyped manifests and load modules afresh inside jest.isolateModules.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // One copy of yaml per process: src/core/yaml.ts shares cdk8s' bundled copy when it is the same release.
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'yaml', message: "Use src/core/yaml.ts (types may come from 'yaml').", allowTypeImports: true },
            // src/ is synchronous (the rule above): scripts/static-checks.js caches the lint of test/ on that.
            { name: 'node:fs/promises', message: 'src/ is synchronous: use node:fs.' },
            { name: 'fs/promises', message: 'src/ is synchronous: use node:fs.' },
          ],
        },
      ],
    },
  },
  {
    // Lazy loads: ajv and the cached validators (crds.ts), the kubernetes-models models through their cache file
    // (model-cache.ts) and ajv's 2020-12 build for Traefik values (values-schema.ts) are required only when needed,
    // which keeps a synth fast; yaml.ts picks its copy of yaml at run time; zod-lazy.ts loads zod only for a config
    // that config-shape.ts refuses; diff.ts loads jsdiff only when there is something to diff; the two wiring.ts load
    // the Gateway API and cert-manager constructs only for a config that has them; secret-gate.ts loads the scalar
    // redaction only for a diff; main.ts, api/cluster.ts, gateway/rules.ts, traefik/values-check.ts, traefik/extra-objects.ts
    // and validate/conformance.ts load what only a gitops block, an IP pool, a Gateway, traefik.values, an extraObjects
    // item or an object the schema memo does not know needs; construct-gate.ts loads the gate only when an app synthesizes;
    // config/issues.ts loads the Traefik chart's keys only for a key unknown under traefik; validate/rules.ts loads the
    // rules of kinds only extraObjects hold at the first such object; traefik/sidecar-powers.ts the shell reader only for
    // containers of the user's in Traefik's pods; traefik/effective.ts the route token reader only where routes can be.
    files: [
      'src/output/construct-gate.ts',
      'src/gateway/wiring.ts',
      'src/cert-manager/wiring.ts',
      'src/output/diff.ts',
      'src/output/secret-gate.ts',
      'src/validate/crds.ts',
      'src/validate/model-cache.ts',
      'src/traefik/values-schema.ts',
      'src/core/yaml.ts',
      'src/config/zod-lazy.ts',
      'src/main.ts',
      'src/api/cluster.ts',
      'src/gateway/rules.ts',
      'src/traefik/values-check.ts',
      'src/traefik/object-judge.ts',
      'src/validate/conformance.ts',
      'src/validate/ajv-cache.ts',
      'src/config/issues.ts',
      'src/validate/rules.ts',
      'src/traefik/sidecar-powers.ts',
      'src/traefik/effective.ts',
    ],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: nodeGlobals },
  },
);
