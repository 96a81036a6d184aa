/// <reference lib="dom" />
import { h } from 'preact';
import { useState } from 'preact/hooks';

import { startExecution, type WorkflowSummary } from './api';
import { executionHref } from './format';

/**
 * Starts an execution of the workflow with one text field per declared input.
 * Every value is sent as a string. An empty field is left out, so that an
 * optional input takes its default and the control API names a missing one.
 * The optional environment is a JSON object, which the control API passes
 * on as `__env` for `env()`.
 */
export function StartForm(props: { workflow: WorkflowSummary }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [environment, setEnvironment] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [starting, setStarting] = useState(false);

  const submit = (event: Event) => {
    event.preventDefault();
    setError(undefined);

    const env = parseEnvironment(environment);
    if (typeof env === 'string') {
      setError(env);
      return;
    }

    setStarting(true);
    const body: Record<string, unknown> = inputOf(props.workflow, values);
    if (env !== undefined) body.env = env;
    startExecution(props.workflow.name, body).then(
      (started) => {
        window.location.hash = executionHref(started.executionArn);
      },
      (reason: Error) => {
        setError(reason.message);
        setStarting(false);
      },
    );
  };

  return h(
    'form',
    { class: 'card start-form', onSubmit: submit },
    h('h2', null, 'Start an execution'),
    props.workflow.input.map((input) =>
      h(
        'label',
        null,
        input.name,
        'default' in input ? ` (default ${JSON.stringify(input.default)})` : '',
        h('input', {
          name: input.name,
          required: !('default' in input),
          value: values[input.name] ?? '',
          onInput: (inputEvent: Event) => setValues({ ...values, [input.name]: (inputEvent.target as HTMLInputElement).value }),
        }),
      ),
    ),
    h(
      'details',
      null,
      h('summary', null, 'Environment'),
      h(
        'label',
        null,
        'JSON object that env() reads (optional)',
        h('textarea', {
          name: 'env',
          rows: 3,
          value: environment,
          onInput: (inputEvent: Event) => setEnvironment((inputEvent.target as HTMLTextAreaElement).value),
        }),
      ),
    ),
    h('button', { type: 'submit', disabled: starting }, 'Start'),
    error ? h('p', { class: 'error', role: 'alert' }, error) : null,
  );
}

function inputOf(workflow: WorkflowSummary, values: Record<string, string>): Record<string, string> {
  const input: Record<string, string> = {};
  for (const declared of workflow.input) {
    const value = values[declared.name] ?? '';
    if (value !== '') input[declared.name] = value;
  }
  return input;
}

/** Returns the environment object, undefined when the field is empty, or the message of what is wrong. */
function parseEnvironment(text: string): Record<string, unknown> | undefined | string {
  if (text.trim() === '') return undefined;

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `The environment is not valid JSON: write an object such as {"region": "eu-west-1"}.`;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return `The environment is ${JSON.stringify(parsed)}: write a JSON object such as {"region": "eu-west-1"}.`;
  }
  return parsed as Record<string, unknown>;
}
