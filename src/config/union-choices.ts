import { z } from 'zod';
import { closest } from '../core/closest';

/**
 * 79b-15: a text that is none of a union's words (`server: prod`, `solver: http-01`) is told every form the union
 * takes, the near word first: naming only the form whose type matched (an https:// URL, whose example was Let's
 * Encrypt's staging directory) sent a user who meant production to untrusted certificates. Undefined when the union
 * has no word (literal or enum) to offer.
 */
export function unionChoices(input: string, union: z.ZodType | undefined): string | undefined {
  const options = union && (bare(union)._zod.def as { options?: z.ZodType[] }).options;
  if (!options) return undefined;
  const words = options.flatMap(wordsOf);
  if (!words.length) return undefined;
  const others = options.filter((option) => !wordsOf(option).length).map(formOf);
  const typed = input.trim().toLowerCase();
  // `prod` for production: a start of a word is a near miss too.
  const near = closest(typed, words) ?? (typed.length >= 3 ? words.find((word) => word.toLowerCase().startsWith(typed)) : undefined);
  const all = [...words, ...others];
  const listed = `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}`;
  return near ? `write ${near} (or ${all.filter((w) => w !== near).join(', or ')})` : `write ${listed}`;
}

/** The schema inside optional and default wrappers. */
function bare(schema: z.ZodType): z.ZodType {
  const def = schema._zod.def as { type: string; innerType?: z.ZodType };
  return def.innerType && ['optional', 'default', 'nullable', 'prefault'].includes(def.type) ? bare(def.innerType) : schema;
}

/** The words a literal or enum option takes. */
function wordsOf(option: z.ZodType): string[] {
  const def = bare(option)._zod.def as { type: string; values?: unknown[]; entries?: Record<string, unknown> };
  if (def.type === 'literal') return (def.values ?? []).filter((v): v is string => typeof v === 'string');
  if (def.type === 'enum') return Object.values(def.entries ?? {}).filter((v): v is string => typeof v === 'string');
  return [];
}

/** Another option as a user writes it: a map's keys two levels down (`{dns01: {provider: cloudflare, ...}}`), else its description. */
function formOf(option: z.ZodType, depth = 0): string {
  const def = bare(option)._zod.def as { type: string; shape?: Record<string, z.ZodType> };
  const words = wordsOf(option);
  if (words.length === 1) return words[0];
  if (def.type === 'object' && def.shape) {
    const keys = Object.entries(def.shape).map(([key, value]) => (depth < 2 ? `${key}: ${formOf(value, depth + 1)}` : key));
    return depth < 2 ? `{${keys.join(', ')}}` : `{${Object.keys(def.shape).join(', ')}}`;
  }
  const description = bare(option).description ?? option.description;
  return depth === 0 && description ? `an ${description.replace(/\.$/, '')}` : '...';
}
