import { Logger } from '@aws-lambda-powertools/logger';

import type { ActionEvent } from '../../shared/action-event';
import { requireInput, requireMonth, requireString } from '../../shared/invalid-input';
import { runAction } from '../../shared/run-action';
import { callSystem } from '../../shared/system-client';
import { requireNumberField, requireObject, requireStringField } from '../../shared/system-response';
import { requireSystemUrl } from '../../shared/system-url';

const logger = new Logger({ serviceName: 'accounting.salary_base' });

export interface SalaryBase {
  amount: number;
  currency: string;
  manager: { name: string; phone: string; email: string };
}

/** Action `accounting.salary_base`: the monthly base salary and the manager of `employee_id`. */
export async function handler(event: ActionEvent): Promise<SalaryBase> {
  return runAction(logger, event, async () => {
    const input = requireInput(event);
    const employeeId = requireString(input, 'employee_id');
    const month = requireMonth(input, 'month');

    const body = await callSystem(requireSystemUrl(), {
      method: 'GET',
      path: `/employees/${encodeURIComponent(employeeId)}/salary`,
      query: { month },
    });
    const salary = parseSalaryBase(body);

    logger.info('Fetched the base salary', { employeeId, month });
    return salary;
  });
}

function parseSalaryBase(body: unknown): SalaryBase {
  const description = 'salary response of the accounting system';
  const salary = requireObject(body, description);
  const manager = requireObject(salary.manager, `manager in the ${description}`);

  return {
    amount: requireNumberField(salary, 'amount', description),
    currency: requireStringField(salary, 'currency', description),
    manager: {
      name: requireStringField(manager, 'name', description),
      phone: requireStringField(manager, 'phone', description),
      email: requireStringField(manager, 'email', description),
    },
  };
}
