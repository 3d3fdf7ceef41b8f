/**
 * Fonts for PDFs: a name or a child's words may be in any script (Polish, Romanian, Arabic, Urdu,
 * Bengali, Chinese …), so text is cut into runs by script and each run is set in a Noto font that
 * has its letters (Debian's fonts-noto-core and fonts-noto-cjk; `.ci/run` installs them). Right-to-left
 * runs (Arabic, Urdu, Hebrew …) are shaped right to left by pdfkit's fontkit (joining forms and
 * ligatures) and drawn in visual order, as every PDF reader expects; a ligature's letters are
 * mapped back in that order too (`textInVisualOrder`), so copying the text, or pdftotext, gives
 * the words exactly as recorded.
 */
import { existsSync, readFileSync } from 'node:fs';

export type FontWeight = 'regular' | 'bold' | 'italic' | 'bold-italic';

interface Face {
  file: string;
  /** A face inside a font collection (.ttc). */
  postscriptName?: string;
}

interface ScriptFont {
  /** Name used for pdfkit's font registry. */
  name: string;
  regular: Face;
  bold: Face;
  italic?: Face;
  boldItalic?: Face;
  rightToLeft: boolean;
}

const NOTO_TTF = '/usr/share/fonts/truetype/noto';
const NOTO_CJK = '/usr/share/fonts/opentype/noto';

const noto = (family: string, rightToLeft = false): ScriptFont => ({
  name: family,
  regular: { file: `${NOTO_TTF}/${family}-Regular.ttf` },
  bold: { file: `${NOTO_TTF}/${family}-Bold.ttf` },
  rightToLeft,
});

/** Latin, Greek, Cyrillic, digits and punctuation: the base font of every document. */
const BASE: ScriptFont = {
  ...noto('NotoSans'),
  italic: { file: `${NOTO_TTF}/NotoSans-Italic.ttf` },
  boldItalic: { file: `${NOTO_TTF}/NotoSans-BoldItalic.ttf` },
};

const CJK: ScriptFont = {
  name: 'NotoSansCJK',
  regular: { file: `${NOTO_CJK}/NotoSansCJK-Regular.ttc`, postscriptName: 'NotoSansCJKsc-Regular' },
  bold: { file: `${NOTO_CJK}/NotoSansCJK-Bold.ttc`, postscriptName: 'NotoSansCJKsc-Bold' },
  rightToLeft: false,
};

/** Each script's font. Arabic script (Arabic, Urdu, Persian, Pashto) is set in Naskh, the book hand. */
const SCRIPT_FONTS: [RegExp, ScriptFont][] = [
  [/[\p{Script=Arabic}\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/u, noto('NotoSansArabic', true)],
  [/\p{Script=Hebrew}/u, noto('NotoSansHebrew', true)],
  [/\p{Script=Thaana}/u, noto('NotoSansThaana', true)],
  [/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]/u, CJK],
  [/\p{Script=Bengali}/u, noto('NotoSansBengali')],
  [/\p{Script=Devanagari}/u, noto('NotoSansDevanagari')],
  [/\p{Script=Gurmukhi}/u, noto('NotoSansGurmukhi')],
  [/\p{Script=Gujarati}/u, noto('NotoSansGujarati')],
  [/\p{Script=Tamil}/u, noto('NotoSansTamil')],
  [/\p{Script=Telugu}/u, noto('NotoSansTelugu')],
  [/\p{Script=Kannada}/u, noto('NotoSansKannada')],
  [/\p{Script=Malayalam}/u, noto('NotoSansMalayalam')],
  [/\p{Script=Sinhala}/u, noto('NotoSansSinhala')],
  [/\p{Script=Ethiopic}/u, noto('NotoSansEthiopic')],
  [/\p{Script=Thai}/u, noto('NotoSansThai')],
  [/\p{Script=Lao}/u, noto('NotoSansLao')],
  [/\p{Script=Khmer}/u, noto('NotoSansKhmer')],
  [/\p{Script=Myanmar}/u, noto('NotoSansMyanmar')],
  [/\p{Script=Georgian}/u, noto('NotoSansGeorgian')],
  [/\p{Script=Armenian}/u, noto('NotoSansArmenian')],
];

/** Characters that belong to no script (spaces, punctuation, digits, combining marks): they take the font around them. */
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;

function scriptFont(ch: string): ScriptFont | null {
  for (const [pattern, font] of SCRIPT_FONTS) if (pattern.test(ch)) return font;
  return NEUTRAL.test(ch) ? null : BASE;
}

/** A stretch of text set in one font. `shown` is what is drawn (digits kept left to right inside right-to-left text); `text` is the words as recorded. */
export interface TextRun {
  text: string;
  shown: string;
  font: string;
  rightToLeft: boolean;
}

const faceOf = (font: ScriptFont, weight: FontWeight): Face =>
  weight === 'bold-italic' ? (font.boldItalic ?? font.bold) : weight === 'italic' ? (font.italic ?? font.regular) : weight === 'bold' ? font.bold : font.regular;

const registryName = (font: ScriptFont, weight: FontWeight) => `${font.name}:${weight}`;

/**
 * Cut text into runs by script. A neutral character joins the run before it when the next
 * letter is in the same script (so "عمران خان" is one right-to-left run, and "王小明。" one run),
 * and otherwise the base font (so the brackets in "محمد (Mohammed)" read left to right).
 */
export function textRuns(text: string, weight: FontWeight = 'regular'): TextRun[] {
  const chars = [...text];
  const fonts = chars.map(scriptFont);
  const resolved: ScriptFont[] = [];
  for (let i = 0; i < chars.length; i++) {
    const own = fonts[i];
    if (own) {
      resolved.push(own);
      continue;
    }
    const before = resolved[i - 1];
    // A combining mark (an Arabic vowel sign, an accent) and a zero-width joiner stay with their letter.
    if (before && /[\p{M}\u200c\u200d]/u.test(chars[i]!)) {
      resolved.push(before);
      continue;
    }
    let next: ScriptFont | null | undefined;
    for (let j = i + 1; j < chars.length && !next; j++) next = fonts[j];
    resolved.push(before && (next === before || (!next && !before.rightToLeft)) ? before : next && !before && !next.rightToLeft ? next : BASE);
  }
  const runs: TextRun[] = [];
  chars.forEach((ch, i) => {
    const font = resolved[i]!;
    const name = registryName(font, weight);
    const last = runs[runs.length - 1];
    if (last && last.font === name) last.text += ch;
    else runs.push({ text: ch, shown: '', font: name, rightToLeft: font.rightToLeft });
  });
  // fontkit draws a right-to-left run's glyphs in reverse; a number inside it must still read left to right.
  for (const run of runs) run.shown = run.rightToLeft ? run.text.replace(/[0-9][0-9.,:/-]*[0-9]|[0-9]/g, (n) => [...n].reverse().join('')) : run.text;
  return runs;
}

/** Is the text wholly in right-to-left scripts, e.g. a child's words in Urdu? */
export function readsRightToLeft(text: string): boolean {
  let strong = 0;
  for (const ch of text) {
    const font = scriptFont(ch);
    if (!font) continue;
    if (!font.rightToLeft) return false;
    strong++;
  }
  return strong > 0;
}

const fontFiles = new Map<string, Buffer>();

function fontFile(file: string): Buffer {
  let data = fontFiles.get(file);
  if (!data) {
    if (!existsSync(file)) throw new Error(`The font ${file} is missing: install Debian's fonts-noto-core and fonts-noto-cjk (apt-get install fonts-noto-core fonts-noto-cjk)`);
    data = readFileSync(file);
    fontFiles.set(file, data);
  }
  return data;
}

const FONTS_BY_NAME = new Map<string, [ScriptFont, FontWeight]>(
  [BASE, ...SCRIPT_FONTS.map(([, f]) => f)].flatMap((f) => (['regular', 'bold', 'italic', 'bold-italic'] as const).map((w) => [registryName(f, w), [f, w]] as [string, [ScriptFont, FontWeight]])),
);

/** pdfkit's embedded font: the glyphs it encodes and the letters each maps back to (its ToUnicode map). */
interface EmbeddedFont {
  encode(text: string, features?: unknown): unknown;
  unicode: number[][];
}

/**
 * Text extraction reads a right-to-left line glyph by glyph from the left and reverses it; a
 * ligature (lam-alef, the word Allah) stands for several letters, which must then be listed in
 * visual order too, or they come back reversed inside the word.
 */
function textInVisualOrder(font: EmbeddedFont): void {
  const encode = font.encode.bind(font);
  const done = new Set<number>();
  font.encode = (text, features) => {
    const encoded = encode(text, features);
    font.unicode.forEach((letters, glyph) => {
      if (letters && letters.length > 1 && !done.has(glyph)) {
        font.unicode[glyph] = [...letters].reverse();
        done.add(glyph);
      }
    });
    return encoded;
  };
}

const registered = new WeakMap<PDFKit.PDFDocument, Set<string>>();

/** Switch the document to a run's font, embedding it (only the glyphs used) the first time. */
export function useRunFont(doc: PDFKit.PDFDocument, name: string): void {
  let names = registered.get(doc);
  if (!names) registered.set(doc, (names = new Set()));
  if (!names.has(name)) {
    const [font, weight] = FONTS_BY_NAME.get(name)!;
    const face = faceOf(font, weight);
    doc.registerFont(name, fontFile(face.file), face.postscriptName);
    names.add(name);
    doc.font(name);
    if (font.rightToLeft) textInVisualOrder((doc as unknown as { _font: EmbeddedFont })._font);
    return;
  }
  doc.font(name);
}

/** Every font file a document may need, for a check at start. */
export function missingFontFiles(): string[] {
  const files = new Set([BASE, ...SCRIPT_FONTS.map(([, f]) => f)].flatMap((f) => [f.regular, f.bold, f.italic, f.boldItalic].filter((x): x is Face => !!x).map((x) => x.file)));
  return [...files].filter((f) => !existsSync(f));
}
