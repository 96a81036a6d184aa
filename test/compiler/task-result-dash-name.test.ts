import { compileWorkflow } from '../../lib/compiler';

// Only task fetch_data exists, so fetch-data names no task, although both names map to one variable.
const source = `version: '2.0'
name: case
tasks:
  fetch_data:
    action: std.echo
    input:
      output: {v: 1}
    on-success: [archive]
  archive:
    action: std.echo
    input:
      output: {v: <% task(fetch-data).result.v %>}
`;

describe('task(name).result with a dash', () => {
  test('reports a dashed name of no task', () => {
    const result = compileWorkflow(source, { file: 'case.yaml' });
    const codes = result.diagnostics.map((diagnostic) => diagnostic.code);

    expect(codes).toContain('SRC1207');
  });
});
