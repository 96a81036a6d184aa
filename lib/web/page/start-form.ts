/// <reference lib="dom" />
import { h } from 'preact';
import { useState } from 'preact/hooks';

import { startExecution, type WorkflowSummary } from './api';
import { executionHref } from './format';

/**
 * Starts an execution of the workflow with one text field per declared input.
 * Every value is sent as a string. An empty field is left out, so that an
 * optional input takes its default and the control API names a missing one.
 */
export function StartForm(props: { workflow: WorkflowSummary }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>(undefined);
  const [starting, setStarting] = useState(false);

  const submit = (event: Event) => {
    event.preventDefault();
    setError(undefined);
    setStarting(true);
    startExecution(props.workflow.name, inputOf(props.workflow, values)).then(
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
