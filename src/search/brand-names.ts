/**
 * Brand names of drugs billed with J, Q and C codes and their established (generic) names, the
 * name CMS's descriptions use: "Keytruda" is billed as "Injection, pembrolizumab, 1 mg". The
 * established name is the one on the brand's FDA-approved label (21 CFR 201.50 requires it beside
 * the brand); CMS names the brand itself only for some biosimilars and newer products, and the
 * 2019 Table of Drugs, the latest this project holds, lacks many brands. Chosen: the drugs with
 * the largest Medicare Part B spending (CMS Part B Spending by Drug) and the injections and
 * infusions coders look up most, with their brands as sold. A test proves every brand leads to a
 * current code.
 */

export interface BrandName {
  /** The brand as people type it, lower case. */
  readonly brand: string;
  /** The established name as CMS's descriptions write it, lower case. */
  readonly generic: string;
}

/** brand -> established name, one line each. */
const TABLE = `
abilify maintena: aripiprazole
abraxane: paclitaxel protein-bound
actemra: tocilizumab
adriamycin: doxorubicin
alimta: pemetrexed
aloxi: palonosetron
ancef: cefazolin
aranesp: darbepoetin alfa
ativan: lorazepam
avastin: bevacizumab
benadryl: diphenhydramine
boniva: ibandronate
botox: onabotulinumtoxina
camptosar: irinotecan
cinqair: reslizumab
cytoxan: cyclophosphamide
darzalex: daratumumab
decadron: dexamethasone
demerol: meperidine
depo-medrol: methylprednisolone acetate
depo-provera: medroxyprogesterone
depo-testosterone: testosterone cypionate
dilaudid: hydromorphone
dysport: abobotulinumtoxina
eloxatin: oxaliplatin
emend: fosaprepitant
enbrel: etanercept
entyvio: vedolizumab
epogen: epoetin alfa
erbitux: cetuximab
eylea: aflibercept
faslodex: fulvestrant
fasenra: benralizumab
feraheme: ferumoxytol
fusilev: levoleucovorin
gammagard: immune globulin
gemzar: gemcitabine
haldol: haloperidol
herceptin: trastuzumab
humira: adalimumab
imfinzi: durvalumab
infed: iron dextran
injectafer: ferric carboxymaltose
invega sustenna: paliperidone palmitate
kadcyla: ado-trastuzumab emtansine
kenalog: triamcinolone acetonide
keytruda: pembrolizumab
krystexxa: pegloticase
kyprolis: carfilzomib
lasix: furosemide
lovenox: enoxaparin
lucentis: ranibizumab
lupron: leuprolide
narcan: naloxone
neulasta: pegfilgrastim
neupogen: filgrastim
nucala: mepolizumab
ocrevus: ocrelizumab
ofirmev: acetaminophen
opdivo: nivolumab
orencia: abatacept
paraplatin: carboplatin
pepcid: famotidine
perjeta: pertuzumab
phenergan: promethazine
platinol: cisplatin
privigen: immune globulin
procrit: epoetin alfa
prolia: denosumab
protonix: pantoprazole
reclast: zoledronic acid
reglan: metoclopramide
remicade: infliximab
rhogam: rho d immune globulin
risperdal consta: risperidone
rituxan: rituximab
rocephin: ceftriaxone
simponi aria: golimumab
soliris: eculizumab
solu-cortef: hydrocortisone sodium succinate
solu-medrol: methylprednisolone sodium succinate
stelara: ustekinumab
sublimaze: fentanyl
sublocade: buprenorphine
synagis: palivizumab
taxol: paclitaxel
taxotere: docetaxel
tecentriq: atezolizumab
toradol: ketorolac
tysabri: natalizumab
unasyn: ampicillin sodium/sulbactam
valium: diazepam
vancocin: vancomycin
vectibix: panitumumab
velcade: bortezomib
venofer: iron sucrose
versed: midazolam
vivitrol: naltrexone
xeomin: incobotulinumtoxin a
xgeva: denosumab
xolair: omalizumab
yervoy: ipilimumab
zithromax: azithromycin
zofran: ondansetron
zoladex: goserelin
zometa: zoledronic acid
zosyn: piperacillin
`;

export const BRAND_NAMES: readonly BrandName[] = TABLE.trim()
  .split('\n')
  .map((line) => {
    const [brand, generic] = line.split(': ') as [string, string];
    return { brand, generic };
  });
