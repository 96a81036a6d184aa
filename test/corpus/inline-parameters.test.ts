import { compileWorkflow } from '../../lib/compiler';
import { splitInlineAction } from '../../lib/dsl/inline-parameters';

describe('inline action parameters', () => {
  it('splits expressions with spaces', () => {
    expect(splitInlineAction('std.http url=<% $.url & "a b" %> method=GET')).toStrictEqual({
      action: 'std.http',
      parameters: [
        { name: 'url', text: '<% $.url & "a b" %>', quoted: false, offset: 13 },
        { name: 'method', text: 'GET', quoted: false, offset: 40 },
      ],
    });
  });

  it('unescapes double-quoted values', () => {
    expect(splitInlineAction('shop.notify text="say \\"hi\\""')).toStrictEqual({
      action: 'shop.notify',
      parameters: [{ name: 'text', text: 'say "hi"', quoted: true, offset: 18 }],
    });
  });

  it('keeps an action without parameters', () => {
    expect(splitInlineAction('shop.notify')).toStrictEqual({ action: 'shop.notify', parameters: [] });
  });

  it.each([
    ['shop.notify =3', "'=3' is not a name=value parameter", 12],
    ['shop.notify text', "'text' is not a name=value parameter", 12],
    ['shop.notify text="open', 'the quoted value is not closed with "', 17],
    ['shop.notify text=<% $.x', "the expression is not closed with '%>'", 17],
  ])('rejects %s', (text, error, offset) => {
    expect(splitInlineAction(text)).toStrictEqual({ error, offset });
  });

  it('reads unquoted JSON and keeps other text', () => {
    const source = "version: '2.0'\nname: inline\ntasks:\n  a:\n    action: shop.notify n=5 on=false list=[1] word=GET\n";
    const result = compileWorkflow(source, { file: 'inline.yaml', actions: ['shop.notify'] });
    const task = result.asl?.States.a as { Arguments: { Payload: { input: unknown } } };

    expect(result.diagnostics).toStrictEqual([]);
    expect(task.Arguments.Payload.input).toStrictEqual({ n: 5, on: false, list: [1], word: 'GET' });
  });

  it('reports an input that is not a mapping', () => {
    const source = "version: '2.0'\nname: inline\ninput: [all]\ntasks:\n  a:\n    action: shop.notify n=5\n    input: <% $all %>\n";
    const result = compileWorkflow(source, { file: 'inline.yaml', actions: ['shop.notify'] });

    expect(result.diagnostics.map((d) => `${d.code}:${d.start.line}:${d.start.column}`)).toStrictEqual(['SRC2121:7:5']);
  });
});
