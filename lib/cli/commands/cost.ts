import { InvalidArgumentError, Option, type Command } from 'commander';

import { buildCostReport } from '../../cost/cost-report';
import { formatCostTable } from '../../cost/format-cost-table';
import { DEFAULT_ASSUMPTIONS, type CostAssumptions, type LambdaArchitecture } from '../../cost/pricing';
import { compileWorkflowFile } from '../compile-workflow-file';
import { defaultActionsDir } from '../discover-actions';
import { ExitCode } from '../exit-codes';
import type { CliOutput } from '../output';
import { requireWorkflowFile } from '../workflow-files';

interface CostOptions {
  json?: boolean;
  lambdaMs: number;
  lambdaMb: number;
  architecture: LambdaArchitecture;
  mapItems: number;
  workflow?: string;
  actionsDir: string;
}

/** Prints the cost estimate of one workflow file as a table or JSON and returns the exit code. */
export function estimateCost(file: string, options: CostOptions, output: CliOutput): number {
  requireWorkflowFile(file, 'cost');
  const compiled = compileWorkflowFile(file, options.actionsDir, output, options.workflow);
  if (!compiled) return ExitCode.diagnostics;

  const assumptions: CostAssumptions = {
    lambdaMilliseconds: options.lambdaMs,
    lambdaMemoryMb: options.lambdaMb,
    architecture: options.architecture,
    mapItems: options.mapItems,
  };
  const report = buildCostReport(compiled.metadata.name, compiled.asl, assumptions);
  output.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatCostTable(report)}\n`);

  return ExitCode.ok;
}

/** Registers `sirocco cost`. */
export function registerCost(program: Command, output: CliOutput, setExitCode: (code: number) => void): void {
  program
    .command('cost')
    .description('Estimate state transitions, Lambda invocations and the price of 1,000 executions of one workflow.')
    .argument('<file>', 'workflow YAML file')
    .option('--json', 'print the estimate as JSON')
    .option('--lambda-ms <ms>', 'billed duration of each Lambda invocation, in milliseconds', parsePositive('--lambda-ms'), DEFAULT_ASSUMPTIONS.lambdaMilliseconds)
    .option('--lambda-mb <mb>', 'memory size of each Lambda function, in MB (128 to 10240)', parseMemory, DEFAULT_ASSUMPTIONS.lambdaMemoryMb)
    .addOption(
      new Option('--architecture <name>', 'instruction set architecture of the Lambda functions')
        .choices(['arm64', 'x86_64'])
        .default(DEFAULT_ASSUMPTIONS.architecture),
    )
    .option('--map-items <n>', 'items of each Map state', parseWhole('--map-items'), DEFAULT_ASSUMPTIONS.mapItems)
    .option('--workflow <name>', 'the workflow to use from a file that contains several (a Mistral workflow file or workbook)')
    .option('--actions-dir <dir>', 'folder of the action Lambdas, <system>/<name>.ts', defaultActionsDir)
    .action((file: string, options: CostOptions) => {
      setExitCode(estimateCost(file, options, output));
    });
}

function parsePositive(flag: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
      throw new InvalidArgumentError(`'${value}' is not a positive number. Pass ${flag} a value such as 200.`);
    }
    return number;
  };
}

function parseWhole(flag: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) {
      throw new InvalidArgumentError(`'${value}' is not a whole number. Pass ${flag} an integer of 0 or more.`);
    }
    return number;
  };
}

function parseMemory(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 128 || number > 10_240) {
    throw new InvalidArgumentError(`'${value}' is not a Lambda memory size. Use an integer from 128 to 10240 MB.`);
  }
  return number;
}
