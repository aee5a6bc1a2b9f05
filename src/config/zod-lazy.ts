import type * as Issues from './issues';
import type * as Schema from './schema';

/**
 * zod's config schema and the messages built from its issues, loaded only when needed: a config or a prop
 * that the shape of config-shape.ts accepts never loads zod (about a third of a synth's own time), one it
 * refuses asks zod, which says why.
 */
export const zodSchema = (): typeof Schema => require('./schema') as typeof Schema;
export const zodIssues = (): typeof Issues => require('./issues') as typeof Issues;
