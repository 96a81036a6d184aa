import { Employee, MONTH_PATTERN } from './employee-data';
import { HttpError } from './json-service';

/** Returns the `month` query parameter, or throws a 400 error that names it. */
export function requireMonth(query: URLSearchParams): string {
  const month = query.get('month');
  if (month === null || !MONTH_PATTERN.test(month)) {
    throw new HttpError(400, `Invalid month ${JSON.stringify(month)}: expected a "month" query parameter as YYYY-MM.`);
  }
  return month;
}

/** Returns `body[field]` when it is a non-negative finite number, or throws a 400 error that names it. */
export function requireAmount(body: Record<string, unknown>, field: string): number {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new HttpError(400, `Invalid "${field}" ${JSON.stringify(value)}: expected a number, 0 or more.`);
  }
  return value;
}

/** Returns the employee with this id, or throws a 404 error that names it. */
export function findEmployee(employees: Map<string, Employee>, id: unknown): Employee {
  const employee = typeof id === 'string' ? employees.get(id) : undefined;
  if (!employee) {
    throw new HttpError(404, `Employee ${JSON.stringify(id)} not found.`);
  }
  return employee;
}
