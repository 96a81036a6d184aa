import { promises as fs } from 'node:fs';
import path from 'node:path';

import type { ExecutionRecord } from './execution/records';
import type { HistoryEvent } from './history';

/** A state machine as CreateStateMachine stores it. */
export interface StateMachineRecord {
  name: string;
  stateMachineArn: string;
  definition: string;
  roleArn: string;
  type: 'STANDARD';
  creationDate: number;
  updateDate?: number;
  revisionId: string;
}

let temporaryFileCounter = 0;

/** Writes a file atomically: a temporary file in the same folder, then a rename. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  temporaryFileCounter++;
  const temporary = `${file}.${process.pid}.${temporaryFileCounter}.tmp`;
  await fs.writeFile(temporary, text);
  await fs.rename(temporary, file);
}

function fileName(key: string): string {
  return encodeURIComponent(key);
}

/**
 * Files under `dataDir`: `state-machines/<name>.json`, and for each execution
 * a checkpoint `executions/<arn>.json` plus its history `executions/<arn>.history.jsonl`.
 */
export class EngineStore {
  private readonly stateMachinesDir: string;
  private readonly executionsDir: string;

  constructor(dataDir: string) {
    this.stateMachinesDir = path.join(dataDir, 'state-machines');
    this.executionsDir = path.join(dataDir, 'executions');
  }

  async init(): Promise<void> {
    await fs.mkdir(this.stateMachinesDir, { recursive: true });
    await fs.mkdir(this.executionsDir, { recursive: true });
  }

  async saveStateMachine(record: StateMachineRecord): Promise<void> {
    const file = path.join(this.stateMachinesDir, `${fileName(record.name)}.json`);
    await writeFileAtomic(file, JSON.stringify(record, null, 2));
  }

  async deleteStateMachine(name: string): Promise<void> {
    await fs.rm(path.join(this.stateMachinesDir, `${fileName(name)}.json`), { force: true });
  }

  async loadStateMachines(): Promise<StateMachineRecord[]> {
    return this.loadJsonFiles<StateMachineRecord>(this.stateMachinesDir, '.json');
  }

  async appendHistory(executionArn: string, events: HistoryEvent[]): Promise<void> {
    if (events.length === 0) {
      return;
    }
    const text = events.map((event) => JSON.stringify(event)).join('\n') + '\n';
    await fs.appendFile(this.historyFile(executionArn), text);
  }

  async saveExecution(record: ExecutionRecord): Promise<void> {
    await writeFileAtomic(this.checkpointFile(record.executionArn), JSON.stringify(record));
  }

  /**
   * Loads every checkpoint with its history, cut to the events the checkpoint
   * covers: events appended after the last checkpoint are recorded again on resume.
   */
  async loadExecutions(): Promise<{ record: ExecutionRecord; history: HistoryEvent[] }[]> {
    const records = await this.loadJsonFiles<ExecutionRecord>(this.executionsDir, '.json');
    const loaded: { record: ExecutionRecord; history: HistoryEvent[] }[] = [];
    for (const record of records) {
      const history = await this.loadHistory(record.executionArn);
      const covered = history.slice(0, record.eventCount);
      if (covered.length < history.length) {
        await this.rewriteHistory(record.executionArn, covered);
      }
      loaded.push({ record, history: covered });
    }
    return loaded;
  }

  private async rewriteHistory(executionArn: string, events: HistoryEvent[]): Promise<void> {
    const text = events.map((event) => `${JSON.stringify(event)}\n`).join('');
    await writeFileAtomic(this.historyFile(executionArn), text);
  }

  private async loadHistory(executionArn: string): Promise<HistoryEvent[]> {
    let text: string;
    try {
      text = await fs.readFile(this.historyFile(executionArn), 'utf8');
    } catch {
      return [];
    }
    const events: HistoryEvent[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') {
        continue;
      }
      try {
        events.push(JSON.parse(line) as HistoryEvent);
      } catch {
        // A kill during an append cut this line short, and the checkpoint does not cover it.
        break;
      }
    }
    return events;
  }

  private async loadJsonFiles<T>(dir: string, suffix: string): Promise<T[]> {
    const names = (await fs.readdir(dir)).filter((name) => name.endsWith(suffix)).sort();
    const items: T[] = [];
    for (const name of names) {
      items.push(JSON.parse(await fs.readFile(path.join(dir, name), 'utf8')) as T);
    }
    return items;
  }

  private checkpointFile(executionArn: string): string {
    return path.join(this.executionsDir, `${fileName(executionArn)}.json`);
  }

  private historyFile(executionArn: string): string {
    return path.join(this.executionsDir, `${fileName(executionArn)}.history.jsonl`);
  }
}
