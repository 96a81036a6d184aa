import type { Severity } from '../compiler/types';
import { stdCatalog } from './std-catalog';
import { triggersCatalog } from '../dsl/triggers-catalog';

/**
 * One entry of the diagnostic catalog. `{0}`, `{1}` … in the template are
 * replaced by the arguments given when the diagnostic is reported.
 */
export interface CatalogEntry {
  code: string;
  severity: Severity;
  template: string;
}

function entry(code: string, severity: Severity, template: string): CatalogEntry {
  return { code, severity, template };
}

/**
 * Every diagnostic that the parser, validator, analyser and emitter can
 * report. Codes are stable: add new ones, never renumber.
 * SRC10xx: YAML and schema. SRC11xx: transitions and graph.
 * SRC12xx: expressions and variables. SRC21xx: file layouts, definitions
 * and Mistral expression forms. SRC19xx: limits and internal errors.
 */
export const catalog = {
  yamlSyntax: entry('SRC1001', 'error', 'Invalid YAML: {0}.'),
  notAMapping: entry('SRC1002', 'error', 'The workflow file must contain a YAML mapping with version, name and tasks.'),
  unsupportedVersion: entry('SRC1003', 'error', "Unsupported version '{0}': write version: '2.0' (quoted, so YAML keeps it a string)."),
  unknownKey: entry('SRC1004', 'error', "Unknown key '{0}'{1}."),
  missingKey: entry('SRC1005', 'error', "Missing required key '{0}'{1}."),
  invalidValue: entry('SRC1006', 'error', "Invalid value at '{0}': {1}."),
  unsupportedKey: entry('SRC1007', 'error', "Mistral key '{0}' is not supported yet: remove it or express it with the supported keys listed in docs/language.md."),
  duplicateKey: entry('SRC1008', 'error', "Duplicate key '{0}': YAML keeps only one of them, so remove or rename the other."),
  invalidTaskName: entry('SRC1009', 'error', "Invalid task name '{0}': use letters, digits, '_' and '-', start with a letter or '_', and avoid the reserved names 'input', 'fail' and 'succeed'."),
  collectionKey: entry('SRC1010', 'error', "YAML reads '{0}' as a mapping whose key is a {1}, which a workflow cannot contain: quote it, as in {2}."),
  unquotedExpression: entry('SRC1011', 'error', "YAML reads the ': ' inside the unquoted value '{0}' as the start of a mapping, so the line is invalid YAML: quote the whole value, as in {1}."),

  unknownTarget: entry('SRC1101', 'error', "Transition target '{0}' is not a task of this workflow{1}."),
  unreachableTask: entry('SRC1102', 'warning', "Task '{0}' is unreachable from the start tasks, so it is left out of the state machine: add a transition to it or remove it."),
  forkWithoutJoin: entry('SRC1103', 'error', "In the fork at {0}, {1} would end only its branch in Step Functions, because the branch reaches no join, while Mistral ends the whole workflow. Remove it so that the path ends with its branch, or route the path to a 'join: all' task and end the workflow after it."),
  joinWithoutFork: entry('SRC1104', 'error', "Task '{0}' has 'join: all' but the transition {1} does not come from a branch of a fork: remove 'join' or route the transition through the fork."),
  forkJoinMismatch: entry('SRC1105', 'error', "The branches of the fork at {0} reach different joins: {1}. Make every branch end at the same 'join: all' task."),
  regionCrossing: entry('SRC1106', 'error', "The transition {0} needs a copy of task '{1}' in another fork branch, because Mistral runs the task once per arrival, but {2}."),
  noStartTask: entry('SRC1107', 'error', 'The workflow has no start task: every task is the target of a transition, so nothing runs first. Remove one inbound transition.'),
  unknownAction: entry('SRC1108', 'error', "Unknown action '{0}': {1}{2}."),
  mixedTransition: entry('SRC1109', 'error', "Transition '{0}' of task '{1}' mixes targets with and without guards: give every target a guard, or split the targets into a fork without guards."),
  guardsNotExclusive: entry('SRC1110', 'warning', "The guards of '{0}' of task '{1}' may match together: Step Functions takes only the first matching target, while Mistral would run all of them."),
  branchEndsWithoutJoin: entry('SRC1111', 'error', "Inside the fork closed by '{0}', {1} ends the branch without reaching the join: Step Functions cannot end the workflow from a branch, so route this path to '{0}'."),
  joinClosesTwoForks: entry('SRC1112', 'error', "Task '{0}' closes the fork at {1} and is reached again by the transition {2}: a join closes exactly one fork."),
  unsupportedJoin: entry('SRC1113', 'error', "'join: {0}' of task '{1}' waits for more branches than the {2} of its fork: write a number up to {2}, or 'all'."),
  joinWithoutArrivals: entry('SRC1115', 'warning', "Task '{0}' has 'join: {1}', but {2}. Remove 'join', or route two or more branches of a fork to '{0}'."),
  emptyBranch: entry('SRC1114', 'error', "The fork at {0} goes straight to its join '{1}': every branch needs at least one task."),

  expressionSyntax: entry('SRC1201', 'error', 'Invalid JSONata expression: {0}.'),
  undefinedVariable: entry('SRC1202', 'error', '{0} is not defined on every path to this point{1}.'),
  publishCollision: entry('SRC1203', 'error', "Task '{0}' publishes '{1}', which {2}: a fork branch can neither assign nor shadow that name, so rename it."),
  unclosedExpression: entry('SRC1204', 'error', "Expression opened with '<%' is not closed with '%>'."),
  resultOutsideTask: entry('SRC1205', 'error', "'{0}' is only defined {1}."),
  mistralFunction: entry('SRC1206', 'error', "Mistral function '{0}' has no JSONata form: write task().result or task(name).result for a task's result, execution().id or $states.context.Execution for the execution, and env() for its environment."),
  unknownTaskResult: entry('SRC1207', 'error', "'task({0}).result' reads task '{0}'{1}."),
  ambiguousTaskResult: entry('SRC1208', 'error', "'task({0}).result' may read task '{1}' or task '{2}', whose results would share the variable '{3}': rename one of the two tasks."),
  reservedVariable: entry('SRC1209', 'error', "Name '{0}' is reserved, because {1}: rename it."),

  noWorkflows: entry('SRC2101', 'error', "The file contains no workflow: write version, name and tasks at the top, or version '2.0' followed by one key per workflow name."),
  workflowNotMapping: entry('SRC2102', 'error', "'{0}' must be {1}."),
  invalidWorkflowName: entry('SRC2103', 'error', "Workflow name '{0}' is not a valid state machine name: use letters, digits, '_' and '-', at most 80 characters in all."),
  unknownWorkbookKey: entry('SRC2104', 'error', "Unknown workbook key '{0}': a workbook holds version, name, description, tags, workflows and actions."),
  missingWorkbookName: entry('SRC2105', 'error', "The workbook has no 'name' string: add 'name: <workbook>', which prefixes its state machine names."),
  unknownAdHocInput: entry('SRC2107', 'error', "Ad-hoc action '{0}' has no input '{1}': its inputs are {2}."),
  missingAdHocInput: entry('SRC2108', 'error', "Task '{0}' calls ad-hoc action '{1}' without its input '{2}': add it to the task's input or give it a default in the action."),
  adHocInputNotMapping: entry('SRC2109', 'error', "Task '{0}' calls ad-hoc action '{1}' with an input that is not a mapping: write one key per input of the action."),
  adHocBaseCycle: entry('SRC2112', 'error', "Ad-hoc action '{0}' is its own base through the chain {1}, so it never reaches an action to call: set the 'base' of one action of the chain to an action that is not an ad-hoc action of this file."),
  adHocBaseInput: entry('SRC2113', 'error', "Ad-hoc action '{0}' is based on ad-hoc action '{1}' {2}."),
  invalidAdHocAction: entry('SRC2111', 'error', "Invalid ad-hoc action '{0}': {1}. An ad-hoc action has base, and optionally base-input, input and description."),
  untranslatedForm: entry('SRC2110', 'error', "'{0}' has no safe JSONata translation: write {1} instead."),
  invalidInlineParameter: entry('SRC2120', 'error', "Invalid inline parameter of action '{0}': {1}. Write name=value pairs after the action name, and quote values that contain spaces."),
  inlineParametersWithInput: entry('SRC2121', 'error', "Task '{0}' has inline action parameters and an 'input' that is not a mapping, so they cannot be merged: move the parameters into 'input'."),
  reverseTargetFromInput: entry('SRC2130', 'info', "Reverse workflow '{0}' has no 'target', so the execution input's 'task_name' selects the target at run time, and every task runs without it: a Pass and a Choice before each task skip it outside the target's requirements. Add 'target: <task>' to compile one target without them."),
  requiresOutsideReverse: entry('SRC2131', 'error', "Task '{0}' has 'requires', which only a reverse workflow reads: add 'type: reverse' at the workflow's top level or use transitions."),
  transitionInReverse: entry('SRC2132', 'error', "Task '{0}' of a reverse workflow has transitions: a reverse workflow orders its tasks by 'requires' alone, so remove on-success, on-error and on-complete."),
  unknownRequirement: entry('SRC2133', 'error', "Task '{0}' requires '{1}', which is not a task of this workflow{2}."),
  requirementCycle: entry('SRC2134', 'error', "The 'requires' of this reverse workflow form a cycle, so none of its tasks can run first: {0}. Remove one requirement of the cycle."),
  unknownReverseTarget: entry('SRC2135', 'error', "The target '{0}' is not a task of this reverse workflow: set 'target' to one of {1}."),
  targetOutsideReverse: entry('SRC2136', 'error', "'target' is only read by a reverse workflow: add 'type: reverse' at the workflow's top level or remove 'target'."),
  outputOnErrorOnFail: entry('SRC2140', 'warning', "'output-on-error' is returned only where a fail command ends the workflow, in the Cause of its Fail state as {message, output}: an error that no on-error catches fails the execution without it, so route such errors to a fail command."),

  invalidWithItems: entry('SRC2001', 'error', "Invalid with-items entry '{0}': write 'name in <% list %>', where name is a variable name and list a JSONata expression."),
  duplicateItemName: entry('SRC2002', 'error', "The with-items variable '{0}' is declared twice: give each zipped list its own name."),
  concurrencyWithoutItems: entry('SRC2003', 'error', "Task '{0}' sets 'concurrency' without 'with-items': add 'with-items' or remove 'concurrency'."),
  partialJoin: entry('SRC2010', 'warning', "'join: {0}' of task '{1}' waits until every branch ends, because a Parallel state cannot cancel the slower branches: the join continues when at least {2} of the {3} branches succeed, and the variables published by a failed branch are null."),

  ...stdCatalog,
  ...triggersCatalog,

  stateNameTooLong: entry('SRC1901', 'error', "State name '{0}' is {1} characters long, over the Step Functions limit of 80: shorten the task name."),
  stateNameCollision: entry('SRC1902', 'error', "State name '{0}' is generated twice: rename the task so that its name differs from the names the compiler derives, such as 'join_<task>'."),
  internalError: entry('SRC1999', 'error', 'Internal compiler error: {0}. Please report it with the workflow file that caused it.'),
} as const;

export type CatalogKey = keyof typeof catalog;
