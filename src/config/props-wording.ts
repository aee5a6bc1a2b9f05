import { FormatCheck, portName } from './formats';

/**
 * The construct door's words for format checks whose own are a YAML file's (75a-8): digits given for a port there are a
 * TypeScript string, not a value in quotes. The config schema keeps both (schema.ts formatted: issues.ts says the file's
 * as yamlMessage); PropsValidator.text says these.
 */
export const PROPS_CHECKS: ReadonlyMap<FormatCheck, FormatCheck> = new Map([
  [
    portName,
    (value: string) =>
      /^\d+$/.test(value) ? `"${value}" is a string: write the number ${value}, not the string '${value}'` : portName(value),
  ],
]);

/** 76b-16: a single value where an array goes, as a TypeScript array literal (`['192.168.0.41']`, not YAML's `[192.168.0.41]`). */
export const arrayLiteral = (item: string | number): string => (typeof item === 'number' ? `[${item}]` : `['${item}']`);

/** 76b-7: a plain value where an object of named keys goes, with the keys it takes (`{ certResolver: ... }`). */
export const objectLiteral = (keys: readonly string[]): string => `an object such as { ${keys[0]}: ... } (keys: ${keys.join(', ')})`;
