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
