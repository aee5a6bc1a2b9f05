import { createRequire } from 'node:module';

/**
 * What the bundled kubernetes-models models (model-cache.ts) get for `require('@kubernetes-models/validate')`:
 * the same formats and the same `runValidateFunc`, without the rest of that package.
 *
 * `@kubernetes-models/validate` 4.0.0 (dist/formats.js, dist/validate.js) builds its `formats` from
 * ajv-formats, ajv-formats-draft2019 (uri-js, nearley, the IANA scheme lists), is-cidr and two
 * patterns of its own, and localizes errors with ajv-i18n, which loads all 24 locales to use one.
 * The models read six formats (int32, int64, double and date-time of ajv-formats, byte and quantity
 * of its own), and their errors need English only. Loading the package took about a third of the
 * conformance check's time for config/dev.yaml; this module loads ajv-formats' formats and ajv-i18n's
 * English, from where the package itself resolves them, so they are the same objects and code.
 * Any other format name goes to the package's own `formats`. test/model-runtime.test.ts holds every
 * format the models name to the package's.
 */
const fromPackage = createRequire(require.resolve('@kubernetes-models/validate'));

interface Format {
  readonly type: string;
  readonly validate: RegExp | ((value: string) => boolean);
}

// The two formats @kubernetes-models/validate 4.0.0 defines itself (src/formats.ts of
// github.com/tommy351/kubernetes-models-ts, core/validate), as it defines them.
// From: https://github.com/miguelmota/is-base64/blob/0702e189090921a2f11b4342f27906ff8c43d7ec/is-base64.js#L15
const rBase64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// https://github.com/kubernetes/apimachinery/blob/8c18d83/pkg/api/resource/quantity.go
const rSignedNumber = /[+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+)/;
const rBinarySI = /[KMGTPE]i/;
const rDecimalSI = /(?:[YZEPTGMkhdcmunpfazy]|da)/;
const rDecimalExponent = new RegExp(`[eE]${rSignedNumber.source}`);
const rQuantitySuffix = new RegExp(`(?:${rBinarySI.source}|${rDecimalSI.source}|${rDecimalExponent.source})?`);
const rQuantity = new RegExp(`^${rSignedNumber.source}${rQuantitySuffix.source}$`);

/** The formats the models name, without loading the package; see above. */
export const LIGHT_FORMATS: Readonly<Record<string, Format>> = (() => {
  const { fullFormats } = fromPackage('ajv-formats/dist/formats.js') as { fullFormats: Record<string, Format> };
  return {
    int32: fullFormats.int32,
    int64: fullFormats.int64,
    double: fullFormats.double,
    'date-time': fullFormats['date-time'],
    byte: { type: 'string', validate: (value: string) => rBase64.test(value) },
    quantity: { type: 'string', validate: rQuantity },
  };
})();

/** `formats` of `@kubernetes-models/validate`: the light ones, any other name from the package itself. */
export const formats: Readonly<Record<string, Format>> = new Proxy(LIGHT_FORMATS, {
  get(light, name, receiver) {
    if (typeof name !== 'string' || Object.prototype.hasOwnProperty.call(light, name)) return Reflect.get(light, name, receiver);
    return (fromPackage('@kubernetes-models/validate') as { formats: Record<string, Format> }).formats[name];
  },
});

interface ErrorObject {
  readonly instancePath: string;
  readonly message?: string;
}

type ValidateFunction = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** `runValidateFunc` of `@kubernetes-models/validate` (dist/validate.js), with ajv-i18n's English only, which is all it uses. */
export function runValidateFunc(fn: ValidateFunction, data: unknown): void {
  if (!fn(data) && fn.errors) {
    const errors = fn.errors;
    (fromPackage('ajv-i18n/localize/en') as (errors: ErrorObject[]) => void)(errors);
    const ValidationError = (fromPackage('ajv/dist/runtime/validation_error.js') as { default: new (errors: ErrorObject[]) => Error })
      .default;
    const error = new ValidationError(errors);
    error.message = errors.map((e) => `data${e.instancePath} ${e.message}`).join(', ');
    throw error;
  }
}
