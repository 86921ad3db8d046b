import { eq, isNull } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prospects } from '../src/db/schema.ts';
import { addProspect, getProspect } from '../src/modules/prospects/prospects.service.ts';
import { listZoneChanges, reresolveZones } from '../src/modules/prospects/zone-upgrade.service.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';

const AT = new Date('2026-12-04T09:00:00Z');

describe.each(drivers)('time zones of a book on %s', (driver) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await freshDb(driver);
  });
  afterEach(async () => {
    await t.drop();
  });

  /** Stores a prospect as an earlier version of Reach resolved it, waiting for the upgrade. */
  async function asStoredBefore(
    id: number,
    zone: { timezone: string | null; candidates: string[]; source: string },
  ) {
    await t.db
      .update(prospects)
      .set({
        timezone: zone.timezone,
        timezoneCandidates: zone.candidates,
        timezoneSource: zone.source,
        // As the migration fills it from an explicit zone of an earlier version.
        statedTimezone: zone.source === 'explicit' ? zone.timezone : null,
        zoneCheckedAt: null,
      })
      .where(eq(prospects.id, id));
  }

  it('re-resolves an existing book once and reports each change with its reason', async () => {
    const est = await addProspect(t.ctx, {
      firstName: 'Eve',
      phones: [{ number: '+1 212 555 0142', kind: 'direct' }],
    });
    const idaho = await addProspect(t.ctx, {
      firstName: 'Ida',
      phones: [{ number: '+1 208 245 1234', kind: 'direct' }],
    });
    const navajo = await addProspect(t.ctx, {
      firstName: 'Nat',
      region: 'AZ',
      country: 'US',
      phones: [{ number: '+1 928 871 1234', kind: 'direct' }],
    });
    const fine = await addProspect(t.ctx, {
      firstName: 'Flo',
      phones: [{ number: '+1 312 555 0100', kind: 'direct' }],
    });
    // "EST" taken as a fixed offset; St. Maries read as its Denver neighbour; the address overriding Window Rock.
    await asStoredBefore(est.id, { timezone: 'EST', candidates: ['EST'], source: 'explicit' });
    await asStoredBefore(idaho.id, {
      timezone: 'America/Denver',
      candidates: ['America/Denver'],
      source: 'phone',
    });
    await asStoredBefore(navajo.id, {
      timezone: 'America/Phoenix',
      candidates: ['America/Phoenix'],
      source: 'address',
    });
    await asStoredBefore(fine.id, {
      timezone: 'America/Chicago',
      candidates: ['America/Chicago'],
      source: 'phone',
    });

    expect(await reresolveZones(t.db, AT)).toBe(3);
    const { items } = await listZoneChanges(t.ctx);
    expect(items).toHaveLength(3);
    const of = (id: number) => items.find((c) => c.prospectId === id);
    expect(of(est.id)).toMatchObject({ name: 'Eve', before: ['EST'], after: ['America/New_York'] });
    expect(of(est.id)?.reason).toContain('"EST" is read as America/New_York');
    expect(of(idaho.id)).toMatchObject({ before: ['America/Denver'], after: ['America/Los_Angeles'] });
    expect(of(navajo.id)).toMatchObject({ after: ['America/Denver', 'America/Phoenix'] });
    expect(of(navajo.id)?.reason).toContain('legal in each');
    expect(of(fine.id)).toBeUndefined();
    expect(await getProspect(t.ctx, { key: idaho.id })).toMatchObject({ timezone: 'America/Los_Angeles' });

    // Run again, as a second process opening the book would: nothing left to do, nothing reported twice.
    expect(await reresolveZones(t.db, AT)).toBe(0);
    expect((await listZoneChanges(t.ctx)).items).toHaveLength(3);
    const unchecked = await t.db.select().from(prospects).where(isNull(prospects.zoneCheckedAt));
    expect(unchecked).toEqual([]);
  });

  it('drops a stated fixed offset in an old book and says why', async () => {
    const ann = await addProspect(t.ctx, {
      firstName: 'Ann',
      phones: [{ number: '+1 312 555 0142', kind: 'direct' }],
    });
    await asStoredBefore(ann.id, { timezone: 'Etc/GMT+5', candidates: ['Etc/GMT+5'], source: 'explicit' });
    expect(await reresolveZones(t.db, AT)).toBe(1);
    const [change] = (await listZoneChanges(t.ctx)).items;
    expect(change).toMatchObject({ after: ['America/Chicago'] });
    expect(change?.reason).toContain('fixed offset');
  });

  it('reads EST in a timezone field as New York and refuses UTC-5 by name', async () => {
    const eve = await addProspect(t.ctx, {
      firstName: 'Eve',
      timezone: 'EST',
      phones: [{ number: '+1 212 555 0142', kind: 'direct' }],
    });
    expect(eve).toMatchObject({ timezone: 'America/New_York' });
    await expect(addProspect(t.ctx, { firstName: 'Ugo', timezone: 'UTC-5' })).rejects.toMatchObject({
      message: expect.stringContaining('timezone'),
    });
  });
});
