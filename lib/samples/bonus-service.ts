import { Employee } from './employee-data';
import { JsonRequest, JsonResponse, Route } from './json-service';
import { findEmployee, requireMonth } from './request-validation';

/** Routes of the sample bonus system: `GET /employees/{id}/bonus?month=`. */
export class BonusService {
  constructor(private readonly employees: Map<string, Employee>) {}

  routes(): Route[] {
    return [
      {
        method: 'GET',
        pattern: /^\/employees\/(?<id>[^/]+)\/bonus$/,
        handle: (request) => this.getBonus(request),
      },
    ];
  }

  /** Returns the bonus as `bonusPercent` of the base salary, rounded to whole units. */
  private getBonus(request: JsonRequest): JsonResponse {
    const employee = findEmployee(this.employees, request.params.id);
    requireMonth(request.query);

    const amount = Math.round((employee.salary.amount * employee.bonusPercent) / 100);
    return { status: 200, body: { amount, currency: employee.salary.currency } };
  }
}
