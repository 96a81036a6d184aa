import { compileWorkflow } from '../../lib/compiler';
import { knownActions, readJson, readText } from './helpers';

function compileFixture(name: string) {
  const file = `test/fixtures/compiler/${name}.yaml`;
  return compileWorkflow(readText(file), { file, actions: knownActions });
}

describe('compiled constructs', () => {
  it.each([
    ['fork-join', 'a fork closed by a join, with a two-task branch'],
    ['guards', 'guards that are not exhaustive'],
    ['on-error', 'on-error with publish-on-error, vars and on-complete'],
    ['commands', 'fail and succeed as targets'],
    ['publish-across-join', 'start tasks as a fork, a guard ending a branch'],
    ['task-defaults', 'task-defaults, an object default and error guards'],
    ['nested-fork', 'a fork inside a branch and a polling loop'],
    ['retry', 'retry from task-defaults and from a task'],
  ])('%s: %s', (name) => {
    const result = compileFixture(name);

    expect(result.diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    expect(result.asl).toStrictEqual(readJson(`test/fixtures/compiler/${name}.asl.json`));
  });

  it('fork-join renames values published before the branch end', () => {
    const states = compileFixture('fork-join').asl?.States ?? {};
    const [first] = states.join_ship.Branches as { States: Record<string, Record<string, unknown>> }[];

    expect(first.States.reserve.Assign).toStrictEqual({ reservation__b1: '{% $states.result.Payload.id %}' });
    expect(first.States.pack.Output).toBe('{% ($result := $states.result.Payload; {"reservation": $reservation__b1, "parcel": $result.parcel}) %}');
  });

  it('guards warns that the guards may overlap', () => {
    const warnings = compileFixture('guards').diagnostics;

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'SRC1110', severity: 'warning', start: { line: 17, column: 5 } });
  });

  it('on-error passes the caught error to a fail without message', () => {
    const states = compileFixture('on-error').asl?.States ?? {};

    expect(states['refund.on-error.fail']).toMatchObject({ Error: '{% $states.input.Error %}', Cause: '{% $states.input.Cause %}' });
    expect(states['refund.on-success.fail']).toMatchObject({ Error: 'Sirocco.Fail' });
  });

  it('counts transitions over the shortest and longest paths', () => {
    expect(compileFixture('on-error').metadata?.transitions).toStrictEqual({ shortest: 3, longest: 4 });
    expect(compileFixture('publish-across-join').metadata?.transitions).toStrictEqual({ shortest: 6, longest: 6 });
  });

  it('task-defaults fails with the error when no error guard matches', () => {
    const states = compileFixture('task-defaults').asl?.States ?? {};

    expect(states['archive.on-error'].Default).toBe('archive.on-error.default');
    expect(states['archive.on-error.default']).toMatchObject({ Type: 'Fail', Error: '{% $states.input.Error %}' });
  });

  it('task-defaults keeps a task out of its own default transition', () => {
    const states = compileFixture('task-defaults').asl?.States ?? {};

    expect(states.report.Catch).toStrictEqual([{ ErrorEquals: ['States.ALL'], Next: 'report.on-error.fail' }]);
    expect(states.archive.TimeoutSeconds).toBe(5);
    expect(states.load.TimeoutSeconds).toBe(60);
  });

  it('omits the input state when nothing is declared', () => {
    expect(compileFixture('publish-across-join').asl?.StartAt).toBe('join_merge');
  });
});
