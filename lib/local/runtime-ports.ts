/** Loopback ports of the local services. */
export interface RuntimePorts {
  stepFunctions: number;
  lambda: number;
  dynamodb: number;
  /** SNS Publish and SES v2 SendEmail. */
  outbox: number;
  apiGateway: number;
}

/**
 * Fixed ports of `sirocco start`, next to the sample external systems on
 * 4701 (accounting) and 4702 (bonus). Port 0 picks a free port.
 */
export const DEFAULT_PORTS: RuntimePorts = {
  stepFunctions: 4710,
  lambda: 4711,
  dynamodb: 4712,
  outbox: 4713,
  apiGateway: 4714,
};

/** Resolves the `ports` option: 0 makes every port ephemeral, and missing entries take the defaults. */
export function resolvePorts(ports: Partial<RuntimePorts> | 0 | undefined): RuntimePorts {
  if (ports === 0) {
    return { stepFunctions: 0, lambda: 0, dynamodb: 0, outbox: 0, apiGateway: 0 };
  }
  return { ...DEFAULT_PORTS, ...ports };
}
