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

describe('task(name).result diagnostics of a dashed name', () => {
  test('reports no follow-on SRC1202', () => {
    const result = compileWorkflow(source, { file: 'case.yaml' });
    const codes = result.diagnostics.map((diagnostic) => diagnostic.code);

    expect(codes).toStrictEqual(['SRC1207']);
  });

  test('quotes the dashed name in SRC1202', () => {
    const guarded = `version: '2.0'
name: case
input: [go]
tasks:
  start:
    action: std.echo
    input:
      output: {v: 0}
    on-success:
      - fetch-data: <% $go %>
      - archive: <% $not($go) %>
  fetch-data:
    action: std.echo
    input:
      output: {v: 1}
    on-success: [archive]
  archive:
    action: std.echo
    input:
      output: {v: <% task(fetch-data).result.v %>}
`;
    const result = compileWorkflow(guarded, { file: 'case.yaml' });
    const undefinedRead = result.diagnostics.find((diagnostic) => diagnostic.code === 'SRC1202');

    expect(undefinedRead?.message).toContain("'task(fetch-data).result' is not defined on every path to this point in task 'archive', because task 'fetch-data' does not succeed");
  });
});
