import type { Finding } from './paths';
import { isRecord } from './paths';

/**
 * The keys a typed Secret must hold (kubernetes/kubernetes pkg/apis/core/validation/validation.go ValidateSecret), and
 * the command that makes one out of band. `any` = one of them is enough (basic-auth: username or password).
 */
const TYPED_SECRETS: Readonly<Record<string, { keys: readonly string[]; any?: boolean; create: string }>> = {
  'kubernetes.io/tls': { keys: ['tls.crt', 'tls.key'], create: 'kubectl create secret tls NAME --cert=… --key=…' },
  'kubernetes.io/basic-auth': {
    keys: ['username', 'password'],
    any: true,
    create: 'kubectl create secret generic NAME --type=kubernetes.io/basic-auth --from-literal=username=…',
  },
  'kubernetes.io/ssh-auth': {
    keys: ['ssh-privatekey'],
    create: 'kubectl create secret generic NAME --type=kubernetes.io/ssh-auth --from-file=ssh-privatekey=…',
  },
  'kubernetes.io/dockerconfigjson': { keys: ['.dockerconfigjson'], create: 'kubectl create secret docker-registry NAME …' },
  'kubernetes.io/dockercfg': {
    keys: ['.dockercfg'],
    create: 'kubectl create secret generic NAME --type=kubernetes.io/dockercfg --from-file=.dockercfg=…',
  },
};

/** ValidateSecret: a service-account token Secret names its ServiceAccount; the token controller fills its data. */
const SERVICE_ACCOUNT_TOKEN = 'kubernetes.io/service-account-token';
const SERVICE_ACCOUNT_NAME = 'kubernetes.io/service-account.name';

/**
 * What the API server refuses in a ConfigMap's or a typed Secret's data beyond their keys' form: a ConfigMap key in
 * both `data` and `binaryData` (ValidateConfigMap: "duplicate of key present in data"), a typed Secret without the
 * keys its type requires (ValidateSecret). Such a Secret can never be right here: this tool writes no Secret data (the
 * gate refuses it), so it is made out of band.
 */
export function checkDataObject(object: Record<string, unknown>): Finding[] {
  if (object.apiVersion !== 'v1') return [];
  if (object.kind === 'ConfigMap' && isRecord(object.data) && isRecord(object.binaryData)) {
    const data = object.data;
    return Object.keys(object.binaryData)
      .filter((key) => Object.prototype.hasOwnProperty.call(data, key))
      .map((key) => ({
        path: ['binaryData', key],
        message: `is also a key of data; the API server refuses a ConfigMap whose data and binaryData share a key: keep it in one of them`,
      }));
  }
  if (object.kind !== 'Secret' || typeof object.type !== 'string') return [];
  if (object.type === SERVICE_ACCOUNT_TOKEN) {
    const annotations = isRecord(object.metadata) && isRecord(object.metadata.annotations) ? object.metadata.annotations : {};
    const name = annotations[SERVICE_ACCOUNT_NAME];
    return typeof name === 'string' && name !== ''
      ? []
      : [
          {
            path: ['metadata', 'annotations'],
            message: `has no ${SERVICE_ACCOUNT_NAME} annotation, which the API server requires on a Secret of type ${SERVICE_ACCOUNT_TOKEN}: name the ServiceAccount there (the token controller fills the data)`,
          },
        ];
  }
  // An own key only (61-5): the API server takes any type string, and `constructor` or `__proto__` is Object's.
  const typed = Object.prototype.hasOwnProperty.call(TYPED_SECRETS, object.type) ? TYPED_SECRETS[object.type] : undefined;
  if (!typed) return [];
  const has = (key: string) =>
    ['data', 'stringData'].some((field) => isRecord(object[field]) && Object.prototype.hasOwnProperty.call(object[field], key));
  const missing = typed.keys.filter((key) => !has(key));
  if (typed.any ? missing.length < typed.keys.length : !missing.length) return [];
  const keys = typed.keys.map((key) => `"${key}"`).join(typed.any ? ' or ' : ' and ');
  return [
    {
      path: ['type'],
      message:
        `is ${object.type}, which the API server accepts only with the key${typed.keys.length > 1 && !typed.any ? 's' : ''} ${keys} in data, and this tool writes no Secret data ` +
        `to a generated file: create this Secret out of band (\`${typed.create}\`) and leave it out of the config`,
    },
  ];
}
