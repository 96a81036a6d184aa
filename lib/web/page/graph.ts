/// <reference lib="dom" />
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

import { STATUS_STYLES, toMermaid, type AslStates, type TaskStatus } from '../mermaid';

/** The browser build of Mermaid, which /assets/mermaid.min.js sets as a global. */
declare const mermaid: {
  initialize(config: Record<string, unknown>): void;
  render(id: string, text: string): Promise<{ svg: string }>;
};

let initialized = false;
let renderCount = 0;

const STATUS_NAMES: Record<TaskStatus, string> = {
  done: 'done',
  running: 'running',
  failed: 'failed',
  notReached: 'not reached',
};

/** Renders the Mermaid graph of a definition, with each task coloured by its status when given. */
export function Graph(props: { definition: AslStates; tasks?: readonly string[]; statuses?: Record<string, TaskStatus> }) {
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const text = toMermaid(props.definition, { statuses: props.statuses, tasks: props.tasks });

  useEffect(() => {
    if (!initialized) {
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', flowchart: { htmlLabels: false } });
      initialized = true;
    }
    let current = true;
    mermaid.render(`graph-${renderCount++}`, text).then(
      ({ svg }) => {
        if (current && container.current) {
          container.current.innerHTML = svg;
          container.current.dataset.rendered = 'true';
        }
      },
      (reason: unknown) => {
        if (current) setError(`The graph failed to render: ${reason instanceof Error ? reason.message : String(reason)}`);
      },
    );
    return () => {
      current = false;
    };
  }, [text]);

  return h(
    'figure',
    { class: 'graph' },
    error ? h('p', { class: 'error' }, error) : null,
    h('div', { ref: container, class: 'graph-canvas', 'data-mermaid': text }),
    props.statuses ? Legend() : null,
  );
}

function Legend() {
  return h(
    'figcaption',
    { class: 'legend' },
    (Object.keys(STATUS_STYLES) as TaskStatus[]).map((status) => h('span', { class: `legend-item status-${status}` }, STATUS_NAMES[status])),
  );
}
