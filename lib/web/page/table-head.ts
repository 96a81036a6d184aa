import { h } from 'preact';

/** Returns a `<thead>` with one header cell per title. */
export function TableHead(titles: string[]) {
  const cells = titles.map((title) => h('th', null, title));
  return h('thead', null, h('tr', null, cells));
}
