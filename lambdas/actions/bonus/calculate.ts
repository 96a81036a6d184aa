import { Logger } from '@aws-lambda-powertools/logger';

import type { ActionEvent } from '../../shared/action-event';
import { requireInput, requireMonth, requireString } from '../../shared/invalid-input';
import { runAction } from '../../shared/run-action';
import { callSystem } from '../../shared/system-client';
import { requireNumberField, requireObject, requireStringField } from '../../shared/system-response';
import { requireSystemUrl } from '../../shared/system-url';

const logger = new Logger({ serviceName: 'bonus.calculate' });

export interface Bonus {
  amount: number;
  currency: string;
}

/** Action `bonus.calculate`: the bonus of `employee_id` for `month`. */
export async function handler(event: ActionEvent): Promise<Bonus> {
  return runAction(logger, event, async () => {
    const input = requireInput(event);
    const employeeId = requireString(input, 'employee_id');
    const month = requireMonth(input, 'month');

    const body = await callSystem(requireSystemUrl(), {
      method: 'GET',
      path: `/employees/${encodeURIComponent(employeeId)}/bonus`,
      query: { month },
    });
    const description = 'bonus response of the bonus system';
    const bonus = requireObject(body, description);
    const result = {
      amount: requireNumberField(bonus, 'amount', description),
      currency: requireStringField(bonus, 'currency', description),
    };

    logger.info('Calculated the bonus', { employeeId, month, amount: result.amount });
    return result;
  });
}
