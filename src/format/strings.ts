/**
 * Every word the formatters and models put in front of a user, in one place so that the string
 * catalogue (`@lit/localize`) sees them all. Each is a function, not a constant, so the text is
 * looked up when it is shown and follows a locale change. English (UK) is the source language.
 */
import { msg, str } from '@lit/localize';

// --- Shared -------------------------------------------------------------------------------------

/** PAB-0019: an unknown value says so in words, never `?` or a blank. */
export const notKnown = () => msg('Not known');
/** An onset or end given as the patient's age (`At age 52 years`, `At age 50 to 54 years`). */
export const atAge = (age: string) => msg(str`At age ${age}`);
/** A timeline group for encounters with no date. */
export const dateNotKnown = () => msg('Date not known');

// --- Gender -------------------------------------------------------------------------------------

export const genderMale = () => msg('Male');
export const genderFemale = () => msg('Female');
export const genderOther = () => msg('Other');

// --- Ages (CUI Table 7 units, written straight after the number) --------------------------------

export const ageMinutes = (n: number) => msg(str`${n}min`);
export const ageHours = (n: number) => msg(str`${n}hrs`);
export const ageDays = (n: number) => msg(str`${n}d`);
export const ageWeeks = (n: number) => msg(str`${n}w`);
export const ageMonths = (n: number) => msg(str`${n}m`);
export const ageYears = (n: number) => msg(str`${n}y`);

// --- Allergy status (banner zone 2) -------------------------------------------------------------

export const allergiesKnown = () => msg('Known allergies');
export const allergiesNone = () => msg('No known allergies');
export const allergiesNotRecorded = () => msg('Allergies not recorded');
export const allergiesUnavailable = () => msg('Allergies unavailable');

// --- NHS number verification (NHS Data Dictionary NHS NUMBER STATUS INDICATOR CODE) -------------

export function nhsNumberVerification(code: string): string | undefined {
  switch (code) {
    case '01':
      return msg('Number present and verified');
    case '02':
      return msg('Number present but not traced');
    case '03':
      return msg('Trace required');
    case '04':
      return msg('Trace attempted - No match or multiple match found');
    case '05':
      return msg('Trace needs to be resolved - (NHS number or patient detail conflict)');
    case '06':
      return msg('Trace in progress');
    case '07':
      return msg('Number not present and trace not required');
    case '08':
      return msg('Trace postponed (baby under six weeks old)');
    default:
      return undefined;
  }
}

// --- Death notification (UKCore-DeathNotificationStatus) ----------------------------------------

export const deathNotificationFormal = () => msg('Formal - death notice received from Registrar of Deaths');
export const deathNotificationInformal = () =>
  msg('Informal - death notice received via an update from a local NHS Organisation such as GP or Trust');

// --- Contacts -----------------------------------------------------------------------------------

export const contactHome = () => msg('Home');
export const contactWork = () => msg('Work');
export const contactMobile = () => msg('Mobile');
export const contactEmail = () => msg('Email');
export const contactPhone = () => msg('Phone');
export const contactFax = () => msg('Fax');
export const contactPager = () => msg('Pager');
export const contactWebsite = () => msg('Website');
export const contactSms = () => msg('Text message');
export const contactOther = () => msg('Other');

// --- Sizes of documents -------------------------------------------------------------------------

export const sizeInBytes = (n: number, written: string) =>
  n === 1 ? msg('1 byte') : msg(str`${written} bytes`);

// --- Quantities ---------------------------------------------------------------------------------

export const rangeBetween = (low: string, high: string) => msg(str`${low} to ${high}`);
export const rangeAtLeast = (low: string) => msg(str`at least ${low}`);
export const rangeUpTo = (high: string) => msg(str`up to ${high}`);

// --- Dosage (UK prescription wording) -----------------------------------------------------------

export const dosageThen = () => msg(', then ');
export const whenRequired = () => msg('when required');
export const whenRequiredFor = (reason: string) => msg(str`when required for ${reason}`);
export const onceADay = () => msg('once a day');
export const twiceADay = () => msg('twice a day');
export const threeTimesADay = () => msg('three times a day');
export const fourTimesADay = () => msg('four times a day');
export const timesADay = (n: string) => msg(str`${n} times a day`);
export const everyHour = () => msg('every hour');
export const everyHours = (n: string) => msg(str`every ${n} hours`);
export const everyMinutes = (n: string) => msg(str`every ${n} minutes`);
export const everyOtherDay = () => msg('every other day');
export const everyDays = (n: string) => msg(str`every ${n} days`);
export const onceAWeek = () => msg('once a week');
export const twiceAWeek = () => msg('twice a week');
export const timesAWeek = (n: string) => msg(str`${n} times a week`);
export const everyWeeks = (n: string) => msg(str`every ${n} weeks`);
export const onceAMonth = () => msg('once a month');
export const timesAMonth = (n: string) => msg(str`${n} times a month`);
export const everyMonths = (n: string) => msg(str`every ${n} months`);
export const onceAYear = () => msg('once a year');
export const everyYears = (n: string) => msg(str`every ${n} years`);
export const timesEvery = (times: string, every: string) => msg(str`${times} times ${every}`);
export const forDuration = (duration: string) => msg(str`for ${duration}`);
export const atTimes = (times: string) => msg(str`at ${times}`);
export const listAnd = () => msg(' and ');
export const onDays = (days: string) => msg(str`on ${days}`);

/** Abbreviated units used in durations and periods (`for 5 days`). */
export function durationUnit(unit: string, n: number): string | undefined {
  const one = n === 1;
  switch (unit) {
    case 's':
      return one ? msg('second') : msg('seconds');
    case 'min':
      return one ? msg('minute') : msg('minutes');
    case 'h':
      return one ? msg('hour') : msg('hours');
    case 'd':
      return one ? msg('day') : msg('days');
    case 'wk':
      return one ? msg('week') : msg('weeks');
    case 'mo':
      return one ? msg('month') : msg('months');
    case 'a':
      return one ? msg('year') : msg('years');
    default:
      return undefined;
  }
}

/** `Timing.repeat.when` (event timing) in plain words. */
export function eventTiming(code: string): string | undefined {
  switch (code) {
    case 'MORN':
    case 'MORN.early':
    case 'MORN.late':
      return msg('in the morning');
    case 'NOON':
      return msg('at midday');
    case 'AFT':
    case 'AFT.early':
    case 'AFT.late':
      return msg('in the afternoon');
    case 'EVE':
    case 'EVE.early':
    case 'EVE.late':
      return msg('in the evening');
    case 'NIGHT':
      return msg('at night');
    case 'PHS':
      return msg('after sleep');
    case 'HS':
      return msg('at bedtime');
    case 'WAKE':
      return msg('on waking');
    case 'C':
      return msg('with food');
    case 'CM':
      return msg('with breakfast');
    case 'CD':
      return msg('with lunch');
    case 'CV':
      return msg('with evening meal');
    case 'AC':
      return msg('before food');
    case 'ACM':
      return msg('before breakfast');
    case 'ACD':
      return msg('before lunch');
    case 'ACV':
      return msg('before evening meal');
    case 'PC':
      return msg('after food');
    case 'PCM':
      return msg('after breakfast');
    case 'PCD':
      return msg('after lunch');
    case 'PCV':
      return msg('after evening meal');
    default:
      return undefined;
  }
}

/** `Timing.code` abbreviations (v3 GTSAbbreviation) for when `Timing.repeat` is absent. */
export function timingAbbreviation(code: string): string | undefined {
  switch (code.toUpperCase()) {
    case 'QD':
      return onceADay();
    case 'BID':
      return twiceADay();
    case 'TID':
      return threeTimesADay();
    case 'QID':
      return fourTimesADay();
    case 'QOD':
      return everyOtherDay();
    case 'AM':
      return eventTiming('MORN');
    case 'PM':
      return eventTiming('EVE');
    case 'Q4H':
      return everyHours('4');
    case 'Q6H':
      return everyHours('6');
    case 'WK':
      return onceAWeek();
    case 'MO':
      return onceAMonth();
    default:
      return undefined;
  }
}

export function dayOfWeek(code: string): string | undefined {
  switch (code) {
    case 'mon':
      return msg('Monday');
    case 'tue':
      return msg('Tuesday');
    case 'wed':
      return msg('Wednesday');
    case 'thu':
      return msg('Thursday');
    case 'fri':
      return msg('Friday');
    case 'sat':
      return msg('Saturday');
    case 'sun':
      return msg('Sunday');
    default:
      return undefined;
  }
}

// --- Months (timeline group headings: a fixed table, never `Intl`) -------------------------------

/** The full name of a month, 1-12 (`November`); `undefined` for anything else. */
export function monthName(month: number): string | undefined {
  switch (month) {
    case 1:
      return msg('January');
    case 2:
      return msg('February');
    case 3:
      return msg('March');
    case 4:
      return msg('April');
    case 5:
      return msg('May');
    case 6:
      return msg('June');
    case 7:
      return msg('July');
    case 8:
      return msg('August');
    case 9:
      return msg('September');
    case 10:
      return msg('October');
    case 11:
      return msg('November');
    case 12:
      return msg('December');
    default:
      return undefined;
  }
}

// --- Medication line (CUI Medication Line / List View) ------------------------------------------

export const medStarted = () => msg('Started');
export const medNotStarted = () => msg('Not Started');
export const medSuspended = () => msg('Suspended');
export const medCompleted = () => msg('Completed');
export const medDiscontinued = () => msg('Discontinued');
export const medEnteredInError = () => msg('Entered in error');
export const medActiveEnded = (endDate: string) => msg(str`Active; end date ${endDate} passed`);
export const prescribedAnotherOrganisation = () => msg('Prescribed elsewhere');
export const prescribedPreviousPractice = () => msg('Prescribed at a previous practice');
export const courseAcute = () => msg('Acute');
export const courseRepeat = () => msg('Repeat');
export const courseRepeatDispensing = () => msg('Repeat dispensing');

/** `3 of 6`, `3`, `6 allowed`: how many repeat prescriptions have been issued (and may be). */
export function repeatIssues(issued?: number, allowed?: number): string | undefined {
  if (issued !== undefined && allowed !== undefined) return msg(str`${issued} of ${allowed}`);
  if (issued !== undefined) return String(issued);
  if (allowed !== undefined) return msg(str`${allowed} allowed`);
  return undefined;
}

// --- Encounters ---------------------------------------------------------------------------------

export const classInpatient = () => msg('Inpatient');
export const classOutpatient = () => msg('Outpatient');
export const classEmergency = () => msg('Emergency');
export const classCommunity = () => msg('Community');
export const classVirtual = () => msg('Virtual');
export const classHome = () => msg('Home visit');
export const classOther = () => msg('Other');

export const encounterPlanned = () => msg('Planned');
export const encounterArrived = () => msg('Arrived');
export const encounterTriaged = () => msg('Triaged');
export const encounterInProgress = () => msg('In progress');
export const encounterOnLeave = () => msg('On leave');
export const encounterFinished = () => msg('Finished');
export const encounterCancelled = () => msg('Cancelled');
export const encounterEnteredInError = () => msg('Entered in error');

export const stayLessThanADay = () => msg('less than 1 day');
export const stayDays = (n: number) => (n === 1 ? msg('1 day') : msg(str`${n} days`));

// --- Restricted (S-flagged) records: what replaces a withheld name, keeping the kind of setting --

export const withheldGpPractice = () => msg('GP practice (withheld: restricted record)');
export const withheldPharmacy = () => msg('Pharmacy (withheld: restricted record)');
export const withheldLocation = () => msg('Location (withheld: restricted record)');
/** A person whose name would say which GP practice (or pharmacy) the patient uses. */
export const withheldClinician = () => msg('Clinician (withheld: restricted record)');

// --- Immunisations ------------------------------------------------------------------------------

export const immunisationGiven = () => msg('Given');
/** An immunisation recorded as not done: never shown as given. */
export const immunisationNotGiven = () => msg('Not given');
export const immunisationEnteredInError = () => msg('Entered in error');
export const immunisationStatusNotKnown = () => msg('Status not known');
/** `Dose 2 of 3`, `Dose 2`: which dose of a course (`protocolApplied`). */
export const doseOf = (dose: string, doses?: string) =>
  doses === undefined ? msg(str`Dose ${dose}`) : msg(str`Dose ${dose} of ${doses}`);
