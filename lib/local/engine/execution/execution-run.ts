import type { StateMachineDefinition } from '../asl';
import type { HistoryEvent } from '../history';
import { stateEventDetailsKey } from '../history';
import type { EngineStore } from '../store';
import { CheckpointWriter } from './checkpoint-writer';
import type { ExecutionHost } from './host';
import type { ExecutionRecord, ExecutionStatus, FrameRecord } from './records';
import { rootFrameId } from './records';
import { createTaskToken } from './task-token';

/** The reason an execution's work was cut short. */
export type AbortReason = { kind: 'stop' } | { kind: 'timeout' } | { kind: 'close' };

/**
 * The live state of one execution: its record and frames, its history, and
 * the checkpoints that make both durable.
 */
export class ExecutionRun {
  readonly definition: StateMachineDefinition;
  readonly controller = new AbortController();
  private readonly writer: CheckpointWriter;
  private unsavedEvents: HistoryEvent[] = [];
  private readonly callbackWaiters = new Map<string, () => void>();
  done: Promise<void> = Promise.resolve();
  /** Status event deliveries, chained so that they arrive in order. */
  notifications: Promise<void> = Promise.resolve();

  constructor(
    readonly record: ExecutionRecord,
    readonly history: HistoryEvent[],
    readonly host: ExecutionHost,
    private readonly store: EngineStore,
  ) {
    this.definition = JSON.parse(record.definition) as StateMachineDefinition;
    this.writer = new CheckpointWriter(() => this.writeCheckpoint());
  }

  get clock() {
    return this.host.clock;
  }

  get isRunning(): boolean {
    return this.record.status === 'RUNNING';
  }

  /** Returns the `States` container of a frame's location. */
  statesAt(location: (string | number)[]): StateMachineDefinition {
    let container: StateMachineDefinition = this.definition;
    for (let i = 0; i < location.length; i += 2) {
      const state = container.States[location[i] as string];
      const branchIndex = location[i + 1];
      container = typeof branchIndex === 'number' ? state.Branches![branchIndex] : state.ItemProcessor!;
    }
    return container;
  }

  /** Appends an event to the history, linked to the frame's previous event. */
  addEvent(frame: FrameRecord | undefined, type: string, details?: Record<string, unknown>): HistoryEvent {
    const id = this.history.length + 1;
    const event: HistoryEvent = {
      timestamp: this.clock.now(),
      type,
      id,
      previousEventId: frame ? frame.lastEventId : id - 1,
    };
    if (details !== undefined) {
      event[stateEventDetailsKey(type)] = details;
    }
    this.history.push(event);
    this.unsavedEvents.push(event);
    if (frame) {
      frame.lastEventId = id;
    }
    return event;
  }

  /**
   * Persists the record. A durable checkpoint resolves once written. One that
   * is not durable is written in the background, because re-running the
   * transitions it covers after a crash has no outside effect.
   */
  async checkpoint(durable: boolean): Promise<void> {
    if (durable) {
      await this.writer.save();
    } else {
      this.writer.request();
    }
  }

  private async writeCheckpoint(): Promise<void> {
    const events = this.unsavedEvents;
    this.unsavedEvents = [];
    this.record.eventCount = this.history.length;
    const snapshot = JSON.stringify(this.record);
    await this.store.appendHistory(this.record.executionArn, events);
    await this.store.saveExecution(JSON.parse(snapshot) as ExecutionRecord);
  }

  createChildFrame(
    parent: FrameRecord,
    fields: Pick<FrameRecord, 'location' | 'index' | 'stateName' | 'stateInput' | 'status'>,
  ): FrameRecord {
    const frame: FrameRecord = {
      id: `f${this.record.nextFrameId++}`,
      parentId: parent.id,
      variables: {},
      entered: false,
      enteredAt: this.clock.now(),
      retryCount: 0,
      retrierAttempts: [],
      lastEventId: parent.lastEventId,
      ...fields,
    };
    this.record.frames[frame.id] = frame;
    return frame;
  }

  /** Removes the child frames of a frame's Parallel or Map state, recursively. */
  releaseChildren(frame: FrameRecord): void {
    if (frame.phase?.kind !== 'children') {
      return;
    }
    for (const childId of frame.phase.childIds) {
      const child = this.record.frames[childId];
      if (child) {
        this.releaseChildren(child);
        delete this.record.frames[childId];
      }
    }
  }

  /** Returns the variables a frame can read: its own over those of its ancestors. */
  visibleVariables(frame: FrameRecord): Record<string, unknown> {
    const chain: FrameRecord[] = [];
    for (let current: FrameRecord | undefined = frame; current; current = this.parentOf(current)) {
      chain.unshift(current);
    }
    return Object.assign({}, ...chain.map((f) => f.variables)) as Record<string, unknown>;
  }

  parentOf(frame: FrameRecord): FrameRecord | undefined {
    return frame.parentId === undefined ? undefined : this.record.frames[frame.parentId];
  }

  get rootFrame(): FrameRecord {
    return this.record.frames[rootFrameId];
  }

  newTaskToken(frame: FrameRecord): string {
    return createTaskToken(this.record.executionArn, frame.id);
  }

  /** Resolves when `wake(token)` is called for a callback or heartbeat. */
  waitForCallback(token: string): Promise<void> {
    return new Promise((resolve) => this.callbackWaiters.set(token, resolve));
  }

  wake(token: string): void {
    const resolve = this.callbackWaiters.get(token);
    this.callbackWaiters.delete(token);
    resolve?.();
  }

  /** Records `<Type>StateAborted` for each state that a stop or timeout cut short. */
  recordAbortedStates(): void {
    for (const frame of Object.values(this.record.frames)) {
      if (frame.status === 'RUNNING' && frame.entered) {
        const state = this.statesAt(frame.location).States[frame.stateName];
        this.addEvent(frame, `${state.Type}StateAborted`, { name: frame.stateName });
      }
    }
  }

  /** Marks the execution closed with a final status. */
  close(status: ExecutionStatus, fields: { output?: string; error?: string; cause?: string }): void {
    this.record.status = status;
    this.record.stopDate = this.clock.now();
    this.record.output = fields.output;
    this.record.error = fields.error;
    this.record.cause = fields.cause;
  }
}
