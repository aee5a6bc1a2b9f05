/**
 * A command that reads a Secret from the cluster (attack round 71a-26), as Argo CD's getting-started guide prints its
 * first admin password: `kubectl -n argocd get secret argocd-initial-admin-secret -o jsonpath="{.data.password}" |
 * base64 -d` (argo-cd.readthedocs.io/en/stable/getting_started, "Login Using The CLI"). A runbook's line under a
 * password's label says where the password is; the command holds none. Only this exact shape: a jsonpath of one data
 * key, maybe decoded; anything else after it (`| tee`, `; echo …`) is judged as a value.
 */
const NAMESPACE = String.raw`(?:-n[ \t]+[\w.-]{1,63}|--namespace[= ][\w.-]{1,63})`;
const READ = new RegExp(
  String.raw`^kubectl(?:[ \t]+${NAMESPACE})?[ \t]+get[ \t]+secrets?[ \t]+[\w.-]{1,253}(?:[ \t]+${NAMESPACE})?[ \t]+` +
    String.raw`-o[ \t]*=?[ \t]*jsonpath=(['"]?)\{\.data(?:\.[\w-]{1,253}|\['[\w.-]{1,253}'\])\}\1(?:[ \t]*\|[ \t]*base64[ \t]+(?:-d|-D|--decode))?$`,
);

/** Whether `value` is only a kubectl command that reads one key of a Secret (above). */
export const isSecretReadCommand = (value: string): boolean => value.length <= 1024 && READ.test(value.trim());
