/**
 * The DMEPOS fee schedule's columns and code lists, as data: CMS's "DMEREAD File for 2025
 * Durable Medical Equipment, Prosthetics, Orthotics & Supplies (DMEPOS) Fee Schedule Public Use
 * File (PUF)", Attachment A-1 "Record Layout DMEPOS Fee Schedule PUFs EXCEL and CSV FORMATS"
 * (columns 1-7, then a non-rural and a rural fee per state, then the description). The PEN
 * schedule (DMEPEN) has the same columns without JURIS, CATG, Ceiling and Floor. Labels are
 * CMS's words. This is the only place these facts live.
 */

/** Read-me column 4 "JURISDICTION". */
export const DMEPOS_JURISDICTIONS: Readonly<Record<string, string>> = {
  D: 'DMEMAC jurisdiction',
  L: 'Local Part B Carrier jurisdiction',
  J: 'Joint DMEMAC/Local Carrier jurisdiction',
};

/** Read-me column 5 "CATEGORY". */
export const DMEPOS_CATEGORIES: Readonly<Record<string, string>> = {
  IN: 'Inexpensive and Other Routinely Purchased Items',
  FS: 'Frequently Serviced Items',
  CR: 'Capped Rental Items',
  OX: 'Oxygen and Oxygen Equipment',
  OS: 'Ostomy, Tracheostomy & Urological Items',
  SD: 'Surgical Dressings',
  PO: 'Prosthetics & Orthotics',
  SU: 'Supplies',
  TE: 'Transcutaneous Electrical Nerve Stimulators',
  TS: 'Therapeutic Shoes',
  IL: 'Intraocular Lenses',
  SC: 'Splints and Casts',
  LC: 'Lymphedema Compression Treatment Items',
  LT: 'Labor Rates',
};

/** Read-me column 2 "1ST MODIFIER" (column 3 "2ND MODIFIER": "When 2 Modifiers Apply"). */
export const DMEPOS_MODIFIERS: Readonly<Record<string, string>> = {
  NU: 'Purchased, New',
  RR: 'Rented',
  UE: 'Purchased, Used',
  KM: 'Replacement of Facial Prosthesis including new impression/moulage',
  KN: 'Replacement of Facial Prosthesis using previous master mold',
  AU: 'Urological, ostomy or trach item',
  AV: 'Item with prosthetic/orthotic device',
  AW: 'Item with a surgical dressing Equipment',
  KE: 'Bid Under Round I of the DMEPOS Competitive Bid Program For Use With Non-Competitive Bid Base Equipment',
  KF: 'Class III device',
  KL: 'DMEPOS Item Delivered Via Mail',
  KC: 'Replacement of Special Power Wheelchair Interface',
  KU: 'DMEPOS Item Subject to DMEPOS Competitive Bidding Program Number 3',
  QB: 'Prescribed amounts of stationary oxygen for daytime use while at rest and nighttime use differ and the average of the two amounts exceeds 4 liters per minute (lpm) and portable oxygen is prescribed',
  QF: 'Prescribed amount of stationary oxygen while at rest exceeds 4 liters per minute (lpm) and portable oxygen is prescribed',
};

/**
 * Read-me columns 8 onward: a "NON-RURAL (NR)" and a "RURAL (R)" fee schedule amount per state,
 * in the file's column order. AK, HI, PR and VI are the "Non-continental areas (Not subject to
 * ceiling and floor)" of the file's banner.
 */
export const DMEPOS_STATES: Readonly<Record<string, string>> = {
  AL: 'Alabama',
  AR: 'Arkansas',
  AZ: 'Arizona',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DC: 'District of Columbia',
  DE: 'Delaware',
  FL: 'Florida',
  GA: 'Georgia',
  IA: 'Iowa',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  MA: 'Massachusetts',
  MD: 'Maryland',
  ME: 'Maine',
  MI: 'Michigan',
  MN: 'Minnesota',
  MO: 'Missouri',
  MS: 'Mississippi',
  MT: 'Montana',
  NC: 'North Carolina',
  ND: 'North Dakota',
  NE: 'Nebraska',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NV: 'Nevada',
  NY: 'New York',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VA: 'Virginia',
  VT: 'Vermont',
  WA: 'Washington',
  WI: 'Wisconsin',
  WV: 'West Virginia',
  WY: 'Wyoming',
  AK: 'Alaska',
  HI: 'Hawaii',
  PR: 'Puerto Rico',
  VI: 'Virgin Islands',
};

/** The header cells before the state columns (DMEPOS: 7, PEN: 3), compared case-insensitively. */
export const DMEPOS_LEADING_COLUMNS = ['HCPCS', 'Mod', 'Mod2', 'JURIS', 'CATG', 'Ceiling', 'Floor'] as const;
export const PEN_LEADING_COLUMNS = ['HCPCS', 'Mod', 'Mod2'] as const;

/** A state fee column heading: "AL (NR)" (DMEPOS) or "AL(NR)" (PEN). */
export const STATE_FEE_COLUMN = /^([A-Z]{2}) ?\((NR|R)\)$/;

/** The last column: "Description" (DMEPOS) or "Desc" (PEN). */
export const DESCRIPTION_COLUMN = /^desc(ription)?$/i;
