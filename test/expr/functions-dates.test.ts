import { describe, expect, it } from 'vitest';
import { checkRow, evalFailure, type Row } from './helpers.js';

const hire = { StatusHireDate: '2012-03-16-07:00' };

const rows: Record<string, Row[]> = {
  CDate: [
    { expr: 'CDate([StatusHireDate])', attrs: { StatusHireDate: '2020-03-16-07:00' }, expected: '3/16/2020 7:00:00 AM', rendered: true, source: 'FN example 1' },
    { expr: 'CDate("2021-06-30+08:00")', expected: '6/29/2021 4:00:00 PM', rendered: true, source: 'FN example 2' },
    { expr: 'CDate("2009-06-15T01:45:30-07:00")', expected: '6/15/2009 8:45:30 AM', rendered: true, source: 'FN example 3' },
    { expr: 'CDate("2025-08-15")', expected: '8/15/2025 12:00:00 AM', rendered: true, source: 'no offset ⇒ UTC' },
    { expr: 'CDate("9999-12-31")', expected: '12/31/9999 12:00:00 AM', rendered: true, source: 'sentinel must not overflow' },
    { expr: 'CDate("0001-01-01")', expected: '1/1/0001 12:00:00 AM', rendered: true, source: 'the low sentinel: yyyy writes four digits' },
    { expr: 'Join("", CDate("0050-06-01"))', expected: '6/1/0050 12:00:00 AM' },
    { expr: 'FormatDateTime(CDate("0050-06-01"), , "M/d/yyyy h:mm:ss tt", "yyyy-MM-dd")', expected: '0050-06-01', source: 'the rendered text parses back with yyyy' },
    { expr: 'CDate("1/15/1990 12:00:00 AM")', expected: '1/15/1990 12:00:00 AM', rendered: true, source: 'SuccessFactors form' },
    { expr: 'CDate("2021-08-24T13:05:09.1234567Z")', expected: '8/24/2021 1:05:09 PM', rendered: true },
    { expr: 'CDate([missing])', expected: null },
  ],
  Now: [{ expr: 'Now()', now: '2021-07-02T15:33:38Z', expected: '7/2/2021 3:33:38 PM', rendered: true, source: 'FN' }],
  DateAdd: [
    { expr: 'DateAdd("d", 7, CDate([StatusHireDate]))', attrs: hire, expected: '3/23/2012 7:00:00 AM', rendered: true, source: 'FN table row 1' },
    { expr: 'DateAdd("d", -10, CDate([StatusHireDate]))', attrs: hire, expected: '3/6/2012 7:00:00 AM', rendered: true, source: 'FN table row 2' },
    { expr: 'DateAdd("ww", 2, CDate([StatusHireDate]))', attrs: hire, expected: '3/30/2012 7:00:00 AM', rendered: true, source: 'FN table row 3' },
    { expr: 'DateAdd("m", 10, CDate([StatusHireDate]))', attrs: hire, expected: '1/16/2013 7:00:00 AM', rendered: true, source: 'FN table row 4' },
    { expr: 'DateAdd("yyyy", 2, CDate([StatusHireDate]))', attrs: hire, expected: '3/16/2014 7:00:00 AM', rendered: true, source: 'FN table row 5' },
    { expr: 'DateAdd("d","10",Now())', now: '2025-07-30T00:00:00Z', expected: '8/9/2025 12:00:00 AM', rendered: true, source: 'SFG: a quoted numeral' },
    { expr: 'DateAdd("h","9",Now())', now: '2025-07-30T00:00:00Z', expected: '7/30/2025 9:00:00 AM', rendered: true, source: 'WTL' },
    { expr: 'DateAdd("m", 1, CDate("2021-01-31"))', expected: '2/28/2021 12:00:00 AM', rendered: true, source: '.NET AddMonths clamps' },
    { expr: 'DateAdd("yyyy", 1, CDate("2020-02-29"))', expected: '2/28/2021 12:00:00 AM', rendered: true },
    { expr: 'DateAdd("n", 90, CDate("2021-01-01"))', expected: '1/1/2021 1:30:00 AM', rendered: true },
    { expr: 'DateAdd("s", -1, CDate("2021-01-01"))', expected: '12/31/2020 11:59:59 PM', rendered: true },
    { expr: 'DateAdd("q", 1, CDate("2021-01-31"))', expected: '4/30/2021 12:00:00 AM', rendered: true },
    { expr: 'DateAdd("D", 1, CDate("2021-01-31"))', expected: '2/1/2021 12:00:00 AM', rendered: true, source: '?17 default: tokens ignore case' },
    { expr: 'DateAdd("d", 1, "2021-01-31")', expected: '2/1/2021 12:00:00 AM', rendered: true, source: 'text dates are read like CDate' },
    { expr: 'DateAdd("d", 1, CDate([missing]))', expected: null },
  ],
  DateDiff: [
    { expr: 'DateDiff("d", CDate("2021-08-18+08:00"), CDate("2021-08-31+08:00"))', expected: 13n, source: 'FN table row 1' },
    { expr: 'DateDiff("d", CDate("8/25/2021 5:41:18 PM"), CDate("2012-03-16-07:00"))', expected: -3449n, source: 'FN table row 2' },
    { expr: 'DateDiff("ww", CDate("8/25/2021 5:41:18 PM"), CDate("2012-03-16-07:00"))', expected: -493n, source: 'FN table row 3 (VB Sunday weeks)' },
    { expr: 'DateDiff("m", CDate("8/25/2021 5:41:18 PM"), CDate("2012-03-16-07:00"))', expected: -113n, source: 'FN table row 4' },
    { expr: 'DateDiff("yyyy", CDate("8/25/2021 5:41:18 PM"), CDate("2012-03-16-07:00"))', expected: -9n, source: 'FN table row 5' },
    { expr: 'DateDiff("d", CDate("2021-08-31+08:00"), CDate("2021-08-31+08:00"))', expected: 0n, source: 'FN table row 6' },
    { expr: 'DateDiff("h", CDate("2021-08-24"), CDate("2021-08-25"))', expected: 24n, source: 'FN table row 7' },
    { expr: 'DateDiff("n", CDate("2021-08-24"), CDate("2021-08-25"))', expected: 1440n, source: 'FN table row 8' },
    { expr: 'DateDiff("s", CDate("2021-08-24"), CDate("2021-08-25"))', expected: 86400n, source: 'FN table row 9' },
    { expr: 'DateDiff("d", Now(), CDate([StatusHireDate]))', attrs: { StatusHireDate: '2021-08-31' }, now: '2021-08-25T17:41:18Z', expected: 5n, source: 'FN example 1 shape: elapsed days truncate' },
    { expr: 'DateDiff("d", Now(), CDate([StatusHireDate]))', attrs: { StatusHireDate: '2021-08-31' }, now: '2021-08-25T17:41:18Z', expected: 6n, options: { dateDiffDays: 'calendar' } },
    { expr: 'DateDiff("ww", CDate("2021-08-22T23:00:00Z"), CDate("2021-08-29T01:00:00Z"))', expected: 0n, source: '§3: Sunday 23:00 → next Sunday 01:00 is 0 weeks' },
    { expr: 'DateDiff("w", CDate("2021-08-01"), CDate("2021-08-15"))', expected: 2n },
    { expr: 'DateDiff("q", CDate("2021-03-31"), CDate("2021-04-01"))', expected: 1n },
    { expr: 'IIF(DateDiff("d", Now(), CDate([StatusHireDate])) > 5, "False", "True")', attrs: { StatusHireDate: '2021-09-30' }, now: '2021-08-25T00:00:00Z', expected: 'False' },
  ],
  DateFromNum: [
    { expr: 'DateFromNum(129699324000000000)', expected: '1/1/2012 11:00:00 PM', rendered: true, source: 'FN' },
    { expr: 'DateFromNum([lastLogonTimestamp])', attrs: { lastLogonTimestamp: '129699324000000000' }, expected: '1/1/2012 11:00:00 PM', rendered: true, source: 'FN' },
    { expr: 'DateFromNum(0)', expected: '1/1/1601 12:00:00 AM', rendered: true },
    { expr: 'NumFromDate(DateFromNum(129699324001234567))', expected: 129699324001234567n, source: 'FILETIME round trip keeps 100-ns ticks' },
  ],
  NumFromDate: [
    { expr: 'NumFromDate("2020-12-31 23:59:59-08:00")', expected: 132539615990000000n, source: '§3: inverse of the DateFromNum example' },
    { expr: 'NumFromDate("2020-12-31T23:59:59-08:00")', expected: 132539615990000000n },
    {
      expr: 'NumFromDate(Join("", FormatDateTime([ContractEndDate], ,"yyyy-MM-ddzzz", "yyyy-MM-dd"), " 23:59:59-08:00"))',
      attrs: { ContractEndDate: '2020-12-31-08:00' },
      expected: 132539615990000000n,
      source: 'FN Workday example',
    },
    {
      expr: 'NumFromDate(Join("",FormatDateTime([endDate], ,"M/d/yyyy hh:mm:ss tt","yyyy-MM-dd")," 23:59:59-08:00"))',
      attrs: { endDate: '12/31/2020 12:00:00 AM' },
      expected: 132539615990000000n,
      source: 'FN SuccessFactors example',
    },
    { expr: 'NumFromDate([missing])', expected: null },
  ],
  FormatDateTime: [
    { expr: 'FormatDateTime([extensionAttribute1], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")', attrs: { extensionAttribute1: '20150123105347.1Z' }, expected: '2015-01-23', source: 'FN' },
    { expr: 'FormatDateTime([ContractEndDate], ,"yyyy-MM-ddzzz","yyyy-MM-dd")', attrs: { ContractEndDate: '2020-12-31-08:00' }, expected: '2020-12-31', source: 'FN NumFromDate example' },
    { expr: 'FormatDateTime(Now(), , "M/d/yyyy h:mm:ss tt", "yyyy-MM-dd")', now: '2021-07-02T15:33:38Z', expected: '2021-07-02', source: '§3' },
    { expr: 'FormatDateTime([d], "M/d/yyyy hh:mm:ss tt", "yyyy-MM-dd")', attrs: { d: '8/15/2025 12:00:00 AM' }, expected: '2025-08-15', source: 'SFG three-argument form' },
    { expr: 'FormatDateTime([d], , "yyyy-MM-dd", "dd.MM.yyyy HH:mm")', attrs: { d: '  2025-08-15 ' }, expected: '15.08.2025 00:00', source: 'default styles trim white space' },
    { expr: 'FormatDateTime("2021-06-30+08:00", , "yyyy-MM-ddzzz", "yyyy-MM-dd HH:mm zzz")', expected: '2021-06-29 16:00 +00:00', source: '?15 default: converted to UTC' },
    { expr: 'FormatDateTime("2021-06-30+08:00", , "yyyy-MM-ddzzz", "yyyy-MM-dd HH:mm zzz")', expected: '2021-06-30 00:00 +08:00', options: { formatDateTimeOffset: 'keep' } },
    { expr: 'FormatDateTime("2021-06-30T10:00:00Z", , "yyyy-MM-dd\'T\'HH:mm:ssK", "dddd, MMMM d, yyyy h:mm tt")', expected: 'Wednesday, June 30, 2021 10:00 AM' },
    { expr: 'FormatDateTime("20210630", , "yyyyMMdd", "yyyy-MM-ddTHH:mm:ss.fffZ")', expected: '2021-06-30T00:00:00.000Z' },
    { expr: 'FormatDateTime("10:30", , "HH:mm", "yyyy-MM-dd HH:mm")', now: '2025-07-30T18:00:00Z', expected: '2025-07-30 10:30', source: 'missing date parts default to today' },
    { expr: 'FormatDateTime("31-12-99", , "dd-MM-yy", "yyyy")', expected: '1999', source: '.NET two-digit-year window' },
    { expr: 'FormatDateTime("31-12-49", , "dd-MM-yy", "yyyy")', expected: '2049' },
    { expr: 'FormatDateTime(DateAdd("h", 3, CDate("2021-07-02")), , "M/d/yyyy h:mm:ss tt", "HH:mm")', expected: '03:00', source: 'a DateTime is rendered, then parsed' },
    { expr: 'FormatDateTime(DateAdd("yyyy", 5, CDate("2025-01-15")), , "yyyy-MM-dd", "yyyy-MM-dd")', expected: '2030-01-15', options: { formatDateTimeDateInput: 'direct' }, source: 'WDG five-year example works only with direct' },
    { expr: 'FormatDateTime([missing], , "yyyy", "yyyy")', expected: null },
    // One-character formats are .NET standard formats; the culture-invariant ones are their patterns.
    { expr: 'FormatDateTime("2021-06-30 13:04:05", , "yyyy-MM-dd HH:mm:ss", "s")', expected: '2021-06-30T13:04:05', source: '.NET standard format s' },
    { expr: 'FormatDateTime("2021-06-30 13:04:05", , "yyyy-MM-dd HH:mm:ss", "u")', expected: '2021-06-30 13:04:05Z', source: '.NET standard format u' },
    { expr: 'FormatDateTime("2021-06-30 13:04:05", , "yyyy-MM-dd HH:mm:ss", "R")', expected: 'Wed, 30 Jun 2021 13:04:05 GMT', source: '.NET standard format r/R' },
    { expr: 'FormatDateTime("2021-06-30T13:04:05", , "s", "yyyyMMdd")', expected: '20210630', source: 'standard format as inputFormat' },
    { expr: 'FormatDateTime("2021-06-30 13:04:05", , "yyyy-MM-dd HH:mm:ss", "o")', expected: '2021-06-30T13:04:05.0000000', source: '.NET round trip o: an Unspecified value has no zone' },
    { expr: 'FormatDateTime("2021-06-30T13:04:05.1234567Z", , "O", "o")', expected: '2021-06-30T13:04:05.1234567Z', source: 'o read and written: Utc kind and 100-ns ticks kept' },
    { expr: 'FormatDateTime("2021-06-30T13:04:05.1234567+02:00", , "o", "o")', expected: '2021-06-30T11:04:05.1234567+00:00', source: 'an offset is converted to local time (UTC host)' },
    // K writes the parsed value's DateTimeKind (.NET on a UTC host): nothing for Unspecified,
    // +00:00 for Local (an offset was converted), Z for Utc; and K may read nothing.
    { expr: 'FormatDateTime("2021-06-30", , "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ssK")', expected: '2021-06-30T00:00:00', source: 'Unspecified kind' },
    { expr: 'FormatDateTime("2021-06-30+08:00", , "yyyy-MM-ddzzz", "yyyy-MM-ddTHH:mm:ssK")', expected: '2021-06-29T16:00:00+00:00', source: 'Local kind' },
    { expr: 'FormatDateTime("2021-06-30T10:00:00Z", , "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-dd HH:mmK")', expected: '2021-06-30 10:00Z', source: 'Z under RoundtripKind: Utc' },
    { expr: 'FormatDateTime("2021-06-30T10:00:00Z", "None", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-dd HH:mmK")', expected: '2021-06-30 10:00+00:00', source: 'Z without RoundtripKind: Local' },
    { expr: 'FormatDateTime("2021-06-30", "AdjustToUniversal", "yyyy-MM-dd", "yyyy-MM-ddK")', expected: '2021-06-30Z', source: 'AdjustToUniversal: Utc' },
    { expr: 'FormatDateTime("2021-06-30", "AssumeUniversal", "yyyy-MM-dd", "yyyy-MM-ddK")', expected: '2021-06-30+00:00', source: 'AssumeUniversal: Local' },
    { expr: 'FormatDateTime("2021-06-30T10:00:00", , "yyyy-MM-ddTHH:mm:ssK", "HH:mm|K|")', expected: '10:00||', source: 'K reads nothing' },
    { expr: 'FormatDateTime(Now(), , "M/d/yyyy h:mm:ss tt", "yyyy-MM-ddK")', now: '2021-07-02T15:33:38Z', expected: '2021-07-02', source: 'Now() rendered, then parsed: Unspecified' },
    { expr: 'FormatDateTime(Now(), , "yyyy", "yyyy-MM-ddK")', now: '2021-07-02T15:33:38Z', expected: '2021-07-02Z', options: { formatDateTimeDateInput: 'direct' }, source: 'a DateTime used directly is Utc' },
    // Fractions finer than a millisecond survive (date-fns alone keeps milliseconds).
    { expr: 'FormatDateTime("20201231235959.1234567Z", , "yyyyMMddHHmmss.fffffffZ", "yyyy-MM-ddTHH:mm:ss.fffffff")', expected: '2020-12-31T23:59:59.1234567', source: '100-ns ticks kept' },
    { expr: 'FormatDateTime("20201231235959.1234567Z", , "yyyyMMddHHmmss.fffffffZ", "ss.fffff|fff")', expected: '59.12345|123' },
    { expr: 'FormatDateTime("1969-12-31 23:59:59.9876", , "yyyy-MM-dd HH:mm:ss.ffff", "ffffff")', expected: '987600', source: 'before 1970' },
    { expr: 'NumFromDate(FormatDateTime("2020-12-31T23:59:59.1234567Z", , "yyyy-MM-ddTHH:mm:ss.fffffffK", "yyyy-MM-ddTHH:mm:ss.fffffffK"))', expected: 132539327991234567n },
    { expr: 'FormatDateTime(DateFromNum(132539327991234567), , "yyyy", "HH:mm:ss.fffffff")', expected: '23:59:59.1234567', options: { formatDateTimeDateInput: 'direct' } },
    { expr: 'FormatDateTime("2021-06-30+08:00", , "yyyy-MM-ddzzz", "HH:mm.ffff zzz")', expected: '00:00.0000 +08:00', options: { formatDateTimeOffset: 'keep' } },
    { expr: 'FormatDateTime("WED, 30 jun 2021", , "ddd, dd MMM yyyy", "yyyy-MM-dd")', expected: '2021-06-30', source: 'day names are read in any case' },
    { expr: 'FormatDateTime("Wednesday 2021-06-30 23:00 -08:00", , "dddd yyyy-MM-dd HH:mm zzz", "yyyy-MM-dd")', expected: '2021-07-01', source: 'the day name is that of the date as written, before the offset' },
  ],
};

describe.each(Object.entries(rows))('%s', (_name, table) => {
  it.each(table)('$expr → $expected', checkRow);
});

describe('date errors name the function and argument', () => {
  it.each([
    ['CDate("not a date")', 'EXPR_EVAL_INVALID_DATE', 'CDate', 0],
    ['CDate("2021-02-30")', 'EXPR_EVAL_INVALID_DATE', 'CDate', 0],
    ['CDate("2021-02-01")', 'EXPR_EVAL_INVALID_DATE', 'CDate', 0, { dateWithoutOffset: 'error' as const }],
    ['DateAdd("fortnight", 1, Now())', 'EXPR_EVAL_INVALID_ARGUMENT', 'DateAdd', 0],
    ['DateAdd("d", "x", Now())', 'EXPR_EVAL_INVALID_NUMBER', 'DateAdd', 1],
    ['DateAdd("yyyy", 8000, CDate("2021-01-01"))', 'EXPR_EVAL_DATE_OUT_OF_RANGE', 'DateAdd', undefined],
    ['DateAdd("d", 1, "garbage")', 'EXPR_EVAL_INVALID_DATE', 'DateAdd', 2],
    ['DateDiff("d", "garbage", Now())', 'EXPR_EVAL_INVALID_DATE', 'DateDiff', 1],
    ['DateDiff("d", Now(), "garbage")', 'EXPR_EVAL_INVALID_DATE', 'DateDiff', 2],
    ['DateAdd("d", 1, Now())', 'EXPR_EVAL_INVALID_ARGUMENT', 'DateAdd', 0, { intervalCase: 'sensitive' as const }, 'D'],
    ['DateFromNum(9223372036854775807)', 'EXPR_EVAL_DATE_OUT_OF_RANGE', 'DateFromNum', 0],
    ['DateFromNum("abc")', 'EXPR_EVAL_INVALID_NUMBER', 'DateFromNum', 0],
    ['NumFromDate("2020-13-01")', 'EXPR_EVAL_INVALID_DATE', 'NumFromDate', 0],
    ['NumFromDate("1600-12-31")', 'EXPR_EVAL_DATE_OUT_OF_RANGE', 'NumFromDate', 0],
    ['FormatDateTime("2025-12-31", , "yyyy-MM-ddzzz", "yyyy-MM-dd")', 'EXPR_EVAL_INVALID_DATE', 'FormatDateTime', 0],
    ['FormatDateTime("7/2/2021 3:33:38 PM", , "M/d/yyyy hh:mm:ss tt", "yyyy")', 'EXPR_EVAL_INVALID_DATE', 'FormatDateTime', 0],
    ['FormatDateTime(CDate("2021-07-02T15:33:38Z"), , "M/d/yyyy hh:mm:ss tt", "yyyy")', 'EXPR_EVAL_INVALID_DATE', 'FormatDateTime', 0],
    ['FormatDateTime("2021", , "yyyy", "yyyy g")', 'EXPR_EVAL_INVALID_FORMAT', 'FormatDateTime', 3],
    ['FormatDateTime("2021", , "FFF", "yyyy")', 'EXPR_EVAL_INVALID_FORMAT', 'FormatDateTime', 2],
    ['FormatDateTime("2021", "Sideways", "yyyy", "yyyy")', 'EXPR_EVAL_INVALID_ARGUMENT', 'FormatDateTime', 1],
    ['FormatDateTime(" 2021", "None", "yyyy", "yyyy")', 'EXPR_EVAL_INVALID_DATE', 'FormatDateTime', 0],
    // .NET never reads a one-character format as literal text: "o" must not write "o".
    ['FormatDateTime("2021", , "yyyy", "D")', 'EXPR_EVAL_INVALID_FORMAT', 'FormatDateTime', 3],
    ['FormatDateTime("2021", , "yyyy", "x")', 'EXPR_EVAL_INVALID_FORMAT', 'FormatDateTime', 3],
    ['FormatDateTime("2021", , "yyyy", "-")', 'EXPR_EVAL_INVALID_FORMAT', 'FormatDateTime', 3],
    ['FormatDateTime("2021", , "yyyy", "d")', 'EXPR_EVAL_INVALID_FORMAT', 'FormatDateTime', 3],
    // .NET ParseExact: "the day of week was incorrect".
    ['FormatDateTime("Mon, 30 Jun 2021", , "ddd, dd MMM yyyy", "yyyy-MM-dd")', 'EXPR_EVAL_INVALID_DATE', 'FormatDateTime', 0],
    ['FormatDateTime("Tue, 30 Jun 2021 13:04:05 GMT", , "r", "yyyy-MM-dd")', 'EXPR_EVAL_INVALID_DATE', 'FormatDateTime', 0],
  ])('%s → %s', (expr, code, functionName, argumentIndex, options?, replace?) => {
    const text = replace ? expr.replace('"d"', `"${replace}"`) : expr;
    const error = evalFailure(text, {}, options);
    expect({ code: error.code, functionName: error.functionName, argumentIndex: error.argumentIndex }).toEqual({ code, functionName, argumentIndex });
  });
});
