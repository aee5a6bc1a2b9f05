import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { clusterConfigSchema } from './schema';
import { optionless } from '../npm-args';

/** File the example configs reference with `# yaml-language-server: $schema=`. */
export const SCHEMA_FILE = 'config.schema.json';

/**
 * JSON Schema (draft-07, what YAML editors read) of a config file, generated from the validator's
 * schema so the two cannot drift. It knows structure, types, defaults and patterns; rules across
 * values (overlapping pools, VIPs in K3s networks, ...) stay with `npm run synth`.
 */
export function configJsonSchema(): string {
  const schema = z.toJSONSchema(clusterConfigSchema, { io: 'input', target: 'draft-7' });
  return `${JSON.stringify({ ...schema, title: 'k3s-vip cluster config' }, null, 2)}\n`;
}

const HELP = `usage: npm run schema

Rewrites ${SCHEMA_FILE} from the config validator's schema, for the editor support of the
\`# yaml-language-server: $schema=...\` line in every config file (a test fails when it is stale).`;

/** `npm run schema`: rewrites config.schema.json. */
export function main(args: readonly string[] = []): void {
  const early = optionless(args, HELP, 'schema');
  if (early !== undefined) {
    process.exitCode = early;
    return;
  }
  writeFileSync(SCHEMA_FILE, configJsonSchema());
  process.stderr.write(`wrote ${SCHEMA_FILE}\n`);
}
