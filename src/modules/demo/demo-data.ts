// biome-ignore format: word lists read best packed
export const firstNames = ['Alice', 'Ben', 'Carla', 'David', 'Elena', 'Frank', 'Grace', 'Hector', 'Irene', 'James', 'Karen', 'Luis', 'Maria', 'Nate', 'Olivia', 'Peter', 'Quinn', 'Rosa', 'Sam', 'Tara', 'Umar', 'Vera', 'Walt', 'Xenia', 'Yusuf', 'Zoë', 'Björn', 'Chloé', 'Dmitri', 'Renée', 'Priya', 'Kenji'];
// biome-ignore format: word lists read best packed
export const lastNames = ['Anderson', 'Brooks', 'Chen', 'Delgado', 'Evans', 'Fischer', 'García', 'Hughes', 'Ibarra', 'Johnson', 'Kowalski', 'Lambert', 'Moreno', 'Nguyen', "O'Neill", 'Patel', 'Quintero', 'Reyes', 'Schmidt', 'Turner', 'Underwood', 'Vasquez', 'Whitaker', 'Young', 'Zimmerman', 'Åkesson', 'Brennan', 'Castillo'];
// biome-ignore format: word lists read best packed
export const titles = ['Chief Financial Officer', 'VP of Operations', 'Director of IT', 'Chief Executive Officer', 'VP of Sales', 'Head of Procurement', 'Operations Manager', 'Chief Technology Officer', 'Plant Manager', 'Owner', 'Managing Director', 'Controller'];
// biome-ignore format: word lists read best packed
export const companyWords = ['Summit', 'Harbor', 'Pioneer', 'Granite', 'Bluewater', 'Cedar', 'Northwind', 'Ironbridge', 'Keystone', 'Redwood', 'Silverline', 'Lakeshore', 'Crescent', 'Evergreen', 'Beacon', 'Meridian', 'Prairie', 'Copperfield', 'Oakmont', 'Riverside'];
// biome-ignore format: word lists read best packed
export const companySuffixes = ['Logistics', 'Manufacturing', 'Health', 'Foods', 'Engineering', 'Supply', 'Dental Group', 'Builders', 'Analytics', 'Freight'];
export const industries: Record<string, string> = {
  Logistics: 'Transportation',
  Manufacturing: 'Manufacturing',
  Health: 'Healthcare',
  Foods: 'Food & Beverage',
  Engineering: 'Engineering',
  Supply: 'Wholesale',
  'Dental Group': 'Healthcare',
  Builders: 'Construction',
  Analytics: 'Software',
  Freight: 'Transportation',
};

/** Places with their state and area codes, weighted toward where most US prospects sit. */
export const places = [
  { city: 'New York', region: 'NY', country: 'US', areaCodes: ['212', '646', '718'] },
  { city: 'Boston', region: 'MA', country: 'US', areaCodes: ['617', '857'] },
  { city: 'Atlanta', region: 'GA', country: 'US', areaCodes: ['404', '678'] },
  { city: 'Chicago', region: 'IL', country: 'US', areaCodes: ['312', '773'] },
  { city: 'Dallas', region: 'TX', country: 'US', areaCodes: ['214', '469'] },
  { city: 'Minneapolis', region: 'MN', country: 'US', areaCodes: ['612'] },
  { city: 'Denver', region: 'CO', country: 'US', areaCodes: ['303', '720'] },
  { city: 'Phoenix', region: 'AZ', country: 'US', areaCodes: ['602', '480'] },
  { city: 'Seattle', region: 'WA', country: 'US', areaCodes: ['206', '425'] },
  { city: 'San Diego', region: 'CA', country: 'US', areaCodes: ['619', '858'] },
  { city: 'Los Angeles', region: 'CA', country: 'US', areaCodes: ['213', '310'] },
  { city: 'Miami', region: 'FL', country: 'US', areaCodes: ['305', '786'] },
] as const;

export const gatekeeperNames = ['Linda', 'Janet', 'Marcus', 'Debbie', 'Tom', 'Sheila', 'Carmen', 'Greg'];

/** What a rep's homework finds per industry: a priority objective, benefits and a reference client. */
export const industryResearch: Record<
  string,
  { objectives: string[]; benefits: string[]; reference: { name: string; result: string } }
> = {
  Transportation: {
    objectives: [
      'cutting empty miles on regional lanes',
      'getting dispatch off the phone',
      'on-time delivery above 98%',
    ],
    benefits: [
      'fewer empty miles',
      'dispatchers freed from phone tag',
      'live arrival times for customers',
      'fuel spend you can forecast',
    ],
    reference: { name: 'Granite State Carriers', result: 'cut empty miles by 14% in one quarter' },
  },
  Manufacturing: {
    objectives: [
      'more output from the main line',
      'cleaner new product runs',
      'a maintenance plan that prevents stops',
    ],
    benefits: ['shorter changeovers', 'less scrap', 'fewer unplanned stops', 'a clear view of line capacity'],
    reference: { name: 'Ridgeway Plastics', result: 'halve changeover time on two presses' },
  },
  Healthcare: {
    objectives: [
      'filling every appointment slot',
      'faster patient intake',
      'billing that gets paid the first time',
    ],
    benefits: [
      'fewer no-shows',
      'shorter waiting rooms',
      'claims paid on first submission',
      'front desk time back',
    ],
    reference: { name: 'Valley Family Clinics', result: 'cut no-shows by a third across six sites' },
  },
  'Food & Beverage': {
    objectives: [
      'selling short-dated stock before it spoils',
      'a cold chain that passes every audit',
      'faster new-product launches',
    ],
    benefits: [
      'less spoiled stock',
      'audits passed without a scramble',
      'shelf space won sooner',
      'steadier margins',
    ],
    reference: { name: 'Blue Mesa Provisions', result: 'reduce short-dated waste by 22%' },
  },
  Engineering: {
    objectives: [
      'billable hours that match the plan',
      'faster bids',
      'keeping senior engineers on design work',
    ],
    benefits: [
      'bids out in days, not weeks',
      'more billable hours',
      'senior time on design, not admin',
      'fewer change-order disputes',
    ],
    reference: {
      name: 'Castle & Price Engineers',
      result: 'turn bids around in four days instead of twelve',
    },
  },
  Wholesale: {
    objectives: [
      'keeping top sellers on the shelf',
      'faster order-to-cash',
      'a warehouse that ships the day the order lands',
    ],
    benefits: ['fewer stock-outs', 'cash in sooner', 'same-day shipping', 'less dead stock'],
    reference: { name: 'Heartland Distribution', result: 'drop stock-outs on their top 200 lines by 40%' },
  },
  Construction: {
    objectives: [
      'jobs that finish on schedule',
      'a clean safety record on every site',
      'tighter subcontractor billing',
    ],
    benefits: [
      'fewer schedule slips',
      'safer sites',
      'subcontractor invoices that match the work',
      'less rework',
    ],
    reference: { name: 'Stonegate Contractors', result: 'bring three late projects back on schedule' },
  },
  Software: {
    objectives: [
      'shorter release cycles',
      'a support desk that keeps up with growth',
      'a sales pipeline the board trusts',
    ],
    benefits: [
      'releases every week',
      'fewer support tickets',
      'a forecast within 5%',
      'happier on-call engineers',
    ],
    reference: { name: 'Brightline Apps', result: 'cut support tickets per customer by 30%' },
  },
};

/** Events a demo rep can invite to, days after the history ends. */
export const demoEvents = [
  {
    title: 'the Midwest Operations Breakfast',
    detail: 'a short talk on planning peak season, in Chicago',
    days: 10,
    place: { online: false, city: 'Chicago', region: 'IL', country: 'US' },
  },
  {
    title: 'our customer round table',
    detail: 'four operations leaders on what worked this year, online',
    days: 24,
    place: { online: true, city: null, region: null, country: null },
  },
];

/** People a demo rep can introduce, with who they are. */
export const demoContacts = [
  { title: 'Maria Lopez', detail: 'runs operations at Midland Foods and is looking for regional partners' },
  {
    title: 'Owen Park',
    detail: 'led a similar rollout at Keystone Health and is happy to share what he learned',
  },
];
