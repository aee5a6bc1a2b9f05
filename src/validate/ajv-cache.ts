import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { cacheDir, writeCache } from '../output/cache-folder';

/** What `cachedValidator` needs of an ajv instance: to write a compiled validator out as a module. */
export interface CompiledValidator {
  readonly ajv: object;
  readonly validate: ValidateFunction;
}

/**
 * An ajv validator, its generated code kept in the cache folder (node_modules/.cache/k3s-vip): compiling costs tens to
 * hundreds of milliseconds a synth, loading the code about 1 to 20 ms. The file is `<prefix>-<key>.js`, the key a hash
 * of ajv's release and `keyParts` (the options and the schema: everything the code depends on), so a changed schema,
 * option or ajv release compiles afresh. A cache file that does not load as a function (damaged, cut short) is
 * compiled and written again: the cache only saves time. Used by the CRD validators (validate/crds.ts) and the Traefik
 * values schemas (traefik/values-schema.ts).
 */
export function cachedValidator(prefix: string, keyParts: readonly string[], compile: () => CompiledValidator): ValidateFunction {
  const { version } = require('ajv/package.json') as { version: string };
  const hash = createHash('sha256').update(version);
  for (const part of keyParts) hash.update('\0').update(part);
  const dir = cacheDir();
  const cached = dir && join(dir, `${prefix}-${hash.digest('hex').slice(0, 16)}.js`);
  if (cached && existsSync(cached)) {
    try {
      const loaded: unknown = require(cached);
      if (typeof loaded === 'function') return loaded as ValidateFunction;
    } catch {
      // A damaged cache file: compiled and written again below.
    }
  }
  const { ajv, validate } = compile();
  const { default: standaloneCode } = require('ajv/dist/standalone') as typeof import('ajv/dist/standalone');
  if (cached) writeCache(cached, standaloneCode(ajv as Parameters<typeof standaloneCode>[0], validate));
  return validate;
}
