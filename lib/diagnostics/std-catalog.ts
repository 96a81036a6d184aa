import type { CatalogEntry } from './catalog';

/** SRC22xx: diagnostics of the standard actions (`std.*`). */
export const stdCatalog = {
  stdUnknownParameter: { code: 'SRC2201', severity: 'error', template: "Unknown parameter '{0}' of action '{1}': use {2}." },
  stdMissingParameter: { code: 'SRC2202', severity: 'error', template: "Missing parameter '{0}' of action '{1}': add it to the task's input." },
  stdInvalidParameter: { code: 'SRC2203', severity: 'error', template: "Invalid value of parameter '{0}' of action '{1}': {2}." },
  stdIgnoredParameter: { code: 'SRC2204', severity: 'warning', template: "Parameter '{0}' of action '{1}' is ignored because {2}: remove it." },
  stdFailCaught: { code: 'SRC2205', severity: 'error', template: "Task '{0}' runs std.fail, which compiles to a Fail state that no '{1}' can catch: transition to the handler's targets directly, or use the 'fail' command." },
  stdCannotFail: { code: 'SRC2206', severity: 'warning', template: "The '{0}' of task '{1}' never runs, because {2} compiles to a {3} state that cannot fail: remove it." },
  stdFailNeverSucceeds: { code: 'SRC2207', severity: 'warning', template: "The '{0}' of task '{1}' never runs, because std.fail always fails: remove it." },
  stdNoEffect: { code: 'SRC2208', severity: 'info', template: "'{0}' has no effect on task '{1}', because {2} compiles to a {3} state." },
  stdInputNotMapping: { code: 'SRC2209', severity: 'error', template: "The input of action '{0}' must be a mapping of its parameters ({1}), not a single value." },
} as const satisfies Record<string, CatalogEntry>;
