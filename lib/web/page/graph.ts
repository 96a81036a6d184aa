/// <reference lib="dom" />
import { Fragment, h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

import { STATUS_STYLES, toMermaid, type AslStates, type TaskStatus } from '../mermaid';

/** The browser build of Mermaid, which /assets/mermaid.min.js sets as a global. */
declare const mermaid: {
  initialize(config: Record<string, unknown>): void;
  render(id: string, text: string): Promise<{ svg: string }>;
};

/**
 * Value of the `data-renderer` attribute that the page sets on each SVG it
 * draws. It marks the files of `sirocco graph --format svg` too, because the CLI draws with this page.
 */
export const GRAPH_RENDERER = 'sirocco-web-view';

let initialized = false;
let renderCount = 0;

const STATUS_NAMES: Record<TaskStatus, string> = {
  done: 'done',
  running: 'running',
  failed: 'failed',
  aborted: 'aborted',
  notReached: 'not reached',
};

/** Renders the Mermaid graph of a definition, with each task coloured by its status when given. */
export function Graph(props: {
  definition: AslStates;
  tasks?: readonly string[];
  stateTasks?: Readonly<Record<string, string>>;
  statuses?: Record<string, TaskStatus>;
}) {
  const text = toMermaid(props.definition, { statuses: props.statuses, tasks: props.tasks, stateTasks: props.stateTasks });

  return h(
    'figure',
    { class: 'graph' },
    h(MermaidGraph, { text }),
    props.statuses ? Legend() : null,
  );
}

/**
 * Renders Mermaid flowchart text to SVG inside the page. `svgId` is the id of
 * the SVG element and the prefix of its inner ids. It defaults to `graph-<n>`,
 * unique within the page. The canvas gets `data-rendered="true"` once the SVG is in place.
 */
export function MermaidGraph(props: { text: string; svgId?: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (!initialized) {
      // SVG text labels, not HTML in <foreignObject>, so that the SVG that `sirocco graph` saves shows its labels in any SVG viewer.
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', htmlLabels: false, flowchart: { htmlLabels: false, wrappingWidth: 400 } });
      initialized = true;
    }
    let current = true;
    mermaid.render(props.svgId ?? `graph-${renderCount++}`, props.text).then(
      ({ svg }) => {
        if (current && container.current) {
          container.current.innerHTML = svg;
          container.current.querySelector('svg')?.setAttribute('data-renderer', GRAPH_RENDERER);
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
  }, [props.text, props.svgId]);

  return h(
    Fragment,
    null,
    error ? h('p', { class: 'error' }, error) : null,
    h('div', { ref: container, class: 'graph-canvas', 'data-mermaid': props.text }),
  );
}

function Legend() {
  return h(
    'figcaption',
    { class: 'legend' },
    (Object.keys(STATUS_STYLES) as TaskStatus[]).map((status) => h('span', { class: `legend-item status-${status}` }, STATUS_NAMES[status])),
  );
}
