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
