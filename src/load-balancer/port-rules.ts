/** One port of a Service as the checks below read it (a config entry or a construct's props). */
export interface ServicePortLike {
  readonly name?: unknown;
  readonly port?: unknown;
  readonly protocol?: unknown;
}

/** A problem with one port, at `path` below the Service's `ports`. */
export interface ServicePortProblem {
  readonly path: Array<string | number>;
  readonly message: string;
}

/**
 * What the API server refuses in a Service's port list (kubernetes/kubernetes pkg/apis/core/validation,
 * `validateServicePort` and `ValidateService`): a port number and protocol listed twice, a name used twice
 * (`spec.ports[j].name: Duplicate value`), and a missing name when there are several ports. The names'
 * own form (IANA_SVC_NAME) is checked where each name is read. `where` names the list in messages.
 */
export function servicePortProblems(ports: readonly ServicePortLike[], where = 'ports'): ServicePortProblem[] {
  const problems: ServicePortProblem[] = [];
  const numbers = new Set<string>();
  const names = new Map<string, number>();
  ports.forEach((port, j) => {
    if (port === null || typeof port !== 'object') return;
    if (typeof port.port === 'number') {
      const key = `${port.port}/${typeof port.protocol === 'string' ? port.protocol : 'TCP'}`;
      if (numbers.has(key)) problems.push({ path: [j, 'port'], message: `${key} is listed twice: each port once` });
      numbers.add(key);
    }
    if (typeof port.name === 'string' && port.name) {
      const first = names.get(port.name);
      if (first !== undefined) {
        problems.push({
          path: [j, 'name'],
          message: `"${port.name}" is also the name of ${where}[${first}]; the API server refuses a Service whose ports share a name: give each port its own name`,
        });
      } else names.set(port.name, j);
    } else if (ports.length > 1 && (port.name === undefined || port.name === '')) {
      problems.push({
        path: [j],
        message: 'has no name; the API server requires a name on every port of a Service with several ports: add `name`',
      });
    }
  });
  return problems;
}
