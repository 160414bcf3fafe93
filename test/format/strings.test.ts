import { expect } from '@open-wc/testing';
import * as strings from '../../src/format/strings.js';

type Strings = typeof strings;

/**
 * Every string function, with the arguments it is called with and the English (UK) source text it
 * must return when no locale is configured (`undefined` where a lookup does not know the code).
 * Typed so that a new string function does not compile until it has a row here.
 */
const cases: { [K in keyof Strings]: ReadonlyArray<readonly [Parameters<Strings[K]>, string | undefined]> } =
  {
    notKnown: [[[], 'Not known']],
    dateNotKnown: [[[], 'Date not known']],
    atAge: [[['52 years'], 'At age 52 years']],

    genderMale: [[[], 'Male']],
    genderFemale: [[[], 'Female']],
    genderOther: [[[], 'Other']],

    ageMinutes: [[[45], '45min']],
    ageHours: [[[5], '5hrs']],
    ageDays: [[[6], '6d']],
    ageWeeks: [[[3], '3w']],
    ageMonths: [[[11], '11m']],
    ageYears: [[[42], '42y']],

    allergiesKnown: [[[], 'Known allergies']],
    allergiesNone: [[[], 'No known allergies']],
    allergiesNotRecorded: [[[], 'Allergies not recorded']],
    allergiesUnavailable: [[[], 'Allergies unavailable']],

    nhsNumberVerification: [
      [['01'], 'Number present and verified'],
      [['02'], 'Number present but not traced'],
      [['03'], 'Trace required'],
      [['04'], 'Trace attempted - No match or multiple match found'],
      [['05'], 'Trace needs to be resolved - (NHS number or patient detail conflict)'],
      [['06'], 'Trace in progress'],
      [['07'], 'Number not present and trace not required'],
      [['08'], 'Trace postponed (baby under six weeks old)'],
      [['99'], undefined],
      [['1'], undefined],
    ],

    deathNotificationFormal: [[[], 'Formal - death notice received from Registrar of Deaths']],
    deathNotificationInformal: [
      [
        [],
        'Informal - death notice received via an update from a local NHS Organisation such as GP or Trust',
      ],
    ],

    contactHome: [[[], 'Home']],
    contactWork: [[[], 'Work']],
    contactMobile: [[[], 'Mobile']],
    contactEmail: [[[], 'Email']],
    contactPhone: [[[], 'Phone']],
    contactFax: [[[], 'Fax']],
    contactPager: [[[], 'Pager']],
    contactWebsite: [[[], 'Website']],
    contactSms: [[[], 'Text message']],
    contactOther: [[[], 'Other']],

    sizeInBytes: [
      [[1, '1'], '1 byte'],
      [[850, '850'], '850 bytes'],
    ],
    rangeBetween: [[['1 tablet', '2 tablets'], '1 tablet to 2 tablets']],
    rangeAtLeast: [[['5 mL'], 'at least 5 mL']],
    rangeUpTo: [[['10 mg'], 'up to 10 mg']],

    dosageThen: [[[], ', then ']],
    whenRequired: [[[], 'when required']],
    whenRequiredFor: [[['pain'], 'when required for pain']],
    onceADay: [[[], 'once a day']],
    twiceADay: [[[], 'twice a day']],
    threeTimesADay: [[[], 'three times a day']],
    fourTimesADay: [[[], 'four times a day']],
    timesADay: [[['5'], '5 times a day']],
    everyHour: [[[], 'every hour']],
    everyHours: [[['4'], 'every 4 hours']],
    everyMinutes: [[['30'], 'every 30 minutes']],
    everyOtherDay: [[[], 'every other day']],
    everyDays: [[['3'], 'every 3 days']],
    onceAWeek: [[[], 'once a week']],
    twiceAWeek: [[[], 'twice a week']],
    timesAWeek: [[['3'], '3 times a week']],
    everyWeeks: [[['2'], 'every 2 weeks']],
    onceAMonth: [[[], 'once a month']],
    timesAMonth: [[['2'], '2 times a month']],
    everyMonths: [[['3'], 'every 3 months']],
    onceAYear: [[[], 'once a year']],
    everyYears: [[['5'], 'every 5 years']],
    timesEvery: [[['2', 'every 3 days'], '2 times every 3 days']],
    forDuration: [[['5 days'], 'for 5 days']],
    atTimes: [[['08:00 and 20:00'], 'at 08:00 and 20:00']],
    listAnd: [[[], ' and ']],
    onDays: [[['Monday and Thursday'], 'on Monday and Thursday']],

    durationUnit: [
      [['s', 1], 'second'],
      [['s', 30], 'seconds'],
      [['min', 1], 'minute'],
      [['min', 10], 'minutes'],
      [['h', 1], 'hour'],
      [['h', 2], 'hours'],
      [['d', 1], 'day'],
      [['d', 5], 'days'],
      [['wk', 1], 'week'],
      [['wk', 0], 'weeks'],
      [['mo', 1], 'month'],
      [['mo', 6], 'months'],
      [['a', 1], 'year'],
      [['a', 2], 'years'],
      [['NOPE', 1], undefined],
    ],

    eventTiming: [
      [['MORN'], 'in the morning'],
      [['MORN.early'], 'in the morning'],
      [['MORN.late'], 'in the morning'],
      [['NOON'], 'at midday'],
      [['AFT'], 'in the afternoon'],
      [['AFT.early'], 'in the afternoon'],
      [['AFT.late'], 'in the afternoon'],
      [['EVE'], 'in the evening'],
      [['EVE.early'], 'in the evening'],
      [['EVE.late'], 'in the evening'],
      [['NIGHT'], 'at night'],
      [['PHS'], 'after sleep'],
      [['HS'], 'at bedtime'],
      [['WAKE'], 'on waking'],
      [['C'], 'with food'],
      [['CM'], 'with breakfast'],
      [['CD'], 'with lunch'],
      [['CV'], 'with evening meal'],
      [['AC'], 'before food'],
      [['ACM'], 'before breakfast'],
      [['ACD'], 'before lunch'],
      [['ACV'], 'before evening meal'],
      [['PC'], 'after food'],
      [['PCM'], 'after breakfast'],
      [['PCD'], 'after lunch'],
      [['PCV'], 'after evening meal'],
      [['morn'], undefined],
      [['NOPE'], undefined],
    ],

    timingAbbreviation: [
      [['QD'], 'once a day'],
      [['BID'], 'twice a day'],
      [['bid'], 'twice a day'],
      [['TID'], 'three times a day'],
      [['QID'], 'four times a day'],
      [['QOD'], 'every other day'],
      [['AM'], 'in the morning'],
      [['PM'], 'in the evening'],
      [['Q4H'], 'every 4 hours'],
      [['Q6H'], 'every 6 hours'],
      [['WK'], 'once a week'],
      [['MO'], 'once a month'],
      [['NOPE'], undefined],
    ],

    dayOfWeek: [
      [['mon'], 'Monday'],
      [['tue'], 'Tuesday'],
      [['wed'], 'Wednesday'],
      [['thu'], 'Thursday'],
      [['fri'], 'Friday'],
      [['sat'], 'Saturday'],
      [['sun'], 'Sunday'],
      [['MON'], undefined],
      [['NOPE'], undefined],
    ],

    monthName: [
      [[1], 'January'],
      [[2], 'February'],
      [[3], 'March'],
      [[4], 'April'],
      [[5], 'May'],
      [[6], 'June'],
      [[7], 'July'],
      [[8], 'August'],
      [[9], 'September'],
      [[10], 'October'],
      [[11], 'November'],
      [[12], 'December'],
      [[0], undefined],
      [[13], undefined],
    ],

    medStarted: [[[], 'Started']],
    medNotStarted: [[[], 'Not Started']],
    medSuspended: [[[], 'Suspended']],
    medCompleted: [[[], 'Completed']],
    medDiscontinued: [[[], 'Discontinued']],
    medEnteredInError: [[[], 'Entered in error']],
    medActiveEnded: [[['15-May-2021'], 'Active; end date 15-May-2021 passed']],
    prescribedAnotherOrganisation: [[[], 'Prescribed elsewhere']],
    prescribedPreviousPractice: [[[], 'Prescribed at a previous practice']],
    courseAcute: [[[], 'Acute']],
    courseRepeat: [[[], 'Repeat']],
    courseRepeatDispensing: [[[], 'Repeat dispensing']],

    repeatIssues: [
      [[3, 6], '3 of 6'],
      [[0, 6], '0 of 6'],
      [[3], '3'],
      [[undefined, 6], '6 allowed'],
      [[], undefined],
    ],

    classInpatient: [[[], 'Inpatient']],
    classOutpatient: [[[], 'Outpatient']],
    classEmergency: [[[], 'Emergency']],
    classCommunity: [[[], 'Community']],
    classVirtual: [[[], 'Virtual']],
    classHome: [[[], 'Home visit']],
    classOther: [[[], 'Other']],

    encounterPlanned: [[[], 'Planned']],
    encounterArrived: [[[], 'Arrived']],
    encounterTriaged: [[[], 'Triaged']],
    encounterInProgress: [[[], 'In progress']],
    encounterOnLeave: [[[], 'On leave']],
    encounterFinished: [[[], 'Finished']],
    encounterCancelled: [[[], 'Cancelled']],
    encounterEnteredInError: [[[], 'Entered in error']],

    stayLessThanADay: [[[], 'less than 1 day']],
    stayDays: [
      [[1], '1 day'],
      [[3], '3 days'],
    ],

    withheldGpPractice: [[[], 'GP practice (withheld: restricted record)']],
    withheldPharmacy: [[[], 'Pharmacy (withheld: restricted record)']],
    withheldLocation: [[[], 'Location (withheld: restricted record)']],
    withheldClinician: [[[], 'Clinician (withheld: restricted record)']],

    immunisationGiven: [[[], 'Given']],
    immunisationNotGiven: [[[], 'Not given']],
    immunisationEnteredInError: [[[], 'Entered in error']],
    immunisationStatusNotKnown: [[[], 'Status not known']],
    doseOf: [
      [['2', '3'], 'Dose 2 of 3'],
      [['1'], 'Dose 1'],
    ],
  };

describe('format/strings', () => {
  it('PAB-0019 the unknown value is "Not known"', () => {
    expect(strings.notKnown()).to.equal('Not known');
  });

  it('has a table row for every string function', () => {
    expect(Object.keys(cases).sort()).to.deep.equal(Object.keys(strings).sort());
  });

  for (const [name, rows] of Object.entries(cases)) {
    it(`${name} returns its English (UK) source text when no locale is configured`, () => {
      const fn = strings[name as keyof Strings] as (...args: unknown[]) => string | undefined;
      for (const [args, expected] of rows) {
        expect(fn(...args), `${name}(${args.map((a) => JSON.stringify(a)).join(', ')})`).to.equal(expected);
      }
    });
  }
});
