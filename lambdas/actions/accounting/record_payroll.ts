import { Logger } from '@aws-lambda-powertools/logger';

import type { ActionEvent } from '../../shared/action-event';
import { requireAmount, requireInput, requireMonth, requireString } from '../../shared/invalid-input';
import { runAction } from '../../shared/run-action';
import { callSystem } from '../../shared/system-client';
import { requireNumberField, requireObject, requireStringField } from '../../shared/system-response';
import { requireSystemUrl } from '../../shared/system-url';

const logger = new Logger({ serviceName: 'accounting.record_payroll' });

export interface PayrollEntry {
  id: string;
  total: number;
}

/**
 * Action `accounting.record_payroll`: records base plus bonus of `employee_id`
 * for `month`. The accounting system keeps one entry per employee and month,
 * so a retried call returns the same entry.
 */
export async function handler(event: ActionEvent): Promise<PayrollEntry> {
  return runAction(logger, event, async () => {
    const input = requireInput(event);
    const employee = requireString(input, 'employee_id');
    const month = requireMonth(input, 'month');
    const base = requireAmount(input, 'base');
    const bonus = requireAmount(input, 'bonus');

    const body = await callSystem(requireSystemUrl(), {
      method: 'POST',
      path: '/payroll',
      body: { employee, month, base, bonus },
    });
    const description = 'payroll response of the accounting system';
    const entry = requireObject(body, description);
    const result = { id: requireStringField(entry, 'id', description), total: requireNumberField(entry, 'total', description) };

    logger.info('Recorded the payroll', { employeeId: employee, month, payrollId: result.id });
    return result;
  });
}
