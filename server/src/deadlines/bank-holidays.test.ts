import { describe, expect, it } from 'vitest';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from '@mashboard/shared';
import { englandAndWalesBankHolidays } from './bank-holidays.ts';

describe('bank holidays of England and Wales from the maintained source', () => {
  it('are exactly the days gov.uk lists for 2025 to 2028, substitute days included and weekend days left out', () => {
    expect(englandAndWalesBankHolidays(2025, 2028)).toEqual([...ENGLAND_AND_WALES_BANK_HOLIDAYS]);
  });

  it('go on past the years written into the code: eight a year in 2029 and 2035', () => {
    expect(englandAndWalesBankHolidays(2029, 2029)).toEqual(['2029-01-01', '2029-03-30', '2029-04-02', '2029-05-07', '2029-05-28', '2029-08-27', '2029-12-25', '2029-12-26']);
    expect(englandAndWalesBankHolidays(2035, 2035)).toHaveLength(8);
  });
});
