import { describe, expect, it } from 'vitest';
import { letterHtml } from './compose-letter.ts';

const letter = (over: { text?: string; postalAddress?: string; seller?: string | null } = {}) =>
  letterHtml({
    text:
      over.text ??
      'Hi Ann,\n\nWe helped Granite <Carriers> cut empty miles.\n\nSam Rivera\nNorthwind\n\n--\nIf you would rather not hear from me, reply "unsubscribe".\nNorthwind, 200 W Madison St, Chicago, IL 60606',
    date: 'March 12, 2026',
    from: {
      seller: over.seller ?? 'Northwind',
      postalAddress: over.postalAddress ?? 'Northwind, 200 W Madison St, Chicago, IL 60606',
    },
    to: { name: 'Ann Lee', title: 'CFO', company: 'Acme & Sons', address: ['1 Main St', 'Denver, CO'] },
  });

describe('letterHtml', () => {
  it('addresses the letter from the company to the prospect, dated, and says "Dear"', () => {
    const html = letter();
    expect(html).toContain(
      '<address class="from">Northwind<br>200 W Madison St<br>Chicago, IL 60606</address>',
    );
    expect(html).toContain('<p class="date">March 12, 2026</p>');
    expect(html).toContain(
      '<address class="to">Ann Lee<br>CFO<br>Acme &amp; Sons<br>1 Main St<br>Denver, CO</address>',
    );
    expect(html).toContain('<p>Dear Ann,</p>');
  });

  it('escapes every word and leaves the email’s unsubscribe footer off paper', () => {
    const html = letter();
    expect(html).toContain('Granite &lt;Carriers&gt;');
    expect(html).not.toContain('unsubscribe');
    expect(html).toContain('<p>Sam Rivera<br>Northwind</p>');
  });

  it('puts the seller above an address that does not start with it, and keeps written lines', () => {
    expect(letter({ postalAddress: '200 W Madison St\nChicago, IL 60606' })).toContain(
      '<address class="from">Northwind<br>200 W Madison St<br>Chicago, IL 60606</address>',
    );
  });
});
