/// <reference lib="dom" />
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import { readGraphText } from './api';
import { MermaidGraph } from './graph';

/**
 * Draws the Mermaid text that the server was started with, alone on the page,
 * as the SVG with id `graph`. `sirocco graph --format svg` reads the SVG from here.
 */
export function GraphView() {
  const [text, setText] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    readGraphText().then(
      (body) => setText(body.mermaid),
      (reason: Error) => setError(reason.message),
    );
  }, []);

  if (error) return h('p', { class: 'error', role: 'alert' }, error);
  if (text === undefined) return h('p', { class: 'muted' }, 'Loading…');
  return h('figure', { class: 'graph' }, h(MermaidGraph, { text, svgId: 'graph' }));
}
