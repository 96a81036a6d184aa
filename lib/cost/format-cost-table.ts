import type { CostReport, PathReport } from './cost-report';
import type { Range } from './pricing';

/** Formats a cost report as a plain-text table for a terminal. */
export function formatCostTable(report: CostReport): string {
  const { assumptions } = report;
  const rows: [string, (path: PathReport) => string][] = [
    ['State transitions', (path) => String(path.transitions)],
    ['Retries (extra transitions)', (path) => formatCount({ min: 0, max: path.maxRetries })],
    ['Lambda invocations', (path) => formatCount({ min: path.lambdaInvocations, max: path.lambdaInvocations + path.maxLambdaRetries })],
    ['Per 1,000 executions (USD):', () => ''],
    ['  State transitions', (path) => formatUsd(path.pricePerThousandExecutions.stateTransitions)],
    ['  Lambda requests', (path) => formatUsd(path.pricePerThousandExecutions.lambdaRequests)],
    ['  Lambda duration', (path) => formatUsd(path.pricePerThousandExecutions.lambdaDuration)],
    ['  Total', (path) => formatUsd(path.pricePerThousandExecutions.total)],
  ];
  const header = ['', 'Shortest path', 'Longest path'];
  const cells = [header, ...rows.map(([label, cell]) => [label, cell(report.shortest), cell(report.longest)])];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const lines = cells.map((row) => [row[0].padEnd(widths[0]), row[1].padStart(widths[1]), row[2].padStart(widths[2])].join('  ').trimEnd());

  return [
    `Cost of workflow '${report.workflow}' per execution`,
    '',
    ...lines,
    '',
    `Shortest path: ${report.shortest.states.join(' → ')}`,
    `Longest path:  ${report.longest.states.join(' → ')}`,
    '',
    'Assumptions:',
    `  Lambda: ${assumptions.lambdaMilliseconds} ms billed per invocation, ${assumptions.lambdaMemoryMb} MB, ${assumptions.architecture}.`,
    `  Map states: ${assumptions.mapItems} item${assumptions.mapItems === 1 ? '' : 's'} each.`,
    ...assumptions.notes.map((note) => `  ${note}`),
  ].join('\n');
}

function formatCount(range: Range): string {
  return range.min === range.max ? String(range.min) : `${range.min}–${range.max}`;
}

function formatUsd(range: Range): string {
  const min = `$${range.min.toFixed(4)}`;
  return range.min === range.max ? min : `${min}–$${range.max.toFixed(4)}`;
}
