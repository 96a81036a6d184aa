import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';

import type { CompileResult, StateMachineDefinition, Substitution, TaskInfo } from '../compiler/types';
import { actionPlaceholderKey, APPROVAL_PLACEHOLDER_KEY } from './action-naming';

/** Hand-written ASL of the reference workflow, the shape the compiler emits. */
const SALARY_ASL_FILE = join(__dirname, '..', '..', 'test', 'fixtures', 'salary.hand.asl.json');

/**
 * Stands in for the compiler while lib/compiler has no `compileWorkflow`:
 * returns the hand-written ASL for the workflow named `salary`, and an error
 * diagnostic for any other workflow. Metadata comes from the YAML and the ASL.
 */
export function compileFromHandWrittenAsl(source: string, options: { file: string }): CompileResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter });
  const workflow = document.toJS() as {
    name?: string;
    description?: string;
    input?: (string | Record<string, unknown>)[];
    tasks?: Record<string, { action?: string }>;
  };

  if (workflow?.name !== 'salary') {
    return {
      diagnostics: [
        {
          code: 'CDK0001',
          severity: 'error',
          file: options.file,
          start: { line: 1, column: 1 },
          message:
            `Workflow ${JSON.stringify(workflow?.name)} cannot be compiled yet: until lib/compiler exports ` +
            'compileWorkflow, only the workflow named "salary" is synthesized, from its hand-written ASL.',
        },
      ],
    };
  }

  const asl = JSON.parse(readFileSync(SALARY_ASL_FILE, 'utf8')) as StateMachineDefinition;
  const tasksNode = document.get('tasks', true);
  const tasks = Object.entries(workflow.tasks ?? {}).map(([name, task]): TaskInfo => {
    const pair = isMap(tasksNode) ? tasksNode.items.find((item) => isScalar(item.key) && item.key.value === name) : undefined;
    const offset = isScalar(pair?.key) ? (pair.key.range?.[0] ?? 0) : 0;
    const position = lineCounter.linePos(offset);
    return { name, action: task?.action, position: { line: position.line, column: position.col } };
  });
  const actions = [...new Set(tasks.map((task) => task.action ?? ''))]
    .filter((action) => action !== '' && !action.startsWith('std.'))
    .sort();

  return {
    asl,
    diagnostics: [],
    metadata: {
      name: workflow.name,
      description: workflow.description,
      input: (workflow.input ?? []).map((entry) =>
        typeof entry === 'string' ? { name: entry } : { name: Object.keys(entry)[0], default: Object.values(entry)[0] },
      ),
      tasks,
      actions,
      substitutions: listSubstitutions(asl, actions),
      transitions: countTransitions(asl),
    },
  };
}

function listSubstitutions(asl: StateMachineDefinition, actions: string[]): Substitution[] {
  const text = JSON.stringify(asl);
  const substitutions: Substitution[] = actions
    .filter((action) => text.includes(`\${${actionPlaceholderKey(action)}}`))
    .map((action) => ({ key: actionPlaceholderKey(action), kind: 'action', action }));
  if (text.includes(`\${${APPROVAL_PLACEHOLDER_KEY}}`)) {
    substitutions.push({ key: APPROVAL_PLACEHOLDER_KEY, kind: 'approval' });
  }
  return substitutions;
}

/** Counts the states entered on the shortest and the longest path, the branches of a Parallel state included. */
function countTransitions(machine: StateMachineDefinition): { shortest: number; longest: number } {
  const count = (name: string | undefined): { shortest: number; longest: number } => {
    if (name === undefined) {
      return { shortest: 0, longest: 0 };
    }
    const state = machine.States[name];
    const branches = ((state.Branches as StateMachineDefinition[] | undefined) ?? []).map(countTransitions);
    const own = {
      shortest: 1 + branches.reduce((sum, branch) => sum + branch.shortest, 0),
      longest: 1 + branches.reduce((sum, branch) => sum + branch.longest, 0),
    };

    const choices = (state.Choices as { Next: string }[] | undefined)?.map((choice) => choice.Next);
    const nexts = choices ? [...choices, state.Default as string | undefined] : [state.Next as string | undefined];
    const paths = nexts.map(count);
    return {
      shortest: own.shortest + Math.min(...paths.map((path) => path.shortest)),
      longest: own.longest + Math.max(...paths.map((path) => path.longest)),
    };
  };
  return count(machine.StartAt);
}
