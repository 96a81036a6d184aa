import type { PathCost } from './path-cost';

export type LambdaArchitecture = 'arm64' | 'x86_64';

/**
 * AWS list prices in USD for us-east-1: Step Functions Standard workflows and
 * Lambda on demand, without the free tiers. NOTE: written in by hand, so check
 * them against the AWS pricing pages when prices change.
 */
export const PRICES = {
  /** Standard workflows: $0.025 per 1,000 state transitions. */
  stateTransition: 0.025 / 1_000,
  /** $0.20 per 1M requests. */
  lambdaRequest: 0.2 / 1_000_000,
  /** Duration, per GB-second, by instruction set architecture. */
  lambdaGbSecond: { x86_64: 0.0000166667, arm64: 0.0000133334 } satisfies Record<LambdaArchitecture, number>,
} as const;

/** What the price depends on that the ASL does not contain. */
export interface CostAssumptions {
  /** Billed duration of each Lambda invocation, in milliseconds. */
  lambdaMilliseconds: number;
  /** Memory size of each Lambda function, in MB. */
  lambdaMemoryMb: number;
  architecture: LambdaArchitecture;
  /** Items of each Map state. */
  mapItems: number;
}

/** The Sirocco stack deploys its Lambda functions as ARM64 with 256 MB. The 200 ms duration is an estimate. */
export const DEFAULT_ASSUMPTIONS: CostAssumptions = {
  lambdaMilliseconds: 200,
  lambdaMemoryMb: 256,
  architecture: 'arm64',
  mapItems: 1,
};

/** A value without retries (`min`) and with every retry used (`max`). */
export interface Range {
  min: number;
  max: number;
}

/** Prices of 1,000 executions that take one path, in USD. */
export interface PathPrice {
  stateTransitions: Range;
  lambdaRequests: Range;
  lambdaDuration: Range;
  total: Range;
}

const EXECUTIONS = 1_000;

/** Prices 1,000 executions of `path`, from no retries up to every retry. */
export function pricePath(path: PathCost, assumptions: CostAssumptions): PathPrice {
  const gbSeconds = (assumptions.lambdaMilliseconds / 1_000) * (assumptions.lambdaMemoryMb / 1_024);
  const durationPrice = gbSeconds * PRICES.lambdaGbSecond[assumptions.architecture];
  const transitions = { min: path.transitions, max: path.transitions + path.maxRetries };
  const invocations = { min: path.lambdaInvocations, max: path.lambdaInvocations + path.maxLambdaRetries };

  const stateTransitions = scale(transitions, PRICES.stateTransition * EXECUTIONS);
  const lambdaRequests = scale(invocations, PRICES.lambdaRequest * EXECUTIONS);
  const lambdaDuration = scale(invocations, durationPrice * EXECUTIONS);

  return {
    stateTransitions,
    lambdaRequests,
    lambdaDuration,
    total: {
      min: stateTransitions.min + lambdaRequests.min + lambdaDuration.min,
      max: stateTransitions.max + lambdaRequests.max + lambdaDuration.max,
    },
  };
}

function scale(range: Range, factor: number): Range {
  return { min: range.min * factor, max: range.max * factor };
}
