/** K3s' default `--service-node-port-range` (the API server's default, which K3s keeps). */
export const NODE_PORTS = { min: 30000, max: 32767 } as const;
