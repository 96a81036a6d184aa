import { parseScheduleExpression } from '../../dsl/triggers-expression';
import type { Clock } from '../engine/types';
import { errorMessage, type LocalLog } from '../log';
import { nextFireTime } from './next-fire-time';
import type { ScheduleResource } from './read-schedules';

/** Starts one execution of `stateMachineArn` with the JSON `input`, and returns its ARN. */
export type StartExecution = (stateMachineArn: string, input: string) => Promise<string>;

export interface LocalSchedulerOptions {
  schedules: readonly ScheduleResource[];
  clock: Clock;
  startExecution: StartExecution;
  log: LocalLog;
}

/**
 * Fires the enabled schedules of the assembly, each in its own loop that
 * sleeps on the clock until the next fire time. rate() periods count from
 * `start()`, which is taken as the creation of the schedule.
 */
// NOTE: a failed StartExecution is logged and not retried, unlike the target's RetryPolicy in AWS.
export class LocalScheduler {
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];

  constructor(private readonly options: LocalSchedulerOptions) {}

  /** The schedules that fire, with their expression and timezone. */
  get active(): ScheduleResource[] {
    return this.options.schedules.filter((schedule) => schedule.enabled);
  }

  start(): void {
    const createdAt = this.options.clock.now();
    const disabled = this.options.schedules.length - this.active.length;
    this.options.log.write('scheduler', `Started ${this.active.length} schedules, and left ${disabled} disabled ones off.`);
    for (const schedule of this.active) {
      this.loops.push(this.run(schedule, createdAt));
    }
  }

  /** Stops every loop and waits for starts in flight. */
  async stop(): Promise<void> {
    this.abort.abort(new Error('The scheduler stopped.'));
    await Promise.all(this.loops);
  }

  private async run(schedule: ScheduleResource, createdAt: number): Promise<void> {
    const { clock, log } = this.options;
    const parsed = parseScheduleExpression(schedule.expression);
    if (!parsed.ok) {
      log.write('scheduler', `Schedule ${schedule.name} is not run: invalid expression '${schedule.expression}': ${parsed.reason}.`);
      return;
    }

    let after = clock.now();
    while (!this.abort.signal.aborted) {
      const next = nextFireTime(parsed.value, schedule.timezone, after, createdAt);
      if (next === undefined) {
        log.write('scheduler', `Schedule ${schedule.name} has no later fire time, so it stops.`);
        return;
      }

      try {
        await clock.sleep(next - clock.now(), this.abort.signal);
      } catch {
        return;
      }
      await this.fire(schedule, next);
      after = next;
    }
  }

  private async fire(schedule: ScheduleResource, time: number): Promise<void> {
    const { startExecution, log } = this.options;
    try {
      const executionArn = await startExecution(schedule.targetArn, schedule.input);
      log.write('scheduler', `Schedule ${schedule.name} fired for ${new Date(time).toISOString()}: started ${executionArn}.`);
    } catch (error) {
      log.write('scheduler', `Schedule ${schedule.name} failed to start ${schedule.targetArn}: ${errorMessage(error)}`);
    }
  }
}
