/**
 * One line for the files of another cluster's install that stand where `cluster`'s would go (81c-3): a K3s server's
 * manifests folder serves one cluster, and after a rename the old name's install is still there, applied by K3s at
 * every start, until someone removes it.
 */
export function otherInstallProblem(owner: string, record: string, paths: readonly string[], cluster: string): string {
  const files = paths.join(', ');
  return (
    `${files} ${paths.length === 1 ? 'belongs' : 'belong'} to the install of cluster "${owner}" (${record}), and a K3s server serves one cluster: ` +
    `if "${cluster}" is "${owner}" renamed, remove that install first (delete ${files} and ${record}; K3s keeps the objects, ` +
    `so \`kubectl delete\` those you no longer want) and run again; otherwise install "${cluster}" on its own servers`
  );
}
