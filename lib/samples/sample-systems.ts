import { AccountingService } from './accounting-service';
import { BonusService } from './bonus-service';
import { DEFAULT_DATA_FILE, loadEmployees } from './employee-data';
import { JsonServiceOptions, RunningJsonService, startJsonService } from './json-service';

export const DEFAULT_ACCOUNTING_PORT = 4701;
export const DEFAULT_BONUS_PORT = 4702;

export interface SampleSystemsOptions {
  /** Port of the accounting system; 0 picks a free one. @default 4701 */
  accountingPort?: number;
  /** Port of the bonus system; 0 picks a free one. @default 4702 */
  bonusPort?: number;
  /** JSON file of employees. @default lib/samples/employees.json */
  dataFile?: string;
}

export interface SampleSystems {
  /** Base URL of the accounting system, such as `http://127.0.0.1:4701`. */
  accountingUrl: string;
  /** Base URL of the bonus system, such as `http://127.0.0.1:4702`. */
  bonusUrl: string;
  accounting: RunningJsonService;
  bonus: RunningJsonService;
  stop(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

/** A sample system whose port another process already uses. */
export class SamplePortInUseError extends Error {
  /** Command-line option of the port, the same in `sirocco start` and lib/samples/main.ts. */
  readonly option: string;

  constructor(
    readonly system: 'accounting' | 'bonus',
    readonly port: number,
    options?: ErrorOptions,
  ) {
    const option = `--${system}-port`;
    super(
      `Port ${port} on ${LOOPBACK} (${option}) is already in use, so the sample ${system} system cannot start. ` +
        `Stop the process that uses it, or choose another port with ${option} (0 picks a free port).`,
      options,
    );
    this.name = 'SamplePortInUseError';
    this.option = option;
  }
}

/** Starts the sample accounting and bonus systems on loopback. */
export async function startSampleSystems(options: SampleSystemsOptions = {}): Promise<SampleSystems> {
  const employees = loadEmployees(options.dataFile ?? DEFAULT_DATA_FILE);
  const accountingService = new AccountingService(employees);
  const bonusService = new BonusService(employees);

  const accounting = await startSampleService({
    name: 'accounting',
    host: LOOPBACK,
    port: options.accountingPort ?? DEFAULT_ACCOUNTING_PORT,
    routes: accountingService.routes(),
    onReset: () => accountingService.reset(),
  });
  let bonus: RunningJsonService;
  try {
    bonus = await startSampleService({
      name: 'bonus',
      host: LOOPBACK,
      port: options.bonusPort ?? DEFAULT_BONUS_PORT,
      routes: bonusService.routes(),
    });
  } catch (error) {
    await accounting.stop();
    throw error;
  }

  return {
    accountingUrl: accounting.url,
    bonusUrl: bonus.url,
    accounting,
    bonus,
    stop: async () => {
      await Promise.all([accounting.stop(), bonus.stop()]);
    },
  };
}

/** Starts one sample system, and names the system and its port option when the port is in use. */
async function startSampleService(options: JsonServiceOptions & { name: 'accounting' | 'bonus' }): Promise<RunningJsonService> {
  try {
    return await startJsonService(options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new SamplePortInUseError(options.name, options.port, { cause: error });
    }
    throw error;
  }
}
