/** Filling a GOV.UK date input (day, month and year fields in a group named by its legend) as a person types it. */
import type { Locator, Page } from 'playwright-core';

/** The date input whose legend is `legend`. */
export function dateInput(scope: Page | Locator, legend: string): { group: Locator; day: Locator; month: Locator; year: Locator } {
  const group = scope.getByRole('group', { name: legend, exact: true });
  return { group, day: group.getByLabel('Day', { exact: true }), month: group.getByLabel('Month', { exact: true }), year: group.getByLabel('Year', { exact: true }) };
}

/** Type a YYYY-MM-DD date into the day, month and year fields ("2019-03-04" as 4, 3, 2019). */
export async function fillDateInput(scope: Page | Locator, legend: string, isoDate: string): Promise<void> {
  const [year, month, day] = isoDate.split('-');
  const fields = dateInput(scope, legend);
  await fields.day.fill(String(Number(day)));
  await fields.month.fill(String(Number(month)));
  await fields.year.fill(year!);
}

/** The 24-hour time field beside the date input whose legend is `legend` (a DateTimeInput). */
export function timeInput(scope: Page | Locator, legend: string): Locator {
  return scope.getByLabel(`Time (${legend})`, { exact: true });
}

/** Type a UK "YYYY-MM-DDTHH:MM" into a date input and its time field, as a person types it. */
export async function fillDateTimeInput(scope: Page | Locator, legend: string, local: string): Promise<void> {
  const [date, time] = local.split('T');
  await fillDateInput(scope, legend, date!);
  await timeInput(scope, legend).fill(time!);
}
