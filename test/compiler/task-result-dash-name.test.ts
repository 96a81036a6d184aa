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

  test('suggests the underscored task', () => {
    const result = compileWorkflow(source, { file: 'case.yaml' });
    const unknown = result.diagnostics.find((diagnostic) => diagnostic.code === 'SRC1207');

    expect(unknown?.message).toContain("did you mean 'fetch_data'?");
  });

  test('reads a dashed task by its written name', () => {
    const dashed = source.replace('fetch_data:', 'fetch-data:');
    const result = compileWorkflow(dashed, { file: 'case.yaml' });

    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  });
});
