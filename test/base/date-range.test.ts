import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../fixtures/date-range-host.js';
import type { DateRangeHost } from '../fixtures/date-range-host.js';
import { $, $$, clean } from '../helpers/dom.js';

const error = (el: DateRangeHost, bound: 'from' | 'to') => clean($(el, `#dates-${bound}-error`)?.textContent);

describe('DateRangeInput (NHS date input pattern)', () => {
  it('is two fieldsets with a legend, the hint and three labelled numeric text boxes; never type=date', async () => {
    const el = await fixture<DateRangeHost>(html`<date-range-host></date-range-host>`);
    const fieldsets = $$<HTMLFieldSetElement>(el, 'fieldset');
    expect(fieldsets.map((f) => clean(f.querySelector('legend')?.textContent))).to.deep.equal([
      'From date',
      'To date',
    ]);
    for (const [i, bound] of ['from', 'to'].entries()) {
      expect(clean($(el, `#dates-${bound}-hint`)?.textContent)).to.equal('For example, 15 3 2024');
      expect(fieldsets[i].getAttribute('aria-describedby')).to.equal(`dates-${bound}-hint`);
      const boxes = [...fieldsets[i].querySelectorAll('input')];
      expect(
        boxes.map((box) => `${box.type} ${box.inputMode} ${box.labels?.[0]?.textContent}`),
      ).to.deep.equal(['text numeric Day', 'text numeric Month', 'text numeric Year']);
    }
    expect($(el, 'input[type="date"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('works from the keyboard: type, Tab through the boxes, and the range applies when the focus leaves', async () => {
    const el = await fixture<DateRangeHost>(html`<date-range-host></date-range-host>`);
    $<HTMLInputElement>(el, '#dates-from-day')!.focus();
    await sendKeys({ type: '15' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '3' });
    await sendKeys({ press: 'Tab' });
    // Still inside the date: nothing is said about the missing year yet.
    expect(error(el, 'from')).to.equal('');
    await sendKeys({ type: '2024' });
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(el.ranges).to.deep.equal([{ from: '2024-03-15', to: '' }]);
    expect(el.shadowRoot!.activeElement?.id).to.equal('dates-to-day');
  });

  it('a half-typed date says what it is missing once the focus leaves it, and does not filter', async () => {
    const el = await fixture<DateRangeHost>(html`<date-range-host></date-range-host>`);
    $<HTMLInputElement>(el, '#dates-to-day')!.focus();
    await sendKeys({ type: '15' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    await el.updateComplete;
    expect(error(el, 'to')).to.equal('Error: To date must include a month and year');
    expect($(el, 'fieldset.date-input--error')?.getAttribute('aria-describedby')).to.equal(
      'dates-to-hint dates-to-error',
    );
    expect($$(el, '[aria-invalid="true"]').map((box) => box.id)).to.deep.equal([
      'dates-to-month',
      'dates-to-year',
    ]);
    expect(el.ranges).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('31 2 2024 is not a real date; a year of 2 numbers is asked for in 4', async () => {
    const el = await fixture<DateRangeHost>(html`<date-range-host></date-range-host>`);
    const type = async (field: string, value: string) => {
      const box = $<HTMLInputElement>(el, `#dates-from-${field}`)!;
      box.focus();
      box.select();
      await sendKeys({ type: value });
    };
    await type('day', '31');
    await type('month', '2');
    await type('year', '2024');
    $<HTMLInputElement>(el, '#dates-to-day')!.focus();
    await el.updateComplete;
    expect(error(el, 'from')).to.equal('Error: From date must be a real date');
    expect($$(el, '[aria-invalid="true"]').map((box) => box.id)).to.deep.equal(['dates-from-day']);
    await type('day', '28');
    await type('year', '24');
    $<HTMLInputElement>(el, '#dates-to-day')!.focus();
    await el.updateComplete;
    expect(error(el, 'from')).to.equal('Error: From date must include a year of 4 numbers');
    expect(el.ranges).to.deep.equal([
      { from: '2024-02-28', to: '' },
      { from: '', to: '' },
    ]);
    await expect(el).to.be.accessible();
  });

  it('a from date after the to date is an error on the to date, which does not filter until put right', async () => {
    const el = await fixture<DateRangeHost>(html`<date-range-host></date-range-host>`);
    const fill = async (bound: string, [day, month, year]: string[]) => {
      for (const [field, value] of Object.entries({ day, month, year })) {
        const box = $<HTMLInputElement>(el, `#dates-${bound}-${field}`)!;
        box.value = value;
        box.dispatchEvent(new Event('input', { bubbles: true }));
        box.dispatchEvent(new Event('change', { bubbles: true }));
      }
      await el.updateComplete;
    };
    await fill('from', ['15', '3', '2024']);
    await fill('to', ['1', '3', '2024']);
    expect(error(el, 'to')).to.equal(
      'Error: To date must be the same as or after the from date, 15-Mar-2024',
    );
    expect(el.ranges.at(-1)).to.deep.equal({ from: '2024-03-15', to: '' });
    await expect(el).to.be.accessible();
    await fill('from', ['1', '3', '2024']);
    expect(error(el, 'to')).to.equal('');
    expect(el.ranges.at(-1)).to.deep.equal({ from: '2024-03-01', to: '2024-03-01' });

    el.dates.reset();
    await el.updateComplete;
    expect($$<HTMLInputElement>(el, 'input').map((box) => box.value)).to.deep.equal(['', '', '', '', '', '']);
  });
});
