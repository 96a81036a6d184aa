import * as path from 'node:path';

import { App } from 'aws-cdk-lib';

import { addSiroccoStack } from '../../lib/cdk/sirocco-app';
import { readActionsDir, readWorkflowFiles } from '../../lib/cdk/sirocco-context';

// The context keys that `sirocco run` passes to `cdk synth`, read by the real CDK app.
const PROJECT_DIR = path.join(__dirname, '..', '..');

function nodeWith(context: Record<string, unknown>) {
  return new App({ context }).node;
}

describe('sirocco:actionsDir', () => {
  test('defaults to lambdas/actions', () => {
    expect(readActionsDir(nodeWith({}), PROJECT_DIR)).toBe(path.join(PROJECT_DIR, 'lambdas', 'actions'));
  });

  test('resolves a project folder', () => {
    expect(readActionsDir(nodeWith({ 'sirocco:actionsDir': 'lambdas/actions' }), PROJECT_DIR)).toBe(path.join(PROJECT_DIR, 'lambdas', 'actions'));
  });

  test('rejects a missing folder', () => {
    expect(() => readActionsDir(nodeWith({ 'sirocco:actionsDir': 'nowhere' }), PROJECT_DIR)).toThrow(
      'Invalid context "sirocco:actionsDir": "nowhere" is not a folder.',
    );
  });

  test('rejects a folder outside the project', () => {
    expect(() => readActionsDir(nodeWith({ 'sirocco:actionsDir': path.dirname(PROJECT_DIR) }), PROJECT_DIR)).toThrow(
      `is outside the project ${PROJECT_DIR}`,
    );
  });
});

describe('sirocco:workflowFiles', () => {
  test('is undefined without context', () => {
    expect(readWorkflowFiles(nodeWith({}))).toBeUndefined();
  });

  test('parses a JSON list from the command line', () => {
    expect(readWorkflowFiles(nodeWith({ 'sirocco:workflowFiles': '["salary.yaml"]' }))).toEqual(['salary.yaml']);
  });

  test('rejects a value that is not a list of names', () => {
    expect(() => readWorkflowFiles(nodeWith({ 'sirocco:workflowFiles': '{"a": 1}' }))).toThrow('Invalid context "sirocco:workflowFiles"');
  });

  test('rejects a file missing from the folder', () => {
    const app = new App({ context: { 'sirocco:workflowFiles': ['missing.yaml'] } });

    expect(() => addSiroccoStack(app, PROJECT_DIR)).toThrow(`${path.join(PROJECT_DIR, 'workflows', 'missing.yaml')} does not exist.`);
  });
});
