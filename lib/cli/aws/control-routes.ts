// The control API code that the execution commands run, loaded on first use by loadControlRoutes.
export { completeTask } from '../../../lambdas/control/routes/complete-task';
export { describeExecution } from '../../../lambdas/control/routes/describe-execution';
export { listExecutions } from '../../../lambdas/control/routes/list-executions';
export { redriveExecution } from '../../../lambdas/control/routes/redrive-execution';
export { resumeExecution } from '../../../lambdas/control/routes/resume-execution';
export { startExecution } from '../../../lambdas/control/routes/start-execution';
export { stopExecution } from '../../../lambdas/control/routes/stop-execution';
export { readApprovalLinks } from './approval-links';
