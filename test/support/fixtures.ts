const header =
  'external_id,first_name,last_name,title,company,company_domain,email,phone_direct,phone_main,region,country,stage,value,notes';
const zoe =
  'e1,Zoë,Åkesson,CFO,"Acme, Inc.",acme.com,zoe@acme.com,(212) 555-0142,212-555-0100,NY,US,new,"$20,000","Met at ""Expo""\r\nlikes golf"';
/** Every kind of mess a CRM export holds; the comments give each record's line in an editor. */
export const messyCsv = [
  `\ufeff${header}`, // 1
  zoe, // 2-3
  '', // 4
  'e2,José,Núñez,CEO,Acme,acme.com,jose@acme.com,555,,TX,US,,,', // 5: bad phone
  'e3,"=HYPERLINK(""http://evil"")",Doe,VP,Beta,beta.io,jd@beta.io,+1 312 555 0199,,IL,US,engaged,5k,', // 6: formula cell
  ',,,,,,,,,,,,,', // 7: empty record
  'e4,,,Owner,Gamma,,,+1 415 555 0123,,CA,US,weird,abc,', // 8: no name or email, bad stage, bad value
  zoe, // 9-10: duplicate
  ',Li,Wei,CTO,Delta,delta.cn,LI.WEI@delta.cn,,,,China,interested,1.5M,', // 11
  '',
].join('\r\n');
