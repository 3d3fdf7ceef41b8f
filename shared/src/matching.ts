/**
 * Previous involvement: when a case is opened, find the children on earlier cases who may be the
 * same child. Names are compared after normalising (case, accents, hyphens and apostrophes), by a
 * phonetic key written for names heard in English (see `nameKey`), by known short forms (Tom /
 * Thomas) and by one-letter spelling slips (Damerau–Levenshtein distance 1); the date of birth is
 * the strongest signal. A match is only ever a prompt to check records, never a merge: reasons are
 * given in plain words so the practitioner can judge.
 */
import type { CaseStatus, Child, ChildInput } from './cases.ts';
import { formatUkDate } from './dates.ts';

/** Letters with no decomposition in Unicode (NFD leaves them whole): their plain Latin spelling. */
const UNDECOMPOSED_LETTERS: Record<string, string> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ı: 'i',
  ŀ: 'l',
  ħ: 'h',
};

/** Single-letter particles written apart or with an apostrophe: O'Neill, O Neill, D'Souza. */
const JOINED_PARTICLES = new Set(['o', 'd']);

/**
 * A name as compared: lower case, accents and diacritics removed (Zoë → zoe, Łukasz → lukasz),
 * apostrophes dropped (O'Neill → oneill), hyphens and other punctuation read as a space
 * (Smith-Jones → smith jones), whitespace collapsed, and a lone O or D joined to the word after it
 * (O Neill → oneill). Idempotent: normalising twice changes nothing.
 */
export function normaliseName(name: string): string {
  const plain = name
    .normalize('NFKD')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[øłđðþæœßıŀħ]/g, (ch) => UNDECOMPOSED_LETTERS[ch] ?? ch)
    .replace(/['’‘ʼ`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (plain === '') return '';
  const words = plain.split(' ');
  const joined: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    const next = words[i + 1];
    if (JOINED_PARTICLES.has(word) && next !== undefined) {
      words[i + 1] = word + next;
      continue;
    }
    joined.push(word);
  }
  return joined.join(' ');
}

/** The normalised name with its spaces removed: "Smith Jones", "Smith-Jones" and "SmithJones" agree. */
function compact(name: string): string {
  return normaliseName(name).replace(/ /g, '');
}

const VOWEL_LETTERS = 'aeiouy';
const isVowelLetter = (ch: string | undefined): boolean => ch !== undefined && VOWEL_LETTERS.includes(ch);

/** Vowel runs that are not read by their first letter when they open a name's first syllable. */
const FIRST_VOWEL_CLASS: Record<string, string> = {
  ai: 'a',
  ay: 'a',
  aye: 'a',
  ae: 'a',
  ee: 'i',
  ea: 'i',
  ie: 'i',
  ei: 'i',
  ey: 'i',
  au: 'o',
  aw: 'o',
  oi: 'o',
  oy: 'o',
  oo: 'u',
  ou: 'u',
  ue: 'u',
  ew: 'u',
  eu: 'u',
  ui: 'u',
  oa: 'w',
  ow: 'w',
  oe: 'w',
};

/** The sound of the vowel run that opens a name (before its last syllable). */
function firstVowelClass(run: string): string {
  const known = FIRST_VOWEL_CLASS[run];
  if (known) return known;
  const first = run[0]!;
  return first === 'y' ? 'i' : first;
}

/**
 * The sound a name ends on, when it ends on a vowel: Lee and Leigh end on "ee" (i), Leo on "o",
 * Ella on "a", Ellie on "ee". A lone final e after a consonant is silent (Browne, Jayne, Katherine).
 */
function finalVowelClass(run: string, onlyRun: boolean): string {
  if (run === 'e') return onlyRun ? 'e' : '';
  if (run === 'ay' || run === 'ai' || run === 'aye' || run === 'ae') return 'a';
  if (run === 'ow' || run === 'oa') return 'w';
  if (run === 'aw') return 'o';
  if (run === 'ew') return 'u';
  if (run === 'oe' || run === 'ee' || run === 'ie' || run === 'ye') return 'i';
  if (run === 'ue') return 'u';
  const last = run[run.length - 1]!;
  if (last === 'y' || last === 'i') return 'i';
  if (last === 'a' || last === 'o' || last === 'u') return last;
  return 'e';
}

/** Consonant letters as their sound code (upper case); the rewrites below add X (sh/ch) and others. */
const CONSONANT_CODE: Record<string, string> = {
  b: 'B',
  d: 'D',
  f: 'F',
  v: 'F',
  g: 'G',
  h: 'H',
  j: 'J',
  k: 'K',
  l: 'L',
  m: 'M',
  n: 'N',
  p: 'P',
  r: 'R',
  s: 'S',
  z: 'S',
  t: 'T',
  y: 'Y',
};

/**
 * The phonetic key of a name (the "MASH name key"), written for names heard and spelt in Britain.
 * A Metaphone-style consonant skeleton with two vowel anchors, so that spelling variants share a
 * key while short names that differ only by a vowel (Tom / Tim, Lee / Leo, John / Jane) do not:
 *
 * 1. Normalise (see `normaliseName`) and keep the letters a–z (a name in another script keeps
 *    its exact normalised form as its key).
 * 2. Prefixes: Muh- → Moh- (Arabic transliteration: Muhammad / Mohammed); Mac- → Mc- before a
 *    consonant (MacDonald / McDonald); silent first letters: Kn-, Gn-, Pn-, Wr-, Ps-; X- → S-.
 * 3. Doubled consonants are one (Phillip / Philip, Rebecca / Rebeca); doubled vowels are kept
 *    because they change the sound (Lee).
 * 4. Spellings of one sound: mps/mpt → ms/mt (Thompson / Thomson); gh before a vowel → g
 *    (Meghan / Megan), otherwise silent (Leigh / Lee, Wright); tch/ch/sh and Polish cz/sz → X
 *    (but ch before l or r → K: Chloe, Christopher); sch → SK; ph → F; th → T (Katherine /
 *    Kathryn, Smith / Smyth); dg → J; ck, q, hard c → K; soft c (before e, i, y) → S;
 *    soft g (before e, i, y) → J; x → KS; v → F (Stephen / Steven); z → S (Elizabeth / Elisabeth).
 * 5. h sounds only between vowels or at the start before a vowel (Mohammed keeps it; Sarah,
 *    John, Rebekah, Ahmed lose it). y is a consonant only at the start before a vowel (Yusuf),
 *    elsewhere a vowel (Smyth, Jayden, Ayesha). w before a vowel is a consonant, read as F between
 *    vowels (Nowak / Novak); after a vowel and before a consonant it is part of the vowel (Brown).
 * 6. The key is: the consonants before the first vowel; the class of the first vowel run (a, e,
 *    i, o, u or w for the "oh" sound of oa/ow: ai/ay → a, ee/ea/ie/ei/ey/y → i, oo/ou → u); every
 *    later consonant, with adjacent repeats merged and inner vowels dropped (Katherine / Kathryn);
 *    and, when the name ends on a vowel, the class of that last sound (a lone final e is silent).
 *    Consonants are upper case and vowel classes lower case, e.g. Mohammed → "MoHMD",
 *    Aisha / Ayesha → "aXa", Thompson → "ToMSN", Leigh / Lee → "Li", Leo → "Lo".
 *
 * Known limits: a vowel lengthened by a final e is not told from a short one (Jack / Jake share a
 * key), and Louis / Louise share one; the date of birth and the other name keep such pairs apart.
 */
export function nameKey(name: string): string {
  const whole = compact(name);
  let s = whole.replace(/[^a-z]/g, '');
  if (s === '' || s.length !== whole.length) return whole;

  // 2. Prefixes.
  s = s.replace(/^muh/, 'moh');
  if (s.length >= 5) s = s.replace(/^mac(?=[^aeiouy])/, 'mc');
  s = s
    .replace(/^(?:kn|gn|pn)/, 'n')
    .replace(/^wr/, 'r')
    .replace(/^ps/, 's')
    .replace(/^x/, 's');
  // 3. Doubled consonants.
  s = s.replace(/([b-df-hj-np-tv-xz])\1+/g, '$1');
  // 4. Spellings of one sound; upper case marks a decided sound code.
  s = s
    .replace(/mp(?=[st])/g, 'm')
    .replace(/^gh/, 'g')
    .replace(/gh(?=[aeiouy])/g, 'g')
    .replace(/gh/g, '')
    .replace(/tch/g, 'X')
    .replace(/sch/g, 'SK')
    .replace(/ch(?=[lr])/g, 'K')
    .replace(/ch|cz|sh|sz/g, 'X')
    .replace(/ph/g, 'F')
    .replace(/th/g, 'T')
    .replace(/dg/g, 'J')
    .replace(/ck/g, 'K')
    .replace(/c(?=[eiy])/g, 'S')
    .replace(/[cq]/g, 'K')
    .replace(/x/g, 'KS')
    .replace(/g(?=[eiy])/g, 'J');
  // 5. A silent h: after a consonant, or not before a vowel.
  s = s.replace(/h(?![aeiouy])/g, '').replace(/(?<=[^aeiouy])h/g, '');

  // Split into consonant codes and vowel runs.
  type Token = { vowel: false; code: string } | { vowel: true; run: string };
  const tokens: Token[] = [];
  const pushCode = (code: string) => {
    const last = tokens[tokens.length - 1];
    if (last && !last.vowel && last.code === code) return; // adjacent repeats merge
    tokens.push({ vowel: false, code });
  };
  const pushVowel = (ch: string) => {
    const last = tokens[tokens.length - 1];
    if (last?.vowel) last.run += ch;
    else tokens.push({ vowel: true, run: ch });
  };
  for (let i = 0; i < s.length; i += 1) {
    const ch = s[i]!;
    const prev = s[i - 1];
    const next = s[i + 1];
    if (ch === 'y') {
      if (i === 0 && isVowelLetter(next)) pushCode('Y');
      else pushVowel(ch);
    } else if (ch === 'w') {
      if (isVowelLetter(next)) pushCode(isVowelLetter(prev) ? 'F' : 'W');
      else if (isVowelLetter(prev)) pushVowel(ch);
      // otherwise silent
    } else if (isVowelLetter(ch)) {
      pushVowel(ch);
    } else if (ch >= 'A' && ch <= 'Z') {
      pushCode(ch);
    } else {
      pushCode(CONSONANT_CODE[ch] ?? ch.toUpperCase());
    }
  }

  // 6. Assemble: onset, first vowel class, later consonants, final vowel class.
  const firstVowel = tokens.findIndex((t) => t.vowel);
  const lastIndex = tokens.length - 1;
  let key = '';
  tokens.forEach((t, i) => {
    if (!t.vowel) {
      key += t.code;
    } else if (i === lastIndex) {
      key += finalVowelClass(t.run, i === firstVowel);
    } else if (i === firstVowel) {
      key += firstVowelClass(t.run);
    }
  });
  return key === '' ? whole : key;
}

/**
 * The edit distance between two strings (unrestricted Damerau–Levenshtein): the fewest single
 * letters inserted, deleted or replaced, or adjacent letters swapped, to turn one into the other.
 */
export function damerauLevenshtein(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  const n = s.length;
  const m = t.length;
  if (n === 0) return m;
  if (m === 0) return n;
  const infinity = n + m;
  // Row/column 0 of the table hold "infinity"; d[i + 1][j + 1] is the distance of s[0..i) and t[0..j).
  const d: number[][] = Array.from({ length: n + 2 }, () => new Array<number>(m + 2).fill(0));
  d[0]![0] = infinity;
  for (let i = 0; i <= n; i += 1) {
    d[i + 1]![0] = infinity;
    d[i + 1]![1] = i;
  }
  for (let j = 0; j <= m; j += 1) {
    d[0]![j + 1] = infinity;
    d[1]![j + 1] = j;
  }
  const lastRowOf = new Map<string, number>();
  for (let i = 1; i <= n; i += 1) {
    let lastMatchCol = 0;
    for (let j = 1; j <= m; j += 1) {
      const i1 = lastRowOf.get(t[j - 1]!) ?? 0;
      const j1 = lastMatchCol;
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      if (cost === 0) lastMatchCol = j;
      d[i + 1]![j + 1] = Math.min(
        d[i]![j]! + cost, // replace (or keep)
        d[i + 1]![j]! + 1, // insert
        d[i]![j + 1]! + 1, // delete
        d[i1]![j1]! + (i - i1 - 1) + 1 + (j - j1 - 1), // swap, with what lies between
      );
    }
    lastRowOf.set(s[i - 1]!, i);
  }
  return d[n + 1]![m + 1]!;
}

/** Shortest name (in letters) for which one slip counts as a spelling variant: Tom / Tim, John / Joan are names, not slips. */
const MIN_LETTERS_FOR_SLIP = 5;

/**
 * Two spellings one letter apart (a letter added, dropped, replaced, or two swapped), both at
 * least five letters long. A changed last vowel does not count: it often marks another name
 * (Maria / Mario, Daniela / Daniele).
 */
export function isSpellingSlip(a: string, b: string): boolean {
  return isSlip(compact(a), compact(b));
}

function isSlip(x: string, y: string): boolean {
  if (x === y || Math.min(x.length, y.length) < MIN_LETTERS_FOR_SLIP || Math.abs(x.length - y.length) > 1) return false;
  if (damerauLevenshtein(x, y) !== 1) return false;
  if (x.length === y.length && x.slice(0, -1) === y.slice(0, -1) && isVowelLetter(x.at(-1)) && isVowelLetter(y.at(-1))) return false;
  return true;
}

/**
 * Given names and the short forms they are commonly known by. A full form also stands for its
 * spellings that share its phonetic key (Catherine, Kathryn; Muhammad; Elisabeth); a short form
 * is matched as written (Kate, Katie, Katy), so Jake is not taken for Jack.
 */
export const SHORT_FORMS: readonly (readonly string[])[] = [
  ['alexander', 'alex', 'alec', 'xander', 'sandy'],
  ['alexandra', 'alex', 'alexa', 'lexi', 'sandra', 'sandy'],
  ['katherine', 'kate', 'katie', 'katy', 'katey', 'kat', 'cat', 'cath', 'cathy', 'kathy', 'kitty'],
  ['thomas', 'tom', 'tommy'],
  ['samuel', 'sam', 'sammy'],
  ['samantha', 'sam', 'sammy', 'sammie'],
  ['mohammed', 'mo', 'moe'],
  ['elizabeth', 'liz', 'lizzie', 'lizzy', 'beth', 'betty', 'bess', 'eliza', 'libby', 'elsie'],
  ['john', 'jack', 'johnny', 'jonny'],
  ['jonathan', 'jon', 'jonny', 'johnny'],
  ['henry', 'harry', 'hal'],
  ['william', 'bill', 'billy', 'will', 'willy', 'liam'],
  ['daniel', 'dan', 'danny'],
  ['danielle', 'dani'],
  ['robert', 'rob', 'robbie', 'bob', 'bobby', 'bert'],
  ['richard', 'rich', 'richie', 'rick', 'ricky', 'dick'],
  ['james', 'jim', 'jimmy', 'jamie'],
  ['joseph', 'joe', 'joey', 'jo'],
  ['josephine', 'jo', 'josie'],
  ['jacob', 'jake'],
  ['michael', 'mike', 'mikey', 'mick', 'micky', 'mickey'],
  ['christopher', 'chris', 'kit'],
  ['christina', 'christine', 'chris', 'chrissie', 'tina', 'kirsty'],
  ['nicholas', 'nick', 'nicky'],
  ['matthew', 'matt', 'matty'],
  ['benjamin', 'ben', 'benny', 'benji'],
  ['edward', 'ed', 'eddie', 'ted', 'teddy', 'ned'],
  ['theodore', 'theo', 'ted', 'teddy'],
  ['anthony', 'tony'],
  ['andrew', 'andy', 'drew'],
  ['charles', 'charlie', 'chas'],
  ['charlotte', 'charlie', 'lottie'],
  ['margaret', 'maggie', 'meg', 'peggy'],
  ['rebecca', 'becky', 'becca'],
  ['jessica', 'jess', 'jessie'],
  ['victoria', 'vicky', 'vicki', 'tori'],
  ['abigail', 'abi', 'abbie', 'abby'],
  ['olivia', 'liv', 'livvy'],
  ['oliver', 'ollie', 'olly'],
  ['isabella', 'isabel', 'isabelle', 'izzy', 'issy', 'bella'],
  ['joshua', 'josh'],
  ['zachary', 'zach', 'zack', 'zak', 'zac'],
  ['frederick', 'fred', 'freddie', 'freddy'],
  ['alfred', 'alfie', 'alf'],
  ['nathaniel', 'nathan', 'nate', 'nat'],
  ['patrick', 'pat', 'paddy'],
  ['patricia', 'pat', 'patsy', 'trish'],
  ['jennifer', 'jen', 'jenny'],
  ['stephen', 'steve', 'stevie'],
  ['susan', 'sue', 'susie', 'suzy'],
  ['deborah', 'debbie', 'deb'],
  ['eleanor', 'ellie', 'nell', 'nellie'],
  ['amelia', 'millie', 'milly'],
  ['sophia', 'sophie', 'soph'],
  ['timothy', 'tim', 'timmy'],
  ['david', 'dave', 'davey'],
  ['peter', 'pete'],
  ['kenneth', 'ken', 'kenny'],
  ['ronald', 'ron', 'ronnie'],
  ['gabriel', 'gabe'],
];

/** Group numbers by exact spelling, and by phonetic key for the full form (the first of each group). */
const shortFormIndex = (() => {
  const bySpelling = new Map<string, number[]>();
  const byKey = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, k: string, group: number) => {
    const list = map.get(k) ?? [];
    if (!list.includes(group)) list.push(group);
    map.set(k, list);
  };
  SHORT_FORMS.forEach((names, group) => {
    names.forEach((n) => add(bySpelling, n, group));
    add(byKey, nameKey(names[0]!), group);
  });
  return { bySpelling, byKey };
})();

/** A name's forms as compared, worked out once per spelling (a bounded memo: the functions stay pure). */
interface NameForms {
  normalised: string;
  compact: string;
  key: string;
  parts: string[];
  shortFormGroups?: Set<number>;
}

const NAME_FORMS_LIMIT = 10_000;
const nameFormsMemo = new Map<string, NameForms>();

function forms(name: string): NameForms {
  let found = nameFormsMemo.get(name);
  if (!found) {
    if (nameFormsMemo.size >= NAME_FORMS_LIMIT) nameFormsMemo.clear();
    const normalised = normaliseName(name);
    found = { normalised, compact: normalised.replace(/ /g, ''), key: nameKey(name), parts: normalised.split(' ') };
    nameFormsMemo.set(name, found);
  }
  return found;
}

function shortFormGroups(name: NameForms): Set<number> {
  if (!name.shortFormGroups) {
    const groups = new Set<number>(shortFormIndex.bySpelling.get(name.compact) ?? []);
    for (const g of shortFormIndex.byKey.get(name.key) ?? []) groups.add(g);
    name.shortFormGroups = groups;
  }
  return name.shortFormGroups;
}

function shareShortForm(a: NameForms, b: NameForms): boolean {
  const ga = shortFormGroups(a);
  for (const g of shortFormGroups(b)) if (ga.has(g)) return true;
  return false;
}

/** Whether one given name is a known short form of the other, or both of one full name (Tom / Thomas, Katie / Kate). */
export function isShortFormPair(a: string, b: string): boolean {
  return shareShortForm(forms(a), forms(b));
}

/** How two names compare, best first. */
export type NameAgreement = 'same' | 'sounds-same' | 'spelling' | 'short-form' | 'shares-part';

const NAME_WEIGHT: Record<NameAgreement, number> = {
  same: 1,
  'sounds-same': 0.85,
  spelling: 0.75,
  'short-form': 0.7,
  'shares-part': 0.5,
};

/**
 * How two names agree, or null: the same once normalised; the same phonetic key; one spelling
 * slip; (given names only) a known short form; or, for names of several parts (Smith-Jones,
 * Mary Jane), one part the same as the other name or one of its parts.
 */
export function compareNames(a: string, b: string, given: boolean): NameAgreement | null {
  const x = forms(a);
  const y = forms(b);
  if (x.compact === '' || y.compact === '') return null;
  if (x.compact === y.compact) return 'same';
  if (x.key === y.key) return 'sounds-same';
  if (isSlip(x.compact, y.compact)) return 'spelling';
  if (given && shareShortForm(x, y)) return 'short-form';
  if ((x.parts.length > 1 || y.parts.length > 1) && x.parts.some((p) => p.length > 1 && y.parts.includes(p))) return 'shares-part';
  return null;
}

/** Who a child is, as far as matching needs. */
export type ChildIdentity = Pick<ChildInput, 'firstName' | 'lastName' | 'dateOfBirth' | 'expectedDateOfBirth'>;

/** A possible earlier record of the same child: how sure, and why. */
export interface ChildMatch {
  /** 0 to 1: how alike the two records are; a strong match scores 0.9 or more, a possible one at most 0.75. */
  score: number;
  /** strong: same date of birth and both names agree; possible: worth checking. */
  strength: 'strong' | 'possible';
  /** Why, in plain words, strongest signal first. */
  reasons: string[];
  /** An identifier or the case reference is the same (a search): ranks before every other match. */
  exact?: boolean;
}

/** How far apart an unborn child's expected date may be from the other record's date. */
export const UNBORN_WINDOW_DAYS = 30;

/** First names that stand in for an unborn or unnamed baby: never compared. */
const PLACEHOLDER_FIRST_NAMES = new Set(['unborn', 'baby', 'unnamed', 'unknown', 'notknown', 'tbc', 'tba', 'na', 'babyof', 'unbornbaby']);

const dayNumber = (isoDate: string): number | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(ms) ? null : Math.round(ms / 86_400_000);
};

type DateAgreement = 'same' | 'day-month-swapped' | 'one-day' | 'different';

function compareBirthDates(a: string, b: string): DateAgreement {
  if (a === b) return 'same';
  const [ya, ma, da] = a.split('-');
  const [yb, mb, db] = b.split('-');
  if (ya === yb && ma === db && da === mb) return 'day-month-swapped';
  const x = dayNumber(a);
  const y = dayNumber(b);
  if (x !== null && y !== null && Math.abs(x - y) === 1) return 'one-day';
  return 'different';
}

const shown = (name: string) => name.trim().replace(/\s+/g, ' ');
/** A date no one can read the wrong way round: 14 March 2017. */
const ukDate = formatUkDate;
const pair = (a: string, b: string) => (shown(a) === shown(b) ? shown(a) : `${shown(a)} / ${shown(b)}`);

function nameReason(which: 'first name' | 'last name', agreement: NameAgreement, a: string, b: string): string {
  switch (agreement) {
    case 'same':
      return `${which} is the same (${pair(a, b)})`;
    case 'sounds-same':
      return `${which} sounds the same (${pair(a, b)})`;
    case 'spelling':
      return `${which} is spelt one letter differently (${pair(a, b)})`;
    case 'short-form':
      return `${which} is a short form (${pair(a, b)})`;
    case 'shares-part':
      return `${which} shares a part (${pair(a, b)})`;
  }
}

const round = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 100) / 100;
const matchedWell = (a: NameAgreement | null): a is Exclude<NameAgreement, 'shares-part'> => a !== null && a !== 'shares-part';

/**
 * Whether `known` (a child on an earlier case) may be the `candidate` (a child on a new case).
 * Symmetric: the order of the two makes no difference to the score or strength.
 *
 * - Same date of birth, last name alike (same, sounds the same, one slip) and first name alike
 *   (the same, or a short form) ⇒ strong.
 * - Same date of birth but a name agreeing only in part (Smith / Smith-Jones) ⇒ possible.
 * - Date of birth with day and month swapped, or one day apart (a typing slip), names alike ⇒ possible.
 * - No date of birth on one side, names alike ⇒ possible.
 * - First and last names swapped, dates as above ⇒ possible.
 * - Same date of birth and first name but another last name (names change: a step-parent's name,
 *   a new spelling) ⇒ possible, low score.
 * - An unborn child (expected date, no date of birth) matches only on the last name (the mother's,
 *   on her case) and a date within 30 days of the expected date ⇒ possible.
 * - Dates of birth further apart, or names that do not agree ⇒ null (twins, with one date of birth
 *   and one last name, differ by first name and stay apart).
 */
export function matchChild(candidate: ChildIdentity, known: ChildIdentity): ChildMatch | null {
  const unborn = (c: ChildIdentity) => !c.dateOfBirth && Boolean(c.expectedDateOfBirth);
  if (unborn(candidate) || unborn(known)) return matchUnborn(candidate, known);

  const first = compareNames(candidate.firstName, known.firstName, true);
  const last = compareNames(candidate.lastName, known.lastName, false);

  let dates: DateAgreement | 'not-known';
  let dateReason: string;
  if (candidate.dateOfBirth && known.dateOfBirth) {
    dates = compareBirthDates(candidate.dateOfBirth, known.dateOfBirth);
    const both = `${ukDate(candidate.dateOfBirth)} / ${ukDate(known.dateOfBirth)}`;
    dateReason =
      dates === 'same'
        ? `same date of birth (${ukDate(candidate.dateOfBirth)})`
        : dates === 'day-month-swapped'
          ? `date of birth differs by day and month swapped (${both})`
          : `date of birth is one day apart, possibly a typing slip (${both})`;
    if (dates === 'different') return null;
  } else {
    dates = 'not-known';
    dateReason = 'date of birth not recorded on one of the records';
  }

  // Straight: first with first, last with last.
  if (first && last) {
    const weight = NAME_WEIGHT[first] + NAME_WEIGHT[last];
    const reasons = [dateReason, nameReason('last name', last, candidate.lastName, known.lastName), nameReason('first name', first, candidate.firstName, known.firstName)];
    if (dates === 'same' && matchedWell(first) && matchedWell(last)) {
      return { score: round(0.7 + 0.15 * weight), strength: 'strong', reasons };
    }
    // Possible: at most 0.75, below every strong match (0.92 or more).
    const base = dates === 'not-known' ? 0.4 : 0.45;
    return { score: round(base + 0.15 * weight), strength: 'possible', reasons };
  }

  // Swapped: each record's first name is the other's last name.
  const firstAsLast = compareNames(candidate.firstName, known.lastName, false);
  const lastAsFirst = compareNames(candidate.lastName, known.firstName, false);
  if (matchedWell(firstAsLast) && matchedWell(lastAsFirst)) {
    const base = dates === 'same' ? 0.5 : dates === 'not-known' ? 0.3 : 0.35;
    return {
      score: round(base + 0.12 * (NAME_WEIGHT[firstAsLast] + NAME_WEIGHT[lastAsFirst])),
      strength: 'possible',
      reasons: [dateReason, `first and last names are swapped (${shown(candidate.firstName)} ${shown(candidate.lastName)} / ${shown(known.firstName)} ${shown(known.lastName)})`],
    };
  }

  // Names change; a date of birth and a first name do not.
  if (dates === 'same' && first && matchedWell(first) && !last) {
    return {
      score: round(0.35 + 0.1 * NAME_WEIGHT[first]),
      strength: 'possible',
      reasons: [dateReason, nameReason('first name', first, candidate.firstName, known.firstName), `last name differs (${pair(candidate.lastName, known.lastName)}): check whether it has changed`],
    };
  }
  return null;
}

/** An unborn child on either side: the last name and a date within the window decide. */
function matchUnborn(a: ChildIdentity, b: ChildIdentity): ChildMatch | null {
  const last = compareNames(a.lastName, b.lastName, false);
  if (!matchedWell(last)) return null;
  const dateA = a.dateOfBirth ?? a.expectedDateOfBirth;
  const dateB = b.dateOfBirth ?? b.expectedDateOfBirth;
  if (!dateA || !dateB) return null;
  const x = dayNumber(dateA);
  const y = dayNumber(dateB);
  if (x === null || y === null) return null;
  const apart = Math.abs(x - y);
  if (apart > UNBORN_WINDOW_DAYS) return null;
  const bothUnborn = !a.dateOfBirth && !b.dateOfBirth;
  const days = apart === 1 ? '1 day' : `${apart} days`;
  const reasons = [
    bothUnborn
      ? `unborn child on both records: expected dates ${apart === 0 ? 'the same' : `${days} apart`} (${pair(ukDate(dateA), ukDate(dateB))})`
      : `unborn child on one record: born ${apart === 0 ? 'on' : `${days} from`} the expected date (${pair(ukDate(dateA), ukDate(dateB))})`,
    nameReason('last name', last, a.lastName, b.lastName),
  ];
  let score = 0.35 + 0.15 * (1 - apart / UNBORN_WINDOW_DAYS) + 0.1 * NAME_WEIGHT[last];
  const isPlaceholder = (n: string) => PLACEHOLDER_FIRST_NAMES.has(forms(n).compact);
  if (!isPlaceholder(a.firstName) && !isPlaceholder(b.firstName)) {
    const first = compareNames(a.firstName, b.firstName, true);
    if (matchedWell(first)) {
      reasons.push(nameReason('first name', first, a.firstName, b.firstName));
      score += 0.05 * NAME_WEIGHT[first];
    }
  }
  return { score: round(Math.min(0.7, score)), strength: 'possible', reasons };
}

/** An earlier case, with the children on it, as the search for previous involvement reads it. */
export interface EarlierCase {
  caseId: string;
  reference: string;
  /** When the MASH received that contact. */
  receivedAt: string;
  status: CaseStatus;
  children: Child[];
  /** The people around the children on that case (with both names), matched like children: a mother may have been a child on an earlier case. */
  people?: Child[];
}

/** One child on an earlier case who may be the child on the new case. */
export interface InvolvementMatch {
  caseId: string;
  reference: string;
  receivedAt: string;
  status: CaseStatus;
  child: Child;
  match: ChildMatch;
}

/** The earlier records found for one child of the new case (by its place in the list). */
export interface PreviousInvolvement {
  childIndex: number;
  matches: InvolvementMatch[];
}

const instant = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
};

/**
 * The children on earlier cases that `score` matches: exact matches first, then strong, then by
 * score, then the most recent contact first (then case id and child id, so the order never
 * depends on the input's). Previous involvement and the search both rank through here.
 */
export function findMatches(earlier: readonly EarlierCase[], score: (child: Child, earlierCase: EarlierCase) => ChildMatch | null): InvolvementMatch[] {
  const matches: InvolvementMatch[] = [];
  for (const c of earlier) {
    for (const child of [...c.children, ...(c.people ?? [])]) {
      const match = score(child, c);
      if (match) matches.push({ caseId: c.caseId, reference: c.reference, receivedAt: c.receivedAt, status: c.status, child, match });
    }
  }
  return matches.sort(byRank);
}

/** The order matches are shown in: exact first, then strong, then by score, then the newest case. */
export function byRank(
  a: { caseId: string; receivedAt: string; child: { id: string }; match: ChildMatch },
  b: { caseId: string; receivedAt: string; child: { id: string }; match: ChildMatch },
): number {
  return (
    Number(b.match.exact === true) - Number(a.match.exact === true) ||
    Number(b.match.strength === 'strong') - Number(a.match.strength === 'strong') ||
    b.match.score - a.match.score ||
    instant(b.receivedAt) - instant(a.receivedAt) ||
    (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0) ||
    (a.child.id < b.child.id ? -1 : a.child.id > b.child.id ? 1 : 0)
  );
}

/**
 * For each child of a new case (one result per child, in their order, with an empty list when
 * nothing matches), the children on earlier cases who may be the same child, ranked as
 * `findMatches` ranks them.
 */
export function findPreviousInvolvement(children: readonly ChildIdentity[], earlier: readonly EarlierCase[]): PreviousInvolvement[] {
  return children.map((candidate, childIndex) => ({ childIndex, matches: findMatches(earlier, (child) => matchChild(candidate, child)) }));
}
