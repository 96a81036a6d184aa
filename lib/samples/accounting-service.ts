import { Employee, MONTH_PATTERN } from './employee-data';
import { HttpError, JsonRequest, JsonResponse, Route } from './json-service';
import { findEmployee, requireAmount, requireMonth } from './request-validation';

export interface PayrollRecord {
  id: string;
  employee: string;
  month: string;
  base: number;
  bonus: number;
  total: number;
  currency: string;
  recordedAt: string;
}

/**
 * Routes and in-memory payroll of the sample accounting system:
 * `GET /employees/{id}/salary?month=`, `POST /payroll` and `GET /payroll`.
 */
export class AccountingService {
  private payroll: PayrollRecord[] = [];

  constructor(private readonly employees: Map<string, Employee>) {}

  routes(): Route[] {
    return [
      {
        method: 'GET',
        pattern: /^\/employees\/(?<id>[^/]+)\/salary$/,
        handle: (request) => this.getSalary(request),
      },
      { method: 'POST', pattern: /^\/payroll$/, handle: (request) => this.recordPayroll(request) },
      { method: 'GET', pattern: /^\/payroll$/, handle: () => ({ status: 200, body: { records: this.payroll } }) },
    ];
  }

  reset(): void {
    this.payroll = [];
  }

  private getSalary(request: JsonRequest): JsonResponse {
    const employee = findEmployee(this.employees, request.params.id);
    requireMonth(request.query);

    return {
      status: 200,
      body: { ...employee.salary, manager: employee.manager },
    };
  }

  /**
   * Records one payroll entry per employee and month. Repeating the same entry
   * returns the existing record, so that a retried call does not pay twice.
   */
  private recordPayroll(request: JsonRequest): JsonResponse {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const employee = findEmployee(this.employees, body.employee);
    const month = body.month;
    if (typeof month !== 'string' || !MONTH_PATTERN.test(month)) {
      throw new HttpError(400, `Invalid "month" ${JSON.stringify(month)}: expected YYYY-MM.`);
    }
    const base = requireAmount(body, 'base');
    const bonus = requireAmount(body, 'bonus');

    const existing = this.payroll.find((record) => record.employee === employee.id && record.month === month);
    if (existing && existing.base === base && existing.bonus === bonus) {
      return { status: 200, body: { id: existing.id, total: existing.total } };
    }
    if (existing) {
      throw new HttpError(
        409,
        `Payroll of ${employee.id} for ${month} is already recorded as ${existing.id} with other amounts.`,
      );
    }

    const record: PayrollRecord = {
      id: `P${String(this.payroll.length + 1).padStart(4, '0')}`,
      employee: employee.id,
      month,
      base,
      bonus,
      total: base + bonus,
      currency: employee.salary.currency,
      recordedAt: new Date().toISOString(),
    };
    this.payroll.push(record);

    return { status: 201, body: { id: record.id, total: record.total } };
  }
}
