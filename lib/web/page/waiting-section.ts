/// <reference lib="dom" />
import { h } from 'preact';
import { useState } from 'preact/hooks';

import { resumeTaskOf } from '../../../lambdas/control/pause-state';
import { completeTask, resumeExecution, type WaitingTask } from './api';
import { formatTime } from './format';

interface WaitingProps {
  executionArn: string;
  waiting: WaitingTask[];
  /** Called after each resume or completion request, so that the page reloads the execution. */
  onChange: () => void;
  /** Called with the message of a rejected resume or completion, which the page keeps after the card is gone. */
  onError: (message: string) => void;
}

/** Lists the pauses and the tasks that wait for their result, each with its Resume or Complete form. */
export function WaitingSection(props: WaitingProps) {
  if (props.waiting.length === 0) return null;
  return h(
    'section',
    { class: 'waiting' },
    h('h2', null, 'Waiting'),
    props.waiting.map((waiting) =>
      waiting.reason === 'completion'
        ? h(CompletionCard, { ...props, waiting, key: waiting.state })
        : h(PauseCard, { ...props, waiting, key: waiting.state }),
    ),
  );
}

function PauseCard(props: Omit<WaitingProps, 'waiting'> & { waiting: WaitingTask }) {
  const { waiting } = props;
  const title = waiting.reason === 'pause-before' ? `Paused before ${waiting.task}` : `Paused after ${waiting.task} by the pause command`;

  const resume = () => {
    resumeExecution(props.executionArn, resumeTaskOf(waiting.state)).then(props.onChange, (reason: Error) => rejected(props, reason));
  };

  return h(
    'div',
    { class: 'card waiting-task', 'data-task': waiting.task },
    h('h3', null, title),
    h('p', null, `Since ${formatTime(waiting.since)}.`),
    h('button', { type: 'button', onClick: resume }, 'Resume'),
  );
}

function CompletionCard(props: Omit<WaitingProps, 'waiting'> & { waiting: WaitingTask }) {
  const { waiting } = props;
  const [output, setOutput] = useState('{}');
  const [error, setError] = useState<string | undefined>(undefined);

  const complete = (event: Event) => {
    event.preventDefault();
    setError(undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(output);
    } catch (reason) {
      setError(`The result is not JSON (${(reason as Error).message}): write a JSON value such as {"ok": true}.`);
      return;
    }
    completeTask(props.executionArn, waiting.state, parsed).then(props.onChange, (reason: Error) => rejected(props, reason));
  };

  return h(
    'form',
    { class: 'card waiting-task', 'data-task': waiting.task, onSubmit: complete },
    h('h3', null, `${waiting.task} waits for its result`),
    h('p', null, `Since ${formatTime(waiting.since)}.`),
    h('label', null, 'Result (JSON)', h('textarea', { name: 'output', rows: 3, value: output, onInput: (event: Event) => setOutput((event.target as HTMLTextAreaElement).value) })),
    h('button', { type: 'submit' }, 'Complete'),
    error ? h('p', { class: 'error', role: 'alert' }, error) : null,
  );
}

/** Reports a rejected request to the page, and reloads the execution, whose state may have moved on. */
function rejected(props: Omit<WaitingProps, 'waiting'>, reason: Error): void {
  props.onChange();
  props.onError(reason.message);
}
