import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Money {
  amount: number;
  currency: string;
}

export interface Manager {
  name: string;
  /** E.164 phone number. */
  phone: string;
  email: string;
}

export interface Employee {
  id: string;
  name: string;
  /** Monthly base salary. */
  salary: Money;
  /** Bonus as a percentage of the monthly base salary. */
  bonusPercent: number;
  manager: Manager;
}

/** Fictional employees shipped with the samples. */
export const DEFAULT_DATA_FILE = join(__dirname, 'employees.json');

/** Months as `YYYY-MM`, the format both sample systems accept. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Reads the employees of a data file such as employees.json.
 * Throws an error that names the file and the first invalid employee.
 */
export function loadEmployees(file: string = DEFAULT_DATA_FILE): Map<string, Employee> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { employees?: unknown };
  if (!Array.isArray(parsed.employees)) {
    throw new Error(`Invalid employee data in ${file}: expected an "employees" array.`);
  }

  const employees = new Map<string, Employee>();
  for (const [index, entry] of parsed.employees.entries()) {
    if (!isEmployee(entry)) {
      throw new Error(
        `Invalid employee at index ${index} in ${file}: expected id, name, salary {amount, currency}, ` +
          'bonusPercent and manager {name, phone, email}.',
      );
    }
    employees.set(entry.id, entry);
  }

  return employees;
}

function isEmployee(value: unknown): value is Employee {
  const employee = value as Employee;
  return (
    typeof employee === 'object' &&
    employee !== null &&
    typeof employee.id === 'string' &&
    typeof employee.name === 'string' &&
    typeof employee.salary?.amount === 'number' &&
    typeof employee.salary?.currency === 'string' &&
    typeof employee.bonusPercent === 'number' &&
    typeof employee.manager?.name === 'string' &&
    typeof employee.manager?.phone === 'string' &&
    typeof employee.manager?.email === 'string'
  );
}
