/**
 * How coders and patients say it, and the words CMS uses: a thesaurus kept as data. Each entry maps
 * what people type (`say`, one or a few words) to the words of CMS's descriptions it means
 * (`means`), with where the equivalence comes from:
 *   - `alpha-index`: a term of the CMS HCPCS Alpha-Numeric Index (the year's PDF, quoted) that
 *     leads to codes whose descriptions use the CMS words;
 *   - `cms-description`: a CMS description that gives both names ("... (cpap) device");
 *   - `coder`: an equivalence coders use every day that no CMS text spells out;
 *   - `established-name`: a drug's brand and the established (generic) name on its FDA label,
 *     which CMS's descriptions use (brand-names.ts).
 * Search counts a mapped word for less than a typed one (see rank.ts), so a record holding what
 * was typed still comes first. A test checks that every entry leads to a current code.
 */
import { BRAND_NAMES } from './brand-names.js';
import { words } from './text.js';

export type LayTermSource =
  | { readonly kind: 'alpha-index'; readonly year: number; readonly term: string }
  | { readonly kind: 'cms-description'; readonly code: string }
  | { readonly kind: 'coder'; readonly note: string }
  /** The established name on a brand's FDA label (brand-names.ts). */
  | { readonly kind: 'established-name'; readonly brand: string };

export interface LayTerm {
  /** What people type, lower case. */
  readonly say: string;
  /** The words of CMS's descriptions it means, lower case. */
  readonly means: string;
  readonly source: LayTermSource;
}

const coder = (note: string): LayTermSource => ({ kind: 'coder', note });
const index2019 = (term: string): LayTermSource => ({ kind: 'alpha-index', year: 2019, term });
const described = (code: string): LayTermSource => ({ kind: 'cms-description', code });

const SAID: readonly LayTerm[] = [
  // Orthotics and prosthetics: CMS says orthosis and prosthesis throughout L codes.
  { say: 'brace', means: 'orthosis', source: described('L3224') },
  {
    say: 'orthotic',
    means: 'orthosis',
    source: coder('orthotic (device) is the common name of an orthosis'),
  },
  {
    say: 'orthotics',
    means: 'orthosis',
    source: coder('orthotic (device) is the common name of an orthosis'),
  },
  { say: 'insole', means: 'foot insert', source: coder('a removable insole is a foot insert (L3000-L3031)') },
  { say: 'neck', means: 'cervical', source: coder('neck brace / collar: cervical orthoses L0120-L0200') },
  {
    say: 'back',
    means: 'lumbar',
    source: coder('back brace: lumbar and lumbar-sacral orthoses L0625-L0651'),
  },
  { say: 'artificial', means: 'prosthetic', source: described('V2623') },
  {
    say: 'artificial limb',
    means: 'prosthesis',
    source: coder('artificial limb: the L5000-L7499 prostheses'),
  },
  // Hearing aids: CMS gives the abbreviations beside the words.
  { say: 'bte', means: 'behind the ear', source: described('V5247') },
  { say: 'ite', means: 'in the ear', source: described('V5246') },
  { say: 'itc', means: 'in the canal', source: described('V5243') },
  { say: 'cic', means: 'completely in the ear canal', source: described('V5242') },
  // Respiratory equipment.
  {
    say: 'cpap',
    means: 'continuous positive airway pressure',
    source: index2019('CPAP (continuous positive airway pressure) device'),
  },
  {
    say: 'bipap',
    means: 'bi-level',
    source: coder('BiPAP is a bi-level respiratory assist device, E0470-E0471'),
  },
  {
    say: 'bpap',
    means: 'bi-level',
    source: coder('BPAP is a bi-level respiratory assist device, E0470-E0471'),
  },
  {
    say: 'sleep apnea machine',
    means: 'continuous positive airway pressure',
    source: coder('the sleep apnea machine of patients is a CPAP device, E0601'),
  },
  { say: 'o2', means: 'oxygen', source: coder('O2 is the chemical symbol coders write for oxygen') },
  { say: 'pulse ox', means: 'oximeter', source: coder('pulse ox: pulse oximeter, E0445') },
  { say: 'suction machine', means: 'suction pump', source: described('E0600') },
  {
    say: 'breathing treatment',
    means: 'nebulizer',
    source: coder('a breathing treatment at home is given by a nebulizer'),
  },
  // Diabetes.
  { say: 'glucometer', means: 'glucose monitor', source: index2019('Blood glucose monitor') },
  { say: 'glucose meter', means: 'glucose monitor', source: index2019('Blood glucose monitor') },
  { say: 'sugar', means: 'glucose', source: coder('blood sugar is blood glucose') },
  {
    say: 'cgm',
    means: 'continuous glucose monitor',
    source: index2019('Continuous glucose monitoring system receiver'),
  },
  // Vaccines and shots.
  { say: 'flu', means: 'influenza', source: index2019('Vaccination, administration influenza virus') },
  {
    say: 'flu shot',
    means: 'influenza vaccine',
    source: index2019('Vaccination, administration influenza virus'),
  },
  { say: 'pneumonia shot', means: 'pneumococcal vaccine', source: described('G0009') },
  { say: 'pneumonia vaccine', means: 'pneumococcal vaccine', source: described('G0009') },
  { say: 'hep b', means: 'hepatitis b', source: described('G0010') },
  { say: 'shot', means: 'injection', source: coder('a shot is an injection (J codes: "Injection, ...")') },
  {
    say: 'shot',
    means: 'vaccine',
    source: coder('a shot is also a vaccine given ("flu shot", "hep b shot")'),
  },
  { say: 'vaccination', means: 'vaccine', source: index2019('Vaccination, administration influenza virus') },
  // Routes, as CMS's modifiers and descriptions word them.
  { say: 'iv', means: 'intravenous', source: described('JA') },
  { say: 'subq', means: 'subcutaneous', source: described('JB') },
  { say: 'sq', means: 'subcutaneous', source: described('JB') },
  { say: 'im', means: 'intramuscular', source: coder('IM: intramuscular route') },
  // Brand names the 2019 Table of Drugs does not list.
  // Mobility and the home.
  {
    say: 'mobility scooter',
    means: 'power operated vehicle',
    source: coder('a mobility scooter is a power operated vehicle, K0800-K0899'),
  },
  {
    say: 'oxygen tank',
    means: 'gaseous oxygen system',
    source: coder('an oxygen tank is a compressed gaseous oxygen system, E0424, E0431'),
  },
  {
    say: 'scooter',
    means: 'power operated vehicle',
    source: coder('a mobility scooter is a power operated vehicle, K0800-K0899'),
  },
  {
    say: 'power chair',
    means: 'power wheelchair',
    source: coder('power chair: power wheelchair, K0813-K0898'),
  },
  { say: 'hoyer', means: 'patient lift', source: index2019('Hydraulic patient lift') },
  { say: 'lift chair', means: 'seat lift', source: index2019('Seat lift (patient)') },
  {
    say: 'rollator',
    means: 'wheeled walker seat',
    source: coder('a rollator is a wheeled walker with a seat (E0144, E0150)'),
  },
  { say: 'bedpan', means: 'bed pan', source: described('E0275') },
  { say: 'bedside toilet', means: 'commode', source: index2019('Commode') },
  { say: 'heating pad', means: 'heat pad', source: described('E0210') },
  {
    say: 'air mattress',
    means: 'air pressure mattress',
    source: coder('air mattress: powered or nonpowered air pressure mattresses, E0184-E0186, E0277'),
  },
  {
    say: 'wound vac',
    means: 'negative pressure wound therapy',
    source: index2019('Negative pressure wound therapy pump'),
  },
  {
    say: 'support hose',
    means: 'compression stocking',
    source: coder('support hose are gradient compression stockings'),
  },
  { say: 'ace bandage', means: 'elastic bandage', source: coder('an Ace bandage is an elastic bandage') },
  {
    say: 'diaper',
    means: 'incontinence',
    source: coder('adult diapers are incontinence products, T4521-T4543'),
  },
  {
    say: 'diapers',
    means: 'incontinence',
    source: coder('adult diapers are incontinence products, T4521-T4543'),
  },
  { say: 'feeding tube', means: 'gastrostomy tube', source: described('B4087') },
  {
    say: 'tube feeding',
    means: 'enteral formula',
    source: coder('tube feeding: enteral formulae, B4149-B4162'),
  },
  { say: 'tens', means: 'transcutaneous electrical nerve stimulation', source: described('E0720') },
  { say: 'blood pressure cuff', means: 'sphygmomanometer', source: described('A4660') },
  { say: 'bp', means: 'blood pressure', source: coder('BP: blood pressure') },
  // Vision.
  { say: 'glasses', means: 'lens', source: coder('glasses: spectacle lenses and frames, V2020-V2799') },
  { say: 'eyeglasses', means: 'lens', source: coder('eyeglasses: spectacle lenses and frames, V2020-V2799') },
  { say: 'contacts', means: 'contact lens', source: coder('contacts: contact lenses, V2500-V2599') },
  // Visits and screenings.
  { say: 'pap', means: 'papanicolaou', source: described('P3000') },
  { say: 'pap smear', means: 'papanicolaou smear', source: described('P3000') },
  { say: 'ekg', means: 'electrocardiogram', source: described('G0403') },
  { say: 'ecg', means: 'electrocardiogram', source: described('G0403') },
  {
    say: 'welcome to medicare',
    means: 'initial preventive physical examination',
    source: coder('the "Welcome to Medicare" visit is the initial preventive physical examination, G0402'),
  },
  {
    say: 'smoking',
    means: 'tobacco',
    source: coder('smoking cessation is tobacco cessation (CMS: tobacco use)'),
  },
  { say: 'mammo', means: 'mammogram', source: described('GH') },
  {
    say: 'ambulance ride',
    means: 'ambulance transport',
    source: coder('an ambulance ride is ambulance transport, A0425-A0436'),
  },
  {
    say: 'ride',
    means: 'transport',
    source: coder('a ride (ambulance, wheelchair van) is a transport: A0130, A0425-A0436'),
  },
  // Everyday words for the Latin and Greek ones CMS's descriptions use.
  {
    say: 'through the skin',
    means: 'transcutaneous',
    source: coder(
      'transcutaneous is Latin for through the skin: E0720 transcutaneous electrical nerve stimulation',
    ),
  },
  {
    say: 'under the skin',
    means: 'subcutaneous',
    source: coder('subcutaneous is Latin for under the skin: J1815 insulin, J0897 denosumab'),
  },
  {
    say: 'stool',
    means: 'fecal',
    source: coder('stool is feces: G0328 fecal occult blood test is the stool test for blood'),
  },
  {
    say: 'nose',
    means: 'nasal',
    source: coder('nasal means of the nose: A4615 cannula, nasal; A7034 nasal interface'),
  },
  { say: 'mouth', means: 'oral', source: coder('oral means by or of the mouth: J8540 dexamethasone, oral') },
  {
    say: 'kidney',
    means: 'renal',
    source: coder('renal means of the kidney: ESRD is end stage renal disease'),
  },
  {
    say: 'heart',
    means: 'cardiac',
    source: coder('cardiac means of the heart: G0422 intensive cardiac rehabilitation'),
  },
  {
    say: 'lung',
    means: 'pulmonary',
    source: coder('pulmonary means of the lung: G0424 pulmonary rehabilitation'),
  },
  {
    say: 'yearly',
    means: 'annual',
    source: coder('CMS writes annual for yearly: G0438 annual wellness visit, G0444'),
  },
  {
    say: 'annual physical',
    means: 'annual wellness visit',
    source: coder('the Medicare "annual physical" is the annual wellness visit, G0438-G0439'),
  },
  {
    say: 'colon cancer',
    means: 'colorectal cancer',
    source: coder('colon cancer screening is colorectal cancer screening: G0104-G0121, G0328'),
  },
  { say: 'hep c', means: 'hepatitis c', source: described('G0472') },
  {
    say: 'pneumonia',
    means: 'pneumococcal',
    source: coder('the pneumonia vaccine is the pneumococcal vaccine: G0009, 90732'),
  },
  { say: 'collar', means: 'cervical', source: index2019('Collar, cervical nonadjust (foam)') },
  {
    say: 'knee scooter',
    means: 'crutch substitute',
    source: coder(
      'a knee scooter or knee walker is E0118 crutch substitute, lower leg platform, with wheels',
    ),
  },
  {
    say: 'knee walker',
    means: 'crutch substitute',
    source: coder(
      'a knee scooter or knee walker is E0118 crutch substitute, lower leg platform, with wheels',
    ),
  },
  {
    say: 'potty chair',
    means: 'commode chair',
    source: coder('a potty chair is a commode chair, E0163-E0171'),
  },
  {
    say: 'birth control',
    means: 'contraceptive',
    source: coder('birth control is contraception: J7296-J7301 contraceptive systems, J1050'),
  },
  {
    say: 'iud',
    means: 'intrauterine',
    source: coder('IUD: intrauterine device, J7296-J7301 (intrauterine contraceptive system)'),
  },
  {
    say: 'chemo',
    means: 'chemotherapy',
    source: coder('chemo is short for chemotherapy: Q0083-Q0085, J8999-J9999'),
  },
  {
    say: 'blood draw',
    means: 'venipuncture',
    source: coder('a blood draw is a venipuncture: G0471 collection of venous blood'),
  },
  { say: 'ostomy bag', means: 'ostomy pouch', source: index2019('Ostomy pouches') },
  {
    say: 'enteral feeding',
    means: 'enteral nutrition',
    source: coder('enteral feeding is enteral nutrition: B9002 enteral nutrition infusion pump'),
  },
  {
    say: 'carry',
    means: 'portable',
    source: coder('portable is what can be carried: E1392 portable oxygen concentrator'),
  },
];

/** The entries people say, then every brand name as its established name. */
export const LAY_TERMS: readonly LayTerm[] = [
  ...SAID,
  ...BRAND_NAMES.map(
    (b): LayTerm => ({
      say: b.brand,
      means: b.generic,
      source: { kind: 'established-name', brand: b.brand },
    }),
  ),
];

/** The thesaurus as look-up: said phrase -> what it means, longest phrases first. */
export interface LayThesaurus {
  readonly bySaying: ReadonlyMap<string, readonly string[]>;
  /** The most words of any `say`. */
  readonly longest: number;
}

/**
 * Look-up of a list of entries (every entry with the same `say` kept).
 * @example thesaurus([{ say: 'brace', means: 'orthosis', source }]).bySaying.get('brace') // ['orthosis']
 */
export function thesaurus(entries: readonly LayTerm[] = LAY_TERMS): LayThesaurus {
  const bySaying = new Map<string, string[]>();
  let longest = 1;
  for (const e of entries) {
    // As a query's words are: "depo-medrol" is looked up as "depo medrol".
    const said = words(e.say);
    const key = said.join(' ');
    if (!bySaying.get(key)?.includes(e.means)) bySaying.set(key, [...(bySaying.get(key) ?? []), e.means]);
    longest = Math.max(longest, said.length);
  }
  return { bySaying, longest };
}
