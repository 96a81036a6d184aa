import type { CatalogEntry } from '../diagnostics/catalog';

/** SRC23xx: diagnostics of the top-level `triggers`, which become EventBridge Scheduler schedules. */
export const triggersCatalog = {
  invalidTriggerPattern: { code: 'SRC2301', severity: 'error', template: "Invalid pattern '{0}' of trigger '{1}': {2}. Write a 5-field cron pattern such as '0 2 * * 1-5', or cron(0 2 ? * MON-FRI *), rate(5 minutes) or at(2027-01-31T09:00:00)." },
  invalidTriggerTimezone: { code: 'SRC2302', severity: 'error', template: "Unknown timezone '{0}' of trigger '{1}': use an IANA timezone name such as 'Europe/Paris' or 'UTC'." },
  unknownTriggerInput: { code: 'SRC2303', severity: 'error', template: "Trigger '{0}' sets input '{1}', which the workflow does not declare: remove it or declare it in 'input' (declared inputs: {2})." },
  missingTriggerInput: { code: 'SRC2304', severity: 'error', template: "Trigger '{0}' does not set input '{1}', which has no default: add it to the trigger's input or give the input a default." },
  triggerInputExpression: { code: 'SRC2305', severity: 'error', template: "Input '{1}' of trigger '{0}' contains an expression, but a schedule starts executions with fixed JSON: write a literal value, and read the start time from $states.context.Execution.StartTime in the workflow." },
  duplicateTriggerName: { code: 'SRC2306', severity: 'error', template: "Trigger name '{0}' is used twice: give each trigger of the workflow its own name." },
  scheduleNameTooLong: { code: 'SRC2307', severity: 'error', template: "Schedule name '{0}' is {1} characters long, over the EventBridge Scheduler limit of {2}: shorten the workflow or trigger name." },
} as const satisfies Record<string, CatalogEntry>;
